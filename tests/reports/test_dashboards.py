"""The reports home: series, goals, movement progress, the nominations funnel only when a
nominations app exists; and the counting stays a fixed handful of queries."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tdkt.reports import charts, dashboards, labels
from tdkt.reports.queries import Selection, year_figures
from tdkt.reports.services import set_share_goal

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CORE_TSV = Path(__file__).resolve().parents[2] / "docs" / "i18n" / "core.tsv"


def test_dashboard_without_goals_draws_no_goal_line(
    register: SimpleNamespace, secretariat_user: Any
) -> None:
    board = dashboards.dashboard(secretariat_user, Selection())

    assert board.year == 2024
    assert [s.year for s in board.series] == [2022, 2023, 2024]
    assert board.goals == {}
    assert "data-goal" not in board.shares_chart
    assert 'data-label="2024"' in board.by_kind_chart


def test_dashboard_draws_the_goals_set(register: SimpleNamespace, secretariat_user: Any) -> None:
    for measure, percent in (("frontline", "30"), ("non_state", "12.5")):
        set_share_goal(register.district, measure, Decimal(percent), 2020, actor=secretariat_user)

    board = dashboards.dashboard(secretariat_user, Selection(), 2024)

    assert {k: g.percent for k, g in board.goals.items()} == {
        "frontline": Decimal("30"),
        "non_state": Decimal("12.5"),
    }
    assert board.shares_chart.count("data-goal=") == 2
    assert 'data-value="12.5"' in board.shares_chart
    assert board.current is not None
    assert board.current.frontline_percent == 42.9


def test_dashboard_of_an_earlier_year_stops_there(
    register: SimpleNamespace, secretariat_user: Any
) -> None:
    board = dashboards.dashboard(secretariat_user, Selection(), 2023)

    assert [s.year for s in board.series] == [2022, 2023]


def test_dashboard_lists_the_movements_of_the_year(
    register: SimpleNamespace, secretariat_user: Any
) -> None:
    from tdkt.movements.enums import MovementKind, MovementStatus
    from tdkt.movements.models import Movement

    movement = Movement.objects.create(
        name="Thi đua năm 2024",
        kind=MovementKind.REGULAR,
        year=2024,
        launched_by=register.district,
        starts_on=dt.date(2024, 1, 1),
        ends_on=dt.date(2024, 12, 31),
        purpose="Mục đích",
        status=MovementStatus.LAUNCHED,
        plan_date=dt.date(2024, 1, 5),
    )

    board = dashboards.dashboard(secretariat_user, Selection(), 2024)

    assert [(p.movement, p.percent) for p in board.movements] == [(movement, None)]


def test_dashboard_opens_on_the_year_in_progress(
    register: SimpleNamespace, secretariat_user: Any
) -> None:
    """Nominations for 2025 and awards up to 2024: the funnel of 2025 is shown, and the
    figures are those of 2024, the latest year with awards."""
    from tdkt.nominations.models import Dossier, Nomination

    dossier = Dossier.objects.create(
        unit=register.ward_a, kind="yearly", year=2025, title="Đề nghị khen thưởng năm 2025",
        decision_date=dt.date(2026, 1, 15),
    )  # fmt: skip
    Nomination.objects.create(
        dossier=dossier, person=register.anh, unit=register.ward_a,
        award_code="lao_dong_tien_tien", year=2025, state="submitted",
    )  # fmt: skip

    board = dashboards.dashboard(secretariat_user, Selection())

    assert board.year == 2025
    assert board.funnel_chart is not None
    assert [s.year for s in board.series] == [2022, 2023, 2024]
    assert board.current is not None
    assert board.current.year == 2024


def test_a_chosen_year_does_not_look_for_the_year_in_progress(
    register: SimpleNamespace, secretariat_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The newest year with work only matters when no year is asked for."""
    asked: list[Any] = []
    monkeypatch.setattr(dashboards, "working_years", lambda user: asked.append(user) or set())

    board = dashboards.dashboard(secretariat_user, Selection(), 2023)

    assert board.year == 2023
    assert asked == []
    dashboards.dashboard(secretariat_user, Selection())
    assert asked == [secretariat_user]


