"""The reports home: the years at a glance, drawn as inline SVG, within the viewer's scope."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Count
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from tdkt.accounts.scope import awards_for, units_for
from tdkt.reports import charts
from tdkt.reports.enums import ShareMeasure
from tdkt.reports.models import ShareGoal
from tdkt.reports.queries import Selection, YearSeries, goals_in_force
from tdkt.reports.series_cache import cached_year_series

if TYPE_CHECKING:
    from tdkt.accounts.models import User

CHART_YEARS = 10


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
    goals: dict[str, ShareGoal]  # {measure: the goal in force in the year shown}
    by_kind_chart: SafeString
    by_sector_chart: SafeString
    shares_chart: SafeString
    funnel_chart: SafeString | None = None
    movements: list[MovementProgress] = field(default_factory=list)
    movements_installed: bool = False

    @property
    def current(self) -> YearSeries | None:
        """The figures of the year shown, or of the latest year before it with awards (the year
        in progress has nominations and movements but no awards yet)."""
        return self.series[-1] if self.series else None


def scope_years(user: User) -> list[int]:
    """Years with awards in the viewer's scope, newest first (an index scan, no attribution)."""
    years = awards_for(user).order_by().values_list("year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def working_years(user: User) -> set[int]:
    """Years with nominations or launched movements in the viewer's scope."""
    found: set[int] = set()
    if apps.is_installed("tdkt.nominations"):
        from tdkt.nominations.models import Nomination

        nominations = Nomination.objects.filter(unit__in=units_for(user).values("pk"))
        found |= set(nominations.order_by().values_list("year", flat=True).distinct())
    if apps.is_installed("tdkt.movements"):
        from tdkt.movements.enums import MovementStatus
        from tdkt.movements.queries import movements_for

        launched = movements_for(user).filter(
            status__in=(MovementStatus.LAUNCHED, MovementStatus.CLOSED)
        )
        found |= set(launched.order_by().values_list("year", flat=True).distinct())
    return found


def dashboard(user: User, selection: Selection, year: int | None = None) -> Dashboard:
    years = scope_years(user)
    # By default the newest year with any work: the year in progress has nominations and
    # movements before it has awards, and its funnel is what the secretariat follows.
    chosen = year
    if chosen is None:
        newest = set(years) | working_years(user)
        chosen = max(newest) if newest else None
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
    # The goals the body set itself, as in force in the year shown: those of the selected unit
    # or of the nearest unit above it that set some (for the whole tree, the topmost one's).
    targets = goals_in_force(selection.unit, chosen) if chosen is not None else {}
    goal_lines = []
    if frontline := targets.get(ShareMeasure.FRONTLINE):
        goal_lines.append((_("Goal: frontline workers"), float(frontline.percent), charts.RED))
    if non_state := targets.get(ShareMeasure.NON_STATE):
        goal_lines.append((_("Goal: non-state sector"), float(non_state.percent), charts.GREEN))
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
