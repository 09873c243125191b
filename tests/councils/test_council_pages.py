"""The council pages: who sees a session (404 otherwise), who runs it (403 otherwise), and a
member's ballot through the page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tdkt.councils import services
from tdkt.councils.enums import SessionState
from tdkt.councils.models import Council, CouncilSession, VoteChoice, VoteReceipt

pytestmark = pytest.mark.django_db


@pytest.fixture
def preparing(council: Council, appraised: Any, secretariat_user: Any) -> CouncilSession:
    session = services.create_session(
        council,
        title="Phiên họp xét khen thưởng năm 2018",
        year=2018,
        held_on=dt.date(2019, 1, 8),
        actor=secretariat_user,
    )
    services.add_to_agenda(session, list(appraised.nominations.all()), actor=secretariat_user)
    return session


def test_outsider_gets_404(preparing: CouncilSession, unit_officer: Any, client: Client) -> None:
    client.force_login(unit_officer)

    assert client.get(f"/councils/sessions/{preparing.pk}/").status_code == 404
    assert client.get(f"/councils/{preparing.council_id}/").status_code == 404
    assert client.post(f"/councils/sessions/{preparing.pk}/close/").status_code == 404


def test_member_cannot_run_the_session(
    preparing: CouncilSession, council: Council, client: Client
) -> None:
    member = council.members.filter(role="member").first().user
    client.force_login(member)

    page = client.get(f"/councils/sessions/{preparing.pk}/")
    opened = client.post(f"/councils/sessions/{preparing.pk}/open/", {"present": []})

    assert page.status_code == 200
    assert opened.status_code == 403
    preparing.refresh_from_db()
    assert preparing.state == SessionState.PREPARING


def test_secretary_opens_member_votes_secretary_closes(
    preparing: CouncilSession, council: Council, secretariat_user: Any, client: Client
) -> None:
    members = services.active_members(council)
    items = list(preparing.items.order_by("order"))
    client.force_login(secretariat_user)
    opened = client.post(
        f"/councils/sessions/{preparing.pk}/open/", {"present": [m.pk for m in members]}
    )
    voter = members[3].user
    client.force_login(voter)
    ballot_page = client.get(f"/councils/sessions/{preparing.pk}/").content.decode()
    voted = client.post(
        f"/councils/sessions/{preparing.pk}/ballot/",
        {f"item_{item.pk}": "agree" for item in items},
    )
    again = client.post(
        f"/councils/sessions/{preparing.pk}/ballot/",
        {f"item_{items[0].pk}": "disagree"},
        follow=True,
    )
    client.force_login(secretariat_user)
    closed = client.post(f"/councils/sessions/{preparing.pk}/close/")
    results = client.get(f"/councils/sessions/{preparing.pk}/").content.decode()

    assert (opened.status_code, voted.status_code, closed.status_code) == (302, 302, 302)
    assert "Phiếu bầu kín của bạn" in ballot_page
    assert "mỗi thành viên chỉ được bỏ phiếu một lần" in again.content.decode()
    assert VoteReceipt.objects.count() == 3
    assert VoteChoice.objects.filter(choice="agree").count() == 3
    assert "Kết quả bỏ phiếu" in results
    assert "1/7" in results
    preparing.refresh_from_db()
    assert preparing.state == SessionState.CLOSED


def test_agenda_page_explains_why_a_nomination_cannot_go(
    council: Council, appraised: Any, secretariat_user: Any, client: Client, tree: Any
) -> None:
    from round2018 import publish

    publish(list(appraised.nominations.all()), secretariat_user, tree.district)
    session = services.create_session(
        council, title="Phiên họp", year=2018, held_on=dt.date(2018, 12, 12), actor=secretariat_user
    )
    client.force_login(secretariat_user)

    page = client.get(f"/councils/sessions/{session.pk}/").content.decode()
    refused = client.post(
        f"/councils/sessions/{session.pk}/agenda/",
        {"nominations": [n.pk for n in appraised.nominations.all()]},
        follow=True,
    )

    assert "đang được công khai lấy ý kiến đến ngày 17/12/2018" in page
    assert "chỉ được trình Hội đồng từ ngày hôm sau" in refused.content.decode()
    assert session.items.count() == 0


def test_council_list_shows_member_councils(council: Council, client: Client) -> None:
    member = council.members.filter(role="member").first().user
    client.force_login(member)

    page = client.get("/councils/").content.decode()

    assert council.name in page
