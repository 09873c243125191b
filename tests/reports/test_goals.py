"""The share goals a body sets itself: one service writes them with an audit entry, only the
secretariat may, bad input changes nothing, and the dashboard draws the goal in force."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tdkt.accounts.enums import Role
from tdkt.common.models import AuditEntry
from tdkt.reports import dashboards
from tdkt.reports.enums import ShareMeasure
from tdkt.reports.models import ShareGoal
from tdkt.reports.queries import Selection, goals_in_force
from tdkt.reports.services import (
    GoalError,
    percent_message,
    remove_share_goal,
    set_share_goal,
)
from tests.conftest import make_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

REPORTS_TSV = Path(__file__).resolve().parents[2] / "docs" / "i18n" / "reports.tsv"
FRONTLINE, NON_STATE = ShareMeasure.FRONTLINE, ShareMeasure.NON_STATE


def _goal_audits() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_type="reports.sharegoal").order_by("pk"))


def _vietnamese(msgid: str) -> str:
    for line in REPORTS_TSV.read_text(encoding="utf-8").splitlines():
        key, _tab, value = line.partition("\t")
        if key == msgid:
            return value
    raise AssertionError(f"no Vietnamese for {msgid!r} in {REPORTS_TSV.name}")


# -- the service ------------------------------------------------------------------------------


def test_setting_a_goal_writes_it_and_its_audit_entry(
    tree: SimpleNamespace, secretariat_user: Any
) -> None:
    goal = set_share_goal(tree.district, FRONTLINE, Decimal("25"), 2017, actor=secretariat_user)
    again = set_share_goal(tree.district, FRONTLINE, Decimal("27.5"), 2017, actor=secretariat_user)

    assert again.pk == goal.pk
    assert ShareGoal.objects.get().percent == Decimal("27.5")
    created, changed = _goal_audits()
    assert (created.action, created.actor, created.object_id) == (
        "reports.sharegoal.created",
        secretariat_user,
        str(goal.pk),
    )
    assert created.data == {
        "unit": "cam-le", "measure": "frontline", "from_year": 2017, "percent": [None, "25.0"],
    }  # fmt: skip
    assert changed.action == "reports.sharegoal.changed"
    assert changed.data["percent"] == ["25.0", "27.5"]


@pytest.mark.parametrize("percent", ["100.1", "-1", "12.55", "NaN"])
def test_a_percent_outside_0_to_100_is_refused_and_nothing_written(
    tree: SimpleNamespace, secretariat_user: Any, percent: str
) -> None:
    with pytest.raises(GoalError) as refused:
        set_share_goal(tree.district, NON_STATE, Decimal(percent), 2017, actor=secretariat_user)

    assert str(refused.value) == percent_message()
    assert not ShareGoal.objects.exists()
    assert _goal_audits() == []


def test_only_the_secretariat_sets_goals_within_its_scope(
    tree: SimpleNamespace, unit_officer: Any, leader: Any
) -> None:
    ward_secretariat = make_user("thuky_a", Role.SECRETARIAT, tree.ward_a)

    for actor, unit in ((unit_officer, tree.ward_a), (leader, tree.district)):
        with pytest.raises(GoalError, match="Chỉ cơ quan thường trực"):
            set_share_goal(unit, FRONTLINE, Decimal("30"), 2017, actor=actor)
    with pytest.raises(GoalError):
        set_share_goal(tree.ward_b, FRONTLINE, Decimal("30"), 2017, actor=ward_secretariat)

    assert not ShareGoal.objects.exists()
    assert _goal_audits() == []
    set_share_goal(tree.ward_a, FRONTLINE, Decimal("30"), 2017, actor=ward_secretariat)
    assert ShareGoal.objects.get().unit == tree.ward_a


def test_removing_a_goal_brings_back_the_earlier_one(
    tree: SimpleNamespace, secretariat_user: Any, unit_officer: Any
) -> None:
    set_share_goal(tree.district, FRONTLINE, Decimal("25"), 2017, actor=secretariat_user)
    later = set_share_goal(tree.district, FRONTLINE, Decimal("40"), 2018, actor=secretariat_user)

    with pytest.raises(GoalError):
        remove_share_goal(later, actor=unit_officer)
    assert goals_in_force(tree.district, 2018)[FRONTLINE].percent == Decimal("40")

    remove_share_goal(later, actor=secretariat_user)

    assert goals_in_force(tree.district, 2018)[FRONTLINE].percent == Decimal("25")
    assert _goal_audits()[-1].action == "reports.sharegoal.removed"
    assert _goal_audits()[-1].data["percent"] == ["40.0", None]


# -- which goal is in force ---------------------------------------------------------------------


def test_the_goal_in_force_is_the_nearest_bodys_latest_up_to_the_year(
    tree: SimpleNamespace, secretariat_user: Any
) -> None:
    def goal(unit: Any, measure: str, percent: str, year: int) -> None:
        set_share_goal(unit, measure, Decimal(percent), year, actor=secretariat_user)

    goal(tree.district, FRONTLINE, "25", 2017)
    goal(tree.district, FRONTLINE, "35", 2019)
    goal(tree.district, NON_STATE, "10", 2017)
    goal(tree.ward_a, FRONTLINE, "40", 2018)

    def shown(unit: Any, year: int) -> dict[str, str]:
        return {m: f"{g.unit.code} {g.percent_text}" for m, g in goals_in_force(unit, year).items()}

    assert shown(tree.district, 2016) == {}
    assert shown(tree.district, 2018) == {"frontline": "cam-le 25", "non_state": "cam-le 10"}
    assert shown(tree.district, 2019)["frontline"] == "cam-le 35"
    assert shown(tree.ward_a, 2017)["frontline"] == "cam-le 25"
    assert shown(tree.neighbourhood, 2018) == {
        "frontline": "hoa-tho-dong 40", "non_state": "cam-le 10",
    }  # fmt: skip
    assert shown(tree.ward_b, 2018)["frontline"] == "cam-le 25"
    assert shown(tree.province, 2018) == {}
    assert shown(None, 2019) == {"frontline": "cam-le 35", "non_state": "cam-le 10"}


def test_dashboard_draws_the_years_goal_and_a_later_goal_replaces_it(
    register: SimpleNamespace, secretariat_user: Any
) -> None:
    set_share_goal(register.district, FRONTLINE, Decimal("30"), 2022, actor=secretariat_user)
    set_share_goal(register.district, FRONTLINE, Decimal("45"), 2024, actor=secretariat_user)

    board_2023 = dashboards.dashboard(secretariat_user, Selection(), 2023)
    board_2024 = dashboards.dashboard(secretariat_user, Selection(), 2024)

    assert board_2023.shares_chart.count("data-goal=") == 1
    assert 'data-value="30"' in board_2023.shares_chart
    assert board_2024.shares_chart.count("data-goal=") == 1
    label = _("Goal: frontline workers")
    assert f'data-goal="{label}" data-value="45"' in board_2024.shares_chart
    assert 'data-value="30"' not in board_2024.shares_chart


def test_dashboard_page_shows_the_goal_and_links_to_the_goals(
    client: Any, register: SimpleNamespace, secretariat_user: Any, unit_officer: Any
) -> None:
    set_share_goal(register.district, NON_STATE, Decimal("12.5"), 2023, actor=secretariat_user)

    client.force_login(unit_officer)  # ward A: the district above it set the goal
    content = client.get(reverse("reports:home"), {"year": "2024"}).content.decode()

    assert 'data-value="12.5"' in content
    assert "12,5 %" in content
    assert 'id="goals-link"' in content


# -- the page ---------------------------------------------------------------------------------


def test_secretariat_sets_a_goal_on_the_page(
    client: Any, tree: SimpleNamespace, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)
    data = {
        "unit": tree.district.pk,
        "measure": "non_state",
        "percent": "12,5",
        "from_year": "2017",
    }

    response = client.post(reverse("reports:goals"), data)

    assert response.status_code == 302
    goal = ShareGoal.objects.get()
    assert (goal.unit, goal.measure, goal.percent, goal.from_year) == (
        tree.district, "non_state", Decimal("12.5"), 2017,
    )  # fmt: skip
    page = client.get(response["Location"]).content.decode()
    assert f'data-goal-id="{goal.pk}"' in page
    assert "12,5 %" in page


@pytest.mark.parametrize(
    ("field", "value"),
    [("percent", "101"), ("percent", "-5"), ("percent", "ba mươi"), ("percent", "12,55"),
     ("from_year", "hai nghìn"), ("from_year", "²"), ("measure", "leaders")],
)  # fmt: skip
def test_bad_input_on_the_page_is_a_message_and_nothing_changes(
    client: Any, tree: SimpleNamespace, secretariat_user: Any, field: str, value: str
) -> None:
    client.force_login(secretariat_user)
    data = {"unit": tree.district.pk, "measure": "frontline", "percent": "30", "from_year": "2017"}
    data[field] = value

    response = client.post(reverse("reports:goals"), data)

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    if field == "percent":
        assert response.context["form"].errors[field] == [percent_message()]
    assert not ShareGoal.objects.exists()
    assert _goal_audits() == []


def test_the_refusals_have_their_vietnamese() -> None:
    with translation.override("en"):
        message = percent_message()
    assert _vietnamese(message).startswith("Mục tiêu phải là tỷ lệ phần trăm từ 0 đến 100")
    assert _vietnamese("Only the emulation secretariat may set the goals.").startswith(
        "Chỉ cơ quan"
    )


# A ward officer does not even see the district's goal (404); a district leader or council
# member sees it and is told why it stays.
@pytest.mark.parametrize(
    ("role", "remove_status"), [("unit_officer", 404), ("leader", 200), ("council_member", 200)]
)
def test_a_forged_post_by_another_role_changes_nothing(
    client: Any,
    request: Any,
    tree: SimpleNamespace,
    secretariat_user: Any,
    role: str,
    remove_status: int,
) -> None:
    goal = set_share_goal(tree.district, FRONTLINE, Decimal("25"), 2017, actor=secretariat_user)
    audits = len(_goal_audits())
    refusal = _("Only the emulation secretariat may set the goals.")
    client.force_login(request.getfixturevalue(role))

    response = client.post(
        reverse("reports:goals"),
        {"unit": tree.ward_a.pk, "measure": "frontline", "percent": "90", "from_year": "2017"},
    )
    removed = client.post(reverse("reports:goal_remove", args=[goal.pk]), follow=True)

    assert response.status_code == 403
    assert response.context["error"] == refusal
    assert 'id="share-goal-form"' not in response.content.decode()
    assert removed.status_code == remove_status
    if remove_status == 200:
        assert [str(m) for m in removed.context["messages"]] == [refusal]
    assert list(ShareGoal.objects.values_list("unit", "percent")) == [
        (tree.district.pk, Decimal("25.0"))
    ]
    assert len(_goal_audits()) == audits
