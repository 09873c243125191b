"""The dashboard's figures are counted from the database, within the user's scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tdkt.awards.enums import AwardStatus
from tdkt.common.enums import Grade
from tdkt.common.queries import dashboard
from tdkt.organisations.enums import Sector, UnitKind
from tdkt.people.models import YearRecord

pytestmark = pytest.mark.django_db


def test_dashboard_counts_whole_tree_for_secretariat(tree, secretariat_user):
    figures = dashboard(secretariat_user)

    assert figures.year == 2024
    assert (figures.units_active, figures.units_historic, figures.people_in_service) == (5, 0, 2)
    assert [(r.code, r.individual, r.collective) for r in figures.awards_by_kind] == [
        ("tap_the_ldtt", 0, 2),
        ("lao_dong_tien_tien", 2, 0),
    ]
    assert (figures.awards_individual, figures.awards_collective) == (2, 2)
    assert (figures.frontline.count, figures.frontline.of, figures.frontline.percent) == (
        1,
        2,
        50.0,
    )
    assert (figures.non_state.count, figures.non_state.of) == (0, 2)


def test_dashboard_counts_only_ward_a_for_its_officer(tree, unit_officer):
    figures = dashboard(unit_officer)

    assert (figures.units_active, figures.people_in_service) == (2, 1)
    assert [(r.code, r.individual, r.collective) for r in figures.awards_by_kind] == [
        ("tap_the_ldtt", 0, 1),
        ("lao_dong_tien_tien", 1, 0),
    ]
    assert (figures.frontline.count, figures.frontline.of) == (1, 1)
    assert {row["unit"].pk for row in figures.top_units} == {tree.ward_a.pk}
    assert {award.pk for award in figures.recent} == {tree.anh_award.pk, tree.ward_a_award.pk}


def test_dashboard_leaves_out_revoked_awards(tree, secretariat_user):
    award = tree.binh_award
    award.status = AwardStatus.REVOKED
    award.revoked_on = dt.date(2025, 3, 1)
    award.revoked_by_number = "40/QĐ-UBND"
    award.save()

    figures = dashboard(secretariat_user)

    assert [(r.code, r.individual) for r in figures.awards_by_kind if r.individual] == [
        ("lao_dong_tien_tien", 1)
    ]


def test_dashboard_counts_non_state_sector_by_unit_at_award(
    tree, secretariat_user, unit_factory, person_factory, award_factory
):
    company = unit_factory(
        "Công ty TNHH Hòa Phát", UnitKind.ENTERPRISE, tree.district, sector=Sector.NON_STATE
    )
    worker = person_factory("Lê Văn Công", company, is_frontline=True)
    award_factory(worker, "giay_khen_ct_huyen", 2024, unit_at_award=company)

    figures = dashboard(secretariat_user, 2024)

    assert (figures.non_state.count, figures.non_state.of) == (1, 3)
    assert (figures.frontline.count, figures.frontline.of) == (2, 3)


def test_dashboard_grades_distribution_of_the_year(tree, unit_officer):
    YearRecord.objects.create(person=tree.anh, year=2024, grade=Grade.EXCELLENT)
    YearRecord.objects.create(person=tree.binh, year=2024, grade=Grade.GOOD)

    figures = dashboard(unit_officer, 2024)

    assert figures.grades == [
        (Grade.EXCELLENT.value, str(Grade.EXCELLENT.label), 1),
        (Grade.GOOD.value, str(Grade.GOOD.label), 0),
        (Grade.PASS.value, str(Grade.PASS.label), 0),
        (Grade.FAIL.value, str(Grade.FAIL.label), 0),
    ]
    assert figures.grades_total == 1


def test_dashboard_year_from_query_shows_empty_year(client, tree, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("common:dashboard"), {"year": "2018"})

    figures = response.context["d"]
    assert figures.year == 2018
    assert figures.awards_by_kind == []
    assert figures.years == [2024, 2018]
    assert 'id="awards-by-kind"' not in response.content.decode()


@pytest.mark.parametrize("typed", ["abc", "²"])  # "²".isdigit(), but int() refuses it
def test_dashboard_nonsense_year_falls_back_to_newest(client, tree, secretariat_user, typed):
    client.force_login(secretariat_user)

    response = client.get(reverse("common:dashboard"), {"year": typed})

    assert response.context["d"].year == 2024


def test_dashboard_uses_configured_current_year(tree, secretariat_user, settings):
    settings.TDKT_CURRENT_YEAR = 2023

    assert dashboard(secretariat_user).year == 2023


def test_dashboard_chart_has_one_bar_per_year(tree, secretariat_user, award_factory):
    award_factory(tree.anh, "lao_dong_tien_tien", 2022)

    figures = dashboard(secretariat_user)

    assert [(bar.year, bar.individual, bar.collective) for bar in figures.chart] == [
        (2022, 1, 0),
        (2024, 2, 2),
    ]
    tallest = figures.chart[1]
    assert tallest.individual_height + tallest.collective_height == figures.chart_height - 20


def test_dashboard_page_renders_figures(client, tree, unit_officer):
    client.force_login(unit_officer)

    content = client.get(reverse("common:dashboard")).content.decode()

    assert '<div class="stat" data-figure="people">1</div>' in content
    assert '<g data-year="2024">' in content


def test_dashboard_counts_a_person_with_two_open_periods_once(tree, secretariat_user):
    from tdkt.people.enums import Category
    from tdkt.people.models import ServicePeriod

    ServicePeriod.objects.create(
        person=tree.anh,
        unit=tree.neighbourhood,
        category=Category.CIVIL_SERVANT,
        start_on=dt.date(2020, 1, 1),
    )

    assert dashboard(secretariat_user).people_in_service == 2
