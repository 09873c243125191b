"""The reports home: the years at a glance, drawn as inline SVG, within the viewer's scope."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.db.models import Count
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from tdkt.accounts.scope import awards_for, units_for
from tdkt.config import env
from tdkt.reports import charts
from tdkt.reports.queries import Selection, YearSeries
from tdkt.reports.series_cache import cached_year_series

if TYPE_CHECKING:
    from tdkt.accounts.models import User

CHART_YEARS = 10
GOAL_SETTINGS = {
    "frontline": "TDKT_GOAL_FRONTLINE_PERCENT",
    "non_state": "TDKT_GOAL_NON_STATE_PERCENT",
}


def goals() -> dict[str, float]:
    """The shares the body set itself as goals (percent), from the settings or the environment
    (TDKT_GOAL_FRONTLINE_PERCENT, TDKT_GOAL_NON_STATE_PERCENT); absent when not set."""
    found: dict[str, float] = {}
    for key, name in GOAL_SETTINGS.items():
        raw = getattr(settings, name, None)
        if raw in (None, ""):
            raw = env(name)
        if raw not in (None, ""):
            try:
                found[key] = float(str(raw).replace(",", "."))
            except ValueError:
                continue
    return found


@dataclass
class MovementProgress:
    movement: Any
    completion: Decimal | None

    @property
    def percent(self) -> float | None:
        return None if self.completion is None else round(float(self.completion) * 100, 1)


@dataclass
class Dashboard:
    year: int | None
    years: list[int]
    series: list[YearSeries]
    goals: dict[str, float]
    by_kind_chart: SafeString
    by_sector_chart: SafeString
    shares_chart: SafeString
    funnel_chart: SafeString | None = None
    movements: list[MovementProgress] = field(default_factory=list)
    movements_installed: bool = False

    @property
    def current(self) -> YearSeries | None:
        return next((s for s in self.series if s.year == self.year), None)


def scope_years(user: User) -> list[int]:
    """Years with awards in the viewer's scope, newest first (an index scan, no attribution)."""
    years = awards_for(user).order_by().values_list("year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def dashboard(user: User, selection: Selection, year: int | None = None) -> Dashboard:
    years = scope_years(user)
    chosen = year if year is not None else (years[0] if years else None)
    shown = sorted(y for y in years if chosen is None or y <= chosen)[-CHART_YEARS:]
    series = cached_year_series(selection, shown)
    labels = [str(s.year) for s in series]
    by_kind = charts.stacked_columns(
        _("Awards granted by year"),
        [
            charts.Column(
                str(s.year),
                (
                    charts.Segment(_("Individual"), s.individual, charts.BLUE),
                    charts.Segment(_("Collective"), s.collective, charts.AMBER),
                ),
            )
            for s in series
        ],
    )
    by_sector = charts.stacked_columns(
        _("Awards granted by sector"),
        [
            charts.Column(
                str(s.year),
                (
                    charts.Segment(_("State sector"), s.state, charts.GREY),
                    charts.Segment(_("Non-state sector"), s.non_state, charts.GREEN),
                ),
            )
            for s in series
        ],
    )
    targets = goals()
    goal_lines = []
    if "frontline" in targets:
        goal_lines.append((_("Goal: frontline workers"), targets["frontline"], charts.RED))
    if "non_state" in targets:
        goal_lines.append((_("Goal: non-state sector"), targets["non_state"], charts.GREEN))
    shares = charts.percent_lines(
        _("Share of awards reaching frontline workers and the non-state sector"),
        labels,
        [
            charts.Line(
                _("Frontline workers (of individual awards)"),
                tuple(s.frontline_percent for s in series),
                charts.RED,
            ),
            charts.Line(
                _("Non-state sector (of all awards)"),
                tuple(s.non_state_percent for s in series),
                charts.GREEN,
            ),
        ],
        goal_lines,
    )
    board = Dashboard(
        year=chosen,
        years=years,
        series=series,
        goals=targets,
        by_kind_chart=by_kind,
        by_sector_chart=by_sector,
        shares_chart=shares,
        funnel_chart=nomination_funnel(user, selection, chosen),
        movements_installed=apps.is_installed("tdkt.movements"),
    )
    if board.movements_installed and chosen is not None:
        board.movements = movement_progress(user, chosen)
    return board


def movement_progress(user: User, year: int) -> list[MovementProgress]:
    """The year's launched movements in the viewer's scope, with their overall completion
    (the movements app's own measure)."""
    from tdkt.movements.enums import MovementStatus
    from tdkt.movements.queries import movement_completion, movements_for

    movements = movements_for(user).filter(
        year=year, status__in=(MovementStatus.LAUNCHED, MovementStatus.CLOSED)
    )
    return [MovementProgress(m, movement_completion(m)) for m in movements.order_by("name", "id")]


# Where a nomination off the main line stands in the funnel: a returned or withdrawn one was
# submitted, a rejected one reached the council.
_OFF_LINE_STAGE = {"returned": "submitted", "withdrawn": "submitted", "rejected": "at_council"}


def nomination_funnel(user: User, selection: Selection, year: int | None) -> SafeString | None:
    """How many of the year's nominations reached each stage (nominations app's own stages),
    within the selection; nothing when no nominations app is installed."""
    if year is None or not apps.is_installed("tdkt.nominations"):
        return None
    from tdkt.nominations.enums import STAGES, NominationState
    from tdkt.nominations.models import Nomination

    nominations = Nomination.objects.filter(year=year, unit__in=units_for(user).values("pk"))
    if selection.path:
        nominations = nominations.filter(unit__path__startswith=selection.path)
    counts = nominations.order_by().values_list("state").annotate(n=Count("pk"))
    reached = [0] * len(STAGES)
    for state, n in counts:
        stage = _OFF_LINE_STAGE.get(state, state)
        if stage in STAGES:
            for index in range(STAGES.index(stage) + 1):
                reached[index] += n
    if not any(reached):
        return None
    labels = {value: str(label) for value, label in NominationState.choices}
    return charts.funnel(
        _("Nominations by stage"),
        [(labels[stage], n) for stage, n in zip(STAGES, reached, strict=True)],
    )
