"""The foundation's main flows in a real browser: log in, browse the tree, find a person
without diacritics, and a ward officer refused another ward's pages."""

from __future__ import annotations

import re

import pytest

PASSWORD = "mat-khau-thu-nghiem-2025"  # as tests/conftest.py sets for every role user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_shows_the_overview_in_vietnamese(page, login, tree, secretariat_user):
    login("thuky", PASSWORD)
    assert page.url.endswith("/")
    heading = page.locator("h1").inner_text()
    assert "khen thưởng" in heading.lower()
    assert "Tổng quan" in page.title()
    assert page.locator("html").get_attribute("lang") == "vi"


def test_wrong_password_is_refused_with_a_vietnamese_message(page, login, tree, secretariat_user):
    login("thuky", "sai-mat-khau")
    assert "/accounts/login/" in page.url
    assert "tên đăng nhập và mật khẩu" in page.locator(".login-box").inner_text().lower()


def test_browse_the_tree_to_a_ward_and_its_people(page, login, tree, secretariat_user):
    login("thuky", PASSWORD)
    page.click("nav.mainnav >> text=Đơn vị")
    page.fill("input[name=q]", "hoa tho dong")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.click("text=Phường Hòa Thọ Đông")
    assert page.locator("h1").inner_text() == "Phường Hòa Thọ Đông"
    assert page.locator("text=Nguyễn Thị Ánh").first.is_visible()
    page.click("text=Nguyễn Thị Ánh")
    assert re.search(r"/people/\d+/$", page.url)
    assert "Lao động tiên tiến" in page.content()


def test_find_a_person_without_diacritics(page, login, tree, secretariat_user):
    login("thuky", PASSWORD)
    page.goto("/people/")
    page.fill("input[name=q]", "nguyen thi anh")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    assert "Nguyễn Thị Ánh" in rows.first.inner_text()


def test_unit_officer_is_refused_another_ward(page, login, tree, other_ward_officer):
    login("canbo_b", PASSWORD)
    response = page.goto(f"/units/{tree.ward_a.pk}/")
    assert response is not None
    assert response.status == 404
    response = page.goto(f"/people/{tree.anh.pk}/")
    assert response is not None
    assert response.status == 404
    page.goto("/people/?q=nguyen")
    assert "Nguyễn Thị Ánh" not in page.content()
    response = page.goto(f"/units/{tree.ward_b.pk}/")
    assert response is not None
    assert response.status == 200


def _people_workbook(path, rows):  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    headers = [
        "STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Ngày tuyển dụng", "Đơn vị",
        "Chức vụ", "Đối tượng", "Lao động trực tiếp", "Từ ngày", "Đến ngày",
    ]  # fmt: skip
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Cán bộ"
    sheet.append(["DANH SÁCH CÁN BỘ"])
    sheet.append([])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def test_import_a_file_with_errors_lists_them_and_writes_nothing(
    page, login, tree, unit_officer, tmp_path
):
    from tdkt.people.models import Person

    before = Person.objects.count()
    path = tmp_path / "can-bo.xlsx"
    _people_workbook(
        path,
        [
            [1, "Lê Văn Hùng", "Nam", "12/03/1990", "048090000111", "01/02/2015",
             "hoa-tho-dong", "Chuyên viên", "Công chức", "", "01/02/2015", ""],
            [2, "Phạm Thị Lan", "Nữ", "31/02/1991", "", "01/02/2016",
             "hoa-tho-dong", "Chuyên viên", "Công chức", "", "01/02/2016", ""],
            [3, "Võ Văn Tú", "Nam", "05/05/1988", "12345", "01/02/2016",
             "khue-trung", "Chuyên viên", "Công chức", "", "01/02/2016", ""],
        ],
    )  # fmt: skip
    login("canbo_a", PASSWORD)
    page.goto("/imports/")
    page.select_option("select[name=kind]", "people")
    page.set_input_files("input[name=file]", str(path))
    with page.expect_navigation():
        page.click("main form[enctype] button[type=submit]")
    text = page.locator("main").inner_text()
    assert "31/02/1991" in text  # the impossible date, named
    assert "Ngày sinh" in text
    assert "khue-trung" in text or "Khuê Trung" in text  # the unit outside the officer's scope
    assert "dòng 5" in text.lower() or "5" in page.locator("table").inner_text()
    assert Person.objects.count() == before