@pytest.mark.unit
def test_chart_legend_wraps_within_the_chart() -> None:
    frontline = "Người lao động trực tiếp (trên tổng số lượt khen thưởng cá nhân)"
    non_state = "Khu vực ngoài nhà nước (trên tổng số lượt khen thưởng)"
    long_names = [
        charts.Line(frontline, (20.0,), "#000"),
        charts.Line(non_state, (7.5,), "#111"),
    ]
    short = charts.percent_lines("t", ["2017"], [charts.Line("a", (1.0,), "#000")])
    wrapped = charts.percent_lines("t", ["2017"], long_names, [("Mục tiêu", 30.0, "#222")])

    assert 'viewBox="0 0 720 240"' in short
    assert 'data-legend-row="1"' in wrapped
    assert 'viewBox="0 0 720 258"' in wrapped  # one more legend row of 18
    for x, text in re.findall(r'<text x="(\d+)" y="\d+" data-legend-row="\d+">([^<]+)', wrapped):
        assert int(x) + round(0.6 * 12 * len(text)) <= charts.WIDTH


def test_funnel_counts_nominations_reaching_each_stage(
    register: SimpleNamespace, secretariat_user: Any
) -> None:
    from tdkt.nominations.models import Dossier, Nomination

    dossier = Dossier.objects.create(
        unit=register.ward_a, kind="yearly", year=2025, title="Đề nghị khen thưởng năm 2025",
        decision_date=dt.date(2026, 1, 15),
    )  # fmt: skip
    people = [register.anh, register.dung, register.em, register.binh, register.chi]
    for person, state in zip(
        people, ["draft", "submitted", "returned", "at_council", "decided"], strict=True
    ):
        Nomination.objects.create(
            dossier=dossier, person=person, unit=register.ward_a, award_code="lao_dong_tien_tien",
            year=2025, state=state,
        )  # fmt: skip
    Nomination.objects.create(
        dossier=dossier,
        unit=register.ward_a,
        award_code="tap_the_ldtt",
        year=2025,
        state="rejected",
    )

    funnel = dashboards.nomination_funnel(secretariat_user, Selection(), 2025)
    ward_b = dashboards.nomination_funnel(secretariat_user, Selection(unit=register.ward_b), 2025)

    assert funnel is not None
    values = [int(v) for v in re.findall(r'<g data-stage="[^"]+" data-value="(\d+)"', funnel)]
    # draft, submitted, appraised, disclosed, at council, approved, in decision, decided
    assert values == [6, 5, 3, 3, 3, 1, 1, 1]
    assert ward_b is None
    assert dashboards.nomination_funnel(secretariat_user, Selection(), 2024) is None


def test_year_figures_take_two_queries_whatever_the_size(
    register: SimpleNamespace, award_factory: Any, report_queries: Any
) -> None:
    with CaptureQueriesContext(connection) as small:
        year_figures(Selection(unit=register.district), 2024)
    for n in range(3):
        award_factory(register.chi, "htxs_nhiem_vu", 2024, decision_number=f"{30 + n}/QĐ-UBND")
    with CaptureQueriesContext(connection) as bigger:
        figures = year_figures(Selection(unit=register.district), 2024)

    assert len(report_queries(small)) == 2
    assert len(report_queries(bigger)) == 2
    assert figures.totals["htxs_nhiem_vu"] == {"individual": 3, "collective": 0}


@pytest.mark.unit
def test_charts_escape_text() -> None:
    svg = charts.stacked_columns(
        "<b>", [charts.Column("<script>", (charts.Segment("a&b", 3, charts.BLUE),))]
    )

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "a&amp;b" in svg


@pytest.mark.unit
def test_document_labels_are_the_translations_of_the_enums() -> None:
    """The exported documents' Vietnamese words are those of docs/i18n/core.tsv."""
    pairs = {}
    for line in CORE_TSV.read_text(encoding="utf-8").splitlines():
        if "\t" in line and not line.startswith("#"):
            key, value = line.split("\t", 1)
            pairs[key] = value
    from tdkt.awards.enums import AwardMethod
    from tdkt.common.enums import Gender
    from tdkt.organisations.enums import Sector, UnitKind
    from tdkt.people.enums import Category

    for choices, context, mapping in (
        (UnitKind, "unit kind", labels.UNIT_KIND_VI),
        (Sector, "sector", labels.SECTOR_VI),
        (Category, "category", labels.CATEGORY_VI),
        (Gender, "gender", labels.GENDER_VI),
        (AwardMethod, "award method", labels.METHOD_VI),
    ):
        for choice in choices:
            with translation.override("en"):
                english = str(choice.label)
            assert mapping[choice.value] == pairs[f"{context}|{english}"], choice
