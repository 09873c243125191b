"""Every record an import creates or changes has its own audit entry: who, when, which batch,
sheet and row, the values after (and before, for a change); a rejected import leaves none."""

from __future__ import annotations

import datetime as dt
import json
from itertools import chain
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from tdkt.accounts.models import User
from tdkt.awards.models import AwardRecord
from tdkt.common.audit import entries_for
from tdkt.common.models import AuditEntry
from tdkt.common.templatetags.audit import history
from tdkt.imports.auditing import ImportTrail
from tdkt.imports.services import run_import
from tdkt.people.models import Contribution, DisciplinaryAction, Person, ServicePeriod, YearRecord
from tests.imports import test_import_awards as awards
from tests.imports import test_import_people as people
from tests.imports import test_import_year_records as years

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BATCH_ACTIONS = ("imports.importbatch.imported", "imports.importbatch.rejected")


def record_entries() -> list[AuditEntry]:
    return list(AuditEntry.objects.exclude(action__in=BATCH_ACTIONS).order_by("id"))


def test_people_import_audits_each_new_person_and_service_period(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = people.people_file(
        people.row(),
        people.row(stt=2, name="Phạm Thị Hà", gender="Nữ", cid="", birth="07/11/1993"),
    )

    result = run_import("people", "can-bo.xlsx", content, user=secretariat_user)

    batch = result.batch.pk
    cuong = Person.objects.get(citizen_id="048190000777")
    ha = Person.objects.get(full_name="Phạm Thị Hà")
    assert [(e.actor, e.data["import_batch"]) for e in record_entries()] == [
        (secretariat_user, batch)
    ] * 4
    (entry,) = entries_for(cuong)
    assert (entry.action, entry.object_repr) == ("people.person.imported", "Lê Văn Cường")
    assert entry.data == {
        "import_batch": batch,
        "sheet": "Cán bộ",
        "row": 4,
        "full_name": [None, "Lê Văn Cường"],
        "gender": [None, "nam"],
        "birth_date": [None, "1990-04-30"],
        "citizen_id": [None, "048190000777"],
        "recruited_on": [None, "2014-09-01"],
    }
    (entry,) = entries_for(ha)
    assert (entry.data["row"], entry.data["full_name"]) == (5, [None, "Phạm Thị Hà"])
    assert "citizen_id" not in entry.data
    (entry,) = entries_for(ServicePeriod.objects.get(person=ha))
    assert (entry.action, entry.object_repr) == (
        "people.serviceperiod.imported",
        "Phạm Thị Hà – Chuyên viên, Phường Hòa Thọ Đông",
    )
    assert entry.data == {
        "import_batch": batch,
        "sheet": "Cán bộ",
        "row": 5,
        "unit_id": [None, tree.ward_a.pk],
        "position": [None, "Chuyên viên"],
        "category": [None, "cong_chuc"],
        "is_frontline": [None, False],
        "is_leader": [None, False],
        "start_on": [None, "2014-09-01"],
    }


def test_people_import_audits_the_changes_to_a_stored_person_before_and_after(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    period = tree.anh.service_periods.get()
    content = people.people_file(
        people.row(
            name="Nguyễn Thị Ánh",
            gender="Nữ",
            birth=dt.date(1985, 1, 5),
            cid="048185000123",
            recruited=dt.date(2009, 3, 1),
            start=period.start_on,
            end=dt.date(2024, 12, 31),
            position="Công chức văn hóa – xã hội",
            frontline="Không",
        )
    )

    result = run_import("people", "x.xlsx", content, user=secretariat_user)

    (person_entry,) = entries_for(tree.anh)
    assert person_entry.action == "people.person.changed"
    assert person_entry.data == {
        "import_batch": result.batch.pk,
        "sheet": "Cán bộ",
        "row": 4,
        "recruited_on": [None, "2009-03-01"],
    }
    (service_entry,) = entries_for(period)
    assert service_entry.action == "people.serviceperiod.changed"
    assert service_entry.data == {
        "import_batch": result.batch.pk,
        "sheet": "Cán bộ",
        "row": 4,
        "is_frontline": [True, False],
        "end_on": [None, "2024-12-31"],
    }
    assert [(e.action, e.object_id) for e in record_entries()] == [
        ("people.person.changed", str(tree.anh.pk)),
        ("people.serviceperiod.changed", str(period.pk)),
    ]


def test_people_import_of_unchanged_service_leaves_no_entry_for_it(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    period = tree.anh.service_periods.get()
    content = people.people_file(
        people.row(
            name="Nguyễn Thị Ánh",
            gender="Nữ",
            birth=dt.date(1985, 1, 5),
            cid="048185000123",
            recruited=tree.anh.recruited_on,
            unit=period.unit.code,
            start=period.start_on,
            end=period.end_on,
            position=period.position,
            category=period.category,
            frontline="Có" if period.is_frontline else "Không",
        )
    )

    result = run_import("people", "x.xlsx", content, user=secretariat_user)

    assert (result.batch.rows_written, record_entries()) == (1, [])


def test_rejected_import_leaves_no_record_entries(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = people.people_file(people.row(), people.row(stt=2, cid="", unit="Phường Không Có"))

    result = run_import("people", "x.xlsx", content, user=secretariat_user)

    assert result.rejected
    assert record_entries() == []
    assert AuditEntry.objects.filter(action="imports.importbatch.rejected").count() == 1


def test_failed_write_rolls_back_the_record_entries_too(
    tree: SimpleNamespace, secretariat_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: ImportTrail) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(ImportTrail, "write", fail)

    result = run_import("people", "x.xlsx", people.people_file(people.row()), user=secretariat_user)

    assert result.rejected
    assert (record_entries(), Person.objects.filter(citizen_id="048190000777").exists()) == (
        [],
        False,
    )


def test_command_line_import_has_no_actor(tree: SimpleNamespace) -> None:
    run_import("people", "x.xlsx", people.people_file(people.row()))

    assert [(e.action, e.actor_id) for e in record_entries()] == [
        ("people.person.imported", None),
        ("people.serviceperiod.imported", None),
    ]


def test_year_records_import_audits_new_and_replaced_years(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    stored = YearRecord.objects.create(
        person=tree.anh, year=2022, unit=tree.ward_a, grade="hoan_thanh", note="cũ"
    )
    content = years.year_file(
        years.row(year=2022, grade="HTXSNV", title="Số hoá hồ sơ", scope="co so"),
        years.row(
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

    batch = result.batch.pk
    (changed,) = entries_for(stored)
    stored.refresh_from_db()
    assert (changed.action, changed.object_repr) == ("people.yearrecord.changed", str(stored))
    assert changed.object_repr.startswith("Nguyễn Thị Ánh 2022: ")
    assert changed.data == {
        "import_batch": batch,
        "sheet": "Kết quả hằng năm",
        "row": 4,
        "grade": ["hoan_thanh", "hoan_thanh_xuat_sac"],
        "note": ["cũ", ""],
    }
    (new,) = entries_for(YearRecord.objects.get(person=tree.binh, year=2023))
    assert (new.action, new.data) == (
        "people.yearrecord.imported",
        {
            "import_batch": batch,
            "sheet": "Kết quả hằng năm",
            "row": 5,
            "year": [None, 2023],
            "unit_id": [None, tree.ward_b.pk],
            "grade": [None, "hoan_thanh"],
            "leave_days": [None, 0],
        },
    )
    (discipline,) = entries_for(DisciplinaryAction.objects.get(person=tree.binh))
    assert (discipline.action, discipline.data["level"]) == (
        "people.disciplinaryaction.imported",
        [None, "khien_trach"],
    )
    (contribution,) = entries_for(Contribution.objects.get(person=tree.anh))
    assert (contribution.action, contribution.object_repr, contribution.data["row"]) == (
        "people.contribution.imported",
        "Số hoá hồ sơ",
        4,
    )


def test_awards_import_audits_new_and_updated_awards(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = awards.award_file(
        awards.row(),
        awards.row(
            stt=2,
            award="lao_dong_tien_tien",
            year=2024,
            number="12/QĐ-UBND",
            date=tree.anh_award.decision_date,
            issuer="UBND phường Hòa Thọ Đông",
            register=31,
        ),
    )

    result = run_import("awards", "kt.xlsx", content, user=secretariat_user)

    batch = result.batch.pk
    new_award = AwardRecord.objects.get(person=tree.anh, year=2022)
    (new,) = entries_for(new_award)
    assert (new.action, new.object_repr, new.data["row"]) == (
        "awards.awardrecord.imported",
        str(new_award),
        4,
    )
    assert {key: new.data[key] for key in ("person_id", "award_code", "decision_number")} == {
        "person_id": [None, tree.anh.pk],
        "award_code": [None, "cstd_co_so"],
        "decision_number": [None, "45/QĐ-UBND"],
    }
    (updated,) = entries_for(tree.anh_award)
    assert updated.action == "awards.awardrecord.changed"
    assert (updated.data["import_batch"], updated.data["row"]) == (batch, 5)
    assert updated.data["register_number"] == [tree.anh_award.register_number, 31]
    assert updated.data["issuer"] == [tree.anh_award.issuer, "UBND phường Hòa Thọ Đông"]


def test_history_box_names_the_import_and_shows_values_in_vietnamese(
    client: Any, tree: SimpleNamespace, secretariat_user: User
) -> None:
    period = tree.anh.service_periods.get()
    content = people.people_file(
        people.row(
            name="Nguyễn Thị Ánh",
            gender="Nữ",
            birth=dt.date(1985, 1, 5),
            cid="048185000123",
            recruited=dt.date(2009, 3, 1),
            start=period.start_on,
            end=dt.date(2024, 12, 31),
            position="Công chức văn hóa – xã hội",
            frontline="Không",
        )
    )
    result = run_import("people", "x.xlsx", content, user=secretariat_user)
    client.force_login(secretariat_user)

    with translation.override("vi"):
        page = client.get(reverse("people:detail", args=[tree.anh.pk])).content.decode()
        changes = {
            label: (str(before), str(after))
            for e in history(tree.anh)
            for label, before, after in e.changes
        }

    assert f"Lần nhập số {result.batch.pk}, sheet Cán bộ, dòng 4" in page
    assert "Lê Thị Thư" in page
    assert "Có → Không" in page
    assert changes == {
        "Ngày tuyển dụng": ("None", "01/03/2009"),
        "Người trực tiếp lao động": ("Có", "Không"),
        "Đến ngày": ("None", "31/12/2024"),
    }


def test_history_names_units_and_choices(tree: SimpleNamespace, secretariat_user: User) -> None:
    content = people.people_file(
        people.row(stt=1, name="Phạm Thị Hà", gender="Nữ", cid="", birth="07/11/1993")
    )
    run_import("people", "x.xlsx", content, user=secretariat_user)
    ha = Person.objects.get(full_name="Phạm Thị Hà")

    with translation.override("vi"):
        changes = {label: str(after) for e in history(ha) for label, _before, after in e.changes}

    assert changes["Đơn vị"] == "Phường Hòa Thọ Đông"
    assert changes["Đối tượng"] == "Công chức"
    assert changes["Giới tính"] == "Nữ"
    assert changes["Ngày sinh"] == "07/11/1993"


def test_trail_json_is_what_json_reads_back() -> None:
    trail = ImportTrail(7, None, dt.datetime(2025, 1, 2, 3, 4, tzinfo=dt.UTC))
    text = 'Tên "lạ" \\ có\ttab và ký tự \u0001'
    names = ("full_name", "birth_date", "is_leader", "leave_days", "citizen_id", "note")

    trail.imported(
        Person,
        names,
        [
            (1, "x" * 400, ('Sheet "1"', 9), (text, dt.date(1990, 1, 2), True, 12, None, "")),
            (2, "y", ("S", 10), (text, dt.date(1990, 1, 2), False, 0, "048", "n")),
        ],
    )
    changed = trail.changed(
        Person, 3, "z", ("S", 3), ("gender", "recruited_on"), ("nam", None), ("nu", None)
    )
    unchanged = trail.changed(Person, 4, "z", ("S", 4), ("gender",), ("nam",), ("nam",))
    rows = list(chain(trail.changes, *trail.pending))

    assert (changed, unchanged, len(rows)) == (True, False, 3)
    assert [row[2:5] for row in rows] == [
        ("people.person.changed", "people.person", "3"),
        ("people.person.imported", "people.person", "1"),
        ("people.person.imported", "people.person", "2"),
    ]
    assert rows[1][5] == "x" * 300
    assert [json.loads(row[6]) for row in rows] == [
        {"import_batch": 7, "sheet": "S", "row": 3, "gender": ["nam", "nu"]},
        {
            "import_batch": 7,
            "sheet": 'Sheet "1"',
            "row": 9,
            "full_name": [None, text],
            "birth_date": [None, "1990-01-02"],
            "is_leader": [None, True],
            "leave_days": [None, 12],
        },
        {
            "import_batch": 7,
            "sheet": "S",
            "row": 10,
            "full_name": [None, text],
            "birth_date": [None, "1990-01-02"],
            "is_leader": [None, False],
            "leave_days": [None, 0],
            "citizen_id": [None, "048"],
            "note": [None, "n"],
        },
    ]
