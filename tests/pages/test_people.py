"""The people list (search, filters, order, pages, query count) and a person's page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tdkt.awards.enums import AwardStatus
from tdkt.common.enums import Gender, Grade
from tdkt.common.text import fold
from tdkt.people.enums import Category, LeaveKind
from tdkt.people.models import Person, YearRecord
from tdkt.people.queries import search_people

pytestmark = pytest.mark.django_db


def _names(response):  # type: ignore[no-untyped-def]
    return [person.full_name for person in response.context["page"].object_list]


@pytest.mark.parametrize(
    "query", ["nguyen thi anh", "NGUYEN ANH", "Nguyễn Thị Ánh", "thị ánh", "anh nguyen"]
)
def test_people_search_ignores_diacritics_case_and_word_order(
    client, tree, secretariat_user, query
):
    client.force_login(secretariat_user)

    response = client.get(reverse("people:list"), {"q": query})

    assert _names(response) == ["Nguyễn Thị Ánh"]


def test_people_search_needs_every_word(client, tree, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("people:list"), {"q": "nguyen binh"})

    assert _names(response) == []


def test_people_search_by_citizen_id_digits(client, tree, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("people:list"), {"q": "185000123"})

    assert _names(response) == ["Nguyễn Thị Ánh"]


@hsettings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạầấẩẫậềếểễệđ", min_size=1, max_size=7),
        min_size=2,
        max_size=4,
    ),
    st.data(),
)
def test_search_key_holds_any_unaccented_upper_case_query(words, data):
    """What the people search relies on: a query typed without accents, in any case, with
    any subset of the name's words, folds to words that the stored search key contains."""
    person = Person(full_name=" ".join(words), gender=Gender.MALE)
    person.normalise()
    chosen = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=len(words)))
    query = fold(" ".join(chosen)).upper()

    missing = [word for word in fold(query).split() if word not in person.search_key]

    assert missing == []


def test_people_list_vietnamese_order(client, tree, secretariat_user, person_factory):
    for given_name in ["Đức", "Bình", "Ân", "Dũng", "An", "Ánh"]:
        person_factory(f"Phan Văn {given_name}", tree.ward_a)
    client.force_login(secretariat_user)

    response = client.get(reverse("people:list"), {"q": "phan van"})

    assert _names(response) == [
        "Phan Văn An",
        "Phan Văn Ánh",
        "Phan Văn Ân",
        "Phan Văn Bình",
        "Phan Văn Dũng",
        "Phan Văn Đức",
    ]


def test_people_list_shows_current_unit_and_position(client, tree, unit_officer):
    client.force_login(unit_officer)

    response = client.get(reverse("people:list"))

    row = response.context["page"].object_list[0]
    assert (row.current_unit_name, row.current_position) == (
        "Phường Hòa Thọ Đông",
        "Công chức văn hóa – xã hội",
    )
    assert row.current_unit_linked is True


def test_people_list_filters_by_unit_subtree(client, tree, secretariat_user, person_factory):
    person_factory("Đinh Văn Hải", tree.neighbourhood)
    client.force_login(secretariat_user)

    response = client.get(reverse("people:list"), {"unit": tree.ward_a.pk})

    assert _names(response) == ["Nguyễn Thị Ánh", "Đinh Văn Hải"]


def test_people_list_filters_by_gender_and_category(client, tree, secretariat_user, person_factory):
    person_factory("Mai Thị Lan", tree.ward_b, gender=Gender.FEMALE, category=Category.WORKER)
    client.force_login(secretariat_user)

    women = client.get(reverse("people:list"), {"gender": Gender.FEMALE})
    workers = client.get(reverse("people:list"), {"category": Category.WORKER})

    assert _names(women) == ["Nguyễn Thị Ánh", "Mai Thị Lan"]
    assert _names(workers) == ["Mai Thị Lan"]


def test_people_list_filters_by_grade_in_year(client, tree, secretariat_user):
    YearRecord.objects.create(person=tree.anh, year=2023, grade=Grade.EXCELLENT)
    YearRecord.objects.create(person=tree.binh, year=2024, grade=Grade.EXCELLENT)
    client.force_login(secretariat_user)

    response = client.get(reverse("people:list"), {"grade": Grade.EXCELLENT, "grade_year": 2024})

    assert _names(response) == ["Trần Văn Bình"]


def test_people_list_filters_by_award_in_year_ignoring_revoked(client, tree, secretariat_user):
    tree.binh_award.status = AwardStatus.REVOKED
    tree.binh_award.revoked_on = dt.date(2025, 2, 1)
    tree.binh_award.save()
    client.force_login(secretariat_user)

    response = client.get(
        reverse("people:list"), {"award": "lao_dong_tien_tien", "award_year": 2024}
    )
    none_in_2023 = client.get(
        reverse("people:list"), {"award": "lao_dong_tien_tien", "award_year": 2023}
    )

    assert _names(response) == ["Nguyễn Thị Ánh"]
    assert _names(none_in_2023) == []


def test_people_list_pages_of_fifty(client, tree, secretariat_user):
    people = [Person(full_name=f"Lý Văn Tâm {i:03d}", gender=Gender.MALE) for i in range(60)]
    for person in people:
        person.normalise()
    Person.objects.bulk_create(people)
    client.force_login(secretariat_user)

    first = client.get(reverse("people:list"))
    second = client.get(reverse("people:list"), {"page": 2})

    assert first.context["page"].paginator.count == 62
    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 12
    assert "page=2" in first.content.decode()


