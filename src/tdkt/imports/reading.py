"""Reading an uploaded file into tables of raw cells: which format it is, which sheets hold data,
where the header row is, and which text encoding each column was typed in.

.xlsx is read with python-calamine (fast, values only). CSV may be UTF-8 (with or without BOM),
UTF-16 (Excel's "Unicode text"), Windows-1258, or legacy TCVN3/VNI bytes. The header row is
found by its headers, so a title above it (as in our templates) does not matter.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import python_calamine
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.imports import legacy
from tdkt.imports.columns import Column, KindSpec, header_key

XLSX = "xlsx"
CSV = "csv"
WINDOWS_1258 = "windows-1258"
UNICODE_NFD = "unicode-nfd"

# Sheets of our templates that are not data.
CATALOGUE_SHEET = "DANHMUC"
GUIDE_SHEET = "Hướng dẫn"
_SKIPPED_SHEETS = {header_key(CATALOGUE_SHEET), header_key(GUIDE_SHEET)}
_HEADER_SCAN_ROWS = 30
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

ENCODING_LABELS = {
    legacy.UNICODE: gettext_lazy("Unicode"),
    UNICODE_NFD: gettext_lazy("Unicode, decomposed (NFD)"),
    legacy.TCVN3: "TCVN3 (ABC)",
    legacy.VNI: "VNI-Windows",
    WINDOWS_1258: "Windows-1258",
}


def encoding_label(code: str) -> str:
    """ "tcvn3+unicode" -> "TCVN3 (ABC) + Unicode"."""
    return " + ".join(str(ENCODING_LABELS.get(part, part)) for part in code.split("+") if part)


class FileRejectedError(Exception):
    """The file as a whole cannot be imported; the message says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """The data rows of one sheet, column by column, as the cells were written."""

    sheet: str
    header_row: int
    headers: dict[str, str]  # column key -> header as written in the file
    row_numbers: list[int]  # row number as Excel shows it
    cells: dict[str, list[Any]]  # column key -> one raw cell per data row

    def __len__(self) -> int:
        return len(self.row_numbers)


@dataclass
class FileProblem:
    sheet: str
    row: int
    column: str
    message: str


@dataclass
class ReadResult:
    tables: list[Table] = field(default_factory=list)
    encoding: str = legacy.UNICODE
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def rows_total(self) -> int:
        return sum(len(table) for table in self.tables)


def sniff(content: bytes) -> str:
    """XLSX or CSV, or FileRejectedError with a message the user can act on."""
    if not content:
        raise FileRejectedError(_("The file is empty."))
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                if "[Content_Types].xml" in archive.namelist():
                    return XLSX
        except zipfile.BadZipFile:
            pass
        raise FileRejectedError(_not_supported())
    if content.startswith(_OLE_SIGNATURE):
        raise FileRejectedError(
            _("Old Excel files (.xls) cannot be read; open the file in Excel and save it as .xlsx.")
        )
    head = content[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return CSV
    if any(byte < 9 for byte in head):
        raise FileRejectedError(_not_supported())
    return CSV


def _not_supported() -> str:
    return _("The file is neither an Excel workbook (.xlsx) nor a CSV text file.")


def read(content: bytes, file_name: str, spec: KindSpec) -> ReadResult:
    if sniff(content) == XLSX:
        return _read_xlsx(content, spec)
    return _read_csv(content, file_name, spec)


# --- xlsx ---------------------------------------------------------------------------------------


def _read_xlsx(content: bytes, spec: KindSpec) -> ReadResult:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheets = []
        for meta in workbook.sheets_metadata:
            hidden = meta.visible != python_calamine.SheetVisibleEnum.Visible
            if hidden or header_key(meta.name) in _SKIPPED_SHEETS:
                continue
            grid = workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            sheets.append((meta.name, grid))
    except python_calamine.PasswordError as exc:
        raise FileRejectedError(_("The Excel file is protected by a password.")) from exc
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        raise FileRejectedError(
            _("The Excel file cannot be read: %(reason)s") % {"reason": str(exc)[:200]}
        ) from exc
    return _build(sheets, spec, base_encoding="")


# --- csv ----------------------------------------------------------------------------------------


def _csv_grid(text: str) -> list[list[str]]:
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)]


def _read_csv(content: bytes, file_name: str, spec: KindSpec) -> ReadResult:
    sheet = file_name.rsplit("/", 1)[-1] or "CSV"
    if content.startswith(b"\xef\xbb\xbf"):
        text = content[3:].decode("utf-8", errors="replace")
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = content.decode("utf-16", errors="replace")
    else:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            return _read_8bit_csv(content, sheet, spec)
    return _build([(sheet, _csv_grid(text))], spec, base_encoding="")


