"""In a real browser: the year report page, its figures, and the Excel download."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from openpyxl import load_workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "bao-cao-thu-nghiem-2025"


def test_year_report_page_and_excel_download(
    page: Any, login: Any, tree: SimpleNamespace, secretariat_user: Any, tmp_path: Path
) -> None:
    secretariat_user.set_password(PASSWORD)
    secretariat_user.save()
    login(secretariat_user.username, PASSWORD)

    page.goto("/reports/")
    page.click("nav.subnav >> a[href='/reports/year/']")
    page.fill("input[name=year]", "2024")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()

    assert page.inner_text("[data-figure=individual]") == "2"
    assert page.inner_text("[data-figure=collective]") == "2"
    assert page.inner_text("#year-totals tr[data-award=lao_dong_tien_tien] td:nth-child(3)") == "2"
    with page.expect_download() as download_info:
        page.click("#download-xlsx")
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)

    assert download.suggested_filename == "bao-cao-thi-dua-khen-thuong-nam-2024.xlsx"
    book = load_workbook(target)
    assert book.sheetnames == ["Tổng hợp", "Chi tiết"]
    names = [row[3] for row in book["Chi tiết"].iter_rows(min_row=2, values_only=True)]
    assert names == ["Phường Hòa Thọ Đông", "Phường Khuê Trung", "Nguyễn Thị Ánh", "Trần Văn Bình"]


def test_year_report_outside_scope_shows_a_message(
    page: Any, login: Any, tree: SimpleNamespace, unit_officer: Any
) -> None:
    unit_officer.set_password(PASSWORD)
    unit_officer.save()
    login(unit_officer.username, PASSWORD)

    response = page.goto(f"/reports/year/?year=2024&unit={tree.ward_b.pk}")

    assert response.status == 200
    assert page.locator(".report-message").count() == 1
    assert "Khuê Trung" not in page.inner_text("main")
