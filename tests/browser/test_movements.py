"""The year's cycle of a movement in a real browser: launch → register → carry last year's
cluster over → sign a pledge → report progress → score → rank → put the leader forward and into
a dossier of nominations.

Selectors use field names and URLs, never words, so the test holds in Vietnamese and English.
Set TDKT_SCREENSHOT_DIR to keep a screenshot of each step.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tdkt.common import clock
from tdkt.movements.enums import MovementStatus, PledgeStatus, SheetStatus
from tdkt.movements.models import (
    LeaderProposal,
    Movement,
    Pledge,
    ProgressReport,
    Registration,
    ScoreCriterion,
    ScoreSheet,
)
from tdkt.nominations.models import Nomination
from tdkt.organisations.enums import GroupKind, GroupRole
from tdkt.organisations.models import EmulationGroup, EmulationGroupMembership

pytestmark = pytest.mark.browser

TODAY = dt.date(2018, 10, 20)
PASSWORD = "phong-trao-thi-dua-2018"


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("TDKT_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _as(page, login, username: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    login(username, PASSWORD)


def _submit(page, selector: str = "form.card button[type=submit]") -> None:  # type: ignore[no-untyped-def]
    page.click(selector)
    page.wait_for_load_state()


def test_movement_cycle_in_the_browser(
    page, login, monkeypatch, tree, secretariat_user, unit_officer, other_ward_officer
):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    for user in (secretariat_user, unit_officer, other_ward_officer):
        user.set_password(PASSWORD)
        user.save()
    # Last year's cluster; this year's is carried over in the browser.
    last_year = EmulationGroup.objects.create(
        year=2017, kind=GroupKind.CLUSTER, name="Cụm thi đua các phường", convener=tree.district
    )
    EmulationGroupMembership.objects.create(group=last_year, unit=tree.ward_a, role=GroupRole.HEAD)
    EmulationGroupMembership.objects.create(
        group=last_year, unit=tree.ward_b, role=GroupRole.MEMBER
    )

    # Launch: the secretariat drafts the movement, adds a key task and launches it.
    _as(page, login, secretariat_user.username)
    page.goto("/movements/new/")
    page.fill("#id_name", "Thi đua thực hiện thắng lợi nhiệm vụ năm 2018")
    page.select_option("#id_kind", "regular")
    page.fill("#id_year", "2018")
    page.select_option("#id_launched_by", str(tree.district.pk))
    page.select_option("#id_covered_units", [str(tree.ward_a.pk), str(tree.ward_b.pk)])
    page.fill("#id_starts_on", "2018-01-05")
    page.fill("#id_ends_on", "2018-12-31")
    page.fill("#id_registration_deadline", "2018-03-31")
    page.fill("#id_purpose", "Hoàn thành thắng lợi các chỉ tiêu năm 2018")
    page.fill("#id_signer_name", "Lê Văn Hòa")
    _submit(page)
    movement = Movement.objects.get(name="Thi đua thực hiện thắng lợi nhiệm vụ năm 2018")
    page.fill("form[action$='/tasks/'] input[name=text]", "Thi đua thu ngân sách vượt dự toán")
    _submit(page, "form[action$='/tasks/'] button")
    page.fill("#id_plan_number", "05/KH-UBND")
    page.fill("#id_plan_date", "2018-01-05")
    _submit(page, "#launch-form button")
    _shot(page, "1-launched")
    movement.refresh_from_db()
    assert (movement.status, movement.plan_number) == (MovementStatus.LAUNCHED, "05/KH-UBND")
    assert movement.key_tasks.count() == 1

    # Register: ward A's officer registers the ward for the advanced-collective title.
    _as(page, login, unit_officer.username)
    page.goto(f"/movements/{movement.pk}/register/{tree.ward_a.pk}/")
    page.check("input[name=unit_titles][value=tap_the_ldtt]")
    _submit(page)
    assert [e.award_code for e in Registration.objects.get(unit=tree.ward_a).entries.all()] == [
        "tap_the_ldtt"
    ]

    # Groups: from the pledge form the secretariat follows the link to the year's groups and
    # carries last year's cluster over (the year proposed is the current one).
    _as(page, login, secretariat_user.username)
    page.goto(f"/movements/{movement.pk}/pledges/new/")
    page.click("#groups-link a")
    page.wait_for_load_state()
    assert page.input_value("#carry-over input[name=year]") == "2018"
    _submit(page, "#carry-over button[type=submit]")
    _shot(page, "1b-groups")
    cluster = EmulationGroup.objects.get(year=2018)
    assert list(cluster.memberships.values_list("unit_id", "role")) == [
        (tree.ward_a.pk, GroupRole.HEAD),
        (tree.ward_b.pk, GroupRole.MEMBER),
    ]

    # Pledge: the secretariat drafts the cluster's pledge, adds two targets and signs it.
    page.goto(f"/movements/{movement.pk}/pledges/new/")
    page.select_option("#id_group", str(cluster.pk))
    page.fill("#id_purpose", "Các phường trong Cụm hoàn thành xuất sắc nhiệm vụ")
    _submit(page)
    pledge = Pledge.objects.get(movement=movement)
    for name, measure, plan, direction in (
        ("Thu ngân sách", "triệu đồng", "1.250", "higher"),
        ("Số vụ vi phạm trật tự đô thị", "vụ", "10", "lower"),
    ):
        page.fill("#id_name", name)
        page.fill("#id_unit_of_measure", measure)
        page.fill("#id_planned_value", plan)
        page.select_option("#id_direction", direction)
        _submit(page, "form[action$='/targets/'] button")
    assert pledge.targets.count() == 4
    page.goto(f"/movements/pledges/{pledge.pk}/sign/")
    page.fill("#id_signed_on", "2018-01-12")
    page.fill("#id_signed_place", "Hội trường UBND quận Cẩm Lệ")
    for signatory in pledge.signatories.all():
        page.fill(f"#id_signer_{signatory.unit_id}", f"Người ký {signatory.order}")
    _submit(page)
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.SIGNED

    # Report: ward A's officer reports its Q3 figures.
    _as(page, login, unit_officer.username)
    page.goto(f"/movements/pledges/{pledge.pk}/")
    page.click(f"a[href$='/report/{tree.ward_a.pk}/']")
    page.wait_for_load_state()
    page.select_option("#id_period", "q3")
    revenue = pledge.targets.get(unit=tree.ward_a, key="thu-ngan-sach")
    violations = pledge.targets.get(unit=tree.ward_a, key="so-vu-vi-pham-trat-tu-do-thi")
    page.fill(f"#id_value_{revenue.pk}", "1.100")
    page.fill(f"#id_value_{violations.pk}", "6")
    _submit(page)
    _shot(page, "2-progress")
    assert sorted(ProgressReport.objects.values_list("actual_value", flat=True)) == [6, 1100]
    assert page.locator("svg.movement-chart").count() >= 1

    # Score: the secretariat sets a target criterion and a hand-scored one, opens scoring.
    _as(page, login, secretariat_user.username)
    page.goto(f"/movements/pledges/{pledge.pk}/scores/new/")
    _submit(page)
    sheet = ScoreSheet.objects.get(pledge=pledge)
    for name, points, key in (
        ("Thu ngân sách", "30", "thu-ngan-sach"),
        ("Cải cách hành chính", "20", ""),
    ):
        page.goto(f"/movements/scores/{sheet.pk}/criteria/")
        page.fill("#id_name", name)
        page.fill("#id_max_points", points)
        page.select_option("#id_target_key", key)
        _submit(page)
    _submit(page, "form[action$='/open/'] button")
    manual = ScoreCriterion.objects.get(sheet=sheet, target_key="")

    # Ward A scores itself; as the group head it reviews both wards, then ranks the group.
    _as(page, login, unit_officer.username)
    page.goto(f"/movements/scores/{sheet.pk}/self/{tree.ward_a.pk}/")
    page.fill(f"#id_score_{manual.pk}", "18")
    _submit(page)
    for unit, score in ((tree.ward_a, "17"), (tree.ward_b, "15,5")):
        page.goto(f"/movements/scores/{sheet.pk}/review/{unit.pk}/")
        page.fill(f"#id_score_{manual.pk}", score)
        _submit(page)
    _submit(page, "form[action$='/rank/'] button")
    _shot(page, "3-ranked")
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.FINAL
    assert [(r.rank, r.unit_id) for r in sheet.results.all()] == [
        (1, tree.ward_a.pk),
        (2, tree.ward_b.pk),
    ]
    assert "Phường Hòa Thọ Đông" in page.locator("main").inner_text()

    # The secretariat puts the leader forward for the emulation flag.
    _as(page, login, secretariat_user.username)
    page.goto(f"/movements/scores/{sheet.pk}/")
    page.select_option("#id_award_code", "co_thi_dua_tinh")
    _submit(page, "form[action$='/propose/'] button")
    _shot(page, "4-proposed")
    proposal = LeaderProposal.objects.get(sheet=sheet)
    assert (proposal.unit_id, proposal.award_code) == (tree.ward_a.pk, "co_thi_dua_tinh")

    # … and into a dossier of nominations, whose page opens next.
    _submit(page, "form[action$='/nominate/'] button")
    _shot(page, "5-nominated")
    nomination = Nomination.objects.get(unit=tree.ward_a, award_code="co_thi_dua_tinh")
    assert page.url.endswith(f"/nominations/{nomination.dossier_id}/")
