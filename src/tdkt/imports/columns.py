"""The columns of each kind of import file.

Headers are fixed Vietnamese, like the columns of an official form: the template writes them
and the reader finds them (any case, with or without diacritics, with or without a "(*)"
marker, or under a common other name), whatever language the interface is shown in. What
the instructions say about each column is translated.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tdkt.imports import parsing
from tdkt.imports.models import ImportKind
from tdkt.imports.vocab import (
    AWARD_STATUSES,
    CATEGORIES,
    CONTRIBUTION_KINDS,
    DISCIPLINE_LEVELS,
    GENDERS,
    GRADES,
    LEAVE_KINDS,
    SCOPES,
    YES_NO,
    Vocabulary,
    key,
)

_PARENTHESES = re.compile(r"\([^)]*\)|\*")


def header_key(value: object) -> str:
    """What a header cell is compared by: no "(*)" or other remark in brackets, folded."""
    return key(_PARENTHESES.sub(" ", str(value)))


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    parse: parsing.Parser
    help: Promise
    required: bool = False
    aliases: tuple[str, ...] = ()
    example: Any = None
    vocabulary: Vocabulary | None = None
    max_length: int | None = None
    width: int = 16

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(header_key(name) for name in (self.header, *self.aliases))

    @property
    def template_header(self) -> str:
        return f"{self.header} (*)" if self.required else self.header

    def convert(self, raw: Any) -> Any:
        value = self.parse(raw)
        if self.max_length is not None and isinstance(value, str) and len(value) > self.max_length:
            raise parsing.CellError(
                gettext("At most %(limit)s characters are allowed.") % {"limit": self.max_length}
            )
        return value


@dataclass(frozen=True)
class KindSpec:
    kind: str
    sheet_name: str
    title: Promise
    columns: tuple[Column, ...]
    notes: tuple[Promise, ...] = ()
    _by_key: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {column.key: column for column in self.columns})

    def column(self, name: str) -> Column:
        return self._by_key[name]

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.required)

    def match_header(self, cell: object) -> Column | None:
        wanted = header_key(cell)
        if not wanted:
            return None
        for column in self.columns:
            if wanted in column.keys:
                return column
        return None


def _text(max_length: int) -> dict[str, Any]:
    return {"parse": parsing.text, "max_length": max_length}


def _choice(vocabulary: Vocabulary) -> dict[str, Any]:
    return {"parse": parsing.choice(vocabulary), "vocabulary": vocabulary}


_CITIZEN_ID = Column(
    "citizen_id",
    "Số CCCD",
    parsing.citizen_id,
    _("12-digit citizen ID number. Format the column as Text so leading zeros are kept."),
    aliases=("CCCD", "Số căn cước", "Số căn cước công dân", "Số định danh", "Số định danh cá nhân"),
    example="048185001234",
    width=16,
)
_FULL_NAME = Column(
    "full_name",
    "Họ và tên",
    help=_("Full name, family name first, with diacritics."),
    aliases=("Họ tên", "Họ và tên người được khen"),
    example="Nguyễn Thị Ánh Tuyết",
    width=26,
    **_text(150),
)
_BIRTH_DATE = Column(
    "birth_date",
    "Ngày sinh",
    parsing.date,
    _("Date of birth, dd/mm/yyyy."),
    aliases=("Ngày tháng năm sinh",),
    example=dt.date(1985, 3, 14),
    width=12,
)
_FIND_PERSON = _(
    "The person is found by the citizen ID, or else by full name and date of birth; "
    "the person must already be stored (import the people first)."
)

PEOPLE = KindSpec(
    ImportKind.PEOPLE,
    "Cán bộ",
    _("LIST OF PEOPLE AND THEIR SERVICE"),
    (
        Column(
            "full_name",
            "Họ và tên",
            help=_("Full name, family name first, with diacritics."),
            required=True,
            aliases=("Họ tên",),
            example="Nguyễn Thị Ánh Tuyết",
            width=26,
            **_text(150),
        ),
        Column(
            "gender",
            "Giới tính",
            help=_("Nam or Nữ."),
            required=True,
            example="Nữ",
            width=10,
            **_choice(GENDERS),
        ),
        Column(
            "birth_date",
            "Ngày sinh",
            parsing.date,
            _("Date of birth, dd/mm/yyyy."),
            required=True,
            aliases=("Ngày tháng năm sinh",),
            example=dt.date(1985, 3, 14),
            width=12,
        ),
        _CITIZEN_ID,
        Column(
            "recruited_on",
            "Ngày tuyển dụng",
            parsing.date,
            _("Start of service, from which months of service are counted."),
            aliases=("Ngày vào cơ quan",),
            example=dt.date(2008, 9, 1),
            width=14,
        ),
        Column(
            "unit",
            "Đơn vị",
            help=_("Code or full name of the unit (see the DANHMUC sheet)."),
            required=True,
            aliases=("Đơn vị công tác", "Mã đơn vị", "Tên đơn vị"),
            example="phuong-hai-chau",
            width=24,
            **_text(255),
        ),
        Column(
            "position",
            "Chức vụ",
            help=_("Position or job title in that unit."),
            aliases=("Chức vụ, chức danh", "Chức danh"),
            example="Chuyên viên",
            width=18,
            **_text(150),
        ),
        Column(
            "category",
            "Đối tượng",
            help=_("Cán bộ, Công chức, Viên chức, Người lao động, Nông dân or Khác."),
            required=True,
            example="Công chức",
            width=16,
            **_choice(CATEGORIES),
        ),
        Column(
            "is_frontline",
            "Lao động trực tiếp",
            help=_("Có for a direct (frontline) worker; empty means Không."),
            example="Không",
            width=12,
            parse=parsing.yes_no,
            vocabulary=YES_NO,
        ),
        Column(
            "is_leader",
            "Giữ chức vụ lãnh đạo",
            help=_("Có if the position is a leading post; empty means Không."),
            aliases=("Lãnh đạo",),
            example="Không",
            width=12,
            parse=parsing.yes_no,
            vocabulary=YES_NO,
        ),
        Column(
            "start_on",
            "Từ ngày",
            parsing.date,
            _("First day in this unit and position; empty means the recruitment date."),
            aliases=("Ngày bắt đầu",),
            example=dt.date(2019, 1, 1),
            width=12,
        ),
        Column(
            "end_on",
            "Đến ngày",
            parsing.date,
            _("Last day; empty while the person still works there."),
            aliases=("Ngày kết thúc",),
            width=12,
        ),
    ),
    notes=(
        _(
            "A person already stored with the same citizen ID is updated and the service is "
            "added to them; a row with the same name and date of birth but no matching citizen "
            "ID is refused as a possible duplicate."
        ),
        _("Several rows for the same person add several service periods."),
    ),
)

YEAR_RECORDS = KindSpec(
    ImportKind.YEAR_RECORDS,
    "Kết quả hằng năm",
    _("YEARLY RESULTS OF PEOPLE"),
    (
        _CITIZEN_ID,
        _FULL_NAME,
        _BIRTH_DATE,
        Column(
            "year",
            "Năm",
            parsing.year,
            _("The year the result is for."),
            required=True,
            aliases=("Năm đánh giá", "Năm xếp loại"),
            example=2024,
            width=8,
        ),
        Column(
            "grade",
            "Xếp loại",
            help=_("Performance grade of the year (see the DANHMUC sheet)."),
            required=True,
            aliases=("Xếp loại chất lượng", "Mức độ hoàn thành nhiệm vụ", "Kết quả xếp loại"),
            example="Hoàn thành tốt nhiệm vụ",
            width=26,
            **_choice(GRADES),
        ),
        Column(
            "leave_kind",
            "Loại nghỉ",
            help=_("Kind of leave in the year, if any."),
            example="Nghỉ thai sản",
            width=18,
            **_choice(LEAVE_KINDS),
        ),
        Column(
            "leave_days",
            "Số ngày nghỉ",
            parsing.leave_days,
            _("Days of leave in the year (0 to 366)."),
            example=120,
            width=10,
        ),
        Column(
            "discipline",
            "Hình thức kỷ luật",
            help=_("Disciplinary action counted for the year, if any."),
            aliases=("Kỷ luật",),
            width=16,
            **_choice(DISCIPLINE_LEVELS),
        ),
        Column(
            "discipline_date",
            "Ngày quyết định kỷ luật",
            parsing.date,
            _("Date of the disciplinary decision; required with a disciplinary action."),
            aliases=("Ngày kỷ luật",),
            width=14,
        ),
        Column(
            "contribution_title",
            "Tên sáng kiến, đề tài",
            help=_("Title of a recognised initiative or accepted research project, if any."),
            aliases=("Sáng kiến, đề tài", "Tên sáng kiến", "Sáng kiến"),
            example="Số hoá hồ sơ thi đua của phường",
            width=30,
            **_text(300),
        ),
        Column(
            "contribution_kind",
            "Loại sáng kiến, đề tài",
            help=_("Sáng kiến or Đề tài khoa học; empty means Sáng kiến."),
            aliases=("Loại sáng kiến",),
            example="Sáng kiến",
            width=14,
            **_choice(CONTRIBUTION_KINDS),
        ),
        Column(
            "contribution_scope",
            "Phạm vi ảnh hưởng",
            help=_("Scope of the initiative: Cơ sở, Cấp tỉnh or Toàn quốc."),
            aliases=("Phạm vi",),
            example="Cơ sở",
            width=12,
            **_choice(SCOPES),
        ),
        Column(
            "note",
            "Ghi chú",
            help=_("Any remark."),
            width=20,
            **_text(255),
        ),
    ),
    notes=(
        _FIND_PERSON,
        _("A result already stored for the same person and year is replaced."),
    ),
)

AWARDS = KindSpec(
    ImportKind.AWARDS,
    "Khen thưởng",
    _("AWARDS ALREADY GRANTED"),
    (
        _CITIZEN_ID,
        _FULL_NAME,
        _BIRTH_DATE,
        Column(
            "unit",
            "Đơn vị",
            help=_(
                "For a collective award: the unit awarded. For a person: the unit they worked "
                "in at the time (optional). Code or full name."
            ),
            aliases=("Tập thể", "Tên tập thể", "Đơn vị được khen", "Mã đơn vị", "Tên đơn vị"),
            example="phuong-hai-chau",
            width=24,
            **_text(255),
        ),
        Column(
            "award",
            "Danh hiệu, hình thức khen thưởng",
            parsing.award,
            _("Code or Vietnamese name of the title or award (see the DANHMUC sheet)."),
            required=True,
            aliases=("Hình thức khen thưởng", "Danh hiệu", "Danh hiệu thi đua", "Khen thưởng"),
            example="Chiến sĩ thi đua cơ sở",
            width=30,
        ),
        Column(
            "year",
            "Năm",
            parsing.year,
            _("Year of the achievement."),
            required=True,
            aliases=("Năm thành tích",),
            example=2023,
            width=8,
        ),
        Column(
            "decision_number",
            "Số quyết định",
            help=_("Number and symbol of the decision, e.g. 123/QĐ-UBND."),
            required=True,
            aliases=("Số QĐ", "Số, ký hiệu quyết định", "Số hiệu quyết định"),
            example="123/QĐ-UBND",
            width=16,
            **_text(60),
        ),
        Column(
            "decision_date",
            "Ngày quyết định",
            parsing.date,
            _("Date the decision was signed."),
            required=True,
            aliases=("Ngày QĐ", "Ngày ký quyết định"),
            example=dt.date(2024, 1, 15),
            width=12,
        ),
        Column(
            "issuer",
            "Cơ quan ban hành",
            help=_("Who issued the decision."),
            required=True,
            aliases=("Cấp khen", "Cơ quan quyết định", "Cấp quyết định"),
            example="UBND quận Hải Châu",
            width=22,
            **_text(200),
        ),
        Column(
            "register_number",
            "Số vào sổ",
            parsing.positive_number,
            _("Number in the award register book, if any."),
            aliases=("Số sổ",),
            width=10,
        ),
        Column(
            "achievement",
            "Thành tích",
            help=_("Short description of the achievement."),
            aliases=("Thành tích đạt được",),
            width=24,
            **_text(500),
        ),
        Column(
            "status",
            "Trạng thái",
            help=_("Đã khen, or Đã thu hồi for a revoked award; empty means Đã khen."),
            example="Đã khen",
            width=12,
            **_choice(AWARD_STATUSES),
        ),
        Column(
            "revoked_by_number",
            "Số quyết định thu hồi",
            help=_("For a revoked award: number of the revoking decision."),
            aliases=("Số QĐ thu hồi",),
            width=16,
            **_text(60),
        ),
        Column(
            "revoked_on",
            "Ngày thu hồi",
            parsing.date,
            _("For a revoked award: date of the revoking decision."),
            aliases=("Ngày quyết định thu hồi",),
            width=12,
        ),
        Column(
            "revocation_reason",
            "Lý do thu hồi",
            help=_("For a revoked award: the reason."),
            width=20,
            **_text(300),
        ),
    ),
    notes=(
        _(
            "For a person give the citizen ID, or the full name and date of birth; for a "
            "collective leave them empty and give the unit."
        ),
        _(
            "An award already in the register (same recipient, award, year and decision number) "
            "is updated."
        ),
    ),
)

SPECS: dict[str, KindSpec] = {spec.kind: spec for spec in (PEOPLE, YEAR_RECORDS, AWARDS)}
