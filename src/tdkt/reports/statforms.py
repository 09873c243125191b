"""The Ministry of Home Affairs' statistical forms on emulation and commendation work
(biểu mẫu 0601.N–0605.N/BNV-TĐKT, Thông tư 2/2023/TT-BNV), filled from the data tdkt holds.

The period is 1 December of the previous year to 30 November of the reporting year; an award
belongs to the period of its decision date. A cell tdkt cannot know is left empty (None) and a
note on the form says what is missing: the forms never show an invented figure.

Rows and columns follow legal-rules.yaml `statistical_forms` (status P: taken from software
templates that cite TT 2/2023). The Vietnamese labels are the forms' own wording.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

from tdkt.awards.catalogue import COLLECTIVE, INDIVIDUAL
from tdkt.awards.enums import AwardMethod
from tdkt.organisations.enums import UnitKind
from tdkt.reports.queries import AwardFilter, Selection, facts

CIRCULAR = "Thông tư số 2/2023/TT-BNV ngày 23/3/2023"
RECEIVER = "Bộ Nội vụ"
RECEIPT = "Ngày 15 tháng 12 năm báo cáo"
FORM_CODES = ("0601", "0602", "0603", "0604", "0605")

Fact = dict[str, Any]
Predicate = Callable[[Fact], bool]


def period(year: int) -> tuple[dt.date, dt.date]:
    """The statistical year: 1 December of the year before to 30 November (TT 2/2023)."""
    return dt.date(year - 1, 12, 1), dt.date(year, 11, 30)


@dataclass(frozen=True)
class Column:
    label: str  # header text
    group: str = ""  # the header above it, for columns that share one
    code: str | None = None  # the award counted; None with `total` for the total column
    kind: str | None = None  # individual / collective / None for both
    total: bool = False
    known: bool = True  # False: tdkt holds no such award; the column stays empty


@dataclass(frozen=True)
class Row:
    code: str  # the row's code on the form ("1", "02"); "" for a heading line
    label: str
    unit: str = ""  # đơn vị tính
    test: Predicate | None = None  # which facts the row counts; None: a heading or unknown
    known: bool = True  # False: tdkt does not record this; the row stays empty
    bold: bool = False

    @property
    def is_heading(self) -> bool:
        return not self.code


@dataclass
class FilledForm:
    code: str  # "0602"
    number: str  # "0602.N/BNV-TĐKT"
    title: str
    year: int
    start: dt.date
    end: dt.date
    reporter: str
    columns: list[Column]
    rows: list[Row]
    values: list[list[int | None]]  # one list per row, one value per column; None: left empty
    notes: list[str] = field(default_factory=list)
    available: bool = True  # False: tdkt holds none of the data this form needs

    @property
    def sheet_name(self) -> str:
        return f"Biểu {self.code}"

    @property
    def lines(self) -> list[tuple[Row, list[int | None]]]:
        return list(zip(self.rows, self.values, strict=True))


# -- who an individual is, as the forms count people ------------------------------------------

_DEPARTMENT_KINDS = {UnitKind.DEPARTMENT, UnitKind.COMMITTEE_OFFICE, UnitKind.PUBLIC_SERVICE}


def leader_level(fact: Fact) -> str | None:
    """Rows 10–13 (0602) / 06–09 (0603) for a leader, from the kind of their unit: tdkt records
    that a post is a leading one, not its rank, so the rank is read off the unit
    (docs/reports.md)."""
    if fact["kind"] != INDIVIDUAL or not fact["leader"]:
        return None
    if fact["unit_kind"] == UnitKind.PROVINCE:
        return "province"
    if fact["unit_kind"] in _DEPARTMENT_KINDS and fact["parent_kind"] == UnitKind.PROVINCE:
        return "department"
    if fact["unit_kind"] == UnitKind.ENTERPRISE:
        return "entrepreneur"
    return "other"


def _is(kind: str) -> Predicate:
    return lambda f: f["kind"] == kind


def _level(level: str) -> Predicate:
    return lambda f: leader_level(f) == level


def _method(method: str) -> Predicate:
    return lambda f: f["method"] == method


def _all(_fact: Fact) -> bool:
    return True


def _enterprise(f: Fact) -> bool:
    return f["kind"] == COLLECTIVE and f["unit_kind"] == UnitKind.ENTERPRISE


def _frontline(f: Fact) -> bool:
    return f["kind"] == INDIVIDUAL and bool(f["frontline"]) and not f["leader"]


def _award_rows(*, two_digits: bool, heading_proposer: bool) -> list[Row]:
    """The rows shared by 0602 and 0603, numbered from `first` (households and after)."""

    def number(n: int) -> str:
        return f"{n:02d}" if two_digits else str(n)

    rows = [Row(number(1), "Tổng số", test=_all, bold=True)]
    n = 2
    if heading_proposer:
        rows += [
            Row(
                "",
                "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng",
                bold=True,
            ),
            Row("2", "- Bộ, ban, ngành, đoàn thể Trung ương", "Bộ, ngành", known=False),
            Row("3", "- Tỉnh, thành phố trực thuộc Trung ương", "Tỉnh, TP", known=False),
            Row("", "2. Chia theo đối tượng khen thưởng", bold=True),
        ]
        n = 6
    else:
        rows.append(Row("", "1. Chia theo đối tượng khen thưởng", bold=True))
    people = [
        ("- Tập thể", "Tập thể", _is(COLLECTIVE), True),
        ("Trong đó: Doanh nghiệp", "Doanh nghiệp", _enterprise, True),
        ("- Hộ gia đình", "Hộ", None, False),
        ("- Cá nhân", "Người", _is(INDIVIDUAL), True),
        ("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", "Người", _level("province"), True),
        ("+ Lãnh đạo cấp vụ, sở, ngành và tương đương", "Người", _level("department"), True),
        ("+ Doanh nhân", "Người", _level("entrepreneur"), True),
        ("+ Các cấp lãnh đạo khác từ phó phòng trở lên", "Người", _level("other"), True),
        (
            "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu"
            " (công nhân, nông dân,...)",
            "Người",
            _frontline,
            True,
        ),
    ]
    for label, unit, test, known in people:
        rows.append(Row(number(n), label, unit, test=test, known=known))
        n += 1
    rows.append(
        Row("", f"{3 if heading_proposer else 2}. Chia theo phương thức khen thưởng", bold=True)
    )
    methods = [
        ("- Thường xuyên", AwardMethod.REGULAR),
        ("- Chuyên đề", AwardMethod.THEMATIC),
        ("- Đột xuất", AwardMethod.AD_HOC),
        ("- Đối ngoại", AwardMethod.FOREIGN),
        ("- Cống hiến", AwardMethod.DEDICATION),
        ("- Niên hạn", AwardMethod.SENIORITY),
        ("- Kháng chiến", AwardMethod.RESISTANCE),
    ]
    for label, method in methods:
        rows.append(Row(number(n), label, test=_method(method)))
        n += 1
    return rows


STATE_COLUMNS = [
    Column("Tổng số", total=True),
    Column("Tập thể", "Huân chương Lao động hạng Ba", "huan_chuong_lao_dong_3", COLLECTIVE),
    Column("Cá nhân", "Huân chương Lao động hạng Ba", "huan_chuong_lao_dong_3", INDIVIDUAL),
    Column("Giải thưởng Hồ Chí Minh", known=False),
    Column("Giải thưởng Nhà nước", known=False),
    Column("Danh hiệu vinh dự Nhà nước", known=False),
    Column("Cờ thi đua của Chính phủ", "", "co_thi_dua_chinh_phu", COLLECTIVE),
    Column("Tập thể", "Bằng khen của Thủ tướng Chính phủ", "bang_khen_thu_tuong", COLLECTIVE),
    Column("Cá nhân", "Bằng khen của Thủ tướng Chính phủ", "bang_khen_thu_tuong", INDIVIDUAL),
    Column("Chiến sĩ thi đua toàn quốc", "", "cstd_toan_quoc", INDIVIDUAL),
    Column("Các hình thức khen thưởng khác", known=False),
]
PROVINCE_COLUMNS = [
    Column("Tổng số", total=True),
    Column("Bằng khen", "", "bang_khen_tinh"),
    Column("Chiến sĩ thi đua cấp bộ, cấp tỉnh", "", "cstd_cap_tinh", INDIVIDUAL),
    Column(
        "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
        "",
        "co_thi_dua_tinh",
        COLLECTIVE,
    ),
    Column(
        "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố"
        " trực thuộc Trung ương",
        "",
        "ky_niem_chuong_tinh",
    ),
]

NOTE_PROPOSER = (
    "Dòng 2–3 (đơn vị trình Thủ tướng Chính phủ): tdkt chưa ghi cơ quan trình khen thưởng nên"
    " để trống."
)
NOTE_HOUSEHOLD = (
    "Dòng hộ gia đình: sổ khen thưởng của tdkt chưa ghi khen thưởng hộ gia đình nên để trống."
)
NOTE_LEADERS = (
    "Cấp lãnh đạo: tdkt ghi người giữ chức vụ lãnh đạo, chưa ghi cấp của chức vụ; cấp được suy"
    " từ loại đơn vị công tác khi được khen (UBND tỉnh: cấp tỉnh; sở, cơ quan, đơn vị trực thuộc"
    " tỉnh: cấp sở; doanh nghiệp: doanh nhân; đơn vị khác: lãnh đạo khác)."
)
NOTE_FRONTLINE = (
    "Người trực tiếp lao động: người được ghi là lao động trực tiếp và không giữ chức vụ lãnh đạo"
    " trong quá trình công tác tại ngày quyết định khen thưởng."
)


def _cell(facts_: list[Fact], row: Row, column: Column, codes: set[str]) -> int | None:
    if row.is_heading:
        return None
    if not row.known or not column.known or row.test is None:
        return None
    total = 0
    for fact in facts_:
        if column.total:
            if fact["code"] not in codes:
                continue
        elif fact["code"] != column.code or (column.kind and fact["kind"] != column.kind):
            continue
        if row.test(fact):
            total += fact["n"]
    return total


def _award_form(
    selection: Selection, year: int, code: str, title: str, columns: list[Column], *, state: bool
) -> FilledForm:
    start, end = period(year)
    codes = {c.code for c in columns if c.code}
    found = facts(
        selection,
        AwardFilter(decided=(start, end), codes=tuple(sorted(codes))),
        ("code", "kind", "unit_kind", "parent_kind", "leader", "frontline", "method"),
    )
    rows = _award_rows(two_digits=not state, heading_proposer=state)
    values = [[_cell(found, row, column, codes) for column in columns] for row in rows]
    notes = [NOTE_HOUSEHOLD, NOTE_LEADERS, NOTE_FRONTLINE]
    if state:
        notes.insert(0, NOTE_PROPOSER)
        notes.append(
            "Giải thưởng Hồ Chí Minh, Giải thưởng Nhà nước, danh hiệu vinh dự Nhà nước và các hình"
            " thức khác: danh mục khen thưởng của tdkt chưa có nên các cột này để trống."
        )
    else:
        notes.append(
            "Cột Bằng khen tính cả tập thể và cá nhân. Danh hiệu Tập thể lao động xuất sắc không có"
            " cột riêng trong biểu nên không tính."
        )
    return FilledForm(
        code=code,
        number=f"{code}.N/BNV-TĐKT",
        title=title,
        year=year,
        start=start,
        end=end,
        reporter=_reporter(selection),
        columns=columns,
        rows=rows,
        values=values,
        notes=notes,
    )


def _reporter(selection: Selection) -> str:
    return selection.unit.name if selection.unit is not None else ""


# -- 0601: movements ---------------------------------------------------------------------------

MOVEMENT_COLUMNS = [
    Column("Tổng số", total=True),
    Column("Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)", "Chia ra", "central"),
    Column("Cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh", "Chia ra", "province"),
    Column("Cơ quan, tổ chức, đơn vị", "Chia ra", "unit"),
]


def _months(start: dt.date, end: dt.date) -> int:
    """Whole months a movement runs (a 1 January–31 December movement: 12)."""
    return round(((end - start).days + 1) / 30.4375)


def _movement_rows() -> list[Row]:
    def duration(low: int, high: int | None) -> Predicate:
        return lambda m: low <= m["months"] and (high is None or m["months"] < high)

    return [
        Row("01", "Tổng số phong trào", "Phong trào", _all, bold=True),
        Row("", "1. Chia theo phạm vi", bold=True),
        Row("02", "- Phạm vi toàn quốc", "Phong trào", known=False),
        Row(
            "03",
            "- Phạm vi bộ, ngành, địa phương",
            "Phong trào",
            lambda m: m["level"] == "province",
        ),
        Row("04", "- Cụm, khối thi đua", "Phong trào", known=False),
        Row("05", "- Cơ quan, tổ chức, đơn vị", "Phong trào", lambda m: m["level"] == "unit"),
        Row("", "2. Chia theo thời gian thực hiện", bold=True),
        Row("06", "- Dưới 1 năm", "Phong trào", duration(0, 12)),
        Row("07", "- 1 năm", "Phong trào", duration(12, 13)),
        Row("08", "- Từ 1 năm đến dưới 3 năm", "Phong trào", duration(13, 36)),
        Row("09", "- Từ 3 năm đến dưới 5 năm", "Phong trào", duration(36, 60)),
        Row("10", "- Từ 5 năm trở lên", "Phong trào", duration(60, None)),
        Row("", "3. Chia theo hình thức", bold=True),
        Row("11", "- Theo chuyên đề", "Phong trào", lambda m: m["kind"] == "campaign"),
        Row("12", "- Thường xuyên hằng năm", "Phong trào", lambda m: m["kind"] == "regular"),
    ]


def _movement_form(selection: Selection, year: int) -> FilledForm:
    start, end = period(year)
    rows = _movement_rows()
    base: dict[str, Any] = {
        "code": "0601",
        "number": "0601.N/BNV-TĐKT",
        "title": "SỐ PHONG TRÀO THI ĐUA",
        "year": year,
        "start": start,
        "end": end,
        "reporter": _reporter(selection),
        "columns": MOVEMENT_COLUMNS,
        "rows": rows,
    }
    if not apps.is_installed("tdkt.movements"):
        return FilledForm(
            **base,
            values=[[None] * len(MOVEMENT_COLUMNS) for _ in rows],
            notes=["tdkt chưa có phân hệ phong trào thi đua nên biểu này để trống."],
            available=False,
        )
    from django.db.models.functions import Coalesce

    from tdkt.movements.enums import MovementStatus
    from tdkt.movements.models import Movement

    movements = Movement.objects.filter(
        status__in=(MovementStatus.LAUNCHED, MovementStatus.CLOSED)
    ).annotate(launched_on=Coalesce("plan_date", "starts_on"))
    movements = movements.filter(launched_on__range=(start, end))
    if selection.path:
        movements = movements.filter(launched_by__path__startswith=selection.path)
    # A viewer who does not see everything always has a unit selected (services.selection_for),
    # so the subtree is within their scope.
    found = [
        {
            "kind": row["kind"],
            "level": "province" if row["launched_by__kind"] == UnitKind.PROVINCE else "unit",
            "months": _months(row["starts_on"], row["ends_on"]),
        }
        for row in movements.values("kind", "launched_by__kind", "starts_on", "ends_on")
    ]
    values: list[list[int | None]] = []
    for row in rows:
        line: list[int | None] = []
        for column in MOVEMENT_COLUMNS:
            if row.is_heading or not row.known or row.test is None or column.code == "central":
                line.append(None)
                continue
            chosen = [m for m in found if row.test(m)]
            if not column.total:
                chosen = [m for m in chosen if m["level"] == column.code]
            line.append(len(chosen))
        values.append(line)
    return FilledForm(
        **base,  # type: ignore[arg-type]
        values=values,
        notes=[
            "Phong trào được tính theo ngày ban hành kế hoạch phát động (nếu chưa có thì ngày bắt"
            " đầu) trong kỳ báo cáo; chỉ tính phong trào đã phát động hoặc đã kết thúc.",
            "Cột cấp Trung ương, dòng phạm vi toàn quốc và dòng cụm, khối thi đua: tdkt không"
            " quản lý phong trào của Trung ương và chưa ghi phong trào do cụm, khối phát động nên"
            " để trống.",
            "Cấp phát động: phong trào do UBND tỉnh, thành phố phát động tính vào cấp tỉnh; do đơn"
            " vị khác phát động tính vào cơ quan, tổ chức, đơn vị.",
        ],
    )


# -- 0604, 0605: organisation and staff of TĐKT work (no data in tdkt yet) --------------------


def _empty_form(
    selection: Selection,
    year: int,
    code: str,
    title: str,
    columns: list[Column],
    rows: list[Row],
    note: str,
) -> FilledForm:
    start, end = period(year)
    return FilledForm(
        code=code,
        number=f"{code}.N/BNV-TĐKT",
        title=title,
        year=year,
        start=start,
        end=end,
        reporter=_reporter(selection),
        columns=columns,
        rows=rows,
        values=[[None] * len(columns) for _ in rows],
        notes=[note],
        available=False,
    )


def _organisation_form(selection: Selection, year: int) -> FilledForm:
    rows = [
        Row("01", "Tổng số", "Tổ chức", known=False, bold=True),
        Row("02", "- Cấp vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", "Tổ chức", known=False),
        Row("03", "- Cấp phòng thuộc vụ", "Tổ chức", known=False),
        Row("04", "- Ban Thi đua - Khen thưởng thuộc Sở Nội vụ", "Tổ chức", known=False),
        Row("05", "- Phòng Thi đua - Khen thưởng thuộc Sở Nội vụ", "Tổ chức", known=False),
    ]
    return _empty_form(
        selection,
        year,
        "0604",
        "SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG",
        [Column("Số lượng", total=True)],
        rows,
        "tdkt chưa lưu dữ liệu về tổ chức bộ máy làm công tác thi đua, khen thưởng; biểu này để"
        " trống để đơn vị điền.",
    )


def _staff_form(selection: Selection, year: int) -> FilledForm:
    labels = [
        ("01", "Tổng số"),
        ("", "1. Chia theo độ tuổi"),
        ("02", "- Từ 30 tuổi trở xuống"),
        ("03", "- Từ 31 đến 40 tuổi"),
        ("04", "- Từ 41 đến 50 tuổi"),
        ("05", "- Từ 51 đến 55 tuổi"),
        ("06", "- Từ 56 đến 60 tuổi"),
        ("07", "- Trên 60 tuổi"),
        ("", "2. Chia theo trình độ đào tạo"),
        ("08", "- Sơ cấp"),
        ("09", "- Trung cấp"),
        ("10", "- Cao đẳng"),
        ("11", "- Đại học"),
        ("12", "- Trên đại học"),
        ("", "3. Chia theo thâm niên công tác thi đua, khen thưởng"),
        ("13", "- Dưới 5 năm"),
        ("14", "- Từ 5 đến dưới 10 năm"),
        ("15", "- Từ 10 năm trở lên"),
    ]
    rows = [
        Row(code, label, "Người" if code else "", known=False, bold=code in ("", "01"))
        for code, label in labels
    ]
    return _empty_form(
        selection,
        year,
        "0605",
        "SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG",
        [Column("Tổng số", total=True), Column("Trong đó: Nữ")],
        rows,
        "tdkt chưa lưu dữ liệu về công chức làm công tác thi đua, khen thưởng (độ tuổi, trình độ"
        " đào tạo, thâm niên); biểu này để trống để đơn vị điền.",
    )


def fill_form(selection: Selection, year: int, code: str) -> FilledForm:
    if code == "0601":
        return _movement_form(selection, year)
    if code == "0602":
        return _award_form(
            selection, year, "0602", "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC", STATE_COLUMNS, state=True
        )
    if code == "0603":
        return _award_form(
            selection,
            year,
            "0603",
            "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ"
            " TRỰC THUỘC TRUNG ƯƠNG",
            PROVINCE_COLUMNS,
            state=False,
        )
    if code == "0604":
        return _organisation_form(selection, year)
    if code == "0605":
        return _staff_form(selection, year)
    raise KeyError(code)


def fill_forms(
    selection: Selection, year: int, codes: tuple[str, ...] = FORM_CODES
) -> list[FilledForm]:
    return [fill_form(selection, year, code) for code in codes]
