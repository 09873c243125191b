"""Digitally signed decision PDFs (PAdES B-B with pyHanko): signing once and storing, the
checks of the public verification page, the upload form, and the settings' failures.

Most tests sign a small ReportLab PDF in place of LibreOffice's output (fast, and they run
where LibreOffice is missing); the tests marked `needs_soffice` sign the real decision PDF."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from reportlab.pdfgen import canvas

from tdkt.common.models import AuditEntry
from tdkt.decisions import documents, services, signing, verification
from tdkt.decisions.models import FrozenError, SignedPdf

PASSWORD = "mật-khẩu thử"
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed"
)


def _client(user=None, **kwargs) -> Client:  # type: ignore[no-untyped-def]
    client = Client(**kwargs)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


def small_pdf(text: str = "Quyết định thử") -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def flip_byte(data: bytes, marker: bytes) -> bytes:
    """The same file with one byte changed inside the signed range (in `marker`'s text)."""
    at = data.index(marker) + 1
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


@pytest.fixture(scope="module")
def p12_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("keys") / "ubnd.p12"
    path.write_bytes(signing.make_pkcs12("UBND quận Cẩm Lệ", PASSWORD, organisation="Quận Cẩm Lệ"))
    return path


@pytest.fixture(scope="module")
def other_identity(tmp_path_factory: pytest.TempPathFactory) -> signing.Identity:
    path = tmp_path_factory.mktemp("keys") / "other.p12"
    path.write_bytes(signing.make_pkcs12("Người khác", "x"))
    return signing.load_identity(str(path), "x")


@pytest.fixture
def signing_on(settings, p12_path):  # type: ignore[no-untyped-def]
    settings.TDKT_SIGNING_P12 = str(p12_path)
    settings.TDKT_SIGNING_P12_PASSWORD = PASSWORD
    return signing.identity()


@pytest.fixture
def signing_off(settings):  # type: ignore[no-untyped-def]
    settings.TDKT_SIGNING_P12 = ""
    settings.TDKT_SIGNING_P12_PASSWORD = ""


@pytest.fixture
def fake_conversion(monkeypatch):  # type: ignore[no-untyped-def]
    """LibreOffice's part replaced by a ReportLab page naming the decision; counts the calls."""
    calls: list[int] = []

    def convert(decision):  # type: ignore[no-untyped-def]
        calls.append(decision.pk)
        return small_pdf(f"Quyết định {decision.number_text or 'dự thảo'}")

    monkeypatch.setattr(documents, "decision_pdf", convert)
    return calls


@pytest.fixture
def merit(tree, draft, signer):  # type: ignore[no-untyped-def]
    return services.sign_decision(
        draft("giay_khen_ct_huyen", [tree.anh, tree.binh, tree.ward_a]), actor=signer
    )


def _token(decision) -> str:  # type: ignore[no-untyped-def]
    return decision.lines.order_by("number").first().token


def _upload(client: Client, token: str, data: bytes, name: str = "quyet-dinh.pdf"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("verify:pdf", args=[token]),
        {"file": SimpleUploadedFile(name, data, content_type="application/pdf")},
    )


# -- pyHanko, without the database ------------------------------------------------------------


def test_a_signed_pdf_validates_and_names_its_signer(p12_path):
    who = signing.load_identity(str(p12_path), PASSWORD)

    data = signing.sign_pdf(
        small_pdf(), who, reason="Ký ban hành Quyết định số 15/QĐ-UBND", location="Cẩm Lệ", name=""
    )
    check = signing.check_pdf(data)

    assert check.good
    assert check.certificate is not None
    assert check.certificate.common_name == "UBND quận Cẩm Lệ"
    assert check.certificate.fingerprint == who.certificate.fingerprint
    assert check.reason == "Ký ban hành Quyết định số 15/QĐ-UBND"
    assert check.location == "Cẩm Lệ"
    assert check.signed_at is not None
    assert who.certificate.not_before < check.signed_at < who.certificate.not_after


def test_a_flipped_byte_breaks_the_signature(p12_path):
    who = signing.load_identity(str(p12_path), PASSWORD)
    data = signing.sign_pdf(small_pdf(), who, reason="r", location="l", name="")

    check = signing.check_pdf(flip_byte(data, b"ReportLab"))

    assert check.readable
    assert check.signed
    assert not check.intact
    assert not check.good


def test_an_appended_signature_is_not_the_whole_file(p12_path, other_identity):
    who = signing.load_identity(str(p12_path), PASSWORD)
    once = signing.sign_pdf(small_pdf(), who, reason="r", location="l", name="")
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    writer = IncrementalPdfFileWriter(io.BytesIO(once))
    twice = signers.sign_pdf(
        writer, signers.PdfSignatureMetadata(field_name="Khac"), signer=other_identity.signer
    ).getvalue()

    check = signing.check_pdf(twice)

    assert check.intact
    assert not check.whole_file
    assert not check.good


def test_unsigned_and_unreadable_files():
    assert signing.check_pdf(small_pdf()) == signing.NOT_SIGNED
    assert signing.check_pdf(b"%PDF-1.7\nnot really a pdf") == signing.NOT_READABLE


def test_a_wrong_password_or_a_missing_file_is_a_clear_error(p12_path, tmp_path):
    with pytest.raises(signing.SigningConfigError, match="TDKT_SIGNING_P12_PASSWORD"):
        signing.load_identity(str(p12_path), "sai mật khẩu")
    with pytest.raises(signing.SigningConfigError, match="cannot be read"):
        signing.load_identity(str(tmp_path / "none.p12"), PASSWORD)


# -- start-up ---------------------------------------------------------------------------------


def test_start_up_refuses_a_wrong_password(settings, p12_path):
    settings.TDKT_SIGNING_P12 = str(p12_path)
    settings.TDKT_SIGNING_P12_PASSWORD = "sai"

    with pytest.raises(ImproperlyConfigured, match="could not be opened"):
        apps.get_app_config("decisions").ready()


def test_start_up_refuses_a_missing_file(settings, tmp_path):
    settings.TDKT_SIGNING_P12 = str(tmp_path / "missing.p12")

    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        apps.get_app_config("decisions").ready()


def test_start_up_accepts_a_good_file_and_no_file(settings, p12_path, signing_off):
    apps.get_app_config("decisions").ready()
    settings.TDKT_SIGNING_P12 = str(p12_path)
    settings.TDKT_SIGNING_P12_PASSWORD = PASSWORD
    apps.get_app_config("decisions").ready()


# -- signing and storing ----------------------------------------------------------------------


@pytest.mark.django_db
def test_first_download_signs_and_stores_then_serves_the_same_file(
    merit, secretariat_user, signing_on, fake_conversion
):
    client = _client(secretariat_user)

    first = client.get(reverse("decisions:pdf", args=[merit.pk]))
    second = client.get(reverse("decisions:pdf", args=[merit.pk]))

    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(fake_conversion) == 1  # converted and signed once
    stored = SignedPdf.objects.get(decision=merit)
    assert stored.sha256 == signing.sha256(first.content)
    assert stored.size == len(first.content)
    assert stored.signer_common_name == "UBND quận Cẩm Lệ"
    assert stored.certificate_fingerprint == signing_on.certificate.fingerprint
    assert stored.created_by == secretariat_user
    check = signing.check_pdf(first.content)
    assert check.good
    assert check.reason == "Ký ban hành Quyết định số 01/QĐ-UBND"
    assert check.location == "Cẩm Lệ"
    entry = AuditEntry.objects.get(action="decisions.decision.pdf_signed")
    assert entry.data["sha256"] == stored.sha256


@pytest.mark.django_db
def test_a_draft_is_never_signed(tree, draft, secretariat_user, signing_on, fake_conversion):
    decision = draft("giay_khen_ct_huyen", [tree.anh])

    response = _client(secretariat_user).get(reverse("decisions:pdf", args=[decision.pk]))

    assert response.status_code == 200
    assert signing.check_pdf(response.content) == signing.NOT_SIGNED
    assert not SignedPdf.objects.exists()


@pytest.mark.django_db
def test_signing_off_changes_nothing(merit, secretariat_user, signing_off, fake_conversion):
    client = _client(secretariat_user)

    response = client.get(reverse("decisions:pdf", args=[merit.pk]))
    page = _client().get(reverse("verify:certificate", args=[_token(merit)]))
    upload = _upload(_client(), _token(merit), response.content)

    assert signing.check_pdf(response.content) == signing.NOT_SIGNED
    assert not SignedPdf.objects.exists()
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="verdict" data-verdict="valid"' in html
    assert "signed-pdf" not in html
    assert "SHA-256" not in html
    assert "verify-pdf-form" not in html
    assert upload.status_code == 404


@pytest.mark.django_db
def test_a_certificate_gone_after_start_up_is_a_message_not_a_500(
    merit, secretariat_user, settings, p12_path, tmp_path, fake_conversion
):
    moved = tmp_path / "moved.p12"
    moved.write_bytes(p12_path.read_bytes())
    settings.TDKT_SIGNING_P12 = str(moved)
    settings.TDKT_SIGNING_P12_PASSWORD = PASSWORD
    moved.unlink()

    response = _client(secretariat_user).get(reverse("decisions:pdf", args=[merit.pk]), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("decisions:detail", args=[merit.pk])
    assert "the signing certificate set up on the server cannot be used" in (
        response.content.decode()
    )
    assert not SignedPdf.objects.exists()


@pytest.mark.django_db
def test_a_stored_file_that_vanished_is_not_made_again(
    merit, secretariat_user, signing_on, fake_conversion
):
    client = _client(secretariat_user)
    client.get(reverse("decisions:pdf", args=[merit.pk]))
    stored = SignedPdf.objects.get(decision=merit)
    Path(stored.file.path).unlink()

    response = client.get(reverse("decisions:pdf", args=[merit.pk]), follow=True)
    page = _client().get(reverse("verify:certificate", args=[_token(merit)])).content.decode()

    assert "is missing from the server" in response.content.decode()
    assert len(fake_conversion) == 1
    assert 'id="stored-verdict" data-verdict="missing"' in page


@pytest.mark.django_db
def test_two_first_downloads_at_once_keep_one_file(merit, signer, signing_on):
    """Both converted and signed outside any transaction; the second to store gets the first's
    file, and its own is removed from storage."""
    first = signing.sign_pdf(small_pdf("một"), signing_on, reason="r", location="l", name="")
    second = signing.sign_pdf(small_pdf("hai"), signing_on, reason="r", location="l", name="")

    kept = services._store_signed(merit, first, signing_on, signer)
    answer = services._store_signed(merit, second, signing_on, signer)

    stored = SignedPdf.objects.get(decision=merit)
    assert kept == answer == first
    assert stored.sha256 == signing.sha256(first)
    folder = Path(stored.file.path).parent
    assert Path(stored.file.path).read_bytes() == first
    assert list(folder.glob(f"{merit.pk}-{signing.sha256(second)[:16]}*.pdf")) == []


@pytest.mark.django_db
def test_the_stored_pdf_cannot_be_changed_or_deleted(
    merit, secretariat_user, signing_on, fake_conversion
):
    _client(secretariat_user).get(reverse("decisions:pdf", args=[merit.pk]))
    stored = SignedPdf.objects.get(decision=merit)

    stored.sha256 = "0" * 64
    with pytest.raises(FrozenError):
        stored.save()
    with pytest.raises(FrozenError):
        stored.delete()


# -- the verification page --------------------------------------------------------------------


@pytest.fixture
def issued(merit, secretariat_user, signing_on, fake_conversion) -> bytes:  # type: ignore[no-untyped-def]
    """The PDF as the secretariat downloaded it (signed and stored)."""
    return _client(secretariat_user).get(reverse("decisions:pdf", args=[merit.pk])).content


@pytest.mark.django_db
def test_the_page_shows_the_signature_of_the_stored_file(merit, issued, signing_on):
    response = _client().get(reverse("verify:certificate", args=[_token(merit)]))

    html = response.content.decode()
    stored = SignedPdf.objects.get(decision=merit)
    assert response.status_code == 200
    assert 'id="stored-verdict" data-verdict="intact"' in html
    assert '<dd id="signer-cn">UBND quận Cẩm Lệ</dd>' in html
    assert f'<code id="issued-sha256">{stored.sha256}</code>' in html
    assert signing_on.certificate.fingerprint_display in html
    assert "It is the certificate this server is set up to sign decisions with." in html
    assert "Signing time" in html
    assert 'enctype="multipart/form-data"' in html
    assert "csrfmiddlewaretoken" in html


@pytest.mark.django_db
def test_the_page_says_when_the_configured_certificate_is_another(
    merit, issued, settings, tmp_path
):
    replaced = tmp_path / "new.p12"
    replaced.write_bytes(signing.make_pkcs12("UBND quận Cẩm Lệ", "new"))
    settings.TDKT_SIGNING_P12 = str(replaced)
    settings.TDKT_SIGNING_P12_PASSWORD = "new"

    html = _client().get(reverse("verify:certificate", args=[_token(merit)])).content.decode()

    assert "It is not the certificate this server signs with now" in html
    assert 'data-verdict="intact"' in html  # the file itself is still intact


@pytest.mark.django_db
def test_a_stored_file_altered_on_disk_shows_as_modified(merit, issued):
    stored = SignedPdf.objects.get(decision=merit)
    path = Path(stored.file.path)
    path.write_bytes(flip_byte(path.read_bytes(), b"ReportLab"))

    html = _client().get(reverse("verify:certificate", args=[_token(merit)])).content.decode()

    assert 'id="stored-verdict" data-verdict="modified"' in html


@pytest.mark.django_db
def test_uploading_the_issued_file_says_so(merit, issued):
    response = _upload(_client(), _token(merit), issued)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-verdict="issued"' in html
    assert "This is the issued file, unchanged" in html
    assert f'<code id="upload-sha256">{signing.sha256(issued)}</code>' in html


@pytest.mark.django_db
def test_uploading_a_file_with_a_flipped_byte_says_modified(merit, issued):
    response = _upload(_client(), _token(merit), flip_byte(issued, b"ReportLab"))

    html = response.content.decode()
    assert 'data-verdict="modified"' in html
    assert "This file was changed after it was signed" in html


@pytest.mark.django_db
def test_uploading_an_unsigned_copy_says_it_is_not_the_issued_file(merit, issued):
    html = _upload(_client(), _token(merit), small_pdf("Quyết định 01/QĐ-UBND")).content.decode()

    assert 'data-verdict="unsigned"' in html
    assert "Not the issued file" in html


@pytest.mark.django_db
def test_uploading_another_pdf_signed_with_the_same_certificate(merit, issued, signing_on):
    other = signing.sign_pdf(small_pdf("khác"), signing_on, reason="r", location="l", name="")

    html = _upload(_client(), _token(merit), other).content.decode()

    assert 'data-verdict="same-signer"' in html
    assert "but not this decision&#x27;s PDF" in html


@pytest.mark.django_db
def test_uploading_a_pdf_signed_by_someone_else(merit, issued, other_identity):
    other = signing.sign_pdf(small_pdf(), other_identity, reason="r", location="l", name="")

    html = _upload(_client(), _token(merit), other).content.decode()

    assert 'data-verdict="other-signer"' in html
    assert "Người khác" in html


@pytest.mark.django_db
def test_the_upload_must_be_a_pdf_by_content(merit, issued):
    response = _upload(_client(), _token(merit), b"Just text, not a PDF.", name="quyet-dinh.pdf")

    assert response.status_code == 400
    assert "is not an accepted kind of file (PDF)" in response.content.decode()
    assert "upload-result" not in response.content.decode()


@pytest.mark.django_db
def test_the_upload_is_size_limited(merit, issued, monkeypatch):
    monkeypatch.setattr(verification, "PUBLIC_PDF_MAX_BYTES", len(issued) - 1)

    response = _upload(_client(), _token(merit), issued)

    assert response.status_code == 400
    assert "at most" in response.content.decode()
    assert "upload-result" not in response.content.decode()


@pytest.mark.django_db
def test_the_upload_is_rate_limited_per_address(merit, issued, settings):
    settings.TDKT_VERIFY_UPLOADS = 2
    from django.core.cache import cache

    cache.clear()
    client = _client()
    answers = [_upload(client, _token(merit), issued).status_code for _ in range(3)]
    other_address = client.post(
        reverse("verify:pdf", args=[_token(merit)]),
        {"file": SimpleUploadedFile("a.pdf", issued)},
        REMOTE_ADDR="10.0.0.9",
    )
    cache.clear()

    assert answers == [200, 200, 429]
    assert other_address.status_code == 200


@pytest.mark.django_db
def test_the_upload_needs_the_csrf_token(merit, issued):
    response = _upload(_client(enforce_csrf_checks=True), _token(merit), issued)

    assert response.status_code == 403


@pytest.mark.django_db
def test_an_unknown_token_cannot_upload(issued):
    assert _upload(_client(), "khong-co-ma-nay", issued).status_code == 404


# -- the real decision PDF, through LibreOffice -----------------------------------------------


@needs_soffice
@pytest.mark.django_db
def test_libreoffice_pdf_is_signed_and_checked_end_to_end(merit, secretariat_user, signing_on):
    pdf = _client(secretariat_user).get(reverse("decisions:pdf", args=[merit.pk])).content
    token = _token(merit)

    check = signing.check_pdf(pdf)
    assert check.good
    assert check.certificate is not None
    assert check.certificate.common_name == "UBND quận Cẩm Lệ"
    assert check.reason == "Ký ban hành Quyết định số 01/QĐ-UBND"
    assert SignedPdf.objects.get(decision=merit).sha256 == signing.sha256(pdf)
    assert 'data-verdict="issued"' in _upload(_client(), token, pdf).content.decode()
    flipped = flip_byte(pdf, b"LibreOffice")
    assert 'data-verdict="modified"' in _upload(_client(), token, flipped).content.decode()
    unsigned = documents.decision_pdf(merit)  # converted again: another, unsigned file
    assert 'data-verdict="unsigned"' in _upload(_client(), token, unsigned).content.decode()


# -- the test identity command ----------------------------------------------------------------


def test_make_signing_key_writes_a_usable_private_file(settings, tmp_path, capsys):
    settings.TDKT_SIGNING_P12_PASSWORD = "bí mật"
    path = tmp_path / "demo.p12"

    call_command("decisions", "make-signing-key", str(path), "--name", "UBND phường Hòa Thọ Đông")

    who = signing.load_identity(str(path), "bí mật")
    assert who.certificate.common_name == "UBND phường Hòa Thọ Đông"
    assert path.stat().st_mode & 0o777 == 0o600
    assert who.certificate.fingerprint_display in capsys.readouterr().out
    with pytest.raises(CommandError, match="--force"):
        call_command("decisions", "make-signing-key", str(path))


def test_make_signing_key_needs_a_password(settings, tmp_path, monkeypatch):
    settings.TDKT_SIGNING_P12_PASSWORD = ""
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    with pytest.raises(CommandError, match="TDKT_SIGNING_P12_PASSWORD"):
        call_command("decisions", "make-signing-key", str(tmp_path / "x.p12"))
    assert not (tmp_path / "x.p12").exists()


@pytest.mark.django_db
def test_the_decision_page_says_whether_its_pdf_is_signed(
    merit, secretariat_user, signing_on, fake_conversion
):
    client = _client(secretariat_user)
    page = reverse("decisions:detail", args=[merit.pk])

    before = client.get(page).content.decode()
    client.get(reverse("decisions:pdf", args=[merit.pk]))
    after = client.get(page).content.decode()

    assert "will be digitally signed at its first download" in before
    stored = SignedPdf.objects.get(decision=merit)
    assert "The PDF was digitally signed by UBND quận Cẩm Lệ at" in after
    assert f"<code>{stored.sha256}</code>" in after


@pytest.mark.django_db
def test_the_decision_page_says_nothing_of_signing_when_it_is_off(
    merit, secretariat_user, signing_off
):
    html = _client(secretariat_user).get(reverse("decisions:detail", args=[merit.pk])).content
    assert b'id="signed-pdf"' not in html


@pytest.mark.django_db
def test_a_demo_reset_removes_the_stored_file_with_its_row(
    merit, issued, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    from tdkt.demo.loader import wipe

    name = SignedPdf.objects.get(decision=merit).file.name
    assert default_storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        wipe()

    assert not SignedPdf.objects.exists()
    assert not default_storage.exists(name)


@pytest.mark.django_db
def test_a_failed_store_leaves_no_file_behind(
    merit, secretariat_user, signing_on, fake_conversion, monkeypatch
):
    from django.core.files.storage import default_storage

    from tdkt.decisions import services as decision_services

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("the audit table is unreachable")

    monkeypatch.setattr(decision_services, "record", broken)
    folder = "decisions/signed"

    def files() -> set[str]:
        return set(default_storage.listdir(folder)[1]) if default_storage.exists(folder) else set()

    before = files()
    with pytest.raises(RuntimeError):
        decision_services.issued_pdf(merit, actor=secretariat_user)

    assert not SignedPdf.objects.exists()
    assert files() == before
