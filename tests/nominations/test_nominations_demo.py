"""The demo's 2018 round: dossiers in every stage, a comment from the public, the district
council with a ballot under way. Loaded once for the module (the whole demo, as `make demo`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tdkt.councils.models import Council, CouncilSession, VoteChoice, VoteReceipt
from tdkt.demo.loader import load, wipe
from tdkt.nominations.judging import judge_dossier
from tdkt.nominations.models import Dossier, PublicComment
from tdkt.people.models import YearRecord

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        load(reset=True)
    yield
    with django_db_blocker.unblock():
        wipe()


def test_demo_dossiers_in_every_stage(demo: None) -> None:
    stages = {
        d.unit.code: (d.state, sorted(set(d.nominations.values_list("state", flat=True))))
        for d in Dossier.objects.select_related("unit")
    }

    assert stages == {
        "cam-le-khue-trung": ("draft", ["draft"]),
        "cam-le-hoa-xuan": ("submitted", ["submitted"]),
        "cam-le-tu-phap": ("returned", ["appraised", "returned"]),
        "cam-le-kinh-te": ("appraised", ["appraised"]),
        "cam-le-hoa-tho-tay": ("appraised", ["disclosed"]),
        "cam-le-van-phong": ("appraised", ["at_council"]),
    }


def test_demo_candidates_have_a_2018_grade(demo: None) -> None:
    people = Dossier.objects.values_list("nominations__person", flat=True)
    graded = set(YearRecord.objects.filter(year=2018).values_list("person", flat=True))

    assert {p for p in people if p is not None} <= graded


def test_demo_returned_nomination_has_a_reason(demo: None) -> None:
    dossier = Dossier.objects.get(unit__code="cam-le-tu-phap")
    returned = dossier.nominations.get(state="returned")

    assert returned.return_reason.startswith("Thiếu báo cáo thành tích cá nhân")


def test_demo_disclosure_with_comment(demo: None) -> None:
    comment = PublicComment.objects.select_related("disclosure", "nomination").get()

    assert comment.disclosure.title.endswith("phường Hòa Thọ Tây")
    assert comment.nomination is not None
    assert comment.late is False


def test_demo_council_ballot_under_way(demo: None) -> None:
    council = Council.objects.get()
    session = CouncilSession.objects.get()

    assert council.members.count() == 7
    assert sorted(council.members.values_list("user__username", flat=True))[:3] == [
        "chutich",
        "hoidong",
        "hoidong.congdoan",
    ]
    assert (session.state, session.members_total, session.members_present) == ("open", 7, 6)
    items = session.items.count()
    assert VoteReceipt.objects.count() == 4 * items
    assert VoteChoice.objects.filter(choice="disagree").count() == 1


def test_demo_grassroots_fighter_within_quota(demo: None) -> None:
    dossier = Dossier.objects.get(unit__code="cam-le-hoa-tho-tay")
    judgement = judge_dossier(dossier)
    fighter = dossier.nominations.get(award_code="cstd_co_so")

    (quota,) = judgement.quotas
    assert (quota.used, quota.limit, quota.base_count) == (1, 1, 8)
    assert judgement.by_nomination[fighter.pk].status == "eligible"


def test_demo_draft_shows_a_failing_collective(demo: None) -> None:
    dossier = Dossier.objects.get(unit__code="cam-le-khue-trung")
    judgement = judge_dossier(dossier)
    collective = dossier.nominations.get(person__isnull=True)

    verdict = judgement.by_nomination[collective.pk].verdict
    assert verdict is not None
    assert "unit_grade" in verdict.failed_codes


def test_demo_fighter_beyond_the_quota_is_eligible_but_cannot_be_accepted(demo: None) -> None:
    from tdkt.accounts.models import User
    from tdkt.nominations.services import Appraisal, NominationError, appraise_dossier

    dossier = Dossier.objects.get(unit__code="cam-le-hoa-xuan")
    fighter = dossier.nominations.get(award_code="cstd_co_so")
    judgement = judge_dossier(dossier)
    line = judgement.quota_of[fighter.pk]

    assert judgement.by_nomination[fighter.pk].verdict.eligible  # type: ignore[union-attr]
    assert (line.used, line.limit) == (1, 0)
    with pytest.raises(NominationError, match="vượt tỷ lệ cho phép \\(tối đa 0,"):
        appraise_dossier(
            dossier,
            {n.pk: Appraisal(accept=True) for n in dossier.nominations.all()},
            version=dossier.version,
            actor=User.objects.get(username="thuky"),
        )
    assert dossier.nominations.filter(state="submitted").count() == 4
