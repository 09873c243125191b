from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from tdkt.accounts.models import User
from tdkt.common.models import AuditEntry
from tdkt.common.text import fold, name_sort_key
from tdkt.imports import writer
from tdkt.imports.kinds import people as people_kind
from tdkt.imports.models import ImportBatch, ImportStatus
from tdkt.imports.services import run_import
from tdkt.people.models import Person, ServicePeriod
from tests.imports.import_helpers import PEOPLE_HEADERS, xlsx

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def row(**values: Any) -> list[Any]:
    """A valid people row; keyword arguments replace cells by header position name."""
    cells = {
        "stt": 1,
        "name": "Lê Văn Cường",
        "gender": "Nam",
        "birth": dt.date(1990, 4, 30),
        "cid": "048190000777",
        "recruited": dt.date(2014, 9, 1),
        "unit": "hoa-tho-dong",
        "position": "Chuyên viên",
        "category": "Công chức",
        "frontline": "Không",
        "start": None,
        "end": None,
    }
    cells.update(values)
    return list(cells.values())


def people_file(*rows: list[Any]) -> bytes:
    return xlsx(PEOPLE_HEADERS, rows)


def snapshot() -> list[tuple[Any, ...]]:
    people = Person.objects.order_by("id").values_list(
        "id", "full_name", "gender", "birth_date", "citizen_id", "recruited_on", "sort_key"
    )
    service = ServicePeriod.objects.order_by("id").values_list(
        "id", "person_id", "unit_id", "position", "category", "start_on", "end_on"
    )
    return [*people, *service]


