"""The REST API: reading in scope, filters, and writes through the pages' forms and services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from tdkt.awards.models import AwardRecord
from tdkt.common.models import AuditEntry
from tdkt.people.models import Person, YearRecord
from tdkt.rules.models import EvaluationRun, EvaluationVerdict

pytestmark = pytest.mark.django_db


def vi(msgid: str) -> str:
    """The Vietnamese text of a msgid (as the catalogue has it once docs/i18n is merged)."""
    with translation.override("vi"):
        return translation.gettext(msgid)


def ids(response):  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_units_list_for_ward_a_officer_is_ward_a_subtree(as_user, tree, unit_officer):
    api = as_user(unit_officer)

    assert ids(api.get("/api/v1/units/")) == {tree.ward_a.pk, tree.neighbourhood.pk}


def test_units_list_for_secretariat_is_whole_tree(as_user, tree, secretariat_user):
    api = as_user(secretariat_user)

    assert len(ids(api.get("/api/v1/units/"))) == 5


def test_units_filter_by_kind_and_subtree(as_user, tree, secretariat_user):
    api = as_user(secretariat_user)

    wards = ids(api.get("/api/v1/units/", {"kind": "ward"}))
    under_a = ids(api.get("/api/v1/units/", {"unit": tree.ward_a.pk}))

    assert wards == {tree.ward_a.pk, tree.ward_b.pk}
    assert under_a == {tree.ward_a.pk, tree.neighbourhood.pk}


def test_people_search_ignores_diacritics_and_case(as_user, tree, secretariat_user):
    api = as_user(secretariat_user)

    assert ids(api.get("/api/v1/people/", {"q": "NGUYEN thi anh"})) == {tree.anh.pk}
    assert ids(api.get("/api/v1/people/", {"q": "Trần Văn"})) == {tree.binh.pk}


def test_people_filter_by_unit_subtree(as_user, tree, secretariat_user):
    api = as_user(secretariat_user)

    assert ids(api.get("/api/v1/people/", {"unit": tree.ward_b.pk})) == {tree.binh.pk}
    assert ids(api.get("/api/v1/people/", {"unit": tree.district.pk})) == {
        tree.anh.pk,
        tree.binh.pk,
    }


def test_people_filter_on_unit_outside_scope_is_400_in_vietnamese(as_user, tree, unit_officer):
    response = as_user(unit_officer).get("/api/v1/people/", {"unit": tree.ward_b.pk})

    assert response.status_code == 400
    assert response.json() == {
        "unit": ["Đơn vị này nằm ngoài phạm vi đơn vị mà anh/chị phụ trách."]
    }


def test_person_detail_shows_current_unit_and_service(as_user, tree, unit_officer):
    body = as_user(unit_officer).get(f"/api/v1/people/{tree.anh.pk}/").json()

    assert body["full_name"] == "Nguyễn Thị Ánh"
    assert body["current_unit"] == tree.ward_a.pk
    assert body["current_position"] == "Công chức văn hóa – xã hội"
    assert [p["unit"] for p in body["service_periods"]] == [tree.ward_a.pk]


def test_awards_filters_year_code_decision_and_name(as_user, tree, secretariat_user, award_factory):
    award_factory(tree.anh, "cstd_co_so", 2023, decision_number="7/QĐ-UBND")
    api = as_user(secretariat_user)

    assert len(ids(api.get("/api/v1/awards/", {"year": 2024}))) == 4
    assert ids(api.get("/api/v1/awards/", {"decision_number": "13/qđ-ubnd"})) == {
        tree.binh_award.pk
    }
    assert ids(api.get("/api/v1/awards/", {"award_code": "tap_the_ldtt"})) == {
        tree.ward_a_award.pk,
        tree.ward_b_award.pk,
    }
    assert ids(api.get("/api/v1/awards/", {"q": "nguyen thi anh", "year": 2023})) != set()
    assert ids(api.get("/api/v1/awards/", {"unit": tree.ward_b.pk})) == {
        tree.binh_award.pk,
        tree.ward_b_award.pk,
    }


def test_awards_list_for_ward_a_officer_has_no_ward_b_award(as_user, tree, unit_officer):
    assert ids(as_user(unit_officer).get("/api/v1/awards/")) == {
        tree.anh_award.pk,
        tree.ward_a_award.pk,
    }


def test_create_person_writes_the_same_audit_entry_as_the_page(as_user, tree, unit_officer):
    response = as_user(unit_officer, write=True).post(
        "/api/v1/people/",
        {
            "full_name": "Lê  Văn   Cường",
            "gender": "nam",
            "birth_date": "1990-02-03",
            "unit": tree.neighbourhood.pk,
            "category": "cong_chuc",
            "position": "Tổ trưởng",
            "start_on": "2021-01-01",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    person = Person.objects.get(pk=response.json()["id"])
    assert person.full_name == "Lê Văn Cường"
    entries = AuditEntry.objects.filter(object_type="people.person", object_id=str(person.pk))
    assert [(e.action, e.actor_id) for e in entries] == [("people.person.created", unit_officer.pk)]
    assert response.json()["current_unit"] == tree.neighbourhood.pk


def test_create_person_in_ward_b_by_ward_a_officer_is_refused_and_nothing_stored(
    as_user, tree, unit_officer
):
    before = Person.objects.count()

    response = as_user(unit_officer, write=True).post(
        "/api/v1/people/",
        {
            "full_name": "Lê Văn Cường",
            "gender": "nam",
            "unit": tree.ward_b.pk,
            "category": "cong_chuc",
            "start_on": "2021-01-01",
        },
        format="json",
    )

    assert response.status_code == 400
    assert "unit" in response.json()
    assert Person.objects.count() == before


def test_create_person_with_one_word_name_gets_the_form_message(as_user, tree, unit_officer):
    response = as_user(unit_officer, write=True).post(
        "/api/v1/people/",
        {
            "full_name": "Cường",
            "gender": "nam",
            "unit": tree.ward_a.pk,
            "category": "cong_chuc",
            "start_on": "2021-01-01",
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["full_name"] == ["Hãy nhập đầy đủ họ, tên đệm và tên."]


def test_patch_person_records_before_and_after(as_user, tree, unit_officer):
    response = as_user(unit_officer, write=True).patch(
        f"/api/v1/people/{tree.anh.pk}/", {"birth_date": "1986-01-05"}, format="json"
    )

    assert response.status_code == 200, response.content
    tree.anh.refresh_from_db()
    assert tree.anh.birth_date == dt.date(1986, 1, 5)
    entry = AuditEntry.objects.filter(action="people.person.changed").get()
    assert entry.data == {"birth_date": ["1985-01-05", "1986-01-05"]}
    assert entry.actor == unit_officer


def test_patch_person_of_ward_b_is_404_and_unchanged(as_user, tree, unit_officer):
    response = as_user(unit_officer, write=True).patch(
        f"/api/v1/people/{tree.binh.pk}/", {"full_name": "Tên Bị Đổi"}, format="json"
    )

    assert response.status_code == 404
    tree.binh.refresh_from_db()
    assert tree.binh.full_name == "Trần Văn Bình"


def test_year_record_create_then_duplicate_gets_vietnamese_message(as_user, tree, unit_officer):
    api = as_user(unit_officer, write=True)
    payload = {
        "person": tree.anh.pk,
        "year": 2024,
        "grade": "hoan_thanh_tot",
        "unit": tree.ward_a.pk,
    }

    first = api.post("/api/v1/year-records/", payload, format="json")
    second = api.post("/api/v1/year-records/", payload, format="json")

    assert first.status_code == 201
    assert first.json()["grade"] == "hoan_thanh_tot"
    assert second.status_code == 400
    assert second.json() == {
        "year": ["Người này đã có kết quả năm 2024; hãy sửa kết quả đó thay vì thêm mới."]
    }
    assert YearRecord.objects.filter(person=tree.anh).count() == 1
    assert AuditEntry.objects.filter(action="people.yearrecord.created").count() == 1


def test_year_record_for_ward_b_person_is_refused_without_saying_it_exists(
    as_user, tree, unit_officer
):
    response = as_user(unit_officer, write=True).post(
        "/api/v1/year-records/",
        {"person": tree.binh.pk, "year": 2024, "grade": "hoan_thanh_tot"},
        format="json",
    )
    unknown = as_user(unit_officer, write=True).post(
        "/api/v1/year-records/",
        {"person": 999999, "year": 2024, "grade": "hoan_thanh_tot"},
        format="json",
    )

    assert response.status_code == unknown.status_code == 400
    assert response.json() == unknown.json()
    assert not YearRecord.objects.exists()


def test_year_record_patch_changes_grade_with_audit(as_user, tree, unit_officer):
    record = YearRecord.objects.create(
        person=tree.anh, year=2023, unit=tree.ward_a, grade="hoan_thanh"
    )

    response = as_user(unit_officer, write=True).patch(
        f"/api/v1/year-records/{record.pk}/", {"grade": "hoan_thanh_xuat_sac"}, format="json"
    )

    assert response.status_code == 200, response.content
    record.refresh_from_db()
    assert record.grade == "hoan_thanh_xuat_sac"
    entry = AuditEntry.objects.get(action="people.yearrecord.changed")
    assert entry.data == {"grade": ["hoan_thanh", "hoan_thanh_xuat_sac"]}


def test_record_past_award_through_api_uses_the_service(as_user, tree, unit_officer):
    response = as_user(unit_officer, write=True).post(
        "/api/v1/awards/",
        {
            "person": tree.anh.pk,
            "award_code": "cstd_co_so",
            "year": 2023,
            "decision_number": " 5/qđ-ubnd",
            "decision_date": "2024-01-10",
            "issuer": "Chủ tịch UBND quận Cẩm Lệ",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    award = AwardRecord.objects.get(pk=response.json()["id"])
    assert (award.decision_number, award.source) == ("5/QĐ-UBND", "entered")
    assert AuditEntry.objects.filter(
        action="awards.awardrecord.recorded", object_id=str(award.pk), actor=unit_officer
    ).exists()


def test_record_award_to_both_person_and_unit_is_400(as_user, tree, unit_officer):
    response = as_user(unit_officer, write=True).post(
        "/api/v1/awards/",
        {
            "person": tree.anh.pk,
            "unit": tree.ward_a.pk,
            "award_code": "giay_khen_ct_huyen",
            "year": 2023,
            "decision_number": "5/QĐ-UBND",
            "decision_date": "2024-01-10",
            "issuer": "Chủ tịch UBND quận Cẩm Lệ",
        },
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


def test_record_award_for_ward_b_unit_is_refused(as_user, tree, unit_officer):
    before = AwardRecord.objects.count()
    response = as_user(unit_officer, write=True).post(
        "/api/v1/awards/",
        {
            "unit": tree.ward_b.pk,
            "award_code": "tap_the_ldtt",
            "year": 2023,
            "decision_number": "5/QĐ-UBND",
            "decision_date": "2024-01-10",
            "issuer": "Chủ tịch UBND quận Cẩm Lệ",
        },
        format="json",
    )

    assert response.status_code == 400
    assert AwardRecord.objects.count() == before


def _verdicts(tree):  # type: ignore[no-untyped-def]
    run = EvaluationRun.objects.create(
        year=2024, decision_date=dt.date(2025, 1, 15), regime="r2024", base_salary_vnd=2_340_000
    )
    return (
        EvaluationVerdict.objects.create(
            run=run,
            award_code="lao_dong_tien_tien",
            person=tree.anh,
            unit=tree.ward_a,
            eligible=True,
        ),
        EvaluationVerdict.objects.create(
            run=run,
            award_code="lao_dong_tien_tien",
            person=tree.binh,
            unit=tree.ward_b,
            eligible=False,
        ),
    )


def test_verdicts_are_scoped_and_filtered(as_user, tree, unit_officer, secretariat_user):
    anh, binh = _verdicts(tree)

    officer = ids(as_user(unit_officer).get("/api/v1/verdicts/", {"year": 2024}))
    not_eligible = ids(as_user(secretariat_user).get("/api/v1/verdicts/", {"eligible": "false"}))

    assert officer == {anh.pk}
    assert not_eligible == {binh.pk}


def test_verdict_of_ward_b_is_404_for_ward_a_officer(as_user, tree, unit_officer):
    _anh, binh = _verdicts(tree)

    response = as_user(unit_officer).get(f"/api/v1/verdicts/{binh.pk}/")

    assert response.status_code == 404
    assert response.json() == {
        "detail": vi("There is no such record among those you are responsible for.")
    }


def test_pagination_pages_the_people(as_user, tree, secretariat_user, person_factory):
    for number in range(7):
        person_factory(f"Tạ Văn Nam {number}", tree.ward_a)

    body = as_user(secretariat_user).get("/api/v1/people/", {"page_size": 4, "page": 2}).json()

    assert body["count"] == 9
    assert len(body["results"]) == 4
    assert body["previous"] is not None
