"""The Cẩm Lệ demo register against the law: every yearly title the demo grants for 2015–2017
(decisions of January 2016 and 2017 under r2014, January 2018 under r2017) is judged eligible by
the whole-year evaluation on its decision date."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tdkt.awards.models import AwardRecord
from tdkt.demo.loader import LoadSummary, load, wipe
from tdkt.rules.evaluation import check_register_against_rules, evaluate_year


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[LoadSummary]:
    with django_db_blocker.unblock():
        summary = load(reset=True)
    yield summary
    with django_db_blocker.unblock():
        wipe()


@pytest.mark.django_db
@pytest.mark.parametrize(("year", "regime"), [(2015, "r2014"), (2016, "r2014"), (2017, "r2017")])
def test_demo_register_agrees_with_the_rules(demo: LoadSummary, year: int, regime: str) -> None:
    granted = AwardRecord.objects.filter(
        year=year,
        status="granted",
        award_code__in=["lao_dong_tien_tien", "cstd_co_so", "tap_the_ldtt"],
    )
    dates = set(granted.values_list("decision_date", flat=True))

    problems = check_register_against_rules(year)

    assert [str(problem) for problem in problems] == []
    assert granted.count() > 300
    assert {evaluate_year(year, decision_date=day).regime.id for day in dates} == {regime}


@pytest.mark.django_db
def test_demo_2017_evaluation_finds_more_eligible_than_granted(demo: LoadSummary) -> None:
    result = evaluate_year(2017)
    ldtt = result.title("lao_dong_tien_tien")
    assert ldtt is not None

    granted = AwardRecord.objects.filter(year=2017, award_code="lao_dong_tien_tien").count()

    assert ldtt.eligible_count >= granted
