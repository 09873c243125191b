"""Attachments are judged by their content: a file that is not what its name says, an Office
file with macros or an oversized file is refused and nothing is stored."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tdkt.nominations import services
from tdkt.nominations.models import Attachment
from tdkt.nominations.services import NominationError
from tests.nominations.round2018 import make_dossier, nominate

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def office(main_part: str, *, macro: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
        if macro:
            archive.writestr("word/vbaProject.bin", b"\x00macro")
    return buffer.getvalue()


@pytest.fixture
def dossier(round2018: SimpleNamespace, unit_officer: Any, settings: Any, tmp_path: Path) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return make_dossier(round2018.ward_a, unit_officer)


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "nominations"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_pdf_report_attached(dossier: Any, unit_officer: Any, round2018: SimpleNamespace) -> None:
    nomination = nominate(dossier, unit_officer, round2018.anh)

    attachment = services.add_attachment(
        dossier,
        kind="achievement_report",
        name="Báo cáo thành tích.pdf",
        content=PDF,
        nomination=nomination,
        actor=unit_officer,
    )

    assert (attachment.file_type, attachment.size, attachment.original_name) == (
        "pdf",
        len(PDF),
        "Báo cáo thành tích.pdf",
    )
    assert attachment.file.name.startswith(f"nominations/{dossier.pk}/")
    assert attachment.file.name.endswith(".pdf")
    assert Path(attachment.file.path).read_bytes() == PDF


def test_docx_and_png_accepted(dossier: Any, unit_officer: Any) -> None:
    services.add_attachment(
        dossier,
        kind="review_minutes",
        name="bien-ban.docx",
        content=office("word/document.xml"),
        actor=unit_officer,
    )
    services.add_attachment(
        dossier, kind="initiative", name="giay-chung-nhan.png", content=PNG, actor=unit_officer
    )

    assert sorted(Attachment.objects.values_list("file_type", flat=True)) == ["docx", "png"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "bao-cao.pdf",
            b"MZ\x90\x00 this is a program",
            "Nội dung tệp “bao-cao.pdf” không thuộc loại tệp được chấp nhận",
        ),
        (
            "bao-cao.pdf",
            PNG,
            "Tệp “bao-cao.pdf” mang tên tệp PDF nhưng nội dung là PNG; chưa có gì được lưu.",
        ),
        (
            "bien-ban.docx",
            office("word/document.xml", macro=True),
            "Tệp “bien-ban.docx” có chứa macro",
        ),
        ("bien-ban.docm", office("word/document.xml"), "Tệp “bien-ban.docm” có chứa macro"),
        (
            "anh.gif",
            b"GIF89a" + b"\x00" * 20,
            "Nội dung tệp “anh.gif” không thuộc loại tệp được chấp nhận",
        ),
        ("trong.pdf", b"", "Tệp “trong.pdf” không có nội dung."),
    ],
)
def test_bad_file_refused_and_nothing_stored(
    dossier: Any, unit_officer: Any, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(NominationError) as caught:
        services.add_attachment(
            dossier, kind="other", name=name, content=content, actor=unit_officer
        )

    assert message in str(caught.value)
    assert Attachment.objects.count() == 0
    assert _stored_files() == []


def test_oversized_file_refused(dossier: Any, unit_officer: Any, settings: Any) -> None:
    settings.TDKT_MAX_ATTACHMENT_BYTES = 1024

    with pytest.raises(NominationError) as caught:
        services.add_attachment(
            dossier, kind="other", name="lon.pdf", content=PDF + b"0" * 2000, actor=unit_officer
        )

    assert str(caught.value) == (
        "Tệp “lon.pdf” có dung lượng 2,0\xa0KB; chỉ chấp nhận tối đa 1,0\xa0KB."
    )
    assert Attachment.objects.count() == 0


def test_attachment_download_in_scope_only(
    dossier: Any, unit_officer: Any, other_ward_officer: Any, client: Client
) -> None:
    attachment = services.add_attachment(
        dossier, kind="other", name="Tờ trình.pdf", content=PDF, actor=unit_officer
    )

    client.force_login(other_ward_officer)
    outsider = client.get(f"/nominations/files/{attachment.pk}/")
    client.force_login(unit_officer)
    owner = client.get(f"/nominations/files/{attachment.pk}/")

    assert outsider.status_code == 404
    assert owner.status_code == 200
    assert b"".join(owner.streaming_content) == PDF
    assert "attachment" in owner["Content-Disposition"]


def test_upload_view_refuses_fake_pdf(dossier: Any, unit_officer: Any, client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(unit_officer)
    response = client.post(
        f"/nominations/{dossier.pk}/attachments/",
        {"kind": "other", "file": SimpleUploadedFile("gia.pdf", PNG, "application/pdf")},
        follow=True,
    )

    assert "mang tên tệp PDF nhưng nội dung là PNG" in response.content.decode()
    assert Attachment.objects.count() == 0
