"""A signed decision in a real browser: open it, print its certificates (the progress bar
reaches 100 % and the PDF downloads), then check a certificate on the public page without
logging in.

Selectors use ids and URLs, never words, so the test holds in Vietnamese and English.
Set TDKT_SCREENSHOT_DIR to keep a screenshot of each step.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tdkt.accounts.enums import Role
from tdkt.decisions import services
from tdkt.decisions.enums import CHAIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem-2025"  # as tests/conftest.py sets for every role user


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("TDKT_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_print_certificates_and_verify_one(page, login, tree, secretariat_user, user_factory):
    signer = user_factory("chutich", Role.SIGNER, tree.district, full_name="Huỳnh Đức Thịnh")
    draft = services.draft_decision(
        issuer=tree.district,
        award_code="giay_khen_ct_huyen",
        year=2017,
        decision_date=dt.date(2018, 1, 16),
        signer_name="Huỳnh Đức Thịnh",
        signer_title=CHAIR,
        lines=[
            services.LineInput(person=tree.anh, achievement="Đã có thành tích xuất sắc năm 2017"),
            services.LineInput(person=tree.binh, achievement="Đã có thành tích xuất sắc năm 2017"),
            services.LineInput(unit=tree.ward_a, achievement="Đã có thành tích xuất sắc năm 2017"),
        ],
        actor=secretariat_user,
    )
    decision = services.sign_decision(draft, actor=signer)
    token = decision.lines.get(person=tree.anh).token

    login("thuky", PASSWORD)
    page.goto("/decisions/")
    page.click(f"tr[data-decision-id='{decision.pk}'] a")
    assert page.url.endswith(f"/decisions/{decision.pk}/")
    assert page.locator("#decision-number").inner_text() == "01/QĐ-UBND"
    assert page.locator("table.attached-list tbody tr[data-line]").count() == 3
    _shot(page, "decision-detail")

    with page.expect_download(timeout=30_000) as download_info:
        page.click("#certificates-form button[type=submit]")
    download = download_info.value
    page.wait_for_function("document.getElementById('certificates-bar').value === 100")
    assert page.locator("#certificates-percent").inner_text() == "100 %"
    assert page.locator("#certificates-download").is_visible()
    _shot(page, "certificates-printed")
    path = download.path()
    assert path is not None
    assert Path(path).read_bytes()[:5] == b"%PDF-"
    assert download.suggested_filename == "giay-khen-01-qd-ubnd.pdf"

    # The public check, as anyone scanning the QR code would reach it: no login.
    page.context.clear_cookies()
    response = page.goto(f"/verify/{token}/")
    assert response is not None
    assert response.status == 200
    assert page.locator("#verdict").get_attribute("data-verdict") == "valid"
    assert "Nguyễn Thị Ánh" in page.locator(".verify").inner_text()
    _shot(page, "verify")
    missing = page.goto("/verify/khong-co-ma-nay/")
    assert missing is not None
    assert missing.status == 404
