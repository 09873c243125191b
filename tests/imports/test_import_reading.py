from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile

import pytest
from openpyxl import Workbook

from tdkt.imports import legacy, reading
from tdkt.imports.columns import PEOPLE
from tests.imports.import_helpers import PEOPLE_HEADERS, csv_text, xlsx

pytestmark = pytest.mark.unit

ROW = [1, "Nguyễn Thị Ánh", "Nữ", dt.date(1985, 1, 5), "048185000123", None, "hoa-tho-dong",
       "Chuyên viên", "Công chức", "Có", dt.date(2015, 1, 1), None]  # fmt: skip


def test_header_row_found_on_row_three_after_title() -> None:
    result = reading.read(xlsx(PEOPLE_HEADERS, [ROW, ROW]), "a.xlsx", PEOPLE)
    (table,) = result.tables
    assert (table.sheet, table.header_row, table.row_numbers) == ("Cán bộ", 3, [4, 5])
    assert table.cells["full_name"] == ["Nguyễn Thị Ánh", "Nguyễn Thị Ánh"]
    assert table.headers["birth_date"] == "Ngày sinh"
    assert result.encoding == "unicode"


def test_header_row_found_on_row_one() -> None:
    result = reading.read(xlsx(PEOPLE_HEADERS, [ROW], title=False), "a.xlsx", PEOPLE)
    assert (result.tables[0].header_row, result.tables[0].row_numbers) == (1, [2])


def test_empty_rows_are_skipped_and_row_numbers_kept() -> None:
    blank = [None] * len(ROW)
    result = reading.read(
        xlsx(PEOPLE_HEADERS, [ROW, blank, ["7", *[None] * 11], ROW]), "a.xlsx", PEOPLE
    )
    assert result.tables[0].row_numbers == [4, 7]


def test_catalogue_guide_and_hidden_sheets_are_not_data() -> None:
    workbook = Workbook()
    for index, name in enumerate(["Cán bộ", "DANHMUC", "Hướng dẫn", "Cũ"]):
        sheet = workbook.active if index == 0 else workbook.create_sheet(name)
        assert sheet is not None
        sheet.title = name
        sheet.append(PEOPLE_HEADERS)
        sheet.append(ROW)
    workbook["Cũ"].sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = reading.read(buffer.getvalue(), "a.xlsx", PEOPLE)
    assert [table.sheet for table in result.tables] == ["Cán bộ"]


def test_missing_required_column_is_a_file_problem() -> None:
    headers = [h for h in PEOPLE_HEADERS if h != "Đối tượng"]
    row = ROW[:8] + ROW[9:]
    result = reading.read(xlsx(headers, [row]), "a.xlsx", PEOPLE)
    assert [(p.sheet, p.row, p.column, p.message) for p in result.problems] == [
        ("Cán bộ", 3, "Đối tượng", 'Required column "Đối tượng" is missing.')
    ]


def test_no_header_row_rejects_file() -> None:
    with pytest.raises(reading.FileRejectedError) as caught:
        reading.read(xlsx(["A", "B"], [[1, 2]]), "a.xlsx", PEOPLE)
    assert caught.value.message == (
        "No sheet has the column headers of this kind of import. Required columns: Họ và tên, "
        "Giới tính, Ngày sinh, Đơn vị, Đối tượng."
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (
            b"%PDF-1.7\x00\x01binary",
            "The file is neither an Excel workbook (.xlsx) nor a CSV text file.",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            "Old Excel files (.xls) cannot be read; open the file in Excel and save it as .xlsx.",
        ),
    ],
)
def test_sniff_refuses_what_is_not_xlsx_or_csv(content: bytes, message: str) -> None:
    with pytest.raises(reading.FileRejectedError) as caught:
        reading.sniff(content)
    assert caught.value.message == message


