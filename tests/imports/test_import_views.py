from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.accounts.models import User
from tdkt.imports.models import ImportBatch, ImportStatus
from tdkt.imports.services import run_import
from tdkt.people.models import Person
from tests.imports.import_helpers import PEOPLE_HEADERS, xlsx

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

GOOD_ROW = [1, "Lê Văn Cường", "Nam", dt.date(1990, 4, 30), "048190000777", None,
            "hoa-tho-dong", "Chuyên viên", "Công chức", "Không", dt.date(2014, 9, 1),
            None]  # fmt: skip


@pytest.fixture(autouse=True)
def english_pages(client: Client) -> None:
    """Pages in English (the language menu's cookie), so assertions compare the msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def upload(client: Client, content: bytes, name: str = "can-bo.xlsx", **fields: str) -> object:
    data = {"kind": "people", "file": SimpleUploadedFile(name, content), **fields}
    return client.post(reverse("imports:upload"), data)


def test_upload_page_lists_kinds_templates_and_recent_batches(
    client: Client, secretariat_user: User
) -> None:
    run_import("people", "cu.xlsx", b"not a workbook", user=secretariat_user)
    client.force_login(secretariat_user)

    response = client.get(reverse("imports:upload"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert "csrfmiddlewaretoken" in html
    assert 'name="valid_only"' in html
    for kind in ("people", "year_records", "awards"):
        assert reverse("imports:template", args=[kind]) in html
    assert "cu.xlsx" in html
    assert reverse("imports:detail", args=[ImportBatch.objects.get().pk]) in html


def test_upload_valid_file_imports_and_shows_result(
    client: Client, tree: SimpleNamespace, unit_officer: User
) -> None:
    client.force_login(unit_officer)

    response = upload(client, xlsx(PEOPLE_HEADERS, [GOOD_ROW]))

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:detail", args=[batch.pk])
    assert (batch.status, batch.rows_written, batch.uploaded_by) == (
        ImportStatus.IMPORTED,
        1,
        unit_officer,
    )
    assert Person.objects.filter(citizen_id="048190000777").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Imported 1 of 1 rows." in page
    assert "No errors." in page


def test_upload_file_with_errors_lists_them(
    client: Client, tree: SimpleNamespace, secretariat_user: User
) -> None:
    bad = [*GOOD_ROW]
    bad[3] = "31/02/2017"
    client.force_login(secretariat_user)

    response = upload(client, xlsx(PEOPLE_HEADERS, [GOOD_ROW, bad]))

    page = client.get(response["Location"]).content.decode()
    assert "The file was not imported; nothing was written." in page
    assert "<td>Cán bộ</td>" in page
    assert '<td class="num">5</td>' in page
    assert "<td>Ngày sinh</td>" in page
    assert "&quot;31/02/2017&quot; is not a real date." in page
    assert not Person.objects.filter(citizen_id="048190000777").exists()


def test_upload_valid_only_checkbox_imports_good_rows(
    client: Client, tree: SimpleNamespace, secretariat_user: User
) -> None:
    bad = [*GOOD_ROW]
    bad[1], bad[4] = "Đỗ Văn Tâm", "123"
    client.force_login(secretariat_user)

    upload(client, xlsx(PEOPLE_HEADERS, [GOOD_ROW, bad]), valid_only="on")

    batch = ImportBatch.objects.get()
    assert (batch.status, batch.rows_written, batch.rows_failed) == (ImportStatus.PARTIAL, 1, 1)


def test_upload_refuses_too_large_file(
    client: Client, secretariat_user: User, settings: object
) -> None:
    settings.TDKT_MAX_UPLOAD_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    client.force_login(secretariat_user)

    response = upload(client, b"a" * (1024 * 1024 + 1), name="big.csv")

    assert response.status_code == 200
    assert "The file is larger than 1 MB." in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_upload_refuses_file_that_is_not_xlsx_or_csv(
    client: Client, secretariat_user: User
) -> None:
    client.force_login(secretariat_user)

    response = upload(client, b"%PDF-1.7\n\x00\x01\x02", name="quyet-dinh.xlsx")

    assert response.status_code == 200
    assert (
        "The file is neither an Excel workbook (.xlsx) nor a CSV text file."
        in response.content.decode()
    )
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize("name", ["upload", "template", "detail"])
def test_import_pages_forbidden_for_council_member(
    client: Client, council_member: User, secretariat_user: User, name: str
) -> None:
    batch = run_import("people", "x.csv", b"a,b\n", user=secretariat_user).batch
    args = {"upload": [], "template": ["people"], "detail": [batch.pk]}[name]
    client.force_login(council_member)

    assert client.get(reverse(f"imports:{name}", args=args)).status_code == 403
    assert client.post(reverse("imports:upload"), {"kind": "people"}).status_code == 403


def test_import_pages_need_login(client: Client) -> None:
    response = client.get(reverse("imports:upload"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_batch_of_another_ward_is_not_found(
    client: Client, unit_officer: User, other_ward_officer: User
) -> None:
    batch = run_import("people", "x.csv", b"a,b\n", user=other_ward_officer).batch
    client.force_login(unit_officer)

    assert client.get(reverse("imports:detail", args=[batch.pk])).status_code == 404


@pytest.mark.parametrize(
    ("kind", "sheet", "headers"),
    [
        ("people", "Cán bộ", ["STT", "Họ và tên (*)", "Giới tính (*)", "Ngày sinh (*)"]),
        ("year_records", "Kết quả hằng năm", ["STT", "Số CCCD", "Họ và tên", "Ngày sinh"]),
        ("awards", "Khen thưởng", ["STT", "Số CCCD", "Họ và tên", "Ngày sinh"]),
    ],
)
def test_template_download_is_a_valid_workbook(
    client: Client, unit_officer: User, kind: str, sheet: str, headers: list[str]
) -> None:
    client.force_login(unit_officer)

    response = client.get(reverse("imports:template", args=[kind]))

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith("attachment; filename=")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [sheet, "DANHMUC", "Hướng dẫn"]
    data = workbook[sheet]
    assert [cell.value for cell in data[3]][:4] == headers
    catalogue_values = {c.value for r in workbook["DANHMUC"].iter_rows() for c in r}
    if kind != "year_records":  # the units the officer may import into are listed
        assert {"hoa-tho-dong", "hoa-tho-dong-tdp5"} <= catalogue_values
        assert "khue-trung" not in catalogue_values


def test_template_filled_in_imports(
    client: Client, tree: SimpleNamespace, unit_officer: User
) -> None:
    client.force_login(unit_officer)
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("imports:template", args=["people"])).content)
    )
    # The template also has the "Giữ chức vụ lãnh đạo" column, after "Lao động trực tiếp".
    workbook["Cán bộ"].append([*GOOD_ROW[:10], "Có", *GOOD_ROW[10:]])
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = run_import("people", "mau.xlsx", buffer.getvalue(), user=unit_officer)

    assert (result.batch.status, result.batch.rows_total, result.errors) == (
        ImportStatus.IMPORTED,
        1,
        [],
    )
    assert Person.objects.get(citizen_id="048190000777").service_periods.get().is_leader


def test_template_of_unknown_kind_is_not_found(client: Client, secretariat_user: User) -> None:
    client.force_login(secretariat_user)
    assert client.get(reverse("imports:template", args=["nothing"])).status_code == 404
