"""Excel files of the reports (openpyxl): the year report with a detail sheet, the award
register, and the Ministry's statistical forms.

Every text cell goes through `text_cell`: NFC, and a value that a spreadsheet would read as a
formula (starting with = + - @) is stored as text with Excel's quote prefix, so that a name or
an achievement typed as "=HYPERLINK(...)" stays text. Big sheets are written in write-only mode
(rows streamed, not held in memory).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tdkt.awards.catalogue import COLLECTIVE, INDIVIDUAL, award_name
from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.common.formatting import short_date
from tdkt.common.text import clean_text
from tdkt.reports import labels
from tdkt.reports.queries import YearFigures, award_order
from tdkt.reports.statforms import CIRCULAR, RECEIPT, RECEIVER, FilledForm

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@")
FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(name=FONT, bold=True, size=12)
PLAIN = Font(name=FONT, size=12)
TITLE = Font(name=FONT, bold=True, size=14)
ITALIC = Font(name=FONT, italic=True, size=12)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def text_cell(cell: Any, value: Any) -> Any:
    """Put `value` in `cell`, text kept as text (never a formula); control characters, which
    a worksheet cannot hold, are dropped."""
    if isinstance(value, str):
        value = clean_text(ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.value = value
        if is_formula_like(value):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def _cells(
    sheet: Worksheet,
    values: Sequence[Any],
    font: Font = PLAIN,
    *,
    border: bool = True,
    align: Alignment = WRAP,
) -> list[WriteOnlyCell]:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet)
        text_cell(cell, value)
        cell.font = font
        cell.alignment = align
        if border:
            cell.border = BOX
        cells.append(cell)
    return cells


def _widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- the year report -----------------------------------------------------------------------------


def _title_lines(sheet: Worksheet, lines: Iterable[tuple[str, Font]]) -> None:
    for text, font in lines:
        sheet.append(_cells(sheet, [text], font, border=False, align=Alignment()))


def _table(
    sheet: Worksheet, heading: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    sheet.append([])
    sheet.append(_cells(sheet, [heading], BOLD, border=False, align=Alignment()))
    sheet.append(_cells(sheet, header, BOLD, align=CENTRE))
    for row in rows:
        sheet.append(_cells(sheet, row))


def _summary(sheet: Worksheet, f: YearFigures) -> None:
    _widths(sheet, [6, 48, 12, 12, 12, 12, 12, 18])
    where = f.unit.name if f.unit is not None else "Toàn bộ sổ khen thưởng"
    _title_lines(
        sheet,
        [
            (f"BÁO CÁO KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM {f.year}", TITLE),
            (where, ITALIC),
        ],
    )
    years = list(f.previous_years)
    header = ["STT", "Danh hiệu, hình thức khen thưởng", "Tập thể", "Cá nhân", "Cộng"]
    header += [f"Năm {y}" for y in years] + ["Tiền thưởng (đồng)"]
    rows: list[list[Any]] = []
    for number, code in enumerate(f.codes, start=1):
        counts = f.totals.get(code, {INDIVIDUAL: 0, COLLECTIVE: 0})
        before = [sum(f.previous_years[y].get(code, {}).values()) for y in years]
        rows.append(
            [number, award_name(code), counts[COLLECTIVE], counts[INDIVIDUAL],
             counts[COLLECTIVE] + counts[INDIVIDUAL], *before, f.money_by_award.get(code, 0)]
        )  # fmt: skip
    totals = [sum(sum(c.values()) for c in f.previous_years[y].values()) for y in years]
    rows.append(
        ["", "Cộng", f.collective_total, f.individual_total, f.total(), *totals, f.money_vnd]
    )
    _table(sheet, "1. Kết quả khen thưởng", header, rows)

    def split(
        groups: dict[str, dict[str, dict[str, int]]], names: dict[str, str]
    ) -> list[list[Any]]:
        out = []
        for key in [*names, labels.UNKNOWN]:
            if key not in groups:
                continue
            coll = sum(c[COLLECTIVE] for c in groups[key].values())
            ind = sum(c[INDIVIDUAL] for c in groups[key].values())
            out.append([labels.vi(names, key), coll, ind, coll + ind])
        return out

    _table(
        sheet,
        "2. Theo khu vực",
        ["Khu vực", "Tập thể", "Cá nhân", "Cộng"],
        split(f.by_sector, labels.SECTOR_VI),
    )
    _table(
        sheet,
        "3. Theo loại đơn vị",
        ["Loại đơn vị", "Tập thể", "Cá nhân", "Cộng"],
        split(f.by_unit_kind, labels.UNIT_KIND_VI),
    )
    individual_codes = award_order(code for code in f.totals if f.totals[code][INDIVIDUAL])
    header = ["Cá nhân", *[award_name(c) for c in individual_codes], "Cộng"]

    def per_code(groups: dict[str, dict[str, int]], names: dict[str, str]) -> list[list[Any]]:
        out = []
        for key in [*names, labels.UNKNOWN]:
            if key in groups:
                values = [groups[key].get(c, 0) for c in individual_codes]
                out.append([labels.vi(names, key), *values, sum(values)])
        return out

    _table(sheet, "4. Cá nhân theo đối tượng", header, per_code(f.by_category, labels.CATEGORY_VI))
    _table(sheet, "5. Cá nhân theo giới tính", header, per_code(f.by_gender, labels.GENDER_VI))
    reach = [
        [
            "Người lao động trực tiếp",
            *[f.frontline.get(c, 0) for c in individual_codes],
            f.frontline_total,
        ],
        [
            "Người giữ chức vụ lãnh đạo",
            *[f.leaders.get(c, 0) for c in individual_codes],
            f.leaders_total,
        ],
    ]
    _table(sheet, "6. Người lao động trực tiếp và người giữ chức vụ lãnh đạo", header, reach)
    notes = [
        "Chỉ tính khen thưởng đã tặng; khen thưởng đã thu hồi không tính"
        + (f" ({f.revoked} lượt đã thu hồi)." if f.revoked else "."),
        "Cá nhân được tính theo đơn vị và quá trình công tác tại ngày quyết định khen thưởng.",
    ]
    if f.unpriced:
        notes.append(f"Tiền thưởng: {f.unpriced} lượt khen thưởng chưa ghi số tiền.")
    sheet.append([])
    for note in notes:
        sheet.append(_cells(sheet, [note], ITALIC, border=False, align=Alignment()))


DETAIL_HEADER = [
    "STT", "Danh hiệu, hình thức khen thưởng", "Đối tượng", "Họ và tên / Tên tập thể", "Giới tính",
    "Đơn vị", "Loại đơn vị", "Khu vực", "Cá nhân thuộc", "Lao động trực tiếp", "Lãnh đạo",
    "Số quyết định", "Ngày quyết định", "Cơ quan ban hành", "Phương thức", "Tiền thưởng (đồng)",
    "Trạng thái", "Thu hồi theo quyết định",
]  # fmt: skip


def detail_rows(details: Iterable[tuple[AwardRecord, dict[str, Any]]]) -> Iterable[list[Any]]:
    """One row per award: (award, its facts from queries.award_details) in register order."""
    for number, (award, fact) in enumerate(details, start=1):
        unit = fact["unit"]
        individual = award.person_id is not None
        yes_no = {True: "Có", False: "Không", None: ""}
        yield [
            number,
            award_name(award.award_code),
            labels.RECIPIENT_KIND_VI[INDIVIDUAL if individual else COLLECTIVE],
            award.person.full_name if individual else award.unit.name,  # type: ignore[union-attr]
            labels.vi(labels.GENDER_VI, award.person.gender) if individual else "",  # type: ignore[union-attr]
            unit.name if unit else "",
            labels.vi(labels.UNIT_KIND_VI, unit.kind) if unit else "",
            labels.vi(labels.SECTOR_VI, unit.sector) if unit else "",
            labels.vi(labels.CATEGORY_VI, fact["category"]) if individual else "",
            yes_no[fact["frontline"]] if individual else "",
            yes_no[fact["leader"]] if individual else "",
            award.decision_number,
            short_date(award.decision_date),
            award.issuer,
            labels.vi(labels.METHOD_VI, award.method),
            award.amount_vnd,
            labels.STATUS_VI.get(award.status, award.status),
            f"{award.revoked_by_number} ngày {short_date(award.revoked_on)}"
            if award.is_revoked
            else "",
        ]


def year_workbook(
    figures: YearFigures, details: Iterable[tuple[AwardRecord, dict[str, Any]]]
) -> bytes:
    workbook = Workbook(write_only=True)
    _summary(workbook.create_sheet("Tổng hợp"), figures)
    sheet = workbook.create_sheet("Chi tiết")
    _widths(sheet, [6, 36, 10, 30, 9, 34, 22, 14, 16, 10, 9, 16, 12, 30, 18, 14, 12, 24])
    sheet.freeze_panes = "A2"
    sheet.append(_cells(sheet, DETAIL_HEADER, BOLD, align=CENTRE))
    for row in detail_rows(details):
        sheet.append(_cells(sheet, row))
    return to_bytes(workbook)


# -- the award register ------------------------------------------------------------------------

REGISTER_HEADER = [
    "STT", "Họ và tên / Tên tập thể", "Đối tượng", "Năm", "Danh hiệu, hình thức khen thưởng",
    "Số quyết định", "Ngày quyết định", "Cơ quan ban hành", "Số sổ", "Tiền thưởng (đồng)",
    "Trạng thái", "Ghi chú",
]  # fmt: skip


def register_workbook(title: str, subtitle: str, awards: Iterable[AwardRecord]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sổ theo dõi khen thưởng")
    _widths(sheet, [6, 32, 10, 8, 38, 16, 12, 30, 8, 14, 12, 40])
    _title_lines(sheet, [(title, TITLE), (subtitle, ITALIC)])
    sheet.append([])
    sheet.append(_cells(sheet, REGISTER_HEADER, BOLD, align=CENTRE))
    for number, award in enumerate(awards, start=1):
        individual = award.person_id is not None
        note = ""
        if award.status == AwardStatus.REVOKED:
            note = (
                f"Thu hồi theo Quyết định số {award.revoked_by_number}"
                f" ngày {short_date(award.revoked_on)}"
            )
            if award.revocation_reason:
                note += f": {award.revocation_reason}"
        sheet.append(
            _cells(
                sheet,
                [
                    number,
                    award.person.full_name if individual else award.unit.name,  # type: ignore[union-attr]
                    labels.RECIPIENT_KIND_VI[INDIVIDUAL if individual else COLLECTIVE],
                    award.year,
                    award_name(award.award_code),
                    award.decision_number,
                    short_date(award.decision_date),
                    award.issuer,
                    award.register_number,
                    award.amount_vnd,
                    labels.STATUS_VI.get(award.status, award.status),
                    note,
                ],
            )
        )
    return to_bytes(workbook)


# -- statistical forms ---------------------------------------------------------------------------


def _form_sheet(workbook: Workbook, form: FilledForm) -> None:
    sheet = workbook.create_sheet(form.sheet_name)
    width = 3 + len(form.columns)  # A, B (mã số), C (đơn vị tính), then the columns
    last = get_column_letter(width)
    sheet.column_dimensions["A"].width = 58
    sheet.column_dimensions["B"].width = 8
    sheet.column_dimensions["C"].width = 12
    for index in range(4, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    middle = max(2, width // 2)

    def put(
        row: int, column: int, value: Any, font: Font = PLAIN, align: Alignment | None = None
    ) -> None:
        cell = sheet.cell(row=row, column=column)
        text_cell(cell, value)
        cell.font = font
        if align is not None:
            cell.alignment = align

    put(1, 1, f"Biểu số: {form.number}", BOLD)
    put(2, 1, f"Ban hành theo {CIRCULAR}")
    put(3, 1, f"Ngày nhận báo cáo: {RECEIPT}")
    put(1, middle + 1, f"Đơn vị báo cáo: {form.reporter}")
    put(2, middle + 1, f"Đơn vị nhận báo cáo: {RECEIVER}")
    put(5, 1, form.title, TITLE, CENTRE)
    sheet.merge_cells(f"A5:{last}5")
    put(6, 1, f"Năm {form.year}", ITALIC, CENTRE)
    sheet.merge_cells(f"A6:{last}6")
    put(7, 1, f"(Từ ngày {short_date(form.start)} đến ngày {short_date(form.end)})", ITALIC, CENTRE)
    sheet.merge_cells(f"A7:{last}7")

    # Header: two rows (group over label), then the row of column letters/numbers.
    top, bottom, marks = 9, 10, 11
    for fixed, label in ((1, ""), (2, "Mã số"), (3, "Đơn vị tính")):
        put(top, fixed, label, BOLD, CENTRE)
        sheet.merge_cells(start_row=top, start_column=fixed, end_row=bottom, end_column=fixed)
    groups: dict[str, list[int]] = {}
    for index, column in enumerate(form.columns, start=4):
        if column.group:
            groups.setdefault(column.group, []).append(index)
            put(bottom, index, column.label, BOLD, CENTRE)
        else:
            put(top, index, column.label, BOLD, CENTRE)
            sheet.merge_cells(start_row=top, start_column=index, end_row=bottom, end_column=index)
    for group, indexes in groups.items():
        put(top, indexes[0], group, BOLD, CENTRE)
        if len(indexes) > 1:
            sheet.merge_cells(
                start_row=top, start_column=indexes[0], end_row=top, end_column=indexes[-1]
            )
    for index, mark in enumerate(
        ["A", "B", "C", *[str(n) for n in range(1, len(form.columns) + 1)]], start=1
    ):
        put(marks, index, mark, BOLD, CENTRE)
    for offset, (row, values) in enumerate(zip(form.rows, form.values, strict=True)):
        line = marks + 1 + offset
        put(line, 1, row.label, BOLD if row.bold else PLAIN, WRAP)
        put(line, 2, row.code, PLAIN, CENTRE)
        put(line, 3, row.unit, PLAIN, CENTRE)
        for index, value in enumerate(values, start=4):
            put(line, index, value, BOLD if row.bold else PLAIN, CENTRE)
    end = marks + len(form.rows)
    for row_cells in sheet.iter_rows(min_row=top, max_row=end, min_col=1, max_col=width):
        for cell in row_cells:
            cell.border = BOX
    line = end + 2
    put(line, 1, "Ghi chú:", BOLD)
    for note in form.notes:
        line += 1
        put(line, 1, f"- {note}", ITALIC)
    if not form.available:
        sheet.sheet_properties.tabColor = "B3161B"


def forms_workbook(forms: Sequence[FilledForm]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for form in forms:
        _form_sheet(workbook, form)
    return to_bytes(workbook)
