from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from tdkt.accounts.models import User
from tdkt.imports.models import ImportStatus
from tdkt.imports.services import run_import
from tdkt.people.models import Contribution, DisciplinaryAction, YearRecord
from tests.imports.import_helpers import YEAR_HEADERS, xlsx

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def row(**values: Any) -> list[Any]:
    cells = {
        "stt": 1,
        "cid": "048185000123",
        "name": "Nguyễn Thị Ánh",
        "birth": None,
        "year": 2023,
        "grade": "Hoàn thành xuất sắc nhiệm vụ",
        "leave": None,
        "days": None,
        "discipline": None,
        "discipline_date": None,
        "title": None,
        "scope": None,
    }
    cells.update(values)
    return list(cells.values())


def year_file(*rows: list[Any]) -> bytes:
    return xlsx(YEAR_HEADERS, rows, sheet="Kết quả hằng năm")


def test_year_records_import_writes_grade_leave_discipline_and_initiative(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = year_file(
        row(leave="Nghỉ thai sản", days=120, title="Số hoá hồ sơ thi đua", scope="co so"),
        row(
            stt=2,
            cid="",
            name="Trần Văn Bình",
            birth="02/03/1980",
            grade="HTNV",
            discipline="Khiển trách",
            discipline_date="15/08/2023",
        ),
    )

    result = run_import("year_records", "kq.xlsx", content, user=secretariat_user)

    assert (result.batch.status, result.batch.rows_written, result.batch.errors) == (
        ImportStatus.IMPORTED,
        2,
        [],
    )
    assert list(
        YearRecord.objects.order_by("person__id").values_list(
            "person", "year", "unit__code", "grade", "leave_kind", "leave_days"
        )
    ) == [
        (tree.anh.pk, 2023, "hoa-tho-dong", "hoan_thanh_xuat_sac", "maternity_leave", 120),
        (tree.binh.pk, 2023, "khue-trung", "hoan_thanh", "", 0),
    ]
    assert list(
        DisciplinaryAction.objects.values_list("person", "level", "decided_on", "year")
    ) == [(tree.binh.pk, "khien_trach", dt.date(2023, 8, 15), 2023)]
    assert list(Contribution.objects.values_list("person", "kind", "title", "scope", "year")) == [
        (tree.anh.pk, "initiative", "Số hoá hồ sơ thi đua", "co_so", 2023)
    ]


def test_year_records_import_again_replaces_the_year(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    first = year_file(row(discipline="Cảnh cáo", discipline_date=dt.date(2023, 5, 1)))
    second = year_file(
        row(grade="Hoàn thành tốt nhiệm vụ", discipline="canh_cao", discipline_date="01/05/2023")
    )

    run_import("year_records", "kq.xlsx", first, user=secretariat_user)
    result = run_import("year_records", "kq.xlsx", second, user=secretariat_user)

    assert result.batch.status == ImportStatus.IMPORTED
    assert list(YearRecord.objects.values_list("year", "grade")) == [(2023, "hoan_thanh_tot")]
    assert DisciplinaryAction.objects.count() == 1


def test_year_records_import_reports_missing_people_and_details(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = year_file(
        row(cid="048199999999", name=""),
        row(stt=2, cid="", name="Trần Văn Bình", birth=None),
        row(stt=3, cid="", name="Trần Văn Bình", birth=dt.date(1981, 1, 1)),
        row(stt=4, discipline="Cảnh cáo", days=5, scope="Cấp tỉnh"),
        row(stt=5, name="Nguyễn Văn Ánh"),
        row(stt=6, year=1900),
    )

    result = run_import("year_records", "kq.xlsx", content, user=secretariat_user)

    assert result.batch.status == ImportStatus.REJECTED
    assert [(e["row"], e["column"], e["message"]) for e in result.batch.errors] == [
        (
            4,
            "Số CCCD",
            "No person with citizen ID 048199999999 among the people you manage.",
        ),
        (5, "Ngày sinh", "Give the citizen ID, or the full name and date of birth."),
        (
            6,
            "Họ và tên",
            "No person named Trần Văn Bình born on 01/01/1981 among the people you manage.",
        ),
        (7, "Loại nghỉ", "Days of leave are given without the kind of leave."),
        (
            7,
            "Ngày quyết định kỷ luật",
            "The date of the disciplinary decision is required with a disciplinary action.",
        ),
        (
            7,
            "Tên sáng kiến, đề tài",
            "A scope or kind is given without the title of the initiative or research.",
        ),
        (
            8,
            "Họ và tên",
            "The name does not match citizen ID 048185000123 (stored: Nguyễn Thị Ánh).",
        ),
        (9, "Năm", f"The year must be a whole number between 1945 and {dt.date.today().year}."),
    ]
    assert not YearRecord.objects.exists()


def test_year_records_import_out_of_scope_person_is_not_found(
    tree: SimpleNamespace, unit_officer: User
) -> None:
    content = year_file(row(), row(stt=2, cid="", name="Trần Văn Bình", birth="02/03/1980"))

    result = run_import("year_records", "kq.xlsx", content, user=unit_officer)

    assert [(e["row"], e["message"]) for e in result.batch.errors] == [
        (5, "No person named Trần Văn Bình born on 02/03/1980 among the people you manage.")
    ]


def test_year_records_duplicate_person_year_is_an_error(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = year_file(row(), row(stt=2, cid="", name="nguyen thi anh", birth="05/01/1985"))

    result = run_import("year_records", "kq.xlsx", content, user=secretariat_user)

    assert [(e["row"], e["message"]) for e in result.batch.errors] == [
        (5, "Duplicate of row 4 in this file.")
    ]