@pytest.mark.parametrize("extra", [1, 3])
def test_people_list_query_count_does_not_grow_with_rows(
    client, tree, unit_officer, person_factory, django_assert_num_queries, extra
):
    for i in range(extra - 1):
        person_factory(f"Tạ Văn Nam {i}", tree.ward_a)
    client.force_login(unit_officer)

    # session, user, scope of units, scope of people, count, scope again (to mark which
    # current units may be linked), page rows, unit choices, the user's unit in the top bar
    with django_assert_num_queries(9):
        response = client.get(reverse("people:list"))

    assert len(response.context["page"].object_list) == extra


@pytest.mark.parametrize("extra", [1, 3])
def test_register_query_count_does_not_grow_with_rows(
    client, tree, unit_officer, award_factory, django_assert_num_queries, extra
):
    for year in range(2020, 2020 + extra):
        award_factory(tree.anh, "giay_khen", year, amount_vnd=1_300_000)
    client.force_login(unit_officer)

    # session, user, scope of units, scope of awards, count, page rows, unit choices, the
    # user's unit in the top bar
    with django_assert_num_queries(8):
        response = client.get(reverse("awards:register"))

    assert response.context["page"].paginator.count == 2 + extra


def test_search_people_function_without_http(tree):
    assert list(search_people(Person.objects.all(), "tran  van   BINH")) == [tree.binh]


def test_person_page_shows_identity_in_vietnamese_forms(client, tree, secretariat_user):
    tree.anh.recruited_on = dt.date(2018, 1, 5)
    tree.anh.save()
    client.force_login(secretariat_user)

    content = client.get(reverse("people:detail", args=[tree.anh.pk])).content.decode()

    assert "<h1>Bà Nguyễn Thị Ánh</h1>" in content
    assert "<dd>05/01/1985</dd>" in content
    assert "<dd>048185000123</dd>" in content
    assert "<dd>ngày 05 tháng 01 năm 2018</dd>" in content


def test_person_page_shows_history_records_and_money(
    client, tree, secretariat_user, person_factory, award_factory
):
    from tdkt.people.models import ServicePeriod

    ServicePeriod.objects.create(
        person=tree.anh,
        unit=tree.ward_b,
        position="Cán sự",
        category=Category.CIVIL_SERVANT,
        start_on=dt.date(2008, 9, 1),
        end_on=dt.date(2014, 12, 31),
    )
    YearRecord.objects.create(
        person=tree.anh, year=2023, grade=Grade.GOOD, leave_kind=LeaveKind.MATERNITY, leave_days=180
    )
    award = award_factory(
        tree.anh,
        "giay_khen_ct_huyen",
        2023,
        amount_vnd=1_300_000,
        decision_date=dt.date(2024, 1, 5),
    )
    client.force_login(secretariat_user)

    response = client.get(reverse("people:detail", args=[tree.anh.pk]))

    content = response.content.decode()
    page = response.context["p"]
    assert [s.unit.name for s in page.service] == ["Phường Hòa Thọ Đông", "Phường Khuê Trung"]
    assert [(r.year, r.leave_days) for r in page.year_records] == [(2023, 180)]
    assert "1.300.000 đồng" in content
    assert "ngày 05 tháng 01 năm 2024" in content
    assert [a.pk for a in page.awards] == [tree.anh_award.pk, award.pk]


def test_person_page_shows_revoked_award_with_revoking_decision(client, tree, secretariat_user):
    award = tree.anh_award
    award.status = AwardStatus.REVOKED
    award.revoked_on = dt.date(2025, 4, 2)
    award.revoked_by_number = "77/QĐ-UBND"
    award.save()
    client.force_login(secretariat_user)

    content = client.get(reverse("people:detail", args=[tree.anh.pk])).content.decode()

    assert "badge-revoked" in content
    assert "77/QĐ-UBND" in content
    assert "02/04/2025" in content


def test_register_shows_revoked_rows_as_revoked(client, tree, secretariat_user):
    award = tree.binh_award
    award.status = AwardStatus.REVOKED
    award.revoked_on = dt.date(2025, 4, 2)
    award.revoked_by_number = "77/QĐ-UBND"
    award.save()
    client.force_login(secretariat_user)

    revoked = client.get(reverse("awards:register"), {"status": AwardStatus.REVOKED})
    by_number = client.get(reverse("awards:register"), {"decision": "77/qđ"})

    assert [a.pk for a in revoked.context["page"].object_list] == [award.pk]
    assert [a.pk for a in by_number.context["page"].object_list] == [award.pk]
    assert f'data-award-id="{award.pk}" class="revoked"' in revoked.content.decode()


def test_register_filters_year_award_and_kind(client, tree, secretariat_user, award_factory):
    award_factory(tree.anh, "giay_khen_ct_huyen", 2023)
    client.force_login(secretariat_user)

    collective = client.get(reverse("awards:register"), {"kind": "collective"})
    in_2023 = client.get(reverse("awards:register"), {"year": 2023})
    ldtt = client.get(reverse("awards:register"), {"award": "lao_dong_tien_tien"})
    by_name = client.get(reverse("awards:register"), {"name": "khue trung"})

    assert {a.pk for a in collective.context["page"].object_list} == {
        tree.ward_a_award.pk,
        tree.ward_b_award.pk,
    }
    assert [a.award_code for a in in_2023.context["page"].object_list] == ["giay_khen_ct_huyen"]
    assert {a.pk for a in ldtt.context["page"].object_list} == {
        tree.anh_award.pk,
        tree.binh_award.pk,
    }
    assert [a.pk for a in by_name.context["page"].object_list] == [tree.ward_b_award.pk]
