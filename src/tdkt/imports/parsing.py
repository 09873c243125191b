"""Turning one spreadsheet cell into a value, or a Vietnamese reason why it cannot be one.

Cells come from calamine (str, float, int, bool, date, datetime) or from CSV (str). Every parser
takes a non-empty cell and returns the value or raises `CellError`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from tdkt.awards.catalogue import AwardKind
from tdkt.common import clock
from tdkt.common.formatting import short_date
from tdkt.common.text import clean_text
from tdkt.imports.vocab import YES_NO, Vocabulary, lookup_award

FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
FIRST_YEAR = 1945  # the oldest awards in a register date from the resistance years
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serial numbers of 1954-09-01 .. 2119-01-01: a date cell that lost its date format. A year typed
# as a number (1980) is far below this and is refused rather than read as a day in 1905.
_SERIAL_RANGE = (20000, 80000)

_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME_SUFFIX = re.compile(r"[ T]00:00(:00(\.0+)?)?$")
_DIGITS = re.compile(r"\d+")
_ID_SEPARATORS = re.compile(r"[\s.\-]")


class CellError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


Parser = Callable[[Any], Any]


def is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def clean(value: str) -> str:
    """clean_text(value), without the work when the text is clean already (most cells are):
    printable (no control character, no white space but the plain space), no doubled, leading
    or trailing space, and NFC."""
    if (
        value.isprintable()
        and "  " not in value
        and value[:1] != " "
        and value[-1:] != " "
        and (value.isascii() or unicodedata.is_normalized("NFC", value))
    ):
        return value
    return clean_text(value)


def text(raw: Any) -> str:
    if raw.__class__ is str:
        return clean(raw)
    if isinstance(raw, str):
        return clean_text(raw)
    if isinstance(raw, bool):
        return "1" if raw else "0"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return short_date(raw.date())
    if isinstance(raw, dt.date):
        return short_date(raw)
    return clean_text(str(raw))


def date(raw: Any) -> dt.date:
    """Real Excel dates, dd/mm/yyyy, d/m/yyyy, yyyy-mm-dd (and dd-mm-yyyy, dd.mm.yyyy)."""
    if isinstance(raw, dt.datetime):
        value = raw.date()
    elif isinstance(raw, dt.date):
        value = raw
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        if not (float(raw).is_integer() and _SERIAL_RANGE[0] <= raw <= _SERIAL_RANGE[1]):
            raise CellError(
                _('"%(value)s" is not a date in the form dd/mm/yyyy.') % {"value": text(raw)}
            )
        value = _EXCEL_EPOCH + dt.timedelta(days=int(raw))
    else:
        typed = _TIME_SUFFIX.sub("", text(raw))
        if match := _DMY.fullmatch(typed):
            day, month, year = (int(part) for part in match.groups())
        elif match := _YMD.fullmatch(typed):
            year, month, day = (int(part) for part in match.groups())
        else:
            raise CellError(
                _('"%(value)s" is not a date in the form dd/mm/yyyy.') % {"value": typed}
            )
        try:
            value = dt.date(year, month, day)
        except ValueError as exc:
            raise CellError(_('"%(value)s" is not a real date.') % {"value": typed}) from exc
    if not FIRST_DAY <= value <= LAST_DAY:
        raise CellError(
            _("The date %(value)s is outside the accepted range (%(low)s – %(high)s).")
            % {"value": short_date(value), "low": short_date(FIRST_DAY), "high": "31/12/2100"}
        )
    return value


def _whole_number(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else None
    typed = text(raw)
    return int(typed) if _DIGITS.fullmatch(typed) else None


def year(raw: Any) -> int:
    value = _whole_number(raw)
    high = clock.today().year
    if value is None or not FIRST_YEAR <= value <= high:
        raise CellError(
            _("The year must be a whole number between %(low)s and %(high)s.")
            % {"low": FIRST_YEAR, "high": high}
        )
    return value


def leave_days(raw: Any) -> int:
    value = _whole_number(raw)
    if value is None or not 0 <= value <= 366:
        raise CellError(_("The number of days must be a whole number from 0 to 366."))
    return value


def positive_number(raw: Any) -> int:
    value = _whole_number(raw)
    if value is None or value <= 0:
        raise CellError(_("This must be a positive whole number."))
    return value


def citizen_id(raw: Any) -> str:
    """12 digits. A number cell lost its leading zeros (province codes 001-096 start with 0)."""
    if raw.__class__ is str and len(raw) == 12 and raw.isascii() and raw.isdigit():
        return raw  # the usual cell: 12 digits typed as text
    if isinstance(raw, int | float) and not isinstance(raw, bool) and float(raw).is_integer():
        digits = str(int(raw))
        if len(digits) in (10, 11):
            digits = digits.zfill(12)
    else:
        digits = _ID_SEPARATORS.sub("", text(raw))
    if len(digits) != 12 or not digits.isdigit():
        raise CellError(_("The citizen ID must have exactly 12 digits."))
    return digits


def choice(vocabulary: Vocabulary) -> Parser:
    def parse(raw: Any) -> str:
        code = vocabulary.lookup(text(raw))
        if code is None:
            raise CellError(
                _('"%(value)s" is not in the list. Allowed: %(allowed)s.')
                % {"value": text(raw), "allowed": ", ".join(vocabulary.labels)}
            )
        return code

    return parse


def yes_no(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    code = YES_NO.lookup(text(raw))
    if code is None:
        raise CellError(
            _('"%(value)s" is not yes or no; write Có or Không.') % {"value": text(raw)}
        )
    return code == "1"


def award(raw: Any) -> AwardKind:
    kind = lookup_award(text(raw))
    if kind is None:
        raise CellError(_('Unknown title or award "%(value)s".') % {"value": text(raw)})
    return kind