def test_sniff_refuses_zip_that_is_not_a_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(reading.FileRejectedError):
        reading.sniff(buffer.getvalue())
    assert reading.sniff(xlsx(PEOPLE_HEADERS, [])) == reading.XLSX
    assert reading.sniff("Họ và tên,Giới tính\n".encode()) == reading.CSV


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """As Windows writes Vietnamese in code page 1258: base letters, then tone marks."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


CSV_ROW = ["1", "Trần Văn Bình", "Nam", "02/03/1980", "", "", "khue-trung", "Chuyên viên",
           "Công chức", "", "01/01/2015", ""]  # fmt: skip


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda text: text.encode("utf-8"), "unicode"),
        (lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), "unicode"),
        (lambda text: text.encode("utf-16"), "unicode"),
        (lambda text: unicodedata.normalize("NFD", text).encode("utf-8"), "unicode-nfd"),
        (lambda text: windows_1258(text), "windows-1258"),
    ],
)
def test_csv_text_encodings(encode: object, encoding: str) -> None:
    text = csv_text(PEOPLE_HEADERS, [CSV_ROW])
    result = reading.read(encode(text), "canbo.csv", PEOPLE)  # type: ignore[operator]
    (table,) = result.tables
    assert table.sheet == "canbo.csv"
    assert unicodedata.normalize("NFC", table.cells["full_name"][0]) == "Trần Văn Bình"
    assert result.encoding == encoding


def test_csv_semicolon_delimiter() -> None:
    text = csv_text(PEOPLE_HEADERS, [CSV_ROW], delimiter=";")
    result = reading.read(text.encode(), "canbo.csv", PEOPLE)
    assert result.tables[0].cells["unit"] == ["khue-trung"]


def test_csv_in_tcvn3_bytes_is_converted() -> None:
    row = [*CSV_ROW]
    row[1], row[7], row[8] = "TrÇn V¨n B×nh", "Chuyªn viªn", "C«ng chøc"
    headers = [legacy.encode_tcvn3(header) for header in PEOPLE_HEADERS]
    content = csv_text(headers, [row]).encode("cp1252")
    result = reading.read(content, "canbo.csv", PEOPLE)
    cells = result.tables[0].cells
    assert (cells["full_name"], cells["position"], cells["category"]) == (
        ["Trần Văn Bình"],
        ["Chuyên viên"],
        ["Công chức"],
    )
    assert result.encoding == legacy.TCVN3


def test_xlsx_in_vni_with_vni_headers_is_converted() -> None:
    headers = [legacy.encode_vni(header) for header in PEOPLE_HEADERS]
    row = [legacy.encode_vni(cell) if isinstance(cell, str) else cell for cell in ROW]
    assert row[1:3] == ["Nguyeãn Thò AÙnh", "Nöõ"]
    result = reading.read(xlsx(headers, [row]), "a.xlsx", PEOPLE)
    cells = result.tables[0].cells
    assert (cells["full_name"], cells["gender"], cells["position"]) == (
        ["Nguyễn Thị Ánh"],
        ["Nữ"],
        ["Chuyên viên"],
    )
    assert result.encoding == legacy.VNI
    assert result.tables[0].headers["gender"] == "Giới tính"


def test_mixed_columns_are_detected_one_by_one() -> None:
    rows = [[*ROW], [*ROW]]
    rows[0][1], rows[0][7] = "TrÇn V¨n B×nh", "Phoù tröôûng phoøng"
    rows[1][1], rows[1][7] = "Lª ThÞ Hoa", "Chuyeân vieân"
    result = reading.read(xlsx(PEOPLE_HEADERS, rows), "a.xlsx", PEOPLE)
    cells = result.tables[0].cells
    assert cells["full_name"] == ["Trần Văn Bình", "Lê Thị Hoa"]
    assert cells["position"] == ["Phó trưởng phòng", "Chuyên viên"]
    assert cells["category"] == ["Công chức", "Công chức"]
    assert result.encoding == "tcvn3+vni+unicode"


def test_encoding_label_names_each_part() -> None:
    assert reading.encoding_label("tcvn3+unicode") == "TCVN3 (ABC) + Unicode"
    assert reading.encoding_label("vni") == "VNI-Windows"
