"""Rendering through LibreOffice: the document becomes a PDF with the text where it belongs.

Skipped, with the reason, when LibreOffice is not installed. Set TDKT_RENDER_DIR to keep the
PDFs (and look at them: `pdftoppm -png -r 80 file.pdf page`).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tdkt.documents.layout import Header, OfficialDocument, Signature
from tdkt.documents.pdf import ConversionError, docx_to_pdf, soffice_binary

pytestmark = pytest.mark.skipif(
    soffice_binary() is None,
    reason="LibreOffice is not installed"
    " (apt-get install libreoffice-writer-nogui fonts-liberation2)",
)


def pdf_pages(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of each page (pdftotext, from poppler-utils)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    source = tmp_path / "out.pdf"
    source.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return text.split("\f")


def keep(pdf: bytes, name: str) -> None:
    folder = os.environ.get("TDKT_RENDER_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / name).write_bytes(pdf)


def test_two_page_document_renders_with_page_number_on_page_two(tmp_path):
    doc = OfficialDocument()
    doc.header(
        Header(
            ("ỦY BAN NHÂN DÂN", "QUẬN CẨM LỆ"),
            number="05/KH-UBND",
            place="Cẩm Lệ",
            date=dt.date(2018, 1, 5),
        )
    )
    doc.title("KẾ HOẠCH", "Phát động phong trào thi đua năm 2018")
    for number in range(1, 40):
        doc.paragraph(f"{number}. Thi đua hoàn thành thắng lợi các chỉ tiêu kinh tế - xã hội.")
    doc.closing(["Lưu: VT."], Signature(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "Huỳnh Đức Thịnh"))

    pdf = docx_to_pdf(doc.to_bytes())
    keep(pdf, "layout.pdf")
    pages = [p for p in pdf_pages(pdf, tmp_path) if p.strip()]

    assert pdf.startswith(b"%PDF")
    assert len(pages) >= 2
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0]
    assert "Cẩm Lệ, ngày 05 tháng 01 năm 2018" in pages[0]
    assert pages[1].strip().splitlines()[0].strip() == "2"
    assert "Huỳnh Đức Thịnh" in pages[-1]


def test_conversion_error_when_soffice_is_missing(monkeypatch):
    monkeypatch.setattr("tdkt.documents.pdf.soffice_binary", lambda: None)

    with pytest.raises(ConversionError):
        docx_to_pdf(b"not used")
