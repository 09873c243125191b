"""The facts of a judged year, read from the database in a few set-based queries, as columns.

One query reads every person of the year with their unit, grade, leave and recruitment; three
aggregates read, per person, the worst discipline of the year, the latest recognised
contributions of each kind and scope the criteria ask about, and the titles held over the years
the criteria look back (a bit mask per title); one reads the units; one the emulation clusters
they led. The SQL is plain and runs unchanged on SQLite and PostgreSQL; no query runs per person.

Who is judged: every person with a yearly record of the year in a unit of the subtree, and every
person on duty in the subtree on 31 December without one (their grade is then missing). Which
collectives: the units of the subtree with a task-completion grade for the year or with members.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction

from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.organisations.enums import GroupRole, UnitKind
from tdkt.organisations.models import EmulationGroupMembership, Unit, UnitYearRecord
from tdkt.people.models import Contribution, DisciplinaryAction, Person, ServicePeriod, YearRecord
from tdkt.rules import schema
from tdkt.rules.evaluation.plan import Plan

# The level of a cluster or block is the level of the body that convenes it.
CLUSTER_LEVEL_OF_CONVENER: dict[str, str] = {UnitKind.DISTRICT: "huyen", UnitKind.PROVINCE: "tinh"}


@dataclass
class PeopleColumns:
    """One entry per judged person, aligned across lists."""

    ids: list[int]
    units: list[int]
    names: list[str]
    recruited: list[dt.date | None]
    grades: list[str | None]
    leave_kinds: list[str]  # "" when none
    leave_days: list[int]
    discipline: list[int]  # rank of the worst action counting for the year; -1 when none
    # (contribution kind, lowest scope rank) -> latest year within the window, or 0
    contributions: dict[tuple[str, int], list[int]]
    # title -> bit k set when the register holds the title granted for year (judged year - k)
    titles: dict[str, list[int]]

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class UnitColumns:
    ids: list[int]
    names: list[str]
    grades: list[str | None]
    titles: dict[str, list[int]]
    leads: list[frozenset[str]]
    members: list[list[int]]  # indices into PeopleColumns

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class YearFacts:
    year: int
    people: PeopleColumns
    units: UnitColumns
    scope_path: str = ""
    timings: dict[str, float] = field(default_factory=dict)


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _title_bits(
    titles: dict[str, int],
    year: int,
    owner: str,
    names: list[str],
    extra: str = "",
    extra_params: list[Any] | None = None,
) -> tuple[str, list[Any]]:
    """One bit-mask column per title (bit k: granted for year - k), grouped by holder. Only
    the rows of the years each title needs are read."""
    columns, wanted, params, where = [], [], [], []
    for index, (code, back) in enumerate(sorted(titles.items())):
        bits = " + ".join(
            f"MAX(CASE WHEN award_code = %s AND year = {year - k} THEN {1 << k} ELSE 0 END)"
            for k in range(back + 1)
        )
        columns.append(f"{bits} AS t{index}")
        params += [code] * (back + 1)
        where.append("(award_code = %s AND year BETWEEN %s AND %s)")
        wanted += [code, year - back, year]
        names.append(code)
    sql = (
        f"SELECT {owner}, {', '.join(columns)} FROM {_table(AwardRecord)}"
        f" WHERE {owner} IS NOT NULL AND status = %s AND ({' OR '.join(where)}){extra}"
        f" GROUP BY {owner}"
    )
    return sql, [*params, AwardStatus.GRANTED, *wanted, *(extra_params or [])]


def people_sql(year: int, scope_path: str) -> tuple[str, list[Any]]:
    """Who is judged, with what the yearly record and the person say."""
    year_end = dt.date(year, 12, 31)
    params: list[Any] = [year]
    if scope_path:
        graded = (
            f" FROM {_table(YearRecord)} yr JOIN {_table(Unit)} u ON u.id = yr.unit_id"
            f" WHERE yr.year = %s AND u.path LIKE %s"
        )
        params.append(scope_path + "%")
    else:
        graded = f" FROM {_table(YearRecord)} yr WHERE yr.year = %s AND yr.unit_id IS NOT NULL"
    on_duty_scope = f" JOIN {_table(Unit)} u ON u.id = sp.unit_id" if scope_path else ""
    population = (
        f"SELECT yr.person_id AS person_id, yr.unit_id AS unit_id, yr.grade AS grade,"
        f" yr.leave_kind AS leave_kind, yr.leave_days AS leave_days{graded}"
        f" UNION ALL"
        f" SELECT sp.person_id, MIN(sp.unit_id), MAX(yr.grade), MAX(yr.leave_kind),"
        f" MAX(yr.leave_days)"
        f" FROM {_table(ServicePeriod)} sp{on_duty_scope}"
        f" LEFT JOIN {_table(YearRecord)} yr ON yr.person_id = sp.person_id AND yr.year = %s"
        f" WHERE sp.start_on <= %s AND (sp.end_on IS NULL OR sp.end_on >= %s)"
        f"{' AND u.path LIKE %s' if scope_path else ''}"
        f" AND yr.unit_id IS NULL GROUP BY sp.person_id"
    )
    params += [year, year_end, year_end]
    if scope_path:
        params.append(scope_path + "%")
    # COALESCE: an expression, not the column, so that SQLite returns the ISO text unconverted
    # (parsed once per distinct date below); PostgreSQL returns a date either way.
    # ORDER BY person: SQLite then reads the people's rows in table order instead of jumping
    # around the file for each one (twice as fast on a province).
    sql = (
        f"SELECT pop.person_id, pop.unit_id, p.full_name, COALESCE(p.recruited_on, NULL),"
        f" pop.grade, pop.leave_kind, pop.leave_days"
        f" FROM ({population} ORDER BY 1) pop JOIN {_table(Person)} p ON p.id = pop.person_id"
    )
    return sql, params


def _people_in_scope(year: int, scope_path: str) -> tuple[str, list[Any]]:
    """ " AND person_id IN (...)" limiting an aggregate to the people of a subtree."""
    if not scope_path:
        return "", []
    year_end = dt.date(year, 12, 31)
    sql = (
        f" AND person_id IN (SELECT yr.person_id FROM {_table(YearRecord)} yr"
        f" JOIN {_table(Unit)} u ON u.id = yr.unit_id WHERE yr.year = %s AND u.path LIKE %s"
        f" UNION SELECT sp.person_id FROM {_table(ServicePeriod)} sp"
        f" JOIN {_table(Unit)} u ON u.id = sp.unit_id WHERE sp.start_on <= %s"
        f" AND (sp.end_on IS NULL OR sp.end_on >= %s) AND u.path LIKE %s)"
    )
    return sql, [year, scope_path + "%", year_end, year_end, scope_path + "%"]


def discipline_sql(year: int, scope_path: str = "") -> tuple[str, list[Any]]:
    """person -> rank of the worst disciplinary action counting for the year."""
    ranks = " ".join(f"WHEN %s THEN {rank}" for rank in range(len(schema.DISCIPLINES)))
    scope, scope_params = _people_in_scope(year, scope_path)
    sql = (
        f"SELECT person_id, MAX(CASE level {ranks} ELSE -1 END)"
        f" FROM {_table(DisciplinaryAction)} WHERE year = %s{scope} GROUP BY person_id"
    )
    return sql, [*schema.DISCIPLINES, year, *scope_params]


def contributions_sql(
    plan: Plan, year: int, scope_path: str = ""
) -> tuple[str, list[Any], list[tuple[str, int]]]:
    """person -> for each (kind, lowest scope) the criteria ask about, the latest year (0 when
    none)."""
    keys = sorted(plan.contributions)
    columns, params = [], []
    for kind, rank in keys:
        scopes = schema.SCOPES[rank:]
        columns.append(
            f"MAX(CASE WHEN kind = %s AND scope IN ({', '.join(['%s'] * len(scopes))})"
            f" THEN year ELSE 0 END)"
        )
        params += [kind, *scopes]
    scope, scope_params = _people_in_scope(year, scope_path)
    sql = (
        f"SELECT person_id, {', '.join(columns)} FROM {_table(Contribution)}"
        f" WHERE year BETWEEN %s AND %s{scope} GROUP BY person_id"
    )
    return sql, [*params, year - plan.contribution_years + 1, year, *scope_params], keys


class _Dates(dict):
    """ISO text (SQLite) or date (PostgreSQL) -> date, parsed once per distinct value."""

    def __missing__(self, value: object) -> dt.date | None:
        day = (
            value
            if value is None or isinstance(value, dt.date)
            else dt.date.fromisoformat(str(value))
        )
        self[value] = day
        return day


def _fetch(sql: str, params: list[Any]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _aligned(rows: list[tuple], ids: list[int], width: int, default: Any = None) -> list[list[Any]]:
    """Columns of (id, value, ...) rows, one entry per id (`default` where the id has no row).

    The aggregates are read on their own and matched to the people here: SQLite would build a
    temporary index to join them, which costs more than these dictionary look-ups."""
    by_id = dict(zip(map(itemgetter(0), rows), rows, strict=True))
    matched = list(map(by_id.get, ids, repeat((None, *(default,) * width))))
    return [list(map(itemgetter(k), matched)) for k in range(1, width + 1)]


def _fetch_aside(snapshot: str, queries: list[tuple[str, list[Any]]]) -> list[list[tuple]]:
    """Run `queries` on a connection of their own (in this thread), in the snapshot exported
    by the main connection: they see exactly what its queries see."""
    if not re.fullmatch(r"[0-9A-Fa-f-]+", snapshot):
        raise ValueError(f"unexpected snapshot id {snapshot!r}")
    aside = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with aside.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
            found = []
            for sql, params in queries:
                cursor.execute(sql, params)
                found.append(cursor.fetchall())
            cursor.execute("COMMIT")
            return found
    finally:
        aside.close()


def load_people(
    plan: Plan, year: int, scope_path: str, snapshot: str | None = None
) -> PeopleColumns:
    aggregates = [discipline_sql(year, scope_path)]
    keys: list[tuple[str, int]] = []
    if plan.contributions:
        sql, params, keys = contributions_sql(plan, year, scope_path)
        aggregates.append((sql, params))
    codes: list[str] = []
    if plan.person_titles:
        scope, scope_params = _people_in_scope(year, scope_path)
        aggregates.append(
            _title_bits(plan.person_titles, year, "person_id", codes, scope, scope_params)
        )
    with ThreadPoolExecutor(max_workers=1) as pool:
        # With a snapshot (PostgreSQL), the aggregates run on a second connection while the
        # people's query runs: the server works on both (two cores), psycopg waits without
        # holding the GIL, and the aggregates' time (a third of the reads) is hidden.
        aside = pool.submit(_fetch_aside, snapshot, aggregates) if snapshot else None
        rows = _fetch(*people_sql(year, scope_path))
        # One column at a time (itemgetter in C): twice as fast as transposing with zip(*rows).
        ids, units, names, recruited, grades, leave_kinds, leave_days = (
            list(map(itemgetter(k), rows)) for k in range(7)
        )
        del rows
        found = aside.result() if aside else [_fetch(*query) for query in aggregates]
    (worst,) = _aligned(found[0], ids, 1, -1)
    contributions: dict[tuple[str, int], list[int]] = {}
    if plan.contributions:
        latest = _aligned(found[1], ids, len(keys), 0)
        contributions = dict(zip(keys, latest, strict=True))
    titles: dict[str, list[int]] = {}
    if plan.person_titles:
        masks = _aligned(found[-1], ids, len(codes), 0)
        titles = dict(zip(codes, masks, strict=True))
    return PeopleColumns(
        ids=ids,
        units=units,
        names=names,
        recruited=list(map(_Dates().__getitem__, recruited)),
        grades=[grade or None for grade in grades],
        leave_kinds=[kind or "" for kind in leave_kinds],
        leave_days=[days or 0 for days in leave_days],
        discipline=worst,
        contributions=contributions,
        titles=titles,
    )


def load_units(plan: Plan, year: int, scope_path: str, people: PeopleColumns) -> UnitColumns:
    members: dict[int, list[int]] = {}
    for index, unit_id in enumerate(people.units):
        bucket = members.get(unit_id)
        if bucket is None:
            bucket = members[unit_id] = []
        bucket.append(index)
    params: list[Any] = [year]
    title_codes: list[str] = []
    select = ["u.id", "u.name", "ur.grade"]
    join = ""
    if plan.unit_titles:
        sql, title_params = _title_bits(plan.unit_titles, year, "unit_id", title_codes)
        join = f" LEFT JOIN ({sql}) t ON t.unit_id = u.id"
        params += title_params
        select += [f"t.t{index}" for index in range(len(title_codes))]
    where = ""
    if scope_path:
        where = " WHERE u.path LIKE %s"
        params.append(scope_path + "%")
    sql = (
        f"SELECT {', '.join(select)} FROM {_table(Unit)} u"
        f" LEFT JOIN {_table(UnitYearRecord)} ur ON ur.unit_id = u.id AND ur.year = %s"
        f"{join}{where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [row for row in cursor.fetchall() if row[2] or row[0] in members]
    rows.sort(key=lambda row: row[0])
    leads = _leads(year) if plan.leads_clusters else {}
    return UnitColumns(
        ids=[row[0] for row in rows],
        names=[row[1] for row in rows],
        grades=[row[2] or None for row in rows],
        titles={
            code: [row[3 + index] or 0 for row in rows] for index, code in enumerate(title_codes)
        },
        leads=[leads.get(row[0], frozenset()) for row in rows],
        members=[members.get(row[0], []) for row in rows],
    )


def _leads(year: int) -> dict[int, frozenset[str]]:
    """unit -> levels of the clusters and blocks it headed in the year."""
    found: dict[int, set[str]] = {}
    heads = EmulationGroupMembership.objects.filter(
        group__year=year, role=GroupRole.HEAD
    ).values_list("unit_id", "group__convener__kind")
    for unit_id, convener_kind in heads:
        level = CLUSTER_LEVEL_OF_CONVENER.get(convener_kind)
        if level is not None:
            found.setdefault(unit_id, set()).add(level)
    return {unit_id: frozenset(levels) for unit_id, levels in found.items()}


# Enough for a province's sorts and hashes (200,000 people) to stay in memory; at the default
# 4 MB they spill to disk and the reads take twice as long. A server-side setting, per query node.
WORK_MEM = "64MB"


@contextmanager
def _reading() -> Iterator[str | None]:
    """PostgreSQL: the year's reads in one transaction, with a larger work_mem that ends with
    it (SET LOCAL; inside a caller's transaction, it lasts as long as that one). When the
    transaction is ours, it reads one snapshot and yields its id, for a second connection to
    share (a caller's transaction may hold changes no other connection sees: then None).
    SQLite reads as before: its transactions here are IMMEDIATE and would block the writers."""
    if connection.vendor != "postgresql":
        yield None
        return
    ours = not connection.in_atomic_block
    snapshot = None
    with transaction.atomic():
        with connection.cursor() as cursor:
            if ours:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
            if ours:
                cursor.execute("SELECT pg_export_snapshot()")
                (snapshot,) = cursor.fetchone()
        yield snapshot


def load_year(plan: Plan, year: int, scope_path: str = "") -> YearFacts:
    with _reading() as snapshot:
        people = load_people(plan, year, scope_path, snapshot)
        units = load_units(plan, year, scope_path, people)
    return YearFacts(year=year, people=people, units=units, scope_path=scope_path)
