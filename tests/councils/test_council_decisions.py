"""From the council's result to the award decision: the approved list becomes draft decisions
(one per award) through the decisions app, each nomination points at its line, and signing
the decision makes the nominations decided."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tdkt.awards.models import AwardRecord
from tdkt.councils import services
from tdkt.councils.enums import BallotMethod, Choice
from tdkt.councils.models import Council, CouncilSession
from tdkt.councils.services import CouncilError
from tdkt.decisions.services import delete_draft, sign_decision
from tdkt.nominations.enums import DossierState, NominationState
from tdkt.nominations.services import sync_with_decisions

pytestmark = pytest.mark.django_db
DECISION_DATE = dt.date(2019, 1, 15)


@pytest.fixture
def closed(council: Council, appraised: Any, secretariat_user: Any) -> CouncilSession:
    """All three LĐTT nominations approved by six of seven members."""
    session = services.create_session(
        council,
        title="Phiên họp",
        year=2018,
        held_on=dt.date(2019, 1, 8),
        ballot_method=BallotMethod.ONLINE,
        actor=secretariat_user,
    )
    services.add_to_agenda(session, list(appraised.nominations.all()), actor=secretariat_user)
    members = services.active_members(council)
    services.open_session(session, present=[m.pk for m in members], actor=secretariat_user)
    items = list(session.items.all())
    for member in members[:6]:
        services.cast_ballot(
            session, user=member.user, choices={item.pk: Choice.AGREE for item in items}
        )
    return services.close_session(session, actor=secretariat_user)


def _draft(closed: CouncilSession, actor: Any) -> list[Any]:
    return services.draft_decisions(
        closed,
        decision_date=DECISION_DATE,
        signer_name="Huỳnh Đức Thịnh",
        signer_title="CHỦ TỊCH",
        actor=actor,
    )


def test_approved_list_becomes_a_draft_decision(
    closed: CouncilSession, appraised: Any, secretariat_user: Any, tree: Any
) -> None:
    (decision,) = _draft(closed, secretariat_user)

    assert (decision.issuer, decision.award_code, decision.achievement_year) == (
        tree.district,
        "lao_dong_tien_tien",
        2018,
    )
    assert decision.status == "draft"
    nominations = list(appraised.nominations.select_related("decision_line"))
    assert {n.state for n in nominations} == {NominationState.IN_DECISION}
    assert {n.decision_line.decision_id for n in nominations} == {decision.pk}
    assert {n.decision_line.person_id for n in nominations} == {n.person_id for n in nominations}
    assert {line.amount_vnd for line in decision.lines.all()} == {420000}


def test_signing_the_decision_makes_nominations_decided(
    closed: CouncilSession, appraised: Any, secretariat_user: Any, council: Council
) -> None:
    (decision,) = _draft(closed, secretariat_user)
    chair = council.members.get(role="chair").user

    sign_decision(decision, actor=chair)
    moved = sync_with_decisions()

    assert moved == 3
    assert set(appraised.nominations.values_list("state", flat=True)) == {NominationState.DECIDED}
    appraised.refresh_from_db()
    assert appraised.state == DossierState.COMPLETED
    assert AwardRecord.objects.filter(year=2018, award_code="lao_dong_tien_tien").count() == 3
    assert sync_with_decisions() == 0


def test_deleted_draft_returns_nominations_to_approved(
    closed: CouncilSession, appraised: Any, secretariat_user: Any
) -> None:
    (decision,) = _draft(closed, secretariat_user)

    delete_draft(decision, actor=secretariat_user)
    sync_with_decisions()

    assert set(appraised.nominations.values_list("state", flat=True)) == {NominationState.APPROVED}
    assert _draft(closed, secretariat_user)[0].lines.count() == 3


def test_decisions_only_after_closing(
    council: Council, appraised: Any, secretariat_user: Any
) -> None:
    session = services.create_session(
        council, title="Phiên họp", year=2018, held_on=dt.date(2019, 1, 8), actor=secretariat_user
    )

    with pytest.raises(CouncilError) as caught:
        _draft(session, secretariat_user)

    assert str(caught.value) == "Hãy kết thúc phiên họp trước khi dự thảo quyết định."


def test_no_second_draft_for_the_same_list(closed: CouncilSession, secretariat_user: Any) -> None:
    _draft(closed, secretariat_user)

    with pytest.raises(CouncilError) as caught:
        _draft(closed, secretariat_user)

    assert str(caught.value) == (
        "Không còn đề nghị nào được phiên họp này thông qua đang chờ quyết định."
    )
