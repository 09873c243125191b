"""Figures of the dashboard, every one counted from the database within the user's scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from tdkt.accounts.scope import awards_for, people_for, units_for
from tdkt.awards.catalogue import AWARD_KINDS, award_name
from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.awards.queries import count_by_award
from tdkt.common import clock
from tdkt.common.enums import Grade
from tdkt.movements.queries import LateReport, late_reports
from tdkt.organisations.enums import Sector
from tdkt.organisations.models import Unit
from tdkt.people.models import ServicePeriod, YearRecord

if TYPE_CHECKING:
    from tdkt.accounts.models import User

RECENT_AWARDS = 10
TOP_UNITS = 10
CHART_YEARS = 12


def years_with_data(user: User) -> list[int]:
    """Years for which the user's scope holds awards or yearly records, newest first."""
    # order_by() drops the models' default ordering, which DISTINCT would otherwise include.
    award_years = awards_for(user).order_by().values_list("year", flat=True).distinct()
    record_years = (
        YearRecord.objects.filter(person__in=people_for(user))
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(set(award_years) | set(record_years), reverse=True)


def default_year(user: User, available: list[int]) -> int:
    configured = int(getattr(settings, "TDKT_CURRENT_YEAR", 0) or 0)
    if configured:
        return configured
    if available:
        return available[0]
    return clock.today().year


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def serving_in_year(year: int) -> Q:
    """Service periods that overlap the year (as a filter on ServicePeriod)."""
    first, last = _year_bounds(year)
    return Q(start_on__lte=last) & (Q(end_on__isnull=True) | Q(end_on__gte=first))


@dataclass
class AwardCount:
    code: str
    name: str
    individual: int
    collective: int

    @property
    def total(self) -> int:
        return self.individual + self.collective


@dataclass
class Share:
    count: int
    of: int

    @property
    def percent(self) -> float:
        return round(100 * self.count / self.of, 1) if self.of else 0.0


@dataclass
class ChartBar:
    year: int
    individual: int
    collective: int
    x: int = 0
    individual_height: int = 0
    collective_height: int = 0
    individual_y: int = 0
    collective_y: int = 0

    @property
    def total(self) -> int:
        return self.individual + self.collective


@dataclass
class Dashboard:
    year: int
    years: list[int]
    units_active: int
    units_historic: int
    people_in_service: int
    grades: list[tuple[str, str, int]]
    grades_total: int
    awards_by_kind: list[AwardCount]
    awards_individual: int
    awards_collective: int
    frontline: Share
    non_state: Share
    recent: list[AwardRecord]
    top_units: list[dict[str, Any]]
    chart: list[ChartBar] = field(default_factory=list)
    chart_height: int = 160
    chart_width: int = 0
    late_reports: list[LateReport] = field(default_factory=list)


def grade_distribution(user: User, year: int) -> list[tuple[str, str, int]]:
    """(code, label, count) for each grade, best first, of the people in scope."""
    counts = dict(
        YearRecord.objects.filter(year=year, person__in=people_for(user))
        .values_list("grade")
        .annotate(n=Count("id"))
        .values_list("grade", "n")
    )
    return [(grade.value, str(grade.label), counts.get(grade.value, 0)) for grade in Grade]


def individual_award_shares(awards: QuerySet[AwardRecord], year: int) -> tuple[Share, Share]:
    """How many of the year's granted individual awards went to frontline workers, and how many
    to people of the non-state sector (by their unit at the time, else their service that year).
    """
    individual = awards.filter(year=year, status=AwardStatus.GRANTED, person__isnull=False)
    periods = ServicePeriod.objects.filter(serving_in_year(year), person_id=OuterRef("person_id"))
    counted = individual.aggregate(
        total=Count("id"),
        frontline=Count("id", filter=Q(Exists(periods.filter(is_frontline=True)))),
        non_state=Count(
            "id",
            filter=Q(unit_at_award__sector=Sector.NON_STATE)
            | Q(unit_at_award__isnull=True)
            & Q(Exists(periods.filter(unit__sector=Sector.NON_STATE))),
        ),
    )
    total = counted["total"] or 0
    return Share(counted["frontline"] or 0, total), Share(counted["non_state"] or 0, total)


def top_units(user: User, awards: QuerySet[AwardRecord], year: int) -> list[dict[str, Any]]:
    """Units in scope whose collective or members' granted awards of the year are most."""
    in_scope = units_for(user).values("pk")
    rows = (
        awards.filter(year=year, status=AwardStatus.GRANTED)
        .annotate(counted_unit=Coalesce("unit_id", "unit_at_award_id"))
        .filter(counted_unit__in=in_scope)
        .values("counted_unit")
        .annotate(
            total=Count("id"),
            collective=Count("id", filter=Q(unit__isnull=False)),
            individual=Count("id", filter=Q(person__isnull=False)),
        )
        .order_by("-total", "counted_unit")[:TOP_UNITS]
    )
    counted = list(rows)
    names = Unit.objects.in_bulk([row["counted_unit"] for row in counted])
    return [
        {
            "unit": names[row["counted_unit"]],
            "total": row["total"],
            "collective": row["collective"],
            "individual": row["individual"],
        }
        for row in counted
        if row["counted_unit"] in names
    ]


def awards_by_year_chart(awards: QuerySet[AwardRecord], height: int = 160) -> list[ChartBar]:
    """Granted awards per year, the last CHART_YEARS years with data, with bar geometry."""
    rows = (
        awards.filter(status=AwardStatus.GRANTED)
        .values("year")
        .annotate(
            individual=Count("id", filter=Q(person__isnull=False)),
            collective=Count("id", filter=Q(unit__isnull=False)),
        )
        .order_by("-year")[:CHART_YEARS]
    )
    bars = [ChartBar(r["year"], r["individual"], r["collective"]) for r in reversed(list(rows))]
    peak = max((bar.total for bar in bars), default=0)
    for index, bar in enumerate(bars):
        bar.x = 40 + index * 56
        scale = (height - 20) / peak if peak else 0
        bar.individual_height = round(bar.individual * scale)
        bar.collective_height = round(bar.collective * scale)
        bar.individual_y = height - bar.individual_height
        bar.collective_y = bar.individual_y - bar.collective_height
    return bars


def dashboard(user: User, year: int | None = None) -> Dashboard:
    years = years_with_data(user)
    chosen = year or default_year(user, years)
    if chosen not in years:
        years = sorted({*years, chosen}, reverse=True)
    units = units_for(user)
    unit_counts = units.aggregate(
        active=Count("id", filter=Q(valid_to__isnull=True)),
        historic=Count("id", filter=Q(valid_to__isnull=False)),
    )
    in_service = (
        ServicePeriod.objects.filter(end_on__isnull=True, unit__in=units.values("pk"))
        .order_by()
        .values("person_id")
        .distinct()
        .count()
    )
    awards = awards_for(user)
    by_code = count_by_award(chosen, awards)
    award_rows = sorted(
        (
            AwardCount(code, award_name(code), counts["individual"], counts["collective"])
            for code, counts in by_code.items()
        ),
        key=lambda row: (AWARD_KINDS[row.code].rank if row.code in AWARD_KINDS else 999, row.code),
    )
    frontline, non_state = individual_award_shares(awards, chosen)
    recent = list(
        awards.filter(year=chosen)
        .select_related("person", "unit", "unit_at_award")
        .order_by("-decision_date", "-id")[:RECENT_AWARDS]
    )
    grades = grade_distribution(user, chosen)
    chart = awards_by_year_chart(awards)
    return Dashboard(
        year=chosen,
        years=years,
        units_active=unit_counts["active"],
        units_historic=unit_counts["historic"],
        people_in_service=in_service,
        grades=grades,
        grades_total=sum(count for _code, _label, count in grades),
        awards_by_kind=award_rows,
        awards_individual=sum(row.individual for row in award_rows),
        awards_collective=sum(row.collective for row in award_rows),
        frontline=frontline,
        non_state=non_state,
        recent=recent,
        top_units=top_units(user, awards, chosen),
        chart=chart,
        chart_width=max(300, 60 + 56 * len(chart)),
        # Progress reports are flagged as of today, whichever year the page shows.
        late_reports=late_reports(user, clock.today()),
    )
