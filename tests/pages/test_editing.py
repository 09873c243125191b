"""Entering people, their service, yearly records and past awards by hand: forms, scope,
services and audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tdkt.awards.models import AwardRecord
from tdkt.awards.services import AwardError, record_past_award
from tdkt.common.enums import Gender, Grade
from tdkt.common.models import AuditEntry
from tdkt.people.enums import Category
from tdkt.people.models import Person, ServicePeriod, YearRecord
from tdkt.people.services import PeopleError, save_service_period

pytestmark = pytest.mark.django_db


def _new_person(unit, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "person-full_name": "  Hoàng   Thị Thu  ",
        "person-gender": Gender.FEMALE,
        "person-birth_date": "12/08/1990",
        "person-citizen_id": "048190001234",
        "person-recruited_on": "01/09/2012",
        "service-unit": unit.pk,
        "service-position": "Kế toán",
        "service-category": Category.CIVIL_SERVANT,
        "service-start_on": "01/09/2012",
    }
    data.update(overrides)
    return data


def test_officer_adds_person_in_own_ward_with_audit(client, tree, unit_officer):
    client.force_login(unit_officer)

    response = client.post(reverse("people:create"), _new_person(tree.neighbourhood))

    person = Person.objects.get(citizen_id="048190001234")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[person.pk])
    assert (person.full_name, person.birth_date) == ("Hoàng Thị Thu", dt.date(1990, 8, 12))
    period = person.service_periods.get()
    assert (period.unit, period.position, period.end_on) == (tree.neighbourhood, "Kế toán", None)
    actions = list(
        AuditEntry.objects.filter(actor=unit_officer)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["people.person.created", "people.serviceperiod.created"]


def test_forged_post_with_other_ward_is_refused_and_nothing_saved(client, tree, unit_officer):
    client.force_login(unit_officer)

    response = client.post(reverse("people:create"), _new_person(tree.ward_b))

    assert response.status_code == 200
    assert list(response.context["period_form"].errors) == ["unit"]
    assert not Person.objects.filter(citizen_id="048190001234").exists()
    assert AuditEntry.objects.count() == 0


def test_unit_choices_offer_only_units_in_scope(client, tree, unit_officer):
    client.force_login(unit_officer)

    response = client.get(reverse("people:create"))

    choices = {unit.pk for unit in response.context["period_form"].fields["unit"].queryset}
    assert choices == {tree.ward_a.pk, tree.neighbourhood.pk}


@pytest.mark.parametrize("citizen_id", ["04819000123", "0481900012345", "04819000123A"])
def test_citizen_id_must_have_twelve_digits(client, tree, unit_officer, citizen_id):
    client.force_login(unit_officer)

    response = client.post(
        reverse("people:create"), _new_person(tree.ward_a, **{"person-citizen_id": citizen_id})
    )

    assert list(response.context["person_form"].errors) == ["citizen_id"]
    assert Person.objects.count() == 2


def test_citizen_id_already_recorded_is_refused_without_naming_the_holder(
    client, tree, other_ward_officer
):
    client.force_login(other_ward_officer)

    response = client.post(
        reverse("people:create"),
        _new_person(tree.ward_b, **{"person-citizen_id": tree.anh.citizen_id}),
    )

    errors = response.context["person_form"].errors["citizen_id"]
    assert len(errors) == 1
    assert tree.anh.citizen_id in errors[0]
    assert "Ánh" not in errors[0]
    assert Person.objects.count() == 2


@pytest.mark.parametrize("birth_date", ["31/02/1990", "00/01/1990", "15/13/1990", "01/01/2999"])
def test_impossible_birth_date_is_a_form_error(client, tree, unit_officer, birth_date):
    client.force_login(unit_officer)

    response = client.post(
        reverse("people:create"), _new_person(tree.ward_a, **{"person-birth_date": birth_date})
    )

    assert list(response.context["person_form"].errors) == ["birth_date"]
    assert Person.objects.count() == 2


def test_edit_person_records_changed_values(client, tree, unit_officer):
    client.force_login(unit_officer)
    data = {
        "person-full_name": "Nguyễn Thị Ánh",
        "person-gender": Gender.FEMALE,
        "person-birth_date": "06/01/1985",
        "person-citizen_id": tree.anh.citizen_id,
        "person-recruited_on": "",
    }

    response = client.post(reverse("people:edit", args=[tree.anh.pk]), data)

    assert response.status_code == 302
    tree.anh.refresh_from_db()
    assert tree.anh.birth_date == dt.date(1985, 1, 6)
    entry = AuditEntry.objects.get(action="people.person.changed")
    assert entry.data == {"birth_date": ["1985-01-05", "1985-01-06"]}
    assert entry.object_id == str(tree.anh.pk)


def test_add_year_record_and_refuse_a_second_for_the_same_year(client, tree, unit_officer):
    client.force_login(unit_officer)
    url = reverse("people:year_create", args=[tree.anh.pk])
    data = {
        "year": 2024,
        "unit": tree.ward_a.pk,
        "grade": Grade.EXCELLENT,
        "leave_kind": "",
        "leave_days": 0,
        "note": "",
    }

    first = client.post(url, data)
    second = client.post(url, data)

    assert first.status_code == 302
    assert list(second.context["form"].errors) == ["year"]
    assert list(YearRecord.objects.values_list("person_id", "year", "grade")) == [
        (tree.anh.pk, 2024, Grade.EXCELLENT)
    ]
    assert AuditEntry.objects.filter(action="people.yearrecord.created").count() == 1


def test_edit_service_period_end_before_start_is_refused(client, tree, unit_officer):
    period = tree.anh.service_periods.get()
    client.force_login(unit_officer)
    data = {
        "unit": tree.ward_a.pk,
        "position": "Công chức",
        "category": Category.CIVIL_SERVANT,
        "start_on": "01/01/2015",
        "end_on": "31/12/2014",
    }

    response = client.post(reverse("people:service_edit", args=[tree.anh.pk, period.pk]), data)

    assert list(response.context["form"].errors) == ["end_on"]
    period.refresh_from_db()
    assert period.end_on is None


def test_officer_cannot_edit_service_period_in_other_ward(client, tree, unit_officer):
    old = ServicePeriod.objects.create(
        person=tree.anh,
        unit=tree.ward_b,
        category=Category.CIVIL_SERVANT,
        start_on=dt.date(2010, 1, 1),
        end_on=dt.date(2014, 12, 31),
    )
    client.force_login(unit_officer)

    response = client.get(reverse("people:service_edit", args=[tree.anh.pk, old.pk]))

    assert response.status_code == 404


def test_service_refuses_unit_outside_actor_scope(tree, unit_officer):
    period = ServicePeriod(
        person=tree.anh,
        unit=tree.ward_b,
        category=Category.CIVIL_SERVANT,
        start_on=dt.date(2020, 1, 1),
    )

    with pytest.raises(PeopleError):
        save_service_period(period, actor=unit_officer)

    assert tree.anh.service_periods.count() == 1


def _award_data(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "award_code": "giay_khen_ct_huyen",
        "year": 2019,
        "method": "thuong_xuyen",
        "decision_number": "25/qđ-ubnd",
        "decision_date": "15/01/2020",
        "issuer": "Chủ tịch UBND quận Cẩm Lệ",
        "register_number": "",
        "achievement": "Đã có thành tích xuất sắc",
        "amount_vnd": "1300000",
    }
    data.update(overrides)
    return data


def test_record_past_award_on_person(client, tree, unit_officer):
    client.force_login(unit_officer)

    response = client.post(
        reverse("awards:record_person", args=[tree.anh.pk]),
        _award_data(unit_at_award=tree.ward_a.pk),
    )

    assert response.status_code == 302
    award = AwardRecord.objects.get(year=2019)
    assert (award.person, award.decision_number, award.amount_vnd, award.unit_at_award) == (
        tree.anh,
        "25/QĐ-UBND",
        1_300_000,
        tree.ward_a,
    )
    assert AuditEntry.objects.get(action="awards.awardrecord.recorded").object_id == str(award.pk)


def test_record_past_award_twice_is_refused(client, tree, unit_officer):
    client.force_login(unit_officer)
    url = reverse("awards:record_person", args=[tree.anh.pk])

    client.post(url, _award_data())
    second = client.post(url, _award_data(**{"decision_number": "25/QĐ-UBND "}))

    assert second.status_code == 200
    assert second.context["form"].non_field_errors()
    assert AwardRecord.objects.filter(year=2019).count() == 1


def test_record_past_award_with_forged_unit_at_award_is_refused(client, tree, unit_officer):
    client.force_login(unit_officer)

    response = client.post(
        reverse("awards:record_person", args=[tree.anh.pk]),
        _award_data(unit_at_award=tree.ward_b.pk),
    )

    assert list(response.context["form"].errors) == ["unit_at_award"]
    assert not AwardRecord.objects.filter(year=2019).exists()


def test_record_collective_award_offers_only_collective_awards(client, tree, unit_officer):
    client.force_login(unit_officer)
    url = reverse("awards:record_unit", args=[tree.ward_a.pk])

    individual_only = client.post(url, _award_data(award_code="lao_dong_tien_tien"))
    collective = client.post(url, _award_data(award_code="tap_the_ldxs"))

    assert list(individual_only.context["form"].errors) == ["award_code"]
    assert collective.status_code == 302
    assert list(AwardRecord.objects.filter(year=2019).values_list("unit_id", "award_code")) == [
        (tree.ward_a.pk, "tap_the_ldxs")
    ]


def test_record_award_decision_before_the_year_is_refused(client, tree, unit_officer):
    client.force_login(unit_officer)

    response = client.post(
        reverse("awards:record_person", args=[tree.anh.pk]), _award_data(decision_date="15/01/2018")
    )

    assert list(response.context["form"].errors) == ["decision_date"]


def test_leader_cannot_post_an_award(client, tree, leader):
    client.force_login(leader)

    response = client.post(reverse("awards:record_person", args=[tree.anh.pk]), _award_data())

    assert response.status_code == 403
    assert not AwardRecord.objects.filter(year=2019).exists()


def test_record_past_award_service_refuses_two_recipients(tree, secretariat_user):
    award = AwardRecord(
        person=tree.anh,
        unit=tree.ward_a,
        award_code="giay_khen",
        year=2019,
        decision_number="1/QĐ",
        decision_date=dt.date(2020, 1, 1),
        issuer="UBND",
    )

    with pytest.raises(AwardError):
        record_past_award(award, actor=secretariat_user)

    assert AuditEntry.objects.count() == 0
