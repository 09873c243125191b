"""Importing a nomination list from Excel with the import machinery: the template round-trips,
every row is checked like a nomination added by hand, errors come as {sheet, row, column,
message}, and nothing is written unless every row is valid."""

from __future__ import annotations

import io
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from tdkt.nominations.importing import NOMINATIONS, import_nominations, template_bytes
from tdkt.nominations.models import Nomination
from tests.nominations.round2018 import make_dossier, submit

pytestmark = pytest.mark.django_db
HEADERS = [
    "STT",
    "Loại đối tượng",
    "Họ và tên / Tên tập thể",
    "Ngày sinh",
    "Số CCCD",
    "Chức vụ",
    "Đơn vị",
    "Danh hiệu/Hình thức đề nghị",
    "Tóm tắt thành tích",
]


def xlsx(rows: list[list[Any]], title_rows: int = 2) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Danh sách"
    for _ in range(title_rows):
        sheet.append(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2018"])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def dossier(round2018: SimpleNamespace, unit_officer: Any) -> Any:
    return make_dossier(round2018.ward_a, unit_officer)


def test_valid_list_imported(dossier: Any, unit_officer: Any, round2018: SimpleNamespace) -> None:
    content = xlsx(
        [
            [1, "Cá nhân", "Nguyễn Thị Ánh", "", "048185000123", "", "", "LĐTT", "Hoàn thành tốt"],
            [
                2,
                "",
                "Lê Văn Cường",
                "01/05/1980",
                "",
                "Chuyên viên",
                "Phường Hòa Thọ Đông",
                "Lao động tiên tiến",
                "",
            ],
            [3, "TAPTHE", "hoa-tho-dong", "", "", "", "", "tap_the_ldtt", "Tập thể tiêu biểu"],
        ]
    )

    outcome = import_nominations(
        dossier, file_name="danh-sach.xlsx", content=content, version=1, actor=unit_officer
    )

    assert outcome.errors == []
    assert (outcome.created, outcome.rows) == (3, 3)
    rows = list(
        Nomination.objects.order_by("order").values_list(
            "person__full_name", "unit__code", "award_code", "position"
        )
    )
    assert rows == [
        ("Nguyễn Thị Ánh", "hoa-tho-dong", "lao_dong_tien_tien", "Công chức văn hóa – xã hội"),
        ("Lê Văn Cường", "hoa-tho-dong", "lao_dong_tien_tien", "Chuyên viên"),
        (None, "hoa-tho-dong", "tap_the_ldtt", ""),
    ]
    dossier.refresh_from_db()
    assert dossier.version == 2


def test_list_with_errors_imports_nothing(
    dossier: Any, unit_officer: Any, round2018: SimpleNamespace
) -> None:
    content = xlsx(
        [
            [1, "", "Nguyễn Thị Ánh", "", "048185000123", "", "", "Giấy khen", ""],
            [2, "", "Người Không Có", "01/01/1990", "", "", "", "LĐTT", ""],
            [3, "", "Lê Văn Cường", "01/05/1980", "", "", "Tổ dân phố 5", "LĐTT", ""],
            [4, "", "Phạm Thị Dung", "01/05/1981", "", "", "", "LĐTT", ""],
            [5, "", "Phạm Thị Dung", "01/05/1981", "", "", "", "LĐTT", ""],
            [6, "", "Hoàng Văn Em", "01/05/1982", "", "", "", "Huy hiệu vàng", ""],
            [7, "", "Đỗ Thị Giang", "31/02/1983", "", "", "", "LĐTT", ""],
        ]
    )

    outcome = import_nominations(
        dossier, file_name="danh-sach.xlsx", content=content, version=1, actor=unit_officer
    )

    assert outcome.created == 0
    assert [(e["sheet"], e["row"], e["column"]) for e in outcome.errors] == [
        ("Danh sách", 4, "Danh hiệu/Hình thức đề nghị"),
        ("Danh sách", 5, "Họ và tên / Tên tập thể"),
        ("Danh sách", 6, "Đơn vị"),
        ("Danh sách", 8, "Họ và tên / Tên tập thể"),
        ("Danh sách", 9, "Danh hiệu/Hình thức đề nghị"),
        ("Danh sách", 10, "Ngày sinh"),
    ]
    messages = [e["message"] for e in outcome.errors]
    assert messages[0].startswith("“Giấy khen” không phải là danh hiệu thi đua")
    assert messages[3] == "Trùng với dòng 7 trong tệp."
    assert messages[2] == (
        "Năm 2018, Lê Văn Cường công tác tại Phường Hòa Thọ Đông, không phải “Tổ dân phố 5”."
    )
    assert Nomination.objects.count() == 0
    dossier.refresh_from_db()
    assert dossier.version == 1


def test_person_outside_scope_refused(
    dossier: Any, unit_officer: Any, round2018: SimpleNamespace
) -> None:
    content = xlsx([[1, "", "Trần Văn Bình", "02/03/1980", "", "", "", "LĐTT", ""]])

    outcome = import_nominations(
        dossier, file_name="ds.xlsx", content=content, version=1, actor=unit_officer
    )

    assert [e["row"] for e in outcome.errors] == [4]
    assert Nomination.objects.count() == 0


def test_import_into_submitted_dossier_refused(
    dossier: Any, unit_officer: Any, round2018: SimpleNamespace
) -> None:
    first = xlsx([[1, "", "Nguyễn Thị Ánh", "", "048185000123", "", "", "LĐTT", ""]])
    import_nominations(dossier, file_name="a.xlsx", content=first, version=1, actor=unit_officer)
    submit(dossier, unit_officer)
    dossier.refresh_from_db()
    second = xlsx([[1, "", "Lê Văn Cường", "01/05/1980", "", "", "", "LĐTT", ""]])

    outcome = import_nominations(
        dossier, file_name="b.xlsx", content=second, version=dossier.version, actor=unit_officer
    )

    assert outcome.errors[0]["message"].startswith("Hồ sơ đang ở trạng thái “Đã gửi thẩm định”")
    assert Nomination.objects.count() == 1


def test_not_a_spreadsheet_refused(dossier: Any, unit_officer: Any) -> None:
    outcome = import_nominations(
        dossier, file_name="x.xlsx", content=b"\x00\x01binary", version=1, actor=unit_officer
    )

    assert outcome.errors == [
        {
            "sheet": "",
            "row": 0,
            "column": "",
            "message": "Tệp không phải bảng tính Excel (.xlsx) hay tệp văn bản CSV.",
        }
    ]
    assert Nomination.objects.count() == 0
    dossier.refresh_from_db()
    assert dossier.version == 1


def test_template_round_trips(dossier: Any, unit_officer: Any, round2018: SimpleNamespace) -> None:
    book = load_workbook(io.BytesIO(template_bytes([("hoa-tho-dong", "Phường Hòa Thọ Đông")])))
    sheet = book[NOMINATIONS.sheet_name]
    headers = [cell.value for cell in sheet[3]]
    assert headers[:4] == ["STT", "Loại đối tượng", "Họ và tên / Tên tập thể (*)", "Ngày sinh"]
    assert {"DANHMUC", "Hướng dẫn"} <= set(book.sheetnames)
    sheet.append([1, "Cá nhân", "Nguyễn Thị Ánh", None, "048185000123", None, None, "LĐTT"])
    buffer = io.BytesIO()
    book.save(buffer)

    outcome = import_nominations(
        dossier, file_name="mau.xlsx", content=buffer.getvalue(), version=1, actor=unit_officer
    )

    assert (outcome.errors, outcome.created) == ([], 1)


def test_import_page_lists_errors(
    dossier: Any, unit_officer: Any, round2018: SimpleNamespace, client: Client
) -> None:
    client.force_login(unit_officer)
    content = xlsx([[1, "", "Người Không Có", "01/01/1990", "", "", "", "LĐTT", ""]])

    response = client.post(
        f"/nominations/{dossier.pk}/import/",
        {"version": 1, "file": SimpleUploadedFile("ds.xlsx", content)},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Danh sách chưa được nhập" in page
    assert "Không tìm thấy người tên Người Không Có, sinh ngày 01/01/1990" in page
    assert Nomination.objects.count() == 0


def test_template_download(unit_officer: Any, client: Client) -> None:
    client.force_login(unit_officer)

    response = client.get("/nominations/template.xlsx")

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="mau-danh-sach-de-nghi-khen-thuong.xlsx"'
    )
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Danh sách đề nghị"
