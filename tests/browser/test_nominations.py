"""From nomination to draft decision in a real browser: a ward's officer prepares a dossier,
adds a nomination and imports a list from Excel, submits it; the secretariat appraises it and
publishes the list for comments; the period is moved into the past; the council's members vote
in secret; the secretary closes the session; the approved list becomes a draft decision.

Selectors use field names, ids and URLs, never words, so the test holds in any language. Set
TDKT_SCREENSHOT_DIR to keep a screenshot of each step.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tdkt.accounts.enums import Role
from tdkt.awards.models import AwardRecord
from tdkt.councils import services as council_services
from tdkt.councils.enums import MemberRole, SessionState
from tdkt.decisions.models import Decision
from tdkt.nominations.enums import DossierState, NominationState
from tdkt.nominations.models import Disclosure, Dossier
from tests.browser.steps import (
    appraise_all,
    close_and_draft,
    disclose,
    list_file,
    open_session,
    shot,
    submit,
)
from tests.nominations.round2018 import frozen_today, round2018  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "de-nghi-khen-thuong-2018"


def _as(page: Any, login: Any, user: Any) -> None:
    page.context.clear_cookies()
    login(user.username, PASSWORD)


def _shot(page: Any, name: str) -> None:
    shot(page, f"nominations-{name}")


def test_nomination_to_signed_decision_in_the_browser(
    page: Any,
    login: Any,
    round2018: SimpleNamespace,  # noqa: F811
    unit_officer: Any,
    secretariat_user: Any,
    user_factory: Any,
    tmp_path: Path,
) -> None:
    tree = round2018
    chair = user_factory("chutich", Role.SIGNER, tree.district, full_name="Huỳnh Đức Thịnh")
    voters = [
        user_factory(f"uyvien{n}", Role.COUNCIL_MEMBER, tree.district, full_name=f"Ủy viên {n}")
        for n in range(4)
    ]
    for user in (unit_officer, secretariat_user, chair, *voters):
        user.set_password(PASSWORD)
        user.save()
    council = council_services.create_council(
        name="Hội đồng Thi đua - Khen thưởng quận Cẩm Lệ", unit=tree.district, actor=None
    )
    council_services.add_member(council, user=chair, role=MemberRole.CHAIR, actor=None)
    council_services.add_member(
        council, user=secretariat_user, role=MemberRole.SECRETARY, actor=None
    )
    for user in voters:
        council_services.add_member(council, user=user, role=MemberRole.MEMBER, actor=None)

    # The ward's officer prepares the dossier: one nomination by hand, two from Excel.
    _as(page, login, unit_officer)
    page.goto("/nominations/new/")
    page.select_option("#id_unit", str(tree.ward_a.pk))
    page.select_option("#id_kind", "yearly")
    page.fill("#id_year", "2018")
    page.fill("#id_title", "Đề nghị khen thưởng tổng kết năm 2018")
    page.fill("#id_decision_date", "2019-01-15")
    submit(page, "form.card button[type=submit]")
    dossier = Dossier.objects.get()
    page.check("#add-form input[name=subject_kind][value=individual]")
    page.select_option("#add-form select[name=person]", str(tree.anh.pk))
    page.select_option("#add-form select[name=award_code]", "lao_dong_tien_tien")
    page.fill("#add-form textarea[name=achievement]", "Hoàn thành xuất sắc nhiệm vụ năm 2018")
    submit(page, "#add-form button[type=submit]")
    page.set_input_files(
        "#import-form input[type=file]",
        str(list_file(tmp_path, tree.staff[:2], "Lao động tiên tiến")),
    )
    submit(page, "#import-form button[type=submit]")
    assert dossier.nominations.count() == 3
    assert page.locator("#nominations .verdict").count() == 3
    _shot(page, "1-prepared")
    submit(page, "#submit-form button[type=submit]")
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED

    # The secretariat accepts every nomination and publishes the list for comments.
    _as(page, login, secretariat_user)
    nominations = appraise_all(page, dossier)
    disclose(
        page,
        "Danh sách đề nghị khen thưởng năm 2018 của phường Hòa Thọ Đông",
        tree.district,
        "2018-12-10",
        nominations,
    )
    listing = Disclosure.objects.get()
    page.goto(f"/cong-khai/{listing.pk}/")
    assert page.locator("#public-list tbody tr").count() == 3
    _shot(page, "2-disclosed")

    # Time travel: the period for comments is over.
    Disclosure.objects.filter(pk=listing.pk).update(
        published_on=dt.date(2018, 11, 26),
        starts_on=dt.date(2018, 11, 27),
        ends_on=dt.date(2018, 12, 3),
    )

    # The secretariat prepares the session, puts the list on the agenda and opens the ballot.
    session = open_session(
        page, council, "Phiên họp xét khen thưởng năm 2018", "2018-12-12", nominations
    )
    assert session.members_present == 6

    # Four of the six members vote in secret: the first two nominations are approved.
    for index, voter in enumerate(voters):
        _as(page, login, voter)
        page.goto(f"/councils/sessions/{session.pk}/")
        for position, item in enumerate(session.items.order_by("order")):
            choice = "disagree" if position == 2 and index < 2 else "agree"
            page.check(f"#ballot-form input[name=item_{item.pk}][value={choice}]")
        submit(page, "#ballot-form button[type=submit]")
        assert page.locator("#ballot-form").count() == 0
    _shot(page, "3-voted")

    # The secretary closes the session; the approved list becomes a draft decision.
    _as(page, login, secretariat_user)
    close_and_draft(page, session, results=3)
    _shot(page, "4-decision")

    session.refresh_from_db()
    assert session.state == SessionState.CLOSED
    states = [n.state for n in dossier.nominations.order_by("order")]
    assert states == [
        NominationState.IN_DECISION,
        NominationState.IN_DECISION,
        NominationState.REJECTED,
    ]
    decision = Decision.objects.get()
    assert (decision.status, decision.award_code, decision.lines.count()) == (
        "draft",
        "lao_dong_tien_tien",
        2,
    )

    # The chair signs in the browser: the register gets the awards, the nominations are decided.
    _as(page, login, chair)
    page.goto(f"/decisions/{decision.pk}/")
    submit(page, "#sign-form button[type=submit]")
    decision.refresh_from_db()
    assert decision.status == "signed"
    assert page.locator("#decision-number").inner_text() == decision.number_text
    assert AwardRecord.objects.filter(decision_number=decision.number_text).count() == 2
    page.goto(f"/nominations/{dossier.pk}/")
    states = [n.state for n in dossier.nominations.order_by("order")]
    assert states == [
        NominationState.DECIDED,
        NominationState.DECIDED,
        NominationState.REJECTED,
    ]
    _shot(page, "5-signed")
