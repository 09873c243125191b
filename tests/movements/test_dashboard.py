"""The dashboard's card of late and missing progress reports, within each user's scope."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from tdkt.common import clock
from tdkt.movements import services
from tdkt.movements.models import Pledge

pytestmark = pytest.mark.django_db


def _report(pledge: Pledge, unit: Any, period: str, on: dt.date, actor: Any) -> None:
    values = {t.pk: Decimal(5) for t in pledge.targets.filter(unit=unit)}
    services.report_progress(pledge, unit, period, values, actor=actor, today=on)


def _rows(client: Any, user: Any) -> list[tuple[str, str, int, int, int]]:
    client.force_login(user)
    response = client.get(reverse("common:dashboard"))
    assert response.status_code == 200
    return [
        (r.unit.name, r.period, r.missing, r.late, r.days_late)
        for r in response.context["d"].late_reports
    ]


def test_officer_sees_own_ward_late_and_missing_but_not_on_time(
    client, tree, group_pledge, unit_officer
):
    # Q1 in on time (due 10/4), Q2 ten days after its due date (10/7), Q3 not in (due 10/10).
    _report(group_pledge, tree.ward_a, "q1", dt.date(2018, 4, 5), unit_officer)
    _report(group_pledge, tree.ward_a, "q2", dt.date(2018, 7, 20), unit_officer)

    rows = _rows(client, unit_officer)

    assert rows == [
        ("Phường Hòa Thọ Đông", "q2", 0, 2, 10),
        ("Phường Hòa Thọ Đông", "q3", 2, 0, 10),
    ]


def test_card_names_targets_and_links_the_open_period_to_the_report_page(
    client, tree, group_pledge, unit_officer
):
    _report(group_pledge, tree.ward_a, "q1", dt.date(2018, 4, 5), unit_officer)
    _report(group_pledge, tree.ward_a, "q2", dt.date(2018, 7, 5), unit_officer)
    client.force_login(unit_officer)

    html = client.get(reverse("common:dashboard")).content.decode()

    assert 'id="late-reports"' in html
    assert "Thu ngân sách; Số vụ vi phạm trật tự đô thị" in html
    assert reverse("movements:report", args=[group_pledge.pk, tree.ward_a.pk]) in html
    assert reverse("movements:late") in html


def test_other_wards_never_appear_to_an_officer(
    client, tree, group_pledge, unit_officer, other_ward_officer
):
    ward_a = {name for name, *_ in _rows(client, unit_officer)}
    ward_b = {name for name, *_ in _rows(client, other_ward_officer)}

    assert ward_a == {"Phường Hòa Thọ Đông"}
    assert ward_b == {"Phường Khuê Trung"}
    html = client.get(reverse("common:dashboard")).content.decode()
    assert "Phường Hòa Thọ Đông" not in html


def test_secretariat_sees_every_ward_of_its_tree(client, group_pledge, secretariat_user):
    rows = _rows(client, secretariat_user)

    assert [(name, period) for name, period, *_ in rows] == [
        ("Phường Hòa Thọ Đông", "q1"),
        ("Phường Khuê Trung", "q1"),
        ("Phường Hòa Thọ Đông", "q2"),
        ("Phường Khuê Trung", "q2"),
        ("Phường Hòa Thọ Đông", "q3"),
        ("Phường Khuê Trung", "q3"),
    ]
    # Q1 missing since 10/4/2018, seen on 20/10/2018.
    assert rows[0][4] == 193


def test_no_card_when_every_due_report_is_in(
    client, tree, group_pledge, secretariat_user, unit_officer, monkeypatch
):
    for ward in (tree.ward_a, tree.ward_b):
        _report(group_pledge, ward, "q1", dt.date(2018, 4, 10), secretariat_user)
    monkeypatch.setattr(clock, "today", lambda: dt.date(2018, 5, 2))  # only Q1 is due
    client.force_login(secretariat_user)

    response = client.get(reverse("common:dashboard"))

    assert response.context["d"].late_reports == []
    assert 'id="late-reports"' not in response.content.decode()


def test_officer_loads_only_own_ward_targets(tree, group_pledge, unit_officer, monkeypatch):
    # The dashboard asks on every visit: another ward's targets are not even read.
    from tdkt.movements.models import PledgeTarget
    from tdkt.movements.queries import late_reports

    loaded: list[int] = []
    original = PledgeTarget.from_db.__func__  # type: ignore[attr-defined]

    def counting(cls, db, field_names, values):  # type: ignore[no-untyped-def]
        target = original(cls, db, field_names, values)
        loaded.append(target.unit_id)
        return target

    monkeypatch.setattr(PledgeTarget, "from_db", classmethod(counting))

    rows = late_reports(unit_officer, dt.date(2018, 10, 20))

    assert {r.unit for r in rows} == {tree.ward_a}
    assert loaded
    assert set(loaded) == {tree.ward_a.pk}