def test_people_import_writes_people_and_service(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = people_file(
        row(),
        row(
            stt=2,
            name="Phạm  Thị Thu Hà",
            gender="nu",
            birth="07/11/1993",
            cid="",
            recruited=None,
            unit="phuong khue trung",
            category="vien_chuc",
            frontline="Có",
            start="2020-01-01",
        ),
    )

    result = run_import("people", "can-bo.xlsx", content, user=secretariat_user)

    batch = result.batch
    assert (batch.status, batch.rows_total, batch.rows_written, batch.rows_failed) == (
        ImportStatus.IMPORTED,
        2,
        2,
        0,
    )
    assert (batch.errors, batch.detected_encoding, batch.uploaded_by) == (
        [],
        "unicode",
        secretariat_user,
    )
    cuong = Person.objects.get(citizen_id="048190000777")
    assert (cuong.full_name, cuong.gender, cuong.birth_date, cuong.recruited_on) == (
        "Lê Văn Cường",
        "nam",
        dt.date(1990, 4, 30),
        dt.date(2014, 9, 1),
    )
    assert (cuong.family_name, cuong.middle_name, cuong.given_name) == ("Lê", "Văn", "Cường")
    assert (cuong.sort_key, cuong.search_key) == (name_sort_key("Lê Văn Cường"), "le van cuong")
    ha = Person.objects.get(full_name="Phạm Thị Thu Hà")
    assert (ha.citizen_id, ha.gender, ha.search_key) == (None, "nu", fold("Phạm Thị Thu Hà"))
    assert list(
        ServicePeriod.objects.filter(person__in=[cuong, ha])
        .order_by("person__id")
        .values_list("unit__code", "position", "category", "is_frontline", "start_on", "end_on")
    ) == [
        ("hoa-tho-dong", "Chuyên viên", "cong_chuc", False, dt.date(2014, 9, 1), None),
        ("khue-trung", "Chuyên viên", "vien_chuc", True, dt.date(2020, 1, 1), None),
    ]
    assert (
        AuditEntry.objects.filter(
            action="imports.importbatch.imported", object_id=str(batch.pk)
        ).count()
        == 1
    )


def test_people_import_one_bad_row_writes_nothing(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    before = snapshot()
    content = people_file(
        # Valid, and would update Nguyễn Thị Ánh (matched by citizen ID) ...
        row(name="Nguyễn Thị Ánh", gender="Nữ", birth=dt.date(1985, 1, 5), cid="048185000123"),
        row(stt=2, cid="048190000778", name="Võ Minh Khoa"),
        # ... but this row is impossible.
        row(stt=3, cid="048190000779", name="Đỗ Văn Tâm", birth="31/02/2017"),
    )

    result = run_import("people", "can-bo.xlsx", content, user=secretariat_user)

    assert result.batch.status == ImportStatus.REJECTED
    assert (result.batch.rows_total, result.batch.rows_written, result.batch.rows_failed) == (
        3,
        0,
        1,
    )
    assert result.batch.errors == [
        {
            "sheet": "Cán bộ",
            "row": 6,
            "column": "Ngày sinh",
            "message": '"31/02/2017" is not a real date.',
        }
    ]
    assert snapshot() == before
    assert ImportBatch.objects.count() == 1


def test_people_import_valid_only_writes_the_good_rows(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = people_file(
        row(),
        row(stt=2, cid="12345", name="Đỗ Văn Tâm"),
        row(stt=3, cid="048190000780", name="Hồ Thị Lan", gender="Nữ", category="Bộ đội"),
    )

    result = run_import("people", "can-bo.xlsx", content, user=secretariat_user, valid_only=True)

    assert (result.batch.status, result.batch.rows_written, result.batch.rows_failed) == (
        ImportStatus.PARTIAL,
        1,
        2,
    )
    assert [(e["row"], e["column"]) for e in result.batch.errors] == [
        (5, "Số CCCD"),
        (6, "Đối tượng"),
    ]
    assert list(
        Person.objects.filter(
            full_name__in=["Lê Văn Cường", "Đỗ Văn Tâm", "Hồ Thị Lan"]
        ).values_list("full_name", flat=True)
    ) == ["Lê Văn Cường"]


def test_people_import_valid_only_with_no_valid_row_is_rejected(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    result = run_import(
        "people", "x.xlsx", people_file(row(cid="1")), user=secretariat_user, valid_only=True
    )
    assert (result.batch.status, result.batch.rows_written) == (ImportStatus.REJECTED, 0)


def test_people_import_reports_each_problem_where_it_is(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = people_file(
        row(name="", gender="Khác", cid="04819000077", start="01/01/2020", end="31/12/2019"),
        row(stt=2, cid="048190000781", unit="Phường Không Có", category="bo_doi"),
    )

    result = run_import("people", "can-bo.xlsx", content, user=secretariat_user)

    assert [(e["row"], e["column"], e["message"]) for e in result.batch.errors] == [
        (4, "Họ và tên", "This field is required."),
        (4, "Giới tính", '"Khác" is not in the list. Allowed: Nam, Nữ.'),
        (4, "Số CCCD", "The citizen ID must have exactly 12 digits."),
        (4, "Đến ngày", "The end date is before the start date."),
        (
            5,
            "Đối tượng",
            '"bo_doi" is not in the list. Allowed: Cán bộ, Công chức, Viên chức, '
            "Người lao động, Nông dân, Khác.",
        ),
        (5, "Đơn vị", 'Unknown unit "Phường Không Có".'),
    ]
    assert {e["sheet"] for e in result.batch.errors} == {"Cán bộ"}


def test_people_import_matches_stored_person_by_citizen_id(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = people_file(
        row(
            name="NGUYEN THI ANH",
            gender="Nữ",
            birth=dt.date(1985, 1, 5),
            cid="048185000123",
            recruited=dt.date(2009, 3, 1),
            unit="hoa-tho-dong-tdp5",
            position="Tổ trưởng",
            start=dt.date(2024, 1, 1),
        )
    )

    result = run_import("people", "x.xlsx", content, user=secretariat_user)

    assert result.batch.status == ImportStatus.IMPORTED
    anh = Person.objects.get(pk=tree.anh.pk)
    # Same person, name spelling kept (the file has no diacritics), missing date filled in.
    assert (Person.objects.filter(citizen_id="048185000123").count(), anh.full_name) == (
        1,
        "Nguyễn Thị Ánh",
    )
    assert anh.recruited_on == dt.date(2009, 3, 1)
    assert list(anh.service_periods.order_by("start_on").values_list("unit__code", "position")) == [
        ("hoa-tho-dong", "Công chức văn hóa – xã hội"),
        ("hoa-tho-dong-tdp5", "Tổ trưởng"),
    ]


def test_people_import_same_service_period_is_updated_not_doubled(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = people_file(
        row(
            name="Nguyễn Thị Ánh",
            gender="Nữ",
            birth=dt.date(1985, 1, 5),
            cid="048185000123",
            start=dt.date(2015, 1, 1),
            end=dt.date(2024, 12, 31),
            position="Công chức văn hóa – xã hội",
        )
    )

    run_import("people", "x.xlsx", content, user=secretariat_user)

    assert list(tree.anh.service_periods.values_list("start_on", "end_on")) == [
        (dt.date(2015, 1, 1), dt.date(2024, 12, 31))
    ]


def test_people_import_same_name_and_birth_without_citizen_id_is_flagged(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = people_file(
        row(name="Trần Văn Bình", birth=dt.date(1980, 3, 2), cid=""),
        row(stt=2, name="tran van binh", birth=dt.date(1980, 3, 2), cid="048180000999"),
    )

    result = run_import("people", "x.xlsx", content, user=secretariat_user)

    message = (
        "May be the same person as Trần Văn Bình, born 02/03/1980, already stored; check the "
        "citizen ID."
    )
    assert [(e["row"], e["column"], e["message"]) for e in result.batch.errors] == [
        (4, "Số CCCD", message),
        (5, "Số CCCD", message),
    ]
    assert Person.objects.filter(search_key="tran van binh").count() == 1


def test_people_import_citizen_id_of_someone_else_is_refused(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = people_file(row(name="Lê Văn Cường", cid="048185000123"))

    result = run_import("people", "x.xlsx", content, user=secretariat_user)

    assert [e["message"] for e in result.batch.errors] == [
        "Citizen ID 048185000123 belongs to Nguyễn Thị Ánh, not to this name."
    ]


def test_people_import_two_rows_of_one_person_make_one_person(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = people_file(
        row(cid="", unit="khue-trung", start=dt.date(2014, 9, 1), end=dt.date(2019, 12, 31)),
        row(stt=2, unit="hoa-tho-dong", start=dt.date(2020, 1, 1), position="Phó chủ tịch"),
    )

    result = run_import("people", "x.xlsx", content, user=secretariat_user)

    assert (result.batch.status, result.batch.rows_written) == (ImportStatus.IMPORTED, 2)
    (cuong,) = Person.objects.filter(search_key="le van cuong")
    assert cuong.citizen_id == "048190000777"
    assert list(cuong.service_periods.order_by("start_on").values_list("unit__code", "end_on")) == [
        ("khue-trung", dt.date(2019, 12, 31)),
        ("hoa-tho-dong", None),
    ]


def test_people_import_duplicate_row_in_file_is_an_error(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    result = run_import("people", "x.xlsx", people_file(row(), row(stt=2)), user=secretariat_user)

    assert [(e["row"], e["column"], e["message"]) for e in result.batch.errors] == [
        (5, "", "Duplicate of row 4 in this file.")
    ]


def test_people_import_unit_outside_scope_is_refused(
    tree: SimpleNamespace, unit_officer: User
) -> None:
    content = people_file(
        row(unit="hoa-tho-dong-tdp5"),
        row(stt=2, cid="048190000782", name="Mai Văn Sơn", unit="Phường Khuê Trung"),
    )

    result = run_import("people", "x.xlsx", content, user=unit_officer)

    assert result.batch.status == ImportStatus.REJECTED
    assert result.batch.unit == tree.ward_a
    assert [(e["row"], e["column"], e["message"]) for e in result.batch.errors] == [
        (5, "Đơn vị", 'The unit "Phường Khuê Trung" is outside the units you manage.')
    ]
    assert not Person.objects.filter(search_key__in=["le van cuong", "mai van son"]).exists()


def test_people_import_unexpected_error_writes_nothing(
    tree: SimpleNamespace, secretariat_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot()
    insert_rows = writer.insert_rows

    def fail_on_service(model: Any, names: Any, rows: Any) -> int:
        if model is ServicePeriod:
            raise RuntimeError("disk full")
        return insert_rows(model, names, rows)

    monkeypatch.setattr(people_kind.writer, "insert_rows", fail_on_service)

    result = run_import("people", "x.xlsx", people_file(row()), user=secretariat_user)

    assert snapshot() == before
    assert result.batch.status == ImportStatus.REJECTED
    assert result.batch.errors == [
        {
            "sheet": "",
            "row": 0,
            "column": "",
            "message": "An unexpected error stopped the import; nothing was written.",
        }
    ]
    assert ImportBatch.objects.get().pk == result.batch.pk


def test_people_import_empty_template_has_no_rows(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    result = run_import("people", "x.xlsx", people_file(), user=secretariat_user)

    assert result.batch.errors == [
        {"sheet": "", "row": 0, "column": "", "message": "The file has no data rows."}
    ]


def test_people_import_csv_in_tcvn3(tree: SimpleNamespace, secretariat_user: User) -> None:
    lines = [
        "Hä vµ tªn,Giíi tÝnh,Ngµy sinh,§¬n vÞ,§èi t­îng,Tõ ngµy",
        "TrÇn ThÞ Mai,N÷,14/03/1988,hoa-tho-dong,C«ng chøc,01/06/2012",
    ]
    content = "\r\n".join(lines).encode("cp1252")

    result = run_import("people", "danh-sach.csv", content, user=secretariat_user)

    assert (result.batch.status, result.batch.detected_encoding) == (ImportStatus.IMPORTED, "tcvn3")
    mai = Person.objects.get(search_key="tran thi mai")
    assert (mai.full_name, mai.gender) == ("Trần Thị Mai", "nu")
