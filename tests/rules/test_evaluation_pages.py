"""Stored evaluations on the pages: the runs list, a run's verdicts, person and unit pages, and
the scope (an officer sees and runs only their own subtree; anything else is a 404)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings

from tdkt.organisations.models import UnitYearRecord
from tdkt.people.models import YearRecord
from tdkt.rules.evaluation import run_evaluation
from tdkt.rules.models import EvaluationRun

YEAR = 2024
ON = dt.date(2025, 1, 15)  # regime r2024


@pytest.fixture
def judged(tree: SimpleNamespace) -> SimpleNamespace:
    """The shared tree with 2024 grades: Ánh (ward A) good, Bình (ward B) only passing."""
    for person in (tree.anh, tree.binh):
        person.recruited_on = dt.date(2015, 1, 1)
        person.save()
    YearRecord.objects.create(person=tree.anh, year=YEAR, unit=tree.ward_a, grade="hoan_thanh_tot")
    YearRecord.objects.create(person=tree.binh, year=YEAR, unit=tree.ward_b, grade="hoan_thanh")
    UnitYearRecord.objects.create(unit=tree.ward_a, year=YEAR, grade="hoan_thanh_tot")
    district, _result = run_evaluation(YEAR, decision_date=ON, unit=tree.district)
    ward_b, _result = run_evaluation(YEAR, decision_date=ON, unit=tree.ward_b)
    return SimpleNamespace(tree=tree, district=district, ward_b=ward_b)


@pytest.mark.django_db
def test_officer_sees_the_district_run_cut_to_their_ward(
    judged: SimpleNamespace, client: Any, unit_officer: Any
) -> None:
    client.force_login(unit_officer)

    response = client.get(f"/rules/evaluations/{judged.district.pk}/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "Nguyễn Thị Ánh" in html
    assert "Trần Văn Bình" not in html
    assert (
        f'data-run="{judged.ward_b.pk}"' not in client.get("/rules/evaluations/").content.decode()
    )


@pytest.mark.django_db
def test_other_wards_run_and_export_are_404(
    judged: SimpleNamespace, client: Any, unit_officer: Any
) -> None:
    client.force_login(unit_officer)

    assert client.get(f"/rules/evaluations/{judged.ward_b.pk}/").status_code == 404
    assert client.get(f"/rules/evaluations/{judged.ward_b.pk}/export.xlsx").status_code == 404


@pytest.mark.django_db
def test_person_page_says_why_not_and_on_what_basis(
    judged: SimpleNamespace, client: Any, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the msgids, whatever the .po says
    html = client.get(f"/people/{judged.tree.binh.pk}/").content.decode()

    assert "Not yet eligible for Lao động tiên tiến because:" in html
    assert (
        "Xếp loại năm 2024 là Hoàn thành nhiệm vụ, chưa đạt Hoàn thành tốt nhiệm vụ trở lên"
        '<span class="citation">, on the basis of Khoản 1 Điều 24 Luật Thi đua, khen thưởng 2022'
    ) in html


@pytest.mark.django_db
def test_unit_page_shows_its_own_verdicts_and_its_members(
    judged: SimpleNamespace, client: Any, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/units/{judged.tree.ward_a.pk}/").content.decode()

    assert 'data-award="tap_the_ldtt" data-eligible="1"' in html
    assert "May receive Tập thể lao động tiên tiến" in html
    assert "Lao động tiên tiến: 1 of 1 may receive it" in html


@pytest.mark.django_db
def test_verdict_filters_narrow_the_list(
    judged: SimpleNamespace, client: Any, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)
    url = f"/rules/evaluations/{judged.district.pk}/"

    eligible = client.get(url, {"award": "lao_dong_tien_tien", "outcome": "yes"}).content.decode()
    not_eligible = client.get(url, {"award": "lao_dong_tien_tien", "outcome": "no"}).content
    invalid = client.get(url, {"award": "khong_co"}).content.decode()

    assert "Nguyễn Thị Ánh" in eligible
    assert "Trần Văn Bình" not in eligible
    assert "Trần Văn Bình" in not_eligible.decode()
    assert 'id="verdicts"' not in invalid


@pytest.mark.django_db
def test_officer_runs_an_evaluation_of_their_ward_only(
    judged: SimpleNamespace, client: Any, unit_officer: Any
) -> None:
    client.force_login(unit_officer)

    refused = client.post("/rules/evaluations/", {"year": YEAR, "unit": judged.tree.ward_b.pk})
    done = client.post("/rules/evaluations/", {"year": YEAR, "unit": judged.tree.ward_a.pk})

    assert refused.status_code == 200  # the form again: ward B is not a choice
    run = EvaluationRun.objects.get(year=YEAR, unit=judged.tree.ward_a)
    assert done.status_code == 302
    assert done["Location"] == f"/rules/evaluations/{run.pk}/"
    assert (run.decision_date, run.regime, run.created_by) == (
        dt.date(2025, 1, 15), "r2024", unit_officer,
    )  # fmt: skip


@pytest.mark.django_db
def test_leader_reads_but_cannot_run(judged: SimpleNamespace, client: Any, leader: Any) -> None:
    client.force_login(leader)

    assert client.get("/rules/evaluations/").status_code == 200
    assert client.get(f"/rules/evaluations/{judged.district.pk}/").status_code == 200
    assert client.post("/rules/evaluations/", {"year": YEAR}).status_code == 403


@pytest.mark.django_db
def test_pages_need_a_login(judged: SimpleNamespace, client: Any) -> None:
    for url in ("/rules/", "/rules/evaluations/", f"/rules/evaluations/{judged.district.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
