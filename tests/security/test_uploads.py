"""Uploads are judged by content: size limits, declared types only, zip bombs and Office macros
refused with a clear message; and values written to CSV/Excel never run as formulas."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from tdkt.common.security import (
    CSV,
    DOCX,
    PDF,
    PNG,
    XLSX,
    UploadRejected,
    check_upload,
    check_uploaded_file,
    safe_cell,
)


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "Năm"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    document = Document()
    document.add_paragraph("Báo cáo thành tích")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rezip(
    content: bytes, extra: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None
) -> bytes:
    """A copy of a zip package with members added or replaced."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = (replace or {}).get(info.filename, source.read(info))
            target.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def message(exc: pytest.ExceptionInfo[UploadRejected]) -> str:
    return str(exc.value)


@pytest.fixture(autouse=True)
def vietnamese():  # type: ignore[no-untyped-def]
    with translation.override("vi"):
        yield


def test_real_xlsx_docx_pdf_png_and_csv_are_recognised():
    assert check_upload("ds.xlsx", xlsx_bytes(), (XLSX, CSV)) == XLSX
    assert check_upload("bc.docx", docx_bytes(), (DOCX,)) == DOCX
    assert check_upload("qd.pdf", b"%PDF-1.7\n...", (PDF,)) == PDF
    assert check_upload("anh.png", b"\x89PNG\r\n\x1a\n....", (PNG,)) == PNG
    assert check_upload("ds.csv", "Họ và tên;Năm\n".encode(), (XLSX, CSV)) == CSV


def test_type_is_judged_by_content_not_name():
    with pytest.raises(UploadRejected) as refused:
        check_upload("danh-sach.xlsx", b"%PDF-1.4 not a workbook", (XLSX, CSV))

    assert "danh-sach.xlsx" in message(refused)


def test_executable_named_pdf_is_refused():
    with pytest.raises(UploadRejected):
        check_upload("quyet-dinh.pdf", b"MZ\x90\x00\x03\x00\x00\x00", (PDF,))


def test_empty_file_is_refused():
    with pytest.raises(UploadRejected) as refused:
        check_upload("rong.csv", b"", (CSV,))

    assert "rong.csv" in message(refused)


def test_file_over_the_limit_is_refused_before_reading():
    with pytest.raises(UploadRejected) as refused:
        check_upload("lon.csv", b"a" * 2048, (CSV,), max_bytes=1024)

    assert "2,0\xa0KB" in message(refused)
    assert "1,0\xa0KB" in message(refused)


def test_uploaded_file_size_is_checked_from_its_header_size():
    upload = SimpleUploadedFile("lon.csv", b"a" * 2048)

    with pytest.raises(UploadRejected):
        check_uploaded_file(upload, (CSV,), max_bytes=1024)


def test_macro_part_in_xlsx_is_refused_whatever_the_name():
    infected = rezip(xlsx_bytes(), extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})

    with pytest.raises(UploadRejected) as refused:
        check_upload("ket-qua.xlsx", infected, (XLSX,))

    assert "macro" in message(refused)


def test_macro_enabled_content_type_is_refused():
    original = xlsx_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        types = archive.read("[Content_Types].xml").replace(
            b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
        )
    crafted = rezip(original, replace={"[Content_Types].xml": types})

    with pytest.raises(UploadRejected) as refused:
        check_upload("ket-qua.xlsx", crafted, (XLSX,))

    assert "macro" in message(refused)


def test_xlsm_name_is_refused_even_with_clean_content():
    with pytest.raises(UploadRejected):
        check_upload("ket-qua.xlsm", xlsx_bytes(), (XLSX,))


def test_zip_bomb_is_refused_by_ratio(settings):
    settings.TDKT_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
    bomb = rezip(xlsx_bytes(), extra={"xl/media/zeros.bin": b"\0" * (8 * 1024 * 1024)})

    with pytest.raises(UploadRejected) as refused:
        check_upload("bom.xlsx", bomb, (XLSX,))

    assert "bom" in message(refused)


