"""Certificates: what each page says (read back with pdftotext), which lines get one, and the
background print with its progress."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tdkt.decisions import batches, certificates, services
from tdkt.decisions.enums import CHAIR, VICE_CHAIR, BatchStatus
from tdkt.decisions.models import CertificateBatch
from tdkt.decisions.queries import certificate_lines
from tdkt.decisions.services import DecisionError

pytestmark = pytest.mark.django_db
BASE = "https://tdkt.camle.example"


def _poppler(tool: str) -> None:
    # CI installs poppler-utils; on a machine without it these read-backs are skipped.
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (apt-get install poppler-utils)")


def _pdf_text(path: Path) -> str:
    _poppler("pdftotext")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def _pages(path: Path) -> int:
    _poppler("pdfinfo")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


@pytest.fixture
def merit(tree, draft, signer):
    decision = draft(
        "giay_khen_ct_huyen",
        [tree.binh, tree.anh, tree.ward_a],
        achievement="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2017",
        signer_title=VICE_CHAIR,
        signer_name="Võ Ngọc Lan",
    )
    return services.sign_decision(decision, actor=signer)


def test_certificate_text_says_what_decree_98_asks(merit):
    line = merit.lines.get(number=1)

    text = batches.certificate_text(merit, line, BASE)

    assert text == certificates.CertificateText(
        authority="CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN CẨM LỆ",
        verb="TẶNG",
        title="GIẤY KHEN",
        name="Bà Nguyễn Thị Ánh",
        position="Công chức văn hóa – xã hội, Phường Hòa Thọ Đông",
        achievement="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2017",
        decision_line="Số quyết định: 01/QĐ-UBND, ngày 16/01/2018",
        register_line="Số sổ vàng: 01",
        place_date="Cẩm Lệ, ngày 16 tháng 01 năm 2018",
        signer_lines=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        signer_name="Võ Ngọc Lan",
        verify_url=f"{BASE}/verify/{line.token}/",
    )


def test_printed_certificates_hold_the_vietnamese_text_in_nfc(merit):
    batch = batches.start_batch(merit, actor=None, base_url=BASE)
    done = batches.run_batch(batch.pk, BASE)

    assert done.status == BatchStatus.DONE
    path = Path(done.file.path)
    assert _pages(path) == 3
    text = _pdf_text(path)
    assert unicodedata.is_normalized("NFC", text)
    pages = text.split("\f")
    assert "Bà Nguyễn Thị Ánh" in pages[0]
    assert "Ông Trần Văn Bình" in pages[1]
    assert "Phường Hòa Thọ Đông" in pages[2]
    for page, number in zip(pages, ("01", "02", "03"), strict=False):
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
        assert "Độc lập - Tự do - Hạnh phúc" in page
        assert "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN CẨM LỆ" in page
        assert "GIẤY KHEN" in page
        assert "Số quyết định: 01/QĐ-UBND, ngày 16/01/2018" in page
        assert f"Số sổ vàng: {number}" in page
        assert "Cẩm Lệ, ngày 16 tháng 01 năm 2018" in page
        assert "PHÓ CHỦ TỊCH" in page
        assert "Võ Ngọc Lan" in page


def test_grassroots_fighter_certificate_says_tang_danh_hieu(tree, draft, signer, tmp_path):
    decision = services.sign_decision(draft("cstd_co_so", [tree.anh]), actor=signer)
    items = [batches.certificate_text(decision, line, BASE) for line in decision.lines.all()]
    path = tmp_path / "cstd.pdf"

    assert certificates.render(items, str(path)) == 1
    text = _pdf_text(path)
    assert "TẶNG DANH HIỆU" in text
    assert "CHIẾN SĨ THI ĐUA CƠ SỞ" in text


def test_advanced_worker_title_has_no_certificate(tree, draft, signer):
    decision = services.sign_decision(draft("lao_dong_tien_tien", [tree.anh]), actor=signer)

    assert list(certificate_lines(decision)) == []
    with pytest.raises(DecisionError, match="No recipient"):
        batches.start_batch(decision, actor=None, base_url=BASE)
    assert not CertificateBatch.objects.exists()


def test_a_draft_prints_no_certificates(tree, draft):
    with pytest.raises(DecisionError, match="draft"):
        batches.start_batch(draft("giay_khen_ct_huyen", [tree.anh]), actor=None, base_url=BASE)


def test_revoked_awards_are_left_out_of_the_print(tree, merit, signer, secretariat_user):
    revocation = services.revoke_awards(
        awards=[merit.lines.get(person=tree.binh)],
        reason="Trùng thành tích",
        decision_date=dt.date(2018, 3, 1),
        signer_name="Huỳnh Đức Thịnh",
        signer_title=CHAIR,
        actor=secretariat_user,
    )
    services.sign_decision(revocation, actor=signer)

    done = batches.run_batch(batches.start_batch(merit, actor=None, base_url=BASE).pk, BASE)

    assert done.total == 2
    text = _pdf_text(Path(done.file.path))
    assert "Trần Văn Bình" not in text
    assert "Số sổ vàng: 03" in text


def test_progress_is_reported_page_by_page(merit, monkeypatch):
    seen: list[int] = []
    original = certificates.render

    def watching(items, out, *, progress=None, title=""):  # type: ignore[no-untyped-def]
        def spy(done: int) -> None:
            seen.append(batches.status(CertificateBatch.objects.get()).get("done"))
            assert progress is not None
            progress(done)

        return original(items, out, progress=spy, title=title)

    monkeypatch.setattr(batches, "SAVE_EVERY", 1)
    monkeypatch.setattr(certificates, "render", watching)
    batch = batches.start_batch(merit, actor=None, base_url=BASE)
    assert batches.status(batch)["percent"] == 0

    done = batches.run_batch(batch.pk, BASE)

    assert seen == [0, 1, 2]
    state = batches.status(done)
    assert (state["status"], state["percent"], state["done"], state["total"]) == ("done", 100, 3, 3)
    assert state["download"] == f"/decisions/{merit.pk}/certificates/{batch.pk}/download/"


def test_a_failed_print_says_why(merit, monkeypatch):
    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise certificates.CertificateError("no font")

    monkeypatch.setattr(certificates, "render", broken)
    done = batches.run_batch(batches.start_batch(merit, actor=None, base_url=BASE).pk, BASE)

    assert done.status == BatchStatus.FAILED
    assert done.error == "no font"
    assert batches.status(done)["download"] == ""


def test_a_print_under_way_is_not_started_twice(merit):
    first = batches.start_batch(merit, actor=None, base_url=BASE)

    assert batches.start_batch(merit, actor=None, base_url=BASE) == first
    assert CertificateBatch.objects.count() == 1


def test_qr_code_is_a_square_of_modules():
    matrix = certificates.qr_matrix(f"{BASE}/verify/AbCdEfGhIjKlMnOp/")

    assert len(matrix) in (29, 33, 37)
    assert all(len(row) == len(matrix) for row in matrix)
    # The three finder patterns: dark 7×7 squares in three corners.
    assert all(matrix[0][:7])
    assert all(matrix[0][-7:])
    assert all(matrix[-1][:7])


def test_public_base_url_prefers_the_configured_address(monkeypatch):
    monkeypatch.setenv("TDKT_PUBLIC_URL", "https://khenthuong.camle.gov.vn/")
    assert batches.public_base_url("http://127.0.0.1:8000/") == "https://khenthuong.camle.gov.vn"
    monkeypatch.delenv("TDKT_PUBLIC_URL")
    assert batches.public_base_url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools is not installed")
def test_the_printed_qr_code_reads_as_the_verification_address(merit, tmp_path):
    line = merit.lines.get(number=1)
    pdf = tmp_path / "one.pdf"
    certificates.render([batches.certificate_text(merit, line, BASE)], str(pdf))
    _poppler("pdftoppm")
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(tmp_path / "page")], check=True)
    image = next(tmp_path.glob("page*.png"))

    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True, check=False
    ).stdout.strip()

    assert decoded == f"{BASE}/verify/{line.token}/"


def test_a_reprint_replaces_the_previous_file(merit):
    first = batches.run_batch(batches.start_batch(merit, actor=None, base_url=BASE).pk, BASE)
    old_path = Path(first.file.path)

    second = batches.run_batch(batches.start_batch(merit, actor=None, base_url=BASE).pk, BASE)

    first.refresh_from_db()
    assert not old_path.exists()
    assert first.file.name == ""
    assert batches.status(first)["download"] == ""
    assert Path(second.file.path).exists()