def _read_8bit_csv(content: bytes, sheet: str, spec: KindSpec) -> ReadResult:
    """Legacy TCVN3/VNI bytes read as Windows-1252 (as Excel shows them), else Windows-1258."""
    try:
        as_1252 = content.decode("cp1252")
    except UnicodeDecodeError:
        as_1252 = content.decode("latin-1")
    try:
        result = _build([(sheet, _csv_grid(as_1252))], spec, base_encoding="")
    except FileRejectedError:
        pass  # the headers are not legible this way either: try Windows-1258
    else:
        if legacy.TCVN3 in result.encoding or legacy.VNI in result.encoding:
            return result
    as_1258 = content.decode("cp1258", errors="replace")
    return _build([(sheet, _csv_grid(as_1258))], spec, base_encoding=WINDOWS_1258)


# --- sheets to tables ---------------------------------------------------------------------------


def _header_match(spec: KindSpec, cell: Any) -> tuple[Column, str] | None:
    """The column a header cell names, with the header as text (converted if it was legacy)."""
    if not isinstance(cell, str) or not cell.strip():
        return None
    column = spec.match_header(cell)
    if column is not None:
        return column, cell.strip()
    if legacy.has_non_ascii(cell):
        for encoding in (legacy.TCVN3, legacy.VNI):
            text = legacy.decode(cell, encoding).strip()
            column = spec.match_header(text)
            if column is not None:
                return column, text
    return None


Header = tuple[int, dict[str, int], dict[str, str]]


def _find_header(grid: list[list[Any]], spec: KindSpec) -> Header | None:
    """(row index, column key -> position, column key -> header text) of the header row."""
    best: Header | None = None
    for index, row in enumerate(grid[:_HEADER_SCAN_ROWS]):
        found: dict[str, int] = {}
        texts: dict[str, str] = {}
        for position, cell in enumerate(row):
            match = _header_match(spec, cell)
            if match is not None and match[0].key not in found:
                found[match[0].key] = position
                texts[match[0].key] = match[1]
        if len(found) >= 2 and (best is None or len(found) > len(best[1])):
            best = (index, found, texts)
    return best


def _table(name: str, grid: list[list[Any]], spec: KindSpec, result: ReadResult) -> Table | None:
    header = _find_header(grid, spec)
    if header is None:
        return None
    header_index, positions, headers = header
    header_row = header_index + 1
    for column in spec.required:
        if column.key not in positions:
            result.problems.append(
                FileProblem(
                    name,
                    header_row,
                    column.header,
                    _('Required column "%(column)s" is missing.') % {"column": column.header},
                )
            )
    width = max(positions.values()) + 1
    row_numbers: list[int] = []
    kept: list[list[Any]] = []
    indexes = list(positions.values())
    for number, row in enumerate(grid[header_index + 1 :], start=header_row + 1):
        if len(row) < width:  # a short CSV line
            row = [*row, *([""] * (width - len(row)))]
        for i in indexes:  # keep the row if any of our columns holds something (hot loop)
            value = row[i]
            if (
                value is not None
                and value != ""
                and not (value.__class__ is str and value.isspace())
            ):
                row_numbers.append(number)
                kept.append(row)
                break
    # Rows to columns in one pass at C speed (every kept row is at least `width` long).
    columns = list(zip(*kept, strict=False)) if kept else []
    cells = {key: list(columns[pos]) if kept else [] for key, pos in positions.items()}
    return Table(name, header_row, headers, row_numbers, cells)


def _build(
    sheets: Iterable[tuple[str, list[list[Any]]]], spec: KindSpec, base_encoding: str
) -> ReadResult:
    result = ReadResult()
    for name, grid in sheets:
        table = _table(name, grid, spec, result)
        if table is not None:
            result.tables.append(table)
    if not result.tables:
        expected = ", ".join(column.header for column in spec.required)
        raise FileRejectedError(
            _(
                "No sheet has the column headers of this kind of import. Required columns: "
                "%(columns)s."
            )
            % {"columns": expected}
        )
    result.encoding = _convert_text(result.tables, base_encoding)
    return result


def _convert_text(tables: list[Table], base_encoding: str) -> str:
    """Detect the encoding of each text column, convert legacy columns, return the label."""
    evidence = {
        (index, key): legacy.gather_evidence(values)
        for index, table in enumerate(tables)
        for key, values in table.cells.items()
    }
    total = sum(evidence.values(), legacy.Evidence())
    preferred = total.best()
    found: set[str] = set()
    has_unicode = False
    nfd = False
    for (index, key), column_evidence in evidence.items():
        encoding = column_evidence.best(prefer=preferred)
        values = tables[index].cells[key]
        if encoding:
            found.add(encoding)
            tables[index].cells[key] = [
                legacy.decode(value, encoding) if isinstance(value, str) else value
                for value in values
            ]
            has_unicode = has_unicode or column_evidence.unicode_cells > 0
        elif column_evidence.unicode_cells or column_evidence.words:
            has_unicode = True
            nfd = nfd or column_evidence.nfd_cells > 0
    if found:
        return "+".join(sorted(found) + ([legacy.UNICODE] if has_unicode else []))
    if base_encoding:
        return base_encoding
    return UNICODE_NFD if nfd else legacy.UNICODE