def test_zip_bomb_is_refused_by_total_size(settings):
    settings.TDKT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    settings.TDKT_MAX_COMPRESSION_RATIO = 10_000
    bomb = rezip(xlsx_bytes(), extra={"xl/media/zeros.bin": b"\0" * (2 * 1024 * 1024)})

    with pytest.raises(UploadRejected):
        check_upload("bom.xlsx", bomb, (XLSX,))


def test_zip_with_lying_size_headers_is_refused(settings):
    """The central directory claims a small member; decompressing shows the truth."""
    settings.TDKT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    settings.TDKT_MAX_COMPRESSION_RATIO = 10_000
    bomb = bytearray(rezip(xlsx_bytes(), extra={"zeros.bin": b"\0" * (3 * 1024 * 1024)}))
    # Rewrite the uncompressed size of the last member (in its local and central headers).
    size = (3 * 1024 * 1024).to_bytes(4, "little")
    assert bomb.count(size) >= 2
    bomb = bytearray(bytes(bomb).replace(size, (100).to_bytes(4, "little")))

    with pytest.raises(UploadRejected):
        check_upload("bom.xlsx", bytes(bomb), (XLSX,))


def test_damaged_zip_is_refused_with_a_message():
    with pytest.raises(UploadRejected) as refused:
        check_upload("hong.xlsx", b"PK\x03\x04" + b"\x00" * 100, (XLSX,))

    assert "hong.xlsx" in message(refused)


def test_old_binary_office_file_is_not_an_accepted_kind():
    with pytest.raises(UploadRejected):
        check_upload("cu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, (XLSX, CSV))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x","bấm")', '\'=HYPERLINK("http://x","bấm")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("＝1+1", "'＝1+1"),
        ("Nguyễn Thị Ánh", "Nguyễn Thị Ánh"),
        ("12/QĐ-UBND", "12/QĐ-UBND"),
        (42, 42),
        (None, None),
    ],
)
def test_safe_cell_neutralises_formulas(value, expected):
    assert safe_cell(value) == expected


@given(st.text())
def test_safe_cell_output_never_starts_a_formula(text):
    result = safe_cell(text)

    assert not result.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
    assert result in (text, "'" + text)


# --- the upload forms of the apps use the shared checks ------------------------------------


@pytest.mark.django_db
def test_import_page_refuses_macro_workbook_with_vietnamese_message(client, tree, unit_officer):
    client.force_login(unit_officer)
    infected = rezip(xlsx_bytes(), extra={"xl/vbaProject.bin": b"macro"})

    response = client.post(
        reverse("imports:upload"),
        {"kind": "people", "file": SimpleUploadedFile("can-bo.xlsx", infected)},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    with translation.override("vi"):
        expected = str(check_error("can-bo.xlsx", infected, (XLSX, CSV)))
    assert errors == [expected]


def check_error(name: str, content: bytes, kinds: tuple[str, ...]) -> UploadRejected:
    try:
        check_upload(name, content, kinds)
    except UploadRejected as exc:
        return exc
    raise AssertionError("accepted")


def test_movement_evidence_refuses_a_zip_bomb(settings):
    from django import forms

    from tdkt.movements.forms import validate_evidence

    settings.TDKT_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
    bomb = rezip(docx_bytes(), extra={"word/media/zeros.bin": b"\0" * (8 * 1024 * 1024)})

    with pytest.raises(forms.ValidationError):
        validate_evidence(SimpleUploadedFile("minh-chung.docx", bomb))


def test_nomination_attachment_refuses_a_macro_document():
    from tdkt.nominations.validators import AttachmentRejectedError, check_attachment

    infected = rezip(docx_bytes(), extra={"word/vbaProject.bin": b"macro"})

    with pytest.raises(AttachmentRejectedError):
        check_attachment("bao-cao.docx", infected)
