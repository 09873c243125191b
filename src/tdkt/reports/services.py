"""What a report is about, checked: the viewer's scope, the unit asked for, the year."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from tdkt.accounts.scope import awards_for, scope_path, units_for
from tdkt.organisations.models import Unit
from tdkt.reports.queries import Selection, YearFigures, year_figures

if TYPE_CHECKING:
    from tdkt.accounts.models import User

FIRST_YEAR = 1945
LAST_YEAR = 2100


class ReportError(Exception):
    """A report cannot be made as asked; the message says why, for the user."""


def outside_scope_message() -> str:
    return _("This unit is outside the units you are responsible for.")


def no_data_message(year: int) -> str:
    return _("No award data for the year %(year)s yet.") % {"year": year}


def parse_year(raw: str | int | None) -> int:
    """A year typed by the user, or ReportError."""
    text = str(raw).strip() if raw is not None else ""
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise ReportError(
            _("The year must be a number between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return int(text)


def selection_for(user: User, unit_id: str | int | None = None) -> Selection:
    """The user's selection: a unit of their scope (default: their own unit, or everything for
    a user who sees everything). The same message for a unit outside the scope and for one that
    does not exist, so a typed id tells nothing."""
    prefix = scope_path(user)
    if prefix is None:
        raise ReportError(outside_scope_message())
    restrict = None if prefix == "" else awards_for(user)
    if unit_id in (None, ""):
        if prefix == "":
            return Selection(unit=None)
        return Selection(unit=Unit.objects.get(pk=user.unit_id or 0), restrict=restrict)
    text = str(unit_id).strip()
    if not text.isdigit():
        raise ReportError(outside_scope_message())
    unit = units_for(user).filter(pk=int(text)).first()
    if unit is None:
        raise ReportError(outside_scope_message())
    return Selection(unit=unit, restrict=restrict)


def selection_for_code(code: str | None) -> Selection:
    """For the command line (the whole register is visible): a unit by its code."""
    if not code:
        return Selection(unit=None)
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise ReportError(f"Không có đơn vị mã {code!r}.")
    return Selection(unit=unit)


def year_report(selection: Selection, year: int) -> YearFigures:
    """The year's figures, or ReportError when the register holds nothing for that year."""
    figures = year_figures(selection, year)
    if figures.is_empty:
        raise ReportError(no_data_message(year))
    return figures


def document_unit(selection: Selection) -> Unit:
    """The body a Word report is issued by: the selected unit, or the one top unit of the tree
    when the whole register is reported."""
    if selection.unit is not None:
        return selection.unit
    roots = list(Unit.objects.filter(parent__isnull=True, valid_to__isnull=True)[:2])
    if len(roots) != 1:
        raise ReportError(_("Choose the unit whose report this is."))
    return roots[0]
