"""Exported files keep Vietnamese text exactly, sort names the Vietnamese way, never let a cell
become a formula, and the Word report renders to PDF."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from types import SimpleNamespace
from typing import Any

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tdkt.awards.enums import AwardStatus
from tdkt.common.text import clean_text
from tdkt.reports import excel, word
from tdkt.reports.queries import AwardFilter, Selection, award_details, year_figures
from tdkt.reports.register import BOTH_STATUSES, person_awards, register_awards
from tdkt.reports.statforms import fill_forms

pytestmark = pytest.mark.django_db


def _book(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def _year_book(selection: Selection, year: int) -> Any:
    figures = year_figures(selection, year)
    details = award_details(selection, AwardFilter(years=(year,), statuses=BOTH_STATUSES))
    return _book(excel.year_workbook(figures, details))


@pytest.mark.unit
@given(st.text(max_size=40))
def test_text_cell_never_makes_a_formula(value: str) -> None:
    sheet = Workbook().active

    cell = excel.text_cell(sheet["A1"], value)

    expected = clean_text(ILLEGAL_CHARACTERS_RE.sub("", value))
    assert cell.value == expected
    assert cell.data_type == "s"
    assert bool(cell.quotePrefix) == expected.startswith(("=", "+", "-", "@"))


def test_formula_like_text_stays_text_in_the_file(
    register: SimpleNamespace, award_factory: Any
) -> None:
    award_factory(
        register.ward_a,
        "don_vi_tieu_bieu",
        2024,
        decision_number="99/QĐ-UBND",
        issuer='=HYPERLINK("http://x.invalid","bấm")',
    )

    sheet = _year_book(Selection(), 2024)["Chi tiết"]

    cell = next(c for c in sheet["N"] if c.value and str(c.value).startswith("=HYPERLINK"))
    assert cell.value == '=HYPERLINK("http://x.invalid","bấm")'
    assert cell.data_type == "s"
    assert cell.quotePrefix is True


def test_year_workbook_keeps_vietnamese_text_and_name_order(register: SimpleNamespace) -> None:
    book = _year_book(Selection(), 2024)

    summary = [row for row in book["Tổng hợp"].iter_rows(values_only=True) if any(row)]
    assert summary[0][0] == "BÁO CÁO KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2024"
    assert ("Ngoài nhà nước", 1, 2, 3) in [row[:4] for row in summary]
    detail = list(book["Chi tiết"].iter_rows(min_row=2, values_only=True))
    ldtt = [row[3] for row in detail if row[1] == "Lao động tiên tiến"]
    # Given name first: Ánh, Bình, Chi, Dũng (not the family-name order Nguyễn, Phạm, Trần, Võ).
    assert ldtt == ["Nguyễn Thị Ánh", "Trần Văn Bình", "Phạm Thị Chi", "Võ Văn Dũng"]
    assert all(unicodedata.is_normalized("NFC", name) for name in ldtt)
    chi = next(row for row in detail if row[3] == "Phạm Thị Chi" and row[1] == "Lao động tiên tiến")
    assert chi[4:11] == (
        "Nữ",
        "Công ty TNHH Hòa Phát Xanh",
        "Doanh nghiệp",
        "Ngoài nhà nước",
        "Người lao động",
        "Có",
        "Không",
    )
    revoked = next(row for row in detail if row[16] == "Đã thu hồi")
    assert revoked[3] == "Trần Văn Bình"
    assert revoked[17] == "120/QĐ-UBND ngày 02/03/2025"
    # The higher award comes first in the detail, as in the catalogue.
    assert detail[0][1] == "Cờ thi đua cấp tỉnh"


def test_register_workbook_marks_revoked_awards(register: SimpleNamespace) -> None:
    awards = register_awards(Selection(unit=register.ward_b))

    sheet = _book(
        excel.register_workbook("SỔ THEO DÕI KHEN THƯỞNG", "Phường Khuê Trung", awards)
    ).active

    rows = [row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]]
    revoked = next(row for row in rows if row[10] == "Đã thu hồi")
    assert revoked[1] == "Trần Văn Bình"
    assert revoked[11] == "Thu hồi theo Quyết định số 120/QĐ-UBND ngày 02/03/2025: Trùng thành tích"
    assert [row[1] for row in rows][:1] == ["Phường Khuê Trung"]


def test_forms_workbook_has_the_official_header_and_notes(register: SimpleNamespace) -> None:
    book = _book(excel.forms_workbook(fill_forms(Selection(unit=register.province), 2024)))

    sheet = book["Biểu 0602"]
    assert sheet["A1"].value == "Biểu số: 0602.N/BNV-TĐKT"
    assert sheet["A2"].value == "Ban hành theo Thông tư số 2/2023/TT-BNV ngày 23/3/2023"
    assert sheet["A5"].value == "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC"
    assert sheet["A7"].value == "(Từ ngày 01/12/2023 đến ngày 30/11/2024)"
    values = {row[1]: row[3] for row in sheet.iter_rows(min_row=12, values_only=True) if row[1]}
    assert values["1"] == 1
    assert values["8"] is None
    texts = [c.value for c in sheet["A"] if c.value]
    assert any(str(t).startswith("- Dòng hộ gia đình") for t in texts)
    empty = book["Biểu 0605"]
    assert empty["A5"].value == "SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG"
    assert all(c.value is None for c in empty["D"][11:])


def test_person_register_is_in_year_order(register: SimpleNamespace) -> None:
    awards = list(person_awards(register.dung))

    assert [a.year for a in awards] == [2022, 2023, 2023, 2024, 2024]
    assert all(a.status == AwardStatus.GRANTED for a in awards)


def _word(register: SimpleNamespace) -> bytes:
    return word.year_document(
        year_figures(Selection(unit=register.district), 2024), register.district
    )


def test_year_document_has_the_official_blocks(register: SimpleNamespace) -> None:
    document = Document(io.BytesIO(_word(register)))

    texts = [p.text for p in document.paragraphs]
    header = document.tables[0]
    assert [p.text for p in header.rows[0].cells[0].paragraphs][:2] == [
        "ỦY BAN NHÂN DÂN",
        "QUẬN CẨM LỆ",
    ]
    gap = "\u00a0" * 6
    assert header.rows[1].cells[0].paragraphs[0].text == f"Số:{gap}\u00a0\u00a0/BC-UBND"
    assert header.rows[1].cells[1].paragraphs[0].text == f"Cẩm Lệ, ngày{gap}tháng{gap}năm{gap}"
    assert texts[texts.index("BÁO CÁO") + 1] == "Kết quả công tác thi đua, khen thưởng năm 2024"
    assert "I. KẾT QUẢ KHEN THƯỞNG NĂM 2024" in texts
    assert "- Lao động tiên tiến: 4 cá nhân." in texts
    assert "- Giấy khen của Chủ tịch UBND cấp huyện: 1 tập thể, 1 cá nhân;" in texts
    assert (
        "Tổng số tiền thưởng: 1.560.000 đồng (Một triệu năm trăm sáu mươi nghìn đồng)."
        " Có 8 lượt khen thưởng chưa ghi số tiền thưởng." in texts
    )
    totals = document.tables[1]
    assert [c.text for c in totals.rows[-1].cells] == ["", "Cộng", "4", "7", "11"]
    closing = document.tables[-1].rows[0].cells
    assert [p.text for p in closing[1].paragraphs][:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert "- Ủy ban nhân dân thành phố Đà Nẵng;" in [p.text for p in closing[0].paragraphs]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_year_document_renders_to_pdf_with_vietnamese_text(register: SimpleNamespace) -> None:
    from tdkt.documents.pdf import docx_to_pdf

    pdf = docx_to_pdf(_word(register))

    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        return
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert "BÁO CÁO" in text
    assert "Kết quả công tác thi đua, khen thưởng năm 2024" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text
