"""The official-layout builder: page set-up, header, title, body, closing, signature grid."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from docx import Document
from docx.shared import Pt
from hypothesis import given
from hypothesis import strategies as st

from tdkt.documents.bases import basis_lines
from tdkt.documents.http import ascii_filename
from tdkt.documents.layout import (
    FONT,
    MOTTO,
    NATIONAL_NAME,
    Header,
    LayoutError,
    OfficialDocument,
    PageSetup,
    Signature,
    place_and_date,
)
from tdkt.documents.metrics import text_width_pt
from tdkt.documents.numbers import decimal_vi

pytestmark = pytest.mark.unit


def _sample() -> Document:
    doc = OfficialDocument(title="Kế hoạch 05/KH-UBND")
    doc.header(
        Header(
            issuing_body=("ỦY BAN NHÂN DÂN", "QUẬN CẨM LỆ"),
            number="05/KH-UBND",
            place="Cẩm Lệ",
            date=dt.date(2018, 1, 5),
        )
    )
    doc.title("KẾ HOẠCH", "Phát động phong trào thi đua năm 2018")
    doc.heading("I. MỤC ĐÍCH, YÊU CẦU")
    doc.paragraph("Động viên cán bộ, công chức thi đua hoàn thành nhiệm vụ.")
    doc.closing(
        ["Như trên;", "Lưu: VT."],
        Signature(("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), "Lê Văn Hòa"),
    )
    return Document(io.BytesIO(doc.to_bytes()))


def _cell_lines(cell) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in cell.paragraphs if p.text]


def test_page_is_a4_with_decree_margins():
    section = _sample().sections[0]

    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin]
    sizes += [section.left_margin, section.right_margin]

    assert [round(size.mm, 1) for size in sizes] == [210, 297, 20, 20, 30, 15]


@pytest.mark.parametrize(
    "fields", [{"top_mm": 15}, {"left_mm": 25}, {"right_mm": 25}, {"body_size": 12}]
)
def test_page_setup_outside_decree_ranges_is_refused(fields):
    with pytest.raises(LayoutError):
        PageSetup(**fields)


def test_header_table_holds_issuing_body_motto_number_and_date():
    header = _sample().tables[0]

    assert _cell_lines(header.cell(0, 0)) == ["ỦY BAN NHÂN DÂN", "QUẬN CẨM LỆ"]
    assert _cell_lines(header.cell(0, 1)) == [NATIONAL_NAME, MOTTO]
    assert _cell_lines(header.cell(1, 0)) == ["Số: 05/KH-UBND"]
    assert _cell_lines(header.cell(1, 1)) == ["Cẩm Lệ, ngày 05 tháng 01 năm 2018"]


def test_header_fonts_follow_the_decree():
    header = _sample().tables[0]
    issuing = header.cell(0, 0).paragraphs[1].runs[0]
    national = header.cell(0, 1).paragraphs[0].runs[0]
    motto = header.cell(0, 1).paragraphs[1].runs[0]
    date = header.cell(1, 1).paragraphs[0].runs[0]

    assert (issuing.font.name, issuing.font.bold, issuing.font.size) == (FONT, True, Pt(13))
    assert (national.font.bold, national.font.size) == (True, Pt(12.5))
    assert (motto.font.bold, motto.font.size) == (True, Pt(13.5))
    assert (date.font.italic, date.font.size) == (True, Pt(14))


def test_rules_under_issuing_body_and_motto_are_bottom_borders():
    header = _sample().tables[0]

    left_rule = header.cell(0, 0).paragraphs[-1]._p.xml
    motto_rule = header.cell(0, 1).paragraphs[-1]._p.xml

    assert '<w:bottom w:val="single"' in left_rule
    assert '<w:bottom w:val="single"' in motto_rule


def test_title_summary_and_body_paragraph():
    doc = _sample()
    texts = [p.text for p in doc.paragraphs if p.text]
    body = next(p for p in doc.paragraphs if p.text.startswith("Động viên"))

    assert texts[:3] == [
        "KẾ HOẠCH",
        "Phát động phong trào thi đua năm 2018",
        "I. MỤC ĐÍCH, YÊU CẦU",
    ]
    assert body.paragraph_format.first_line_indent is not None
    assert round(body.paragraph_format.first_line_indent.cm, 2) == 1.27
    assert body.runs[0].font.size == Pt(14)


def test_closing_has_recipients_and_signature():
    closing = _sample().tables[1]
    left = closing.cell(0, 0).paragraphs
    right = _cell_lines(closing.cell(0, 1))

    assert [p.text for p in left] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    assert (left[0].runs[0].font.bold, left[0].runs[0].font.italic, left[0].runs[0].font.size) == (
        True,
        True,
        Pt(12),
    )
    assert left[1].runs[0].font.size == Pt(11)
    assert right == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Hòa"]


def test_page_numbers_from_page_two():
    section = _sample().sections[0]

    assert section.different_first_page_header_footer is True
    assert "PAGE" in section.header.paragraphs[0]._p.xml
    assert section.first_page_header.paragraphs[0].text == ""


def test_signature_grid_rows_of_three():
    doc = OfficialDocument()
    cells = [Signature((f"ĐƠN VỊ {i}",), f"Người {i}") for i in range(1, 6)]

    table = doc.signature_grid(cells, per_row=3)

    assert (len(table.rows), len(table.columns)) == (2, 3)
    assert _cell_lines(table.cell(1, 1)) == ["ĐƠN VỊ 5", "Người 5"]


def test_signature_grid_refuses_four_a_row():
    with pytest.raises(LayoutError):
        OfficialDocument().signature_grid([Signature(("A",))], per_row=4)


def test_place_and_date_without_date_leaves_blanks():
    assert place_and_date("Cẩm Lệ", None) == "Cẩm Lệ, ngày      tháng      năm"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1250000"), "1.250.000"),
        (Decimal("95.50"), "95,5"),
        (Decimal("0.125"), "0,125"),
        (Decimal("-1200.5"), "-1.200,5"),
        (Decimal("100.0000"), "100"),
    ],
)
def test_decimal_vi(value, text):
    assert decimal_vi(value) == text


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False))
def test_decimal_vi_round_trips(value):
    text = decimal_vi(value)

    assert Decimal(text.replace(".", "").replace(",", ".")) == value


def test_basis_lines_by_regime():
    assert basis_lines(dt.date(2018, 1, 5))[1].startswith(
        "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003"
    )
    assert "91/2017/NĐ-CP" in basis_lines(dt.date(2018, 1, 5))[2]
    assert "98/2023/NĐ-CP" in basis_lines(dt.date(2024, 3, 1))[2]
    assert "152/2025/NĐ-CP" in basis_lines(dt.date(2025, 7, 1))[2]
    assert len(basis_lines(dt.date(2017, 9, 30))) == 2


def test_motto_rule_is_as_long_as_the_motto_printed():
    # Measured on the rendered PDF: the motto at 13.5 pt bold is 5.8 cm wide.
    assert round(text_width_pt(MOTTO, 13.5, bold=True) / 72 * 2.54, 1) == 5.8


def test_ascii_filename_folds_vietnamese():
    assert ascii_filename("Kế hoạch 05/KH-UBND", "docx") == "ke-hoach-05-kh-ubnd.docx"
