"""A synthetic province for benchmarks: units, people, ten years of history and the register.

`build_province(people=200_000, units=5_000)` fills the (empty, migrated) database Django is
connected to, fast: rows are generated in Python and written with executemany on SQLite and COPY
on PostgreSQL, never through model instances. Never run it on a real database: it is meant for a
throw-away one (the benchmarks create and drop theirs).

The data is plausible rather than real: a person's grade follows a lasting ability plus the year's
luck, leave and discipline are rare, initiatives come mostly from the well graded, and the
register grants Lao động tiên tiến to most of those who meet its conditions, CSTĐ cơ sở to some
with an initiative, CSTĐ cấp tỉnh to a few with three in a row; units get task-completion grades
and collective titles. Ids are given explicitly (1..N), so other code can address rows by id.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tdkt.awards.enums import AwardStatus
from tdkt.common.enums import DisciplineLevel, Gender, Grade, Scope
from tdkt.common.text import collation_key, fold, name_sort_key, split_name
from tdkt.organisations.enums import UnitKind
from tdkt.people.enums import Category, ContributionKind, LeaveKind

if TYPE_CHECKING:
    from django.db import models

# Models are imported inside the functions: the benchmark runner imports this module before
# Django is set up.
PATH_STEP = 6  # as tdkt.organisations.models.PATH_STEP

DEFAULT_PEOPLE = 200_000
DEFAULT_UNITS = 5_000
DEFAULT_LAST_YEAR = 2022  # decided in January 2023: regime r2017, with every yearly title
YEARS = 10
FLUSH = 100_000  # rows generated before they are written

_FAMILY = ["Nguyễn"] * 38 + ["Trần"] * 11 + ["Lê"] * 9 + ["Phạm"] * 7 + ["Hoàng"] * 5 + [
    "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"
] * 3  # fmt: skip
_MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Quang", "Thu", "Kim",
           "Xuân", "Hoài", "Anh", "Bảo", "Công", "Đình", "Gia", "Hồng", "Khánh", "Phương",
           "Quốc"]  # fmt: skip
_GIVEN = ["An", "Anh", "Ánh", "Bình", "Bảo", "Chi", "Cường", "Dũng", "Dương", "Đạt", "Đức",
          "Giang", "Hà", "Hải", "Hạnh", "Hằng", "Hiếu", "Hoa", "Hùng", "Hương", "Huy", "Khánh",
          "Lan", "Linh", "Long", "Mai", "Minh", "My", "Nam", "Nga", "Ngọc", "Nhung", "Oanh",
          "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tâm", "Thảo", "Thắng", "Thành", "Thu",
          "Thuỷ", "Tiến", "Trang", "Trung", "Tú", "Tuấn", "Uyên", "Vân", "Việt", "Vinh",
          "Yến"]  # fmt: skip
_ISSUER = "Chủ tịch UBND tỉnh Thử Nghiệm"


@dataclass
class ProvinceSummary:
    people: int
    units: int
    first_year: int
    last_year: int
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def __str__(self) -> str:
        counts = ", ".join(f"{name} {count:,}" for name, count in self.rows.items())
        return (
            f"{self.people:,} people, {self.units:,} units, years {self.first_year}–"
            f"{self.last_year}: {counts} in {self.seconds:.1f} s"
        )


class _Writer:
    """Rows into one table: the given columns, every other column at its model default."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        from django.db import connection
        from django.utils import timezone

        self.model = model
        now = timezone.now()
        given = set(columns)
        extra: list[tuple[str, Any]] = []
        for model_field in model._meta.concrete_fields:
            if model_field.column in given:
                continue
            if getattr(model_field, "auto_now", False) or getattr(
                model_field, "auto_now_add", False
            ):
                value: Any = now
            else:
                value = model_field.get_default()  # "" for text fields without a default
                if value is None and not model_field.null:
                    raise RuntimeError(f"{model._meta.db_table}.{model_field.column} needs a value")
            extra.append((model_field.column, model_field.get_db_prep_save(value, connection)))
        self.columns = [*columns, *(name for name, _value in extra)]
        self.tail = tuple(value for _name, value in extra)
        self.count = 0

    def write(self, rows: Iterable[tuple]) -> None:
        from django.db import connection

        table = self.model._meta.db_table
        names = ", ".join(connection.ops.quote_name(name) for name in self.columns)
        tail = self.tail
        full = (row + tail for row in rows)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                raw = cursor.cursor
                with raw.copy(
                    f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN"
                ) as copy:
                    for row in full:
                        copy.write_row(row)
                        self.count += 1
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                sql = f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES ({marks})"
                batch: list[tuple] = []
                for row in full:
                    batch.append(row)
                    if len(batch) >= 20_000:
                        cursor.executemany(sql, batch)
                        self.count += len(batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
                    self.count += len(batch)


@dataclass
class _Unit:
    id: int
    parent: int | None
    path: str
    depth: int
    kind: str
    leaf: bool = True


def _units(count: int, rng: random.Random) -> list[_Unit]:
    """A tree: the province, ~count/250 districts and departments, ~count/15 wards and offices
    under them, the rest divisions and teams under those."""
    units = [_Unit(1, None, f"{1:0{PATH_STEP}d}.", 0, UnitKind.PROVINCE, leaf=False)]
    districts = max(1, count // 250)
    wards = max(1, count // 15)
    for index in range(2, count + 1):
        if index <= 1 + districts:
            parent, kind = units[0], UnitKind.DISTRICT
        elif index <= 1 + districts + wards:
            parent, kind = units[rng.randint(1, districts)], UnitKind.WARD
        else:
            parent = units[rng.randint(1 + districts, min(districts + wards, len(units) - 1))]
            kind = UnitKind.DIVISION
        parent.leaf = False
        units.append(
            _Unit(index, parent.id, f"{parent.path}{index:0{PATH_STEP}d}.", parent.depth + 1, kind)
        )
    return units


def _grade(score: float) -> str:
    if score >= 1.2:
        return Grade.EXCELLENT
    if score >= -1.45:
        return Grade.GOOD
    if score >= -2.3:
        return Grade.PASS
    return Grade.FAIL


def build_province(
    people: int = DEFAULT_PEOPLE,
    units: int = DEFAULT_UNITS,
    *,
    last_year: int = DEFAULT_LAST_YEAR,
    years: int = YEARS,
    seed: int = 2022,
) -> ProvinceSummary:
    """Fill the connected, empty database in one transaction; returns what was written."""
    from django.db import connection, transaction

    if connection.vendor == "sqlite":
        # A throw-away file: no journal, no syncing, a large page cache, no per-row key checks.
        with connection.cursor() as cursor:
            for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -1000000",
                           "foreign_keys = OFF", "temp_store = MEMORY"):  # fmt: skip
                cursor.execute(f"PRAGMA {pragma}")
    with transaction.atomic():
        return _build(people, units, last_year, years, seed)


def _build(people: int, units: int, last_year: int, years: int, seed: int) -> ProvinceSummary:
    from django.core.management.color import no_style
    from django.db import connection

    from tdkt.awards.models import AwardRecord
    from tdkt.organisations.models import Unit, UnitYearRecord
    from tdkt.people.models import (
        Contribution,
        DisciplinaryAction,
        Person,
        ServicePeriod,
        YearRecord,
    )

    started = time.perf_counter()
    rng = random.Random(seed)
    first_year = last_year - years + 1
    summary = ProvinceSummary(people, units, first_year, last_year)

    tree = _units(units, rng)
    leaves = [unit.id for unit in tree if unit.leaf]
    unit_writer = _Writer(
        Unit,
        ["id", "code", "name", "kind", "parent_id", "path", "depth", "sort_key", "search_key"],
    )
    unit_writer.write(
        (
            u.id,
            f"bench-{u.id}",
            f"Đơn vị thử nghiệm {u.id}",
            u.kind,
            u.parent,
            u.path,
            u.depth,
            collation_key(f"Đơn vị thử nghiệm {u.id}"),
            fold(f"Đơn vị thử nghiệm {u.id} bench-{u.id}"),
        )
        for u in tree
    )

    # People: who they are, where they work, how able they are.
    keys: dict[str, tuple[str, str, str, str, str]] = {}
    ability = [0.0] * (people + 1)
    recruited: list[dt.date] = [dt.date.min] * (people + 1)
    unit_of = [0] * (people + 1)
    earlier_unit = [0] * (people + 1)  # moved on 1 January of `moved_in`
    moved_in = [0] * (people + 1)
    female = [False] * (people + 1)

    def person_rows() -> Iterator[tuple]:
        for pk in range(1, people + 1):
            name = f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
            known = keys.get(name)
            if known is None:
                family, middle, given = split_name(name)
                known = keys[name] = (family, middle, given, name_sort_key(name), fold(name))
            ability[pk] = rng.gauss(0, 1)
            female[pk] = " Thị " in name or rng.random() < 0.4
            if rng.random() < 0.25:  # joined during the history
                year = rng.randint(first_year, last_year)
            else:
                year = rng.randint(1985, first_year - 1)
            recruited[pk] = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            unit_of[pk] = rng.choice(leaves)
            if rng.random() < 0.2:
                earlier_unit[pk] = rng.choice(leaves)
                moved_in[pk] = rng.randint(max(first_year, year + 1), last_year + 1)
            yield (
                pk,
                name,
                *known[:3],
                Gender.FEMALE if female[pk] else Gender.MALE,
                dt.date(1960 + rng.randint(0, 40), rng.randint(1, 12), rng.randint(1, 28)),
                recruited[pk],
                known[3],
                known[4],
            )

    person_writer = _Writer(
        Person,
        ["id", "full_name", "family_name", "middle_name", "given_name", "gender", "birth_date",
         "recruited_on", "sort_key", "search_key"],
    )  # fmt: skip
    person_writer.write(person_rows())

    def period_rows() -> Iterator[tuple]:
        pk = 0
        for person in range(1, people + 1):
            start = recruited[person]
            if earlier_unit[person] and moved_in[person] > start.year:
                moved = dt.date(moved_in[person], 1, 1)
                pk += 1
                yield (pk, person, earlier_unit[person], "Chuyên viên", Category.CIVIL_SERVANT,
                       start, moved - dt.timedelta(days=1))  # fmt: skip
                start = moved
            pk += 1
            yield (pk, person, unit_of[person], "Chuyên viên", Category.CIVIL_SERVANT, start, None)

    period_writer = _Writer(
        ServicePeriod, ["id", "person_id", "unit_id", "position", "category", "start_on", "end_on"]
    )
    period_writer.write(period_rows())

    # Yearly records, discipline, contributions and the register, year by year.
    year_writer = _Writer(
        YearRecord, ["id", "person_id", "year", "unit_id", "grade", "leave_kind", "leave_days"]
    )
    discipline_writer = _Writer(
        DisciplinaryAction, ["id", "person_id", "level", "decided_on", "year", "decision_number"]
    )
    contribution_writer = _Writer(
        Contribution, ["id", "person_id", "kind", "title", "scope", "year", "decision_number"]
    )
    award_writer = _Writer(
        AwardRecord,
        ["id", "person_id", "unit_id", "award_code", "year", "decision_number", "decision_date",
         "issuer", "unit_at_award_id", "status"],
    )  # fmt: skip
    unit_year_writer = _Writer(UnitYearRecord, ["id", "unit_id", "year", "grade"])
    counters = {"year": 0, "discipline": 0, "contribution": 0, "award": 0, "unit_year": 0}
    cstd_streak = [0] * (people + 1)

    def next_id(name: str) -> int:
        counters[name] += 1
        return counters[name]

    for year in range(first_year, last_year + 1):
        decision = f"{year % 100:02d}{rng.randint(100, 999)}/QĐ-UBND"
        decided = dt.date(year + 1, 1, 15)
        years_rows: list[tuple] = []
        discipline_rows: list[tuple] = []
        contribution_rows: list[tuple] = []
        award_rows: list[tuple] = []
        ldtt_by_unit: dict[int, int] = {}
        for person in range(1, people + 1):
            start = recruited[person]
            if start.year > year:
                continue
            unit = earlier_unit[person] if year < moved_in[person] else unit_of[person]
            score = 0.85 * ability[person] + rng.gauss(0, 0.55) - (0.4 if start.year == year else 0)
            grade = _grade(score)
            leave_kind, leave_days = "", 0
            draw = rng.random()
            if female[person] and draw < 0.05:
                leave_kind, leave_days = LeaveKind.MATERNITY, rng.randint(118, 130)
            elif draw < 0.09:
                leave_kind, leave_days = LeaveKind.SICK, rng.randint(3, 60)
            elif draw < 0.1:
                leave_kind, leave_days = LeaveKind.TRAINING_SHORT, rng.randint(20, 60)
            elif draw < 0.103:
                leave_kind, leave_days = LeaveKind.TRAINING_LONG, rng.randint(180, 240)
            disciplined = rng.random() < 0.005
            if disciplined:
                level = DisciplineLevel.WARNING if rng.random() < 0.2 else DisciplineLevel.REPRIMAND
                grade = Grade.PASS
                discipline_rows.append(
                    (
                        next_id("discipline"),
                        person,
                        level,
                        dt.date(year, 6, 1),
                        year,
                        f"{person}/QĐ-KL",
                    )
                )
            years_rows.append((next_id("year"), person, year, unit, grade, leave_kind, leave_days))
            good = grade in (Grade.EXCELLENT, Grade.GOOD)
            initiative = good and rng.random() < (0.3 if grade == Grade.EXCELLENT else 0.08)
            if initiative:
                scope = Scope.PROVINCIAL if rng.random() < 0.06 else Scope.GRASSROOTS
                contribution_rows.append(
                    (
                        next_id("contribution"),
                        person,
                        ContributionKind.INITIATIVE,
                        f"Sáng kiến số {person}-{year}",
                        scope,
                        year,
                        f"{person}/QĐ-SK",
                    )
                )
            months_ok = (year + 1 - start.year) * 12 + 1 - start.month - (start.day > 1) >= 10
            ldtt = (
                good
                and months_ok
                and not disciplined
                and leave_kind != LeaveKind.TRAINING_LONG
                and rng.random() < 0.85
            )
            if ldtt:
                award_rows.append(
                    (
                        next_id("award"),
                        person,
                        None,
                        "lao_dong_tien_tien",
                        year,
                        decision,
                        decided,
                        _ISSUER,
                        unit,
                        AwardStatus.GRANTED,
                    )
                )
                ldtt_by_unit[unit] = ldtt_by_unit.get(unit, 0) + 1
            if ldtt and initiative and rng.random() < 0.7:
                award_rows.append(
                    (
                        next_id("award"),
                        person,
                        None,
                        "cstd_co_so",
                        year,
                        decision,
                        decided,
                        _ISSUER,
                        unit,
                        AwardStatus.GRANTED,
                    )
                )
                cstd_streak[person] += 1
                if cstd_streak[person] >= 3 and rng.random() < 0.1:
                    award_rows.append(
                        (
                            next_id("award"),
                            person,
                            None,
                            "cstd_cap_tinh",
                            year,
                            decision,
                            decided,
                            _ISSUER,
                            unit,
                            AwardStatus.GRANTED,
                        )
                    )
            else:
                cstd_streak[person] = 0
            if len(years_rows) >= FLUSH:  # a national register does not fit in memory twice
                year_writer.write(years_rows)
                award_writer.write(award_rows)
                years_rows, award_rows = [], []
        unit_rows = []
        for unit_id in leaves:
            draw = rng.random()
            grade = Grade.EXCELLENT if draw < 0.2 else Grade.GOOD if draw < 0.9 else Grade.PASS
            unit_rows.append((next_id("unit_year"), unit_id, year, grade))
            if grade != Grade.PASS and ldtt_by_unit.get(unit_id, 0) and rng.random() < 0.6:
                code = (
                    "tap_the_ldxs" if grade == Grade.EXCELLENT and draw < 0.05 else "tap_the_ldtt"
                )
                award_rows.append(
                    (
                        next_id("award"),
                        None,
                        unit_id,
                        code,
                        year,
                        decision,
                        decided,
                        _ISSUER,
                        unit_id,
                        AwardStatus.GRANTED,
                    )
                )
        year_writer.write(years_rows)
        discipline_writer.write(discipline_rows)
        contribution_writer.write(contribution_rows)
        award_writer.write(award_rows)
        unit_year_writer.write(unit_rows)

    writers = {
        "units": unit_writer,
        "people": person_writer,
        "service periods": period_writer,
        "yearly records": year_writer,
        "disciplinary actions": discipline_writer,
        "contributions": contribution_writer,
        "awards": award_writer,
        "unit yearly records": unit_year_writer,
    }
    with connection.cursor() as cursor:
        models_written = [writer.model for writer in writers.values()]
        for sql in connection.ops.sequence_reset_sql(no_style(), models_written):
            cursor.execute(sql)
        cursor.execute("ANALYZE")
    summary.rows = {name: writer.count for name, writer in writers.items()}
    summary.seconds = time.perf_counter() - started
    return summary
