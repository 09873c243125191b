"""The downloadable .xlsx template of each kind of import.

Sheet 1 holds the data: a title row, a note, the header row (row 3) and empty rows with drop-down
lists on the coded columns. "DANHMUC" lists the allowed codes with their Vietnamese labels (and
the units the user may import into); "Hướng dẫn" explains each column and shows a filled
example row. The reader skips those two sheets, so a filled template imports as it is.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from tdkt.awards.catalogue import AWARD_KINDS
from tdkt.imports.columns import SPECS, Column, KindSpec
from tdkt.imports.reading import CATALOGUE_SHEET, GUIDE_SHEET
from tdkt.imports.vocab import RECIPIENT_LABELS, Vocabulary

HEADER_ROW = 3
FIRST_DATA_ROW = HEADER_ROW + 1
VALIDATED_ROWS = 2000
DATE_FORMAT = "DD/MM/YYYY"

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")
_DATE_KEYS = ("_date", "_on")


def _is_date(column: Column) -> bool:
    return column.key.endswith(_DATE_KEYS)


def template_name(kind: str) -> str:
    return f"mau-nhap-{kind.replace('_', '-')}.xlsx"


def build_template(kind: str, units: Sequence[tuple[str, str]] = ()) -> bytes:
    """The template of `kind` as .xlsx bytes; `units` (code, name) are the user's units."""
    spec = SPECS[kind]
    workbook = Workbook()
    data = workbook.active
    assert data is not None
    data.title = spec.sheet_name
    catalogue = workbook.create_sheet(CATALOGUE_SHEET)
    guide = workbook.create_sheet(GUIDE_SHEET)
    ranges = _write_catalogue(catalogue, spec, units)
    _write_data_sheet(data, spec, ranges)
    _write_guide(guide, spec, units)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header_cells(sheet: Worksheet, row: int, values: Sequence[str]) -> None:
    for position, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=position, value=value)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.border = _BOX
        cell.alignment = _WRAP


def _write_data_sheet(sheet: Worksheet, spec: KindSpec, ranges: dict[str, str]) -> None:
    last = len(spec.columns) + 1
    sheet.cell(row=1, column=1, value=str(spec.title)).font = _TITLE
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    sheet.cell(
        row=2,
        column=1,
        value=_(
            "Columns marked (*) are required. Write dates as dd/mm/yyyy. The DANHMUC sheet "
            'lists the codes and names each coded column accepts; the sheet "Hướng dẫn" '
            "explains every column."
        ),
    )
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    _header_cells(sheet, HEADER_ROW, ["STT", *(column.template_header for column in spec.columns)])
    sheet.row_dimensions[HEADER_ROW].height = 32
    sheet.column_dimensions["A"].width = 6
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=2)
    last_row = FIRST_DATA_ROW + VALIDATED_ROWS - 1
    for position, column in enumerate(spec.columns, start=2):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = column.width
        area = f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}"
        if column.key in ranges:
            validation = DataValidation(
                type="list",
                formula1=ranges[column.key],
                allow_blank=True,
                showErrorMessage=False,  # a typed code or a name without diacritics is fine too
            )
            validation.add(area)
            sheet.add_data_validation(validation)
        if _is_date(column) or column.key == "citizen_id":
            fmt = DATE_FORMAT if _is_date(column) else "@"
            for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + 200):
                sheet.cell(row=row, column=position).number_format = fmt


def _vocabulary_block(
    sheet: Worksheet,
    first_column: int,
    title: str,
    rows: Sequence[Sequence[Any]],
    headers: list[str],
) -> str:
    """Write a titled block at `first_column`; return the absolute range of its label column."""
    sheet.cell(row=1, column=first_column, value=title).font = _BOLD
    _header_cells_at(sheet, 2, first_column, headers)
    for offset, values in enumerate(rows, start=3):
        for shift, value in enumerate(values):
            sheet.cell(row=offset, column=first_column + shift, value=value)
    for shift, width in enumerate((22, 40, 18)[: len(headers)]):
        sheet.column_dimensions[get_column_letter(first_column + shift)].width = width
    label = get_column_letter(first_column + 1)
    return f"{quote_sheetname(CATALOGUE_SHEET)}!${label}$3:${label}${len(rows) + 2}"


