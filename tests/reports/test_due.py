"""Who is due for a higher award: runs of consecutive titles, the length from the regime."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Any

import pytest

from tdkt.reports.queries import Selection
from tdkt.reports.register import due_for_higher, streaks
from tdkt.rules.regime import Regime

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _group(report: Any, higher: str) -> Any:
    return next(g for g in report.groups if g.higher == higher and g.kind == "individual")


def test_streaks_find_runs_ending_in_the_year(register: SimpleNamespace) -> None:
    runs = streaks(Selection(), "cstd_co_so", 2024, 2, "individual")

    assert sorted(runs) == sorted([(register.dung.pk, 2022), (register.em.pk, 2023)])
    assert streaks(Selection(), "cstd_co_so", 2024, 3, "individual") == [(register.dung.pk, 2022)]
    assert streaks(Selection(), "cstd_co_so", 2025, 1, "individual") == []


def test_streaks_break_on_a_missing_year(register: SimpleNamespace, award_factory: Any) -> None:
    award_factory(register.anh, "cstd_co_so", 2021, decision_number="5/QĐ-UBND")
    award_factory(register.anh, "cstd_co_so", 2023, decision_number="9/QĐ-UBND")
    award_factory(register.anh, "cstd_co_so", 2024, decision_number="17/QĐ-UBND")

    runs = dict(streaks(Selection(), "cstd_co_so", 2024, 1, "individual"))

    assert runs[register.anh.pk] == 2023


def test_streaks_ignore_revoked_titles(register: SimpleNamespace) -> None:
    register.em_cstd_2023.status = "revoked"
    register.em_cstd_2023.revoked_on = register.em_cstd_2023.decision_date
    register.em_cstd_2023.save()

    runs = dict(streaks(Selection(), "cstd_co_so", 2024, 1, "individual"))

    assert runs[register.em.pk] == 2024


def test_due_for_higher_uses_the_regime_consecutive_count(register: SimpleNamespace) -> None:
    report = due_for_higher(Selection(), 2024)

    group = _group(report, "cstd_cap_tinh")
    assert report.regime == "r2025"
    assert (group.title, group.needed) == ("cstd_co_so", 3)
    assert [(s.recipient, s.first_year, s.length) for s in group.due] == [(register.em, 2023, 2)]
    assert [(s.recipient, s.length) for s in group.ready] == [(register.dung, 3)]
    runs = dict(report.collective_runs)["tap_the_ldtt"]
    assert [(s.recipient, s.first_year) for s in runs] == [(register.ward_a, 2022)]


def test_due_for_higher_follows_a_changed_regime(
    register: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were the regime to ask for 2 consecutive years, Em would already have them."""
    original = Regime.thresholds

    def two_years(self: Regime, award: str, on: Any = None) -> Any:
        found = original(self, award, on)
        if award == "cstd_cap_tinh":
            return dataclasses.replace(found, consecutive_titles=(("cstd_co_so", 2),))
        return found

    monkeypatch.setattr(Regime, "thresholds", two_years)

    group = _group(due_for_higher(Selection(), 2024), "cstd_cap_tinh")

    assert group.needed == 2
    assert [s.recipient for s in group.ready] == [register.dung, register.em]  # Dũng < Em
    assert group.due == []


def test_due_for_higher_counts_people_where_they_are(register: SimpleNamespace) -> None:
    ward_a = _group(due_for_higher(Selection(unit=register.ward_a), 2024), "cstd_cap_tinh")
    ward_b = _group(due_for_higher(Selection(unit=register.ward_b), 2024), "cstd_cap_tinh")

    assert [s.recipient for s in ward_a.ready] == [register.dung]
    assert ward_a.due == []
    assert [s.recipient for s in ward_b.due] == [register.em]


def test_due_for_higher_marks_who_already_holds_it(
    register: SimpleNamespace, award_factory: Any
) -> None:
    award_factory(register.dung, "cstd_cap_tinh", 2024, decision_number="400/QĐ-UBND")

    group = _group(due_for_higher(Selection(), 2024), "cstd_cap_tinh")

    assert [(s.recipient, s.has_higher) for s in group.ready] == [(register.dung, True)]
