"""What the pages show next to each nomination: the engine's verdict on the database facts at
the dossier's decision date, and the unit's quota for capped awards."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from tdkt.common.enums import DisciplineLevel, Scope
from tdkt.nominations.judging import ELIGIBLE, NOT_ELIGIBLE, REVIEW, UNKNOWN, judge_dossier
from tdkt.people.enums import ContributionKind
from tdkt.people.models import Contribution, DisciplinaryAction
from tests.nominations.round2018 import make_dossier, nominate

pytestmark = pytest.mark.django_db


def test_verdict_eligible_with_review_points(round2018: SimpleNamespace, unit_officer: Any) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    nomination = nominate(dossier, unit_officer, round2018.anh)

    judged = judge_dossier(dossier).by_nomination[nomination.pk]

    assert judged.status == REVIEW  # eligible; the conduct criterion is for a person to judge
    assert judged.verdict is not None
    assert judged.verdict.eligible is True
    assert judged.verdict.regime == "r2017"
    assert judged.verdict.reward_vnd == 420000
    assert len(judged.verdict.needs_review) == 1


def test_verdict_failed_condition_with_citation(
    round2018: SimpleNamespace, unit_officer: Any
) -> None:
    DisciplinaryAction.objects.create(
        person=round2018.anh,
        level=DisciplineLevel.REPRIMAND,
        decided_on=dt.date(2018, 6, 1),
        year=2018,
    )
    dossier = make_dossier(round2018.ward_a, unit_officer)
    nomination = nominate(dossier, unit_officer, round2018.anh)

    judged = judge_dossier(dossier).by_nomination[nomination.pk]

    assert judged.status == NOT_ELIGIBLE
    assert judged.verdict is not None
    assert [(f.condition, f.citation) for f in judged.verdict.failed] == [
        ("no_discipline", "Điều 10 Nghị định 91/2017/NĐ-CP")
    ]


def test_verdict_counts_title_proposed_in_same_round(
    round2018: SimpleNamespace, unit_officer: Any
) -> None:
    Contribution.objects.create(
        person=round2018.anh,
        kind=ContributionKind.INITIATIVE,
        title="Số hóa hồ sơ một cửa",
        scope=Scope.GRASSROOTS,
        year=2018,
    )
    dossier = make_dossier(round2018.ward_a, unit_officer)
    nominate(dossier, unit_officer, round2018.anh)
    fighter = nominate(dossier, unit_officer, round2018.anh, award="cstd_co_so")

    judged = judge_dossier(dossier).by_nomination[fighter.pk]

    assert judged.status == ELIGIBLE
    assert judged.assumed == ("Lao động tiên tiến",)


def test_verdict_without_proposed_title_fails(
    round2018: SimpleNamespace, unit_officer: Any
) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    fighter = nominate(dossier, unit_officer, round2018.anh, award="cstd_co_so")

    judged = judge_dossier(dossier).by_nomination[fighter.pk]

    assert judged.verdict is not None
    assert set(judged.verdict.failed_codes) == {"ldtt", "initiative"}
    assert judged.assumed == ()


def test_quota_counts_proposed_advanced_workers(
    round2018: SimpleNamespace, unit_officer: Any
) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    for person in (round2018.anh, *round2018.staff):
        nominate(dossier, unit_officer, person)
    first = nominate(dossier, unit_officer, round2018.staff[0], award="cstd_co_so")
    second = nominate(dossier, unit_officer, round2018.staff[1], award="cstd_co_so")

    judgement = judge_dossier(dossier)

    (line,) = judgement.quotas
    # 8 advanced workers proposed, at most 15 % (rounded down): 1 grassroots fighter.
    assert (line.award, line.unit_id, line.used, line.limit, line.base_count) == (
        "cstd_co_so",
        round2018.ward_a.pk,
        2,
        1,
        8,
    )
    assert line.over == frozenset({second.pk})
    assert judgement.quota_of[first.pk] is line
    assert line.citation == "Khoản 3 Điều 9 Nghị định 91/2017/NĐ-CP"


def test_no_quota_for_uncapped_award(round2018: SimpleNamespace, unit_officer: Any) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    nominate(dossier, unit_officer, round2018.anh)

    assert judge_dossier(dossier).quotas == []


def test_no_regime_gives_no_verdict(round2018: SimpleNamespace, unit_officer: Any) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    nomination = nominate(dossier, unit_officer, round2018.anh)
    dossier.decision_date = dt.date(2010, 1, 1)

    judgement = judge_dossier(dossier)

    assert judgement.regime is None
    assert judgement.by_nomination[nomination.pk].status == UNKNOWN
    assert judgement.problem == (
        "Không có quy định pháp luật nào áp dụng cho ngày 01/01/2010; hãy sửa ngày dự kiến"
        " quyết định."
    )
