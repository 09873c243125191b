"""Counting the register, set-based: one GROUP BY query over the awards of a year (or of a
statistical period) gives a small cube of counts, and every table of a report is a sum over it.

Whom an award counts for:
- a collective award counts for its unit;
- an individual award counts for the unit the person was in when it was granted
  (`AwardRecord.unit_at_award`), or, when that was not recorded, for the unit of the service
  period in force on the decision date;
- the person's category, frontline and leader flags are those of the service period in force on
  the decision date (the latest that started by then and had not ended; failing that, the latest
  that started by then).

The SQL is plain (CTEs, CASE, COALESCE) and table names come from the models. The one place
the two databases differ is how the service period is found: a correlated index lookup per award
on SQLite, one DISTINCT ON sort over a join on PostgreSQL (a subplan per award is slow there);
both give the same answer and the tests run on both.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from tdkt.awards.catalogue import AWARD_KINDS, COLLECTIVE, INDIVIDUAL
from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.organisations.models import Unit
from tdkt.people.models import Person, ServicePeriod
from tdkt.reports.labels import UNKNOWN
from tdkt.reports.models import ShareGoal

PREVIOUS_YEARS = 2
REPORT_WORK_MEM = "32MB"  # PostgreSQL, per report query (see fetch_all)
Counts = dict[str, int]  # {"individual": n, "collective": n}


@dataclass(frozen=True)
class Selection:
    """The part of the register a report covers: a unit's subtree (None: the whole register),
    cut down to the viewer's scope when the viewer does not see everything."""

    unit: Unit | None = None
    restrict: QuerySet[AwardRecord] | None = None

    @property
    def path(self) -> str:
        return self.unit.path if self.unit is not None else ""


@dataclass(frozen=True)
class AwardFilter:
    years: tuple[int, ...] | None = None
    decided: tuple[dt.date, dt.date] | None = None  # decision date within, both ends included
    codes: tuple[str, ...] | None = None
    statuses: tuple[str, ...] = (AwardStatus.GRANTED,)


# What a fact can be grouped by: the SQL expression over the aliases of `_query`.
DIMENSIONS = {
    "year": "b.year",
    "code": "b.award_code",
    "kind": f"CASE WHEN b.person_id IS NULL THEN '{COLLECTIVE}' ELSE '{INDIVIDUAL}' END",
    "status": "b.status",
    "method": "b.method",
    "unit_kind": "u.kind",
    "sector": "u.sector",
    "parent_kind": "pu.kind",
    "category": "b.category",
    "frontline": "b.is_frontline",
    "leader": "b.is_leader",
    "gender": "p.gender",
}
_SERVICE_DIMENSIONS = {"category", "frontline", "leader"}
_UNIT_DIMENSIONS = {"unit_kind", "sector", "parent_kind"}


