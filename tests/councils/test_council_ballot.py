"""A council session from agenda to results: quorum, the secret ballot (one vote per member
and item, nothing after closing, no trace from a choice to a member), paper tallies, closing by
compare-and-swap, and the nominations moving on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tdkt.common.models import AuditEntry
from tdkt.councils import services
from tdkt.councils.enums import BallotMethod, Choice, ItemResult, SessionState
from tdkt.councils.models import AgendaItem, Council, CouncilSession, VoteChoice, VoteReceipt
from tdkt.councils.services import CouncilError
from tdkt.nominations.enums import DossierState, NominationState

pytestmark = pytest.mark.django_db
HELD_ON = dt.date(2019, 1, 8)


def _session(
    council: Council, appraised: Any, actor: Any, method: str = BallotMethod.ONLINE
) -> CouncilSession:
    session = services.create_session(
        council,
        title="Phiên họp xét khen thưởng năm 2018",
        year=2018,
        held_on=HELD_ON,
        place="Hội trường UBND quận",
        ballot_method=method,
        start_time=dt.time(14, 0),
        actor=actor,
    )
    services.add_to_agenda(session, list(appraised.nominations.order_by("order")), actor=actor)
    return session


@pytest.fixture
def session(council: Council, appraised: Any, secretariat_user: Any) -> CouncilSession:
    """Three LĐTT nominations on the agenda; all seven members present; the ballot open."""
    session = _session(council, appraised, secretariat_user)
    members = services.active_members(council)
    return services.open_session(session, present=[m.pk for m in members], actor=secretariat_user)


def _members(council: Council) -> list[Any]:
    return [m.user for m in services.active_members(council)]


def _vote(session: CouncilSession, users: list[Any], choice: str) -> None:
    items = list(session.items.order_by("order"))
    for user in users:
        services.cast_ballot(session, user=user, choices={item.pk: choice for item in items})


def test_agenda_moves_nominations_before_the_council(
    council: Council, appraised: Any, secretariat_user: Any
) -> None:
    session = _session(council, appraised, secretariat_user)

    assert set(appraised.nominations.values_list("state", flat=True)) == {
        NominationState.AT_COUNCIL
    }
    assert session.items.count() == 3


def test_open_without_quorum_refused(
    council: Council, appraised: Any, secretariat_user: Any
) -> None:
    session = _session(council, appraised, secretariat_user)
    members = services.active_members(council)

    with pytest.raises(CouncilError) as caught:
        services.open_session(session, present=[m.pk for m in members[:4]], actor=secretariat_user)

    assert str(caught.value) == (
        "Chưa đủ số thành viên: có mặt 4/7 thành viên; cần ít nhất 2/3 tổng số thành viên."
    )
    session.refresh_from_db()
    assert session.state == SessionState.PREPARING
    assert session.attendance.count() == 0


def test_open_fixes_each_items_threshold(session: CouncilSession) -> None:
    item = session.items.first()

    assert (session.state, session.members_total, session.members_present) == ("open", 7, 7)
    assert (item.threshold_pct, item.threshold_strict) == (50, True)
    assert item.threshold_basis.startswith("Quy chế hoạt động của Hội đồng")


def test_member_votes_once(session: CouncilSession, council: Council) -> None:
    member = _members(council)[0]
    items = list(session.items.order_by("order"))
    services.cast_ballot(session, user=member, choices={items[0].pk: Choice.AGREE})

    with pytest.raises(CouncilError) as caught:
        services.cast_ballot(session, user=member, choices={items[0].pk: Choice.DISAGREE})

    assert str(caught.value) == (
        "Bạn đã bỏ phiếu cho đề nghị này; mỗi thành viên chỉ được bỏ phiếu một lần."
    )
    assert VoteReceipt.objects.count() == 1
    assert list(VoteChoice.objects.values_list("choice", flat=True)) == [Choice.AGREE]


def test_constraint_refuses_a_second_receipt(session: CouncilSession, council: Council) -> None:
    from django.db import IntegrityError, transaction

    member = session.council.members.first()
    item = session.items.first()
    VoteReceipt.objects.create(item=item, member=member)

    with pytest.raises(IntegrityError), transaction.atomic():
        VoteReceipt.objects.create(item=item, member=member)


def test_non_member_cannot_vote(session: CouncilSession, unit_officer: Any) -> None:
    item = session.items.first()

    with pytest.raises(CouncilError) as caught:
        services.cast_ballot(session, user=unit_officer, choices={item.pk: Choice.AGREE})

    assert str(caught.value) == "Chỉ thành viên Hội đồng mới được bỏ phiếu."
    assert VoteChoice.objects.count() == 0


def test_vote_before_opening_refused(
    council: Council, appraised: Any, secretariat_user: Any
) -> None:
    session = _session(council, appraised, secretariat_user)
    item = session.items.first()

    with pytest.raises(CouncilError):
        services.cast_ballot(session, user=_members(council)[0], choices={item.pk: Choice.AGREE})

    assert VoteReceipt.objects.count() == 0


def test_close_counts_and_decides(
    session: CouncilSession, council: Council, secretariat_user: Any, appraised: Any
) -> None:
    users = _members(council)
    items = list(session.items.order_by("order"))
    for user in users[:4]:
        services.cast_ballot(session, user=user, choices={i.pk: Choice.AGREE for i in items})
    for user in users[4:6]:
        services.cast_ballot(
            session,
            user=user,
            choices={items[0].pk: Choice.AGREE, items[1].pk: Choice.DISAGREE},
        )

    closed = services.close_session(session, actor=secretariat_user, end_time=dt.time(16, 30))

    results = list(
        AgendaItem.objects.filter(session=closed)
        .order_by("order")
        .values_list("agree", "votes_cast", "base_count", "result")
    )
    assert results == [
        (6, 6, 7, ItemResult.APPROVED),
        (4, 6, 7, ItemResult.APPROVED),  # 4 of 7 is more than half
        (4, 4, 7, ItemResult.APPROVED),
    ]
    assert closed.state == SessionState.CLOSED
    assert set(appraised.nominations.values_list("state", flat=True)) == {NominationState.APPROVED}


def test_rejected_nomination_completes_its_dossier(
    session: CouncilSession, council: Council, secretariat_user: Any, appraised: Any
) -> None:
    _vote(session, _members(council)[:3], Choice.AGREE)  # 3 of 7: not more than half

    services.close_session(session, actor=secretariat_user)

    assert set(appraised.nominations.values_list("state", flat=True)) == {NominationState.REJECTED}
    appraised.refresh_from_db()
    assert appraised.state == DossierState.COMPLETED


def test_vote_after_closing_refused(
    session: CouncilSession, council: Council, secretariat_user: Any
) -> None:
    services.close_session(session, actor=secretariat_user)
    item = session.items.first()

    with pytest.raises(CouncilError) as caught:
        services.cast_ballot(session, user=_members(council)[0], choices={item.pk: Choice.AGREE})

    assert str(caught.value) == (
        "Phiên họp không ở giai đoạn bỏ phiếu (đang ở trạng thái “Đã kết thúc”); chưa có gì"
        " được ghi nhận."
    )
    assert VoteReceipt.objects.count() == 0
    assert VoteChoice.objects.count() == 0


def test_closing_twice_refused(session: CouncilSession, secretariat_user: Any) -> None:
    services.close_session(session, actor=secretariat_user)

    with pytest.raises(CouncilError) as caught:
        services.close_session(session, actor=secretariat_user)

    assert str(caught.value) == (
        "Phiên họp đang ở trạng thái “Đã kết thúc”, không ở giai đoạn bỏ phiếu; không thể kết thúc."
    )
    assert AuditEntry.objects.filter(action="councils.councilsession.closed").count() == 1


def test_ballot_is_secret(session: CouncilSession, council: Council) -> None:
    users = _members(council)
    items = list(session.items.order_by("order"))
    services.cast_ballot(session, user=users[0], choices={items[0].pk: Choice.AGREE})
    services.cast_ballot(session, user=users[1], choices={items[0].pk: Choice.DISAGREE})

    choice_fields = {field.name for field in VoteChoice._meta.concrete_fields}
    receipt_fields = {field.name for field in VoteReceipt._meta.concrete_fields}
    assert choice_fields == {"id", "item", "choice"}
    assert "choice" not in receipt_fields
    # Keys are random, so their order does not follow the order in which members voted.
    assert {type(pk).__name__ for pk in VoteChoice.objects.values_list("pk", flat=True)} == {"UUID"}
    entries = AuditEntry.objects.filter(action="councils.councilsession.ballot_cast")
    assert [entry.data for entry in entries.order_by("id")] == [
        {"items": [items[0].pk]},
        {"items": [items[0].pk]},
    ]
    assert sorted(VoteChoice.objects.values_list("choice", flat=True)) == ["agree", "disagree"]


def test_paper_tally(council: Council, appraised: Any, secretariat_user: Any) -> None:
    session = _session(council, appraised, secretariat_user, BallotMethod.PAPER)
    members = services.active_members(council)
    session = services.open_session(
        session, present=[m.pk for m in members], actor=secretariat_user
    )
    items = list(session.items.order_by("order"))

    with pytest.raises(CouncilError) as too_many:
        services.enter_tally(items[0], agree=6, disagree=2, actor=secretariat_user)
    with pytest.raises(CouncilError) as untallied:
        services.close_session(session, actor=secretariat_user)
    for item, agree in zip(items, (7, 4, 2), strict=True):
        services.enter_tally(item, agree=agree, disagree=7 - agree, actor=secretariat_user)
    services.close_session(session, actor=secretariat_user)

    assert str(too_many.value) == "Có 8 phiếu được kiểm, nhưng Hội đồng chỉ có 7 thành viên."
    assert str(untallied.value).startswith("Hãy nhập kết quả kiểm phiếu của")
    assert list(
        AgendaItem.objects.filter(session=session).order_by("order").values_list("agree", "result")
    ) == [(7, "approved"), (4, "approved"), (2, "not_approved")]


def test_online_vote_refused_in_a_paper_session(
    council: Council, appraised: Any, secretariat_user: Any
) -> None:
    session = _session(council, appraised, secretariat_user, BallotMethod.PAPER)
    members = services.active_members(council)
    services.open_session(session, present=[m.pk for m in members], actor=secretariat_user)
    item = session.items.first()

    with pytest.raises(CouncilError):
        services.cast_ballot(session, user=members[0].user, choices={item.pk: Choice.AGREE})


def test_take_off_agenda_before_opening(
    council: Council, appraised: Any, secretariat_user: Any
) -> None:
    session = _session(council, appraised, secretariat_user)
    item = session.items.first()
    nomination = item.nomination

    services.remove_from_agenda(item, actor=secretariat_user)

    nomination.refresh_from_db()
    assert nomination.state == NominationState.APPRAISED
    assert session.items.count() == 2


def test_agenda_closed_once_open(session: CouncilSession, secretariat_user: Any) -> None:
    item = session.items.first()

    with pytest.raises(CouncilError) as caught:
        services.remove_from_agenda(item, actor=secretariat_user)

    assert str(caught.value) == (
        "Phiên họp đã bắt đầu; không thể thay đổi nội dung xét và danh sách có mặt nữa."
    )
    assert session.items.count() == 3
