"""The award register (sổ theo dõi khen thưởng) of a unit or a person, and who is due for a
higher award: consecutive years of a title found with one window-function query
(gaps and islands), the number of years taken from the legal regime's data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from tdkt.awards.catalogue import AWARD_KINDS, COLLECTIVE, INDIVIDUAL, award_name
from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.organisations.models import Unit
from tdkt.people.models import Person
from tdkt.reports.queries import AwardFilter, Selection, _table, fetch_all, selected_ids

BOTH_STATUSES = (AwardStatus.GRANTED, AwardStatus.REVOKED)
STREAK_WINDOW = 30  # years looked back for a run of titles
COLLECTIVE_STREAK_MIN = 2


def register_awards(selection: Selection) -> QuerySet[AwardRecord]:
    """Every award (granted or revoked) counted for the selection, in register order:
    collectives first, then people by Vietnamese name order, each one's history by year."""
    sql, params = selected_ids(selection, AwardFilter(statuses=BOTH_STATUSES))
    return (
        AwardRecord.objects.filter(pk__in=RawSQL(sql, params))
        .select_related("person", "unit", "unit_at_award")
        .annotate(
            individual_first=Case(
                When(person__isnull=True, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by(
            "individual_first",
            "unit__sort_key",
            "person__sort_key",
            "person_id",
            "unit_id",
            "year",
            "decision_date",
            "id",
        )
    )


def person_awards(person: Person) -> QuerySet[AwardRecord]:
    return (
        AwardRecord.objects.filter(person=person)
        .select_related("unit_at_award")
        .order_by("year", "decision_date", "id")
    )


# -- streaks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Streak:
    recipient: Person | Unit
    title: str
    first_year: int
    last_year: int
    has_higher: bool = False  # already holds the higher award within the run

    @property
    def length(self) -> int:
        return self.last_year - self.first_year + 1

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def is_collective(self) -> bool:
        return isinstance(self.recipient, Unit)

    @property
    def title_name(self) -> str:
        return award_name(self.title)


def streaks(
    selection: Selection, title: str, year: int, min_length: int, kind: str
) -> list[tuple[int, int]]:
    """(recipient id, first year) of every run of `title` that ends in `year` and lasts at least
    `min_length` years, for recipients whose `year` title counts for the selection. A run is
    counted over the whole register: a person who moved keeps the years earned elsewhere."""
    column = "person_id" if kind == INDIVIDUAL else "unit_id"
    awards = _table(AwardRecord)
    chosen, chosen_params = selected_ids(selection, AwardFilter(years=(year,), codes=(title,)))
    sql = (
        f"WITH held AS (SELECT DISTINCT a.{column} AS rid, a.year AS year FROM {awards} a"
        f" WHERE a.award_code = %s AND a.status = %s AND a.{column} IS NOT NULL"
        f" AND a.year BETWEEN %s AND %s AND a.{column} IN"
        f" (SELECT c.{column} FROM {awards} c WHERE c.id IN ({chosen}))),"
        " islands AS (SELECT rid, year,"
        " year - ROW_NUMBER() OVER (PARTITION BY rid ORDER BY year) AS grp FROM held)"
        " SELECT rid, MIN(year) FROM islands GROUP BY rid, grp"
        " HAVING MAX(year) = %s AND COUNT(*) >= %s"
    )
    params = [
        title,
        AwardStatus.GRANTED,
        year - STREAK_WINDOW,
        year,
        *chosen_params,
        year,
        min_length,
    ]
    return [(int(rid), int(first)) for rid, first in fetch_all(sql, params)]


def _resolve(
    found: list[tuple[int, int]], title: str, year: int, kind: str, higher: str | None
) -> list[Streak]:
    """Recipients of the runs, in Vietnamese name order, with whether they already hold
    `higher` in the years of their run (one query)."""
    model: type[Person] | type[Unit] = Person if kind == INDIVIDUAL else Unit
    recipients = model.objects.in_bulk([rid for rid, _first in found])
    holders: set[tuple[int, int]] = set()
    if higher and found:
        column = "person_id" if kind == INDIVIDUAL else "unit_id"
        holders = set(
            AwardRecord.objects.filter(
                award_code=higher,
                status=AwardStatus.GRANTED,
                year__gte=min(first for _rid, first in found),
                **{f"{column}__in": list(recipients)},
            ).values_list(column, "year")
        )
    result = [
        Streak(
            recipients[rid],
            title,
            first,
            year,
            has_higher=any((rid, y) in holders for y in range(first, year + 1)),
        )
        for rid, first in found
        if rid in recipients
    ]
    return sorted(result, key=lambda s: (s.recipient.sort_key, s.recipient.pk))


@dataclass
class DueGroup:
    """People (or units) one title away from the consecutive years a higher award needs."""

    higher: str
    title: str
    needed: int
    kind: str
    regime: str
    citation: str
    due: list[Streak] = field(default_factory=list)  # one more year completes the run
    ready: list[Streak] = field(default_factory=list)  # the run is already long enough

    @property
    def higher_name(self) -> str:
        return award_name(self.higher)

    @property
    def title_name(self) -> str:
        return award_name(self.title)


@dataclass
class DueReport:
    year: int
    regime: str
    groups: list[DueGroup]
    collective_runs: list[tuple[str, list[Streak]]]  # (title, runs of 2 years or more)

    @property
    def is_empty(self) -> bool:
        return not any(g.due or g.ready for g in self.groups) and not any(
            runs for _t, runs in self.collective_runs
        )


def due_for_higher(selection: Selection, year: int) -> DueReport:
    """Who could reach a higher award with next year's title: from the regime in force at the
    end of next year, every "consecutive titles" condition (e.g. 3 × cstd_co_so for
    cstd_cap_tinh), and the runs of yearly collective titles."""
    from tdkt.rules.loader import get_rulebook
    from tdkt.rules.regime import NoRegimeError

    book = get_rulebook()
    on = dt.date(year + 1, 12, 31)
    try:
        regime = book.regime_for(on)
    except NoRegimeError:
        regime = book.regimes[-1] if on > book.regimes[-1].effective_from else book.regimes[0]
    groups: list[DueGroup] = []
    for code, rule in sorted(regime.awards.items()):
        for title, needed in regime.thresholds(
            code, max(on, regime.effective_from)
        ).consecutive_titles:
            for kind in (INDIVIDUAL, COLLECTIVE):
                if kind not in rule.awarded_to:
                    continue
                found = streaks(selection, title, year, max(needed - 1, 1), kind)
                runs = _resolve(found, title, year, kind, code)
                groups.append(
                    DueGroup(
                        higher=code,
                        title=title,
                        needed=needed,
                        kind=kind,
                        regime=regime.id,
                        citation="; ".join(rule.citation),
                        due=[r for r in runs if r.length < needed],
                        ready=[r for r in runs if r.length >= needed],
                    )
                )
    collective_runs = []
    for code, rule in sorted(regime.awards.items(), key=lambda item: _rank(item[0])):
        if rule.type == "title" and COLLECTIVE in rule.awarded_to and rule.frequency == "annual":
            found = streaks(selection, code, year, COLLECTIVE_STREAK_MIN, COLLECTIVE)
            collective_runs.append((code, _resolve(found, code, year, COLLECTIVE, None)))
    return DueReport(year=year, regime=regime.id, groups=groups, collective_runs=collective_runs)


def _rank(code: str) -> int:
    kind = AWARD_KINDS.get(code)
    return kind.rank if kind else 999