def _header_cells_at(sheet: Worksheet, row: int, first_column: int, values: list[str]) -> None:
    for shift, value in enumerate(values):
        cell = sheet.cell(row=row, column=first_column + shift, value=value)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.border = _BOX


def _write_catalogue(
    sheet: Worksheet, spec: KindSpec, units: Sequence[tuple[str, str]]
) -> dict[str, str]:
    """Code lists side by side; returns column key -> range of labels for drop-down lists."""
    code, name = _("Code"), _("Name")
    ranges: dict[str, str] = {}
    position = 1
    seen: dict[int, str] = {}
    for column in spec.columns:
        vocabulary: Vocabulary | None = column.vocabulary
        if vocabulary is None:
            continue
        if id(vocabulary) in seen:
            ranges[column.key] = seen[id(vocabulary)]
            continue
        entries = [(entry_code, label) for entry_code, label, _aliases in vocabulary.entries]
        ranges[column.key] = _vocabulary_block(
            sheet, position, vocabulary.name, entries, [code, name]
        )
        seen[id(vocabulary)] = ranges[column.key]
        position += 3
    if any(column.key == "award" for column in spec.columns):
        awards = [
            (
                kind.code,
                kind.name_vi,
                ", ".join(RECIPIENT_LABELS[r] for r in sorted(kind.recipients)),
            )
            for kind in AWARD_KINDS.values()
        ]
        headers = [code, name, _("Awarded to")]
        ranges["award"] = _vocabulary_block(
            sheet, position, "Danh hiệu, hình thức khen thưởng", awards, headers
        )
        position += 4
    if any(column.key == "unit" for column in spec.columns):
        _vocabulary_block(sheet, position, _("Units you may import into"), units, [code, name])
    return ranges


def _example_row(spec: KindSpec, units: Sequence[tuple[str, str]]) -> list[Any]:
    values: list[Any] = [1]
    for column in spec.columns:
        value = column.example
        if column.key == "unit" and units:
            value = units[0][0]
        values.append(value)
    return values


def _write_guide(sheet: Worksheet, spec: KindSpec, units: Sequence[tuple[str, str]]) -> None:
    sheet.cell(row=1, column=1, value=_("How to fill in this template")).font = _TITLE
    lines = [
        _(
            'Fill in the sheet "%(sheet)s" from row %(row)s, one row per line of data; do not '
            "change the header row."
        )
        % {"sheet": spec.sheet_name, "row": FIRST_DATA_ROW},
        *(str(note) for note in spec.notes),
        _(
            "Coded columns accept the code, the Vietnamese name (with or without diacritics) or "
            "a value from the drop-down list."
        ),
        _("Text typed in TCVN3 (.VnTime) or VNI fonts is converted to Unicode automatically."),
        _(
            "By default nothing is imported unless every row is valid; the result lists each "
            "error with its sheet, row and column."
        ),
    ]
    row = 3
    for line in lines:
        sheet.cell(row=row, column=1, value=f"• {line}")
        row += 1
    row += 1
    _header_cells(sheet, row, [_("Column"), _("Required"), _("What to write")])
    for column in spec.columns:
        row += 1
        sheet.cell(row=row, column=1, value=column.template_header)
        sheet.cell(row=row, column=2, value=_("Yes") if column.required else "")
        sheet.cell(row=row, column=3, value=str(column.help))
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 90
    row += 2
    sheet.cell(row=row, column=1, value=_("Example of a filled row:")).font = _BOLD
    row += 1
    _header_cells(sheet, row, ["STT", *(column.template_header for column in spec.columns)])
    row += 1
    for position, value in enumerate(_example_row(spec, units), start=1):
        cell = sheet.cell(row=row, column=position, value=value)
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