def _table(model: type[Any]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _in(values: Sequence[Any]) -> str:
    return "(" + ", ".join(["%s"] * len(values)) + ")"


def _query(
    selection: Selection, flt: AwardFilter, select: str, *, dims: Iterable[str] = ()
) -> tuple[str, list[Any]]:
    """SELECT `select` FROM the filtered awards joined to what `dims` and the subtree need."""
    dims = set(dims)
    with_path = bool(selection.path)
    service_dims = bool(dims & _SERVICE_DIMENSIONS)
    needs_unit = with_path or bool(dims & _UNIT_DIMENSIONS)
    awards, periods, units, people = (
        _table(AwardRecord),
        _table(ServicePeriod),
        _table(Unit),
        _table(Person),
    )
    where: list[str] = []
    params: list[Any] = []
    if flt.years is not None:
        where.append(f"a.year IN {_in(flt.years)}")
        params.extend(flt.years)
    if flt.decided is not None:
        where.append("a.decision_date BETWEEN %s AND %s")
        params.extend(flt.decided)
    if flt.codes is not None:
        where.append(f"a.award_code IN {_in(flt.codes)}")
        params.extend(flt.codes)
    where.append(f"a.status IN {_in(flt.statuses)}")
    params.extend(flt.statuses)
    if selection.restrict is not None:
        scoped, scoped_params = selection.restrict.order_by().values("id").query.sql_with_params()
        where.append(f"a.id IN ({scoped})")
        params.extend(scoped_params)
    if with_path and selection.unit is not None and selection.unit.parent_id is not None:
        # Below the top of the tree, first keep only awards that may count for the subtree
        # (an index search each), so that a ward's report does not look at a province's year.
        subtree = f"SELECT t.id FROM {units} t WHERE t.path LIKE %s"
        where.append(
            f"(a.unit_id IN ({subtree}) OR a.unit_at_award_id IN ({subtree})"
            " OR (a.unit_id IS NULL AND a.unit_at_award_id IS NULL AND a.person_id IN"
            f" (SELECT w.person_id FROM {periods} w WHERE w.unit_id IN ({subtree}))))"
        )
        params.extend([selection.path + "%"] * 3)

    condition = " AND ".join(where)
    needs_service = service_dims or needs_unit
    # Only for the unit, the service period is not needed when the unit at the time is known.
    skip = "a.person_id IS NULL" + ("" if service_dims else " OR a.unit_at_award_id IS NOT NULL")
    columns = (
        "a.id, a.year, a.award_code, a.status, a.method, a.amount_vnd, a.person_id, a.unit_id,"
        " a.unit_at_award_id"
    )
    # `b`: the awards, each with the service period that describes the person on the decision
    # date (in force then, else the latest started by then): its unit, category and flags.
    service = "service_unit_id, category, is_frontline, is_leader"
    if not needs_service:
        ctes = [
            f"b AS (SELECT {columns}, NULL AS service_unit_id, NULL AS category,"
            f" NULL AS is_frontline, NULL AS is_leader FROM {awards} a WHERE {condition})"
        ]
    elif connection.vendor == "postgresql":
        # One sort over a join (DISTINCT ON) beats a subplan per award on PostgreSQL.
        ctes = [
            f"chosen AS (SELECT DISTINCT ON (a.id) a.id AS award_id, sp.unit_id AS"
            " service_unit_id, sp.category, sp.is_frontline, sp.is_leader"
            f" FROM {awards} a JOIN {periods} sp ON sp.person_id = a.person_id"
            f" AND sp.start_on <= a.decision_date WHERE {condition} AND NOT ({skip})"
            " ORDER BY a.id, CASE WHEN sp.end_on IS NULL OR sp.end_on >= a.decision_date"
            " THEN 0 ELSE 1 END, sp.start_on DESC, sp.id DESC)",
            f"b AS (SELECT {columns}, c.{service.replace(', ', ', c.')} FROM {awards} a"
            f" LEFT JOIN chosen c ON c.award_id = a.id WHERE {condition})",
        ]
        params = params + params
    else:
        # A correlated lookup per award (an index search on SQLite). Correlated columns only
        # in WHERE: SQLite refuses them in a subquery's ORDER BY.
        started = (
            f"SELECT sp.id FROM {periods} sp WHERE sp.person_id = a.person_id"
            " AND sp.start_on <= a.decision_date"
        )
        latest = " ORDER BY sp.start_on DESC, sp.id DESC LIMIT 1"
        in_force = " AND (sp.end_on IS NULL OR sp.end_on >= a.decision_date)"
        chosen = f"COALESCE(({started}{in_force}{latest}), ({started}{latest}))"
        ctes = [
            f"a0 AS (SELECT {columns}, CASE WHEN {skip} THEN NULL ELSE {chosen} END AS service_id"
            f" FROM {awards} a WHERE {condition})",
            f"b AS (SELECT a0.*, s.unit_id AS service_unit_id, s.category, s.is_frontline,"
            f" s.is_leader FROM a0 LEFT JOIN {periods} s ON s.id = a0.service_id)",
        ]
    joins = []
    if needs_unit:
        joins.append(
            f"LEFT JOIN {units} u ON u.id = COALESCE(b.unit_id, b.unit_at_award_id,"
            " b.service_unit_id)"
        )
    if "parent_kind" in dims:
        joins.append(f"LEFT JOIN {units} pu ON pu.id = u.parent_id")
    if "gender" in dims:
        joins.append(f"LEFT JOIN {people} p ON p.id = b.person_id")
    outer_where = ""
    if with_path:
        outer_where = " WHERE u.path LIKE %s"
        params.append(selection.path + "%")
    sql = f"WITH {', '.join(ctes)} SELECT {select} FROM b {' '.join(joins)}{outer_where}"
    return sql, params


def facts(selection: Selection, flt: AwardFilter, dims: Sequence[str]) -> list[dict[str, Any]]:
    """Counts of awards grouped by `dims`: one row per combination that occurs, each with
    `n` (awards), `money` (sum of amount_vnd) and `priced` (awards with an amount)."""
    exprs = [DIMENSIONS[d] for d in dims]
    select = ", ".join(
        [
            *(f"{e} AS d{i}" for i, e in enumerate(exprs)),
            "COUNT(*)",
            "SUM(b.amount_vnd)",
            "COUNT(b.amount_vnd)",
        ]
    )
    sql, params = _query(selection, flt, select, dims=dims)
    if exprs:
        sql += " GROUP BY " + ", ".join(exprs)
    rows = fetch_all(sql, params)
    result = []
    for row in rows:
        if not row[len(dims)]:
            continue  # an aggregate without GROUP BY over no rows
        fact: dict[str, Any] = {}
        for name, value in zip(dims, row, strict=False):
            if name in ("frontline", "leader"):
                value = None if value is None else bool(value)
            fact[name] = value
        fact["n"] = int(row[len(dims)])
        fact["money"] = int(row[len(dims) + 1] or 0)
        fact["priced"] = int(row[len(dims) + 2] or 0)
        result.append(fact)
    return result


def fetch_all(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Run one report query. On PostgreSQL with room to sort in memory: the few big sorts of a
    report spill to disk at the default work_mem (SET LOCAL ends with the transaction opened
    here). Not on SQLite, where a transaction would take the write lock."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(sql, params)
            return list(cursor.fetchall())
        with transaction.atomic():
            cursor.execute(f"SET LOCAL work_mem = '{REPORT_WORK_MEM}'")
            cursor.execute(sql, params)
            return list(cursor.fetchall())


def selected_ids(selection: Selection, flt: AwardFilter) -> tuple[str, list[Any]]:
    """SQL (and params) of the ids of the selected awards, for `pk__in=RawSQL(...)`."""
    return _query(selection, flt, "b.id")


def baseline_seconds(year: int) -> float:
    """Time of the simplest count of a year (the benchmark's yardstick)."""
    import time

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT award_code, COUNT(*) FROM {_table(AwardRecord)} WHERE year = %s"
            " GROUP BY award_code",
            [year],
        )
        cursor.fetchall()
    return time.perf_counter() - started


# -- the year report ---------------------------------------------------------------------------


def _counts() -> Counts:
    return {INDIVIDUAL: 0, COLLECTIVE: 0}


def _nested() -> defaultdict[str, defaultdict[str, Counts]]:
    return defaultdict(lambda: defaultdict(_counts))


def _plain(value: Any) -> Any:
    """defaultdicts to dicts, recursively (for JSON and templates)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def award_order(codes: Iterable[str]) -> list[str]:
    """Higher awards first, as the catalogue ranks them."""
    return sorted(codes, key=lambda c: (AWARD_KINDS[c].rank if c in AWARD_KINDS else 999, c))


@dataclass
class YearFigures:
    """Everything the year report says, counted from the register."""

    year: int
    unit: Unit | None
    totals: dict[str, Counts] = field(default_factory=dict)
    money_vnd: int = 0
    money_by_award: dict[str, int] = field(default_factory=dict)
    unpriced: int = 0  # granted awards without an amount
    revoked: int = 0  # awards of the year revoked since
    by_sector: dict[str, dict[str, Counts]] = field(default_factory=dict)
    by_unit_kind: dict[str, dict[str, Counts]] = field(default_factory=dict)
    by_category: dict[str, dict[str, int]] = field(default_factory=dict)
    by_gender: dict[str, dict[str, int]] = field(default_factory=dict)
    frontline: dict[str, int] = field(default_factory=dict)
    leaders: dict[str, int] = field(default_factory=dict)
    previous_years: dict[int, dict[str, Counts]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.totals and not self.revoked

    @property
    def codes(self) -> list[str]:
        """Award codes of the year and of the years compared, higher awards first."""
        found = set(self.totals)
        for counts in self.previous_years.values():
            found |= set(counts)
        return award_order(found)

    def total(self, kind: str | None = None) -> int:
        return sum(
            counts[k]
            for counts in self.totals.values()
            for k in (INDIVIDUAL, COLLECTIVE)
            if kind in (None, k)
        )

    @property
    def individual_total(self) -> int:
        return self.total(INDIVIDUAL)

    @property
    def collective_total(self) -> int:
        return self.total(COLLECTIVE)

    @property
    def frontline_total(self) -> int:
        return sum(self.frontline.values())

    @property
    def leaders_total(self) -> int:
        return sum(self.leaders.values())

    def sector_total(self, sector: str, kind: str | None = None) -> int:
        return sum(
            counts[k]
            for counts in self.by_sector.get(sector, {}).values()
            for k in (INDIVIDUAL, COLLECTIVE)
            if kind in (None, k)
        )

    def to_json(self) -> dict[str, Any]:
        """The shape `tdkt report year --format json` prints (docs/reports.md)."""
        unit = None if self.unit is None else {"code": self.unit.code, "name": self.unit.name}
        return {
            "year": self.year,
            "unit": unit,
            "totals": self.totals,
            "money_vnd": self.money_vnd,
            "money_by_award": self.money_by_award,
            "unpriced": self.unpriced,
            "revoked": self.revoked,
            "by_sector": self.by_sector,
            "by_unit_kind": self.by_unit_kind,
            "by_category": self.by_category,
            "by_gender": self.by_gender,
            "frontline": self.frontline,
            "leaders": self.leaders,
            "previous_years": {str(year): counts for year, counts in self.previous_years.items()},
        }


YEAR_DIMENSIONS = (
    "code",
    "kind",
    "status",
    "unit_kind",
    "sector",
    "category",
    "frontline",
    "leader",
    "gender",
)


def year_figures(selection: Selection, year: int) -> YearFigures:
    """The year report: two GROUP BY queries (the year in detail, the years before in total)."""
    figures = YearFigures(year=year, unit=selection.unit)
    statuses = (AwardStatus.GRANTED, AwardStatus.REVOKED)
    rows = facts(selection, AwardFilter(years=(year,), statuses=statuses), YEAR_DIMENSIONS)
    totals: defaultdict[str, Counts] = defaultdict(_counts)
    money: defaultdict[str, int] = defaultdict(int)
    by_sector, by_unit_kind = _nested(), _nested()
    by_category: defaultdict[str, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_gender: defaultdict[str, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    frontline: defaultdict[str, int] = defaultdict(int)
    leaders: defaultdict[str, int] = defaultdict(int)
    for row in rows:
        if row["status"] != AwardStatus.GRANTED:
            figures.revoked += row["n"]
            continue
        code, kind, n = row["code"], row["kind"], row["n"]
        totals[code][kind] += n
        money[code] += row["money"]
        figures.unpriced += n - row["priced"]
        by_sector[row["sector"] or UNKNOWN][code][kind] += n
        by_unit_kind[row["unit_kind"] or UNKNOWN][code][kind] += n
        if kind == INDIVIDUAL:
            by_category[row["category"] or UNKNOWN][code] += n
            by_gender[row["gender"] or UNKNOWN][code] += n
            if row["frontline"]:
                frontline[code] += n
            if row["leader"]:
                leaders[code] += n
    figures.totals = _plain(totals)
    figures.money_by_award = {code: amount for code, amount in money.items() if amount}
    figures.money_vnd = sum(money.values())
    figures.by_sector = _plain(by_sector)
    figures.by_unit_kind = _plain(by_unit_kind)
    figures.by_category = _plain(by_category)
    figures.by_gender = _plain(by_gender)
    figures.frontline = dict(frontline)
    figures.leaders = dict(leaders)
    earlier = tuple(range(year - PREVIOUS_YEARS, year))
    previous: dict[int, defaultdict[str, Counts]] = {y: defaultdict(_counts) for y in earlier}
    for row_year, code, individual, collective in _counts_by_year_and_code(selection, earlier):
        previous[row_year][code][INDIVIDUAL] += individual
        previous[row_year][code][COLLECTIVE] += collective
    figures.previous_years = {y: _plain(previous[y]) for y in sorted(earlier, reverse=True)}
    return figures


def _counts_by_year_and_code(
    selection: Selection, years: tuple[int, ...]
) -> list[tuple[int, str, int, int]]:
    """(year, award code, individual, collective) of the granted awards of `years`. The kind is
    counted, not grouped by: the awards come in (year, award code) order from the register's
    index, so SQLite can group them as they stream instead of sorting two years of awards."""
    sql, params = _query(
        selection,
        AwardFilter(years=years),
        "b.year, b.award_code, COUNT(b.person_id), COUNT(*) - COUNT(b.person_id)",
    )
    rows = fetch_all(f"{sql} GROUP BY b.year, b.award_code", params)
    return [(int(y), str(code), int(i), int(c)) for y, code, i, c in rows]


# -- series for the dashboards -------------------------------------------------------------------


@dataclass
class YearSeries:
    year: int
    individual: int = 0
    collective: int = 0
    state: int = 0
    non_state: int = 0
    non_state_individual: int = 0
    frontline: int = 0

    @property
    def total(self) -> int:
        return self.individual + self.collective

    def percent(self, part: int, of: int) -> float | None:
        return round(100 * part / of, 1) if of else None

    @property
    def frontline_percent(self) -> float | None:
        return self.percent(self.frontline, self.individual)

    @property
    def non_state_percent(self) -> float | None:
        return self.percent(self.non_state, self.total)


def year_series(selection: Selection, years: Sequence[int]) -> list[YearSeries]:
    """Granted awards per year: by recipient kind, by sector, and to frontline workers."""
    series = {year: YearSeries(year) for year in years}
    if not years:
        return []
    rows = facts(
        selection, AwardFilter(years=tuple(years)), ("year", "kind", "sector", "frontline")
    )
    for row in rows:
        entry = series[row["year"]]
        n = row["n"]
        setattr(entry, row["kind"], getattr(entry, row["kind"]) + n)
        if row["sector"] == "non_state":
            entry.non_state += n
            if row["kind"] == INDIVIDUAL:
                entry.non_state_individual += n
        elif row["sector"] == "state":
            entry.state += n
        if row["kind"] == INDIVIDUAL and row["frontline"]:
            entry.frontline += n
    return [series[year] for year in sorted(years)]


# -- listings ------------------------------------------------------------------------------------


def rank_expression() -> Case:
    """The catalogue's rank of an award code, as SQL (higher awards first)."""
    return Case(
        *(When(award_code=code, then=Value(kind.rank)) for code, kind in AWARD_KINDS.items()),
        default=Value(999),
        output_field=IntegerField(),
    )


def award_details(
    selection: Selection, flt: AwardFilter
) -> Iterator[tuple[AwardRecord, dict[str, Any]]]:
    """Each selected award with the unit it counts for and the person's category, frontline and
    leader flags on the decision date; higher awards first, collectives before people, names in
    Vietnamese order. Streams (for a province's year)."""
    sql, params = _query(
        selection,
        flt,
        "b.id, u.id, b.category, b.is_frontline, b.is_leader",
        dims=("unit_kind", "category"),
    )
    found = {
        row[0]: (
            row[1],
            row[2],
            None if row[3] is None else bool(row[3]),
            None if row[4] is None else bool(row[4]),
        )
        for row in fetch_all(sql, params)
    }
    units = Unit.objects.in_bulk({unit_id for unit_id, *_rest in found.values() if unit_id})
    ids_sql, ids_params = selected_ids(selection, flt)
    awards = (
        AwardRecord.objects.filter(pk__in=RawSQL(ids_sql, ids_params))
        .select_related("person", "unit")
        .annotate(
            rank=rank_expression(),
            individual_first=Case(
                When(person__isnull=True, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by(
            "rank", "award_code", "individual_first", "unit__sort_key", "person__sort_key", "id"
        )
    )
    for award in awards.iterator(chunk_size=2000):
        unit_id, category, frontline, leader = found.get(award.pk, (None, None, None, None))
        yield (
            award,
            {
                "unit": units.get(unit_id) if unit_id else None,
                "category": category,
                "frontline": frontline,
                "leader": leader,
            },
        )


# -- share goals ---------------------------------------------------------------------------


def goals_in_force(unit: Unit | None, year: int) -> dict[str, ShareGoal]:
    """{measure: ShareGoal} in force in `year` for `unit`: for each measure, the goal of the
    nearest unit at or above it that set one (its latest from a year up to `year`). For the
    whole tree (`unit` None), the goal of the topmost unit that set one."""
    goals = ShareGoal.objects.filter(from_year__lte=year).select_related("unit")
    if unit is not None:
        ancestry = [int(part) for part in unit.path.split(".") if part]
        goals = goals.filter(unit_id__in=ancestry).order_by("-unit__depth", "-from_year")
    else:
        goals = goals.order_by("unit__depth", "unit__path", "-from_year")
    found: dict[str, ShareGoal] = {}
    for goal in goals:
        found.setdefault(goal.measure, goal)
    return found
