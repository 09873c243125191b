"""Report benchmark: a generated province (default 5,000 units, 200,000 people, 10 years of
awards; TDKT_BENCH_UNITS, TDKT_BENCH_PEOPLE, TDKT_BENCH_YEARS) in a throw-away database, then
the year report timed against the simplest count of the register:

    SELECT award_code, count(*) FROM awards_awardrecord WHERE year = ? GROUP BY award_code

Target: the year report under 2 s on SQLite and on PostgreSQL (when TDKT_DATABASE_URL names a
PostgreSQL server, a fresh database is created on it and dropped afterwards). Each database
runs in a child process. Rows are written with the importer's set-based writer (executemany on
SQLite, COPY on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tdkt.bench import register

DEFAULT_UNITS = 5_000
DEFAULT_PEOPLE = 200_000
DEFAULT_YEARS = 10
LAST_YEAR = 2024
BATCH = 20_000
REPEAT = 3

# Shares of people (or units) receiving each award in a year.
INDIVIDUAL_SHARES = [
    ("lao_dong_tien_tien", 0.30, 390_000),
    ("cstd_co_so", 0.04, 1_170_000),
    ("giay_khen_ct_huyen", 0.02, 390_000),
    ("htxs_nhiem_vu", 0.01, None),
    ("bang_khen_tinh", 0.002, 1_170_000),
    ("cstd_cap_tinh", 0.0005, 3_510_000),
]
COLLECTIVE_SHARES = [
    ("tap_the_ldtt", 0.40, 1_040_000),
    ("giay_khen_ct_huyen", 0.05, 780_000),
    ("don_vi_tieu_bieu", 0.02, None),
    ("bang_khen_tinh", 0.01, 2_340_000),
]


@dataclass
class UnitRow:
    id: int
    parent: int | None
    kind: str
    sector: str
    name: str
    path: str = ""
    depth: int = 0


def _tree(count: int, reserve: Callable[[int], list[int]]) -> list[UnitRow]:
    """A province: departments with divisions, districts with wards (and their neighbourhoods),
    offices, schools, associations and enterprises, about `count` units in all."""
    per_district = 15 + 12 + 20 + 5 + 18 + 15 * 6  # wards, offices, schools, assoc., firms, tdp
    districts = max(1, (count - 1 - 40 * 4) // per_district)
    specs: list[tuple[int | None, str, str, str]] = [(None, "province", "state", "Tỉnh Thử Nghiệm")]

    def add(parent: int, kind: str, name: str, sector: str = "state") -> int:
        specs.append((parent, kind, sector, name))
        return len(specs) - 1

    for d in range(1, 41):
        department = add(0, "department", f"Sở thử nghiệm số {d}")
        for n in range(1, 4):
            add(department, "division", f"Phòng {n} – Sở số {d}")
    for d in range(1, districts + 1):
        district = add(0, "district", f"Huyện Thử Nghiệm {d}")
        for w in range(1, 16):
            ward = add(district, "ward", f"Xã {w} huyện {d}")
            for t in range(1, 7):
                add(ward, "neighbourhood", f"Thôn {t} xã {w} huyện {d}")
        for n in range(1, 13):
            add(district, "department", f"Phòng chuyên môn {n} huyện {d}")
        for n in range(1, 21):
            add(district, "public_service", f"Trường học {n} huyện {d}")
        for n in range(1, 6):
            add(district, "association", f"Hội {n} huyện {d}")
        for n in range(1, 19):
            add(district, "enterprise", f"Công ty TNHH Thử nghiệm {n}-{d}", "non_state")
    ids = reserve(len(specs))
    units: list[UnitRow] = []
    for index, (parent, kind, sector, name) in enumerate(specs):
        unit = UnitRow(ids[index], None if parent is None else ids[parent], kind, sector, name)
        if parent is None:
            unit.path, unit.depth = f"{unit.id:06d}.", 0
        else:
            above = units[parent]
            unit.path, unit.depth = f"{above.path}{unit.id:06d}.", above.depth + 1
        units.append(unit)
    return units


@lru_cache(maxsize=100_000)
def _name_keys(full_name: str) -> tuple[str, str, str, str, str]:
    from tdkt.common.text import fold, name_sort_key, split_name

    family, middle, given = split_name(full_name)
    return family, middle, given, name_sort_key(full_name), fold(full_name)


def _child(database_url: str, data_dir: str) -> dict[str, Any]:
    """In a fresh process: migrate a fresh database, generate the province, time the reports."""
    os.environ["TDKT_DATA_DIR"] = data_dir
    if database_url:
        os.environ["TDKT_DATABASE_URL"] = database_url
    else:
        os.environ.pop("TDKT_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tdkt.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)
    started = time.perf_counter()
    counts = generate(
        int(os.environ.get("TDKT_BENCH_UNITS", DEFAULT_UNITS)),
        int(os.environ.get("TDKT_BENCH_PEOPLE", DEFAULT_PEOPLE)),
        int(os.environ.get("TDKT_BENCH_YEARS", DEFAULT_YEARS)),
    )
    counts["generate_seconds"] = time.perf_counter() - started
    counts.update(measure())
    return counts


def generate(unit_count: int, people: int, years: int, seed: int = 2024) -> dict[str, Any]:
    from django.db import connection, transaction

    from tdkt.awards.models import AwardRecord
    from tdkt.bench.imports import _FAMILY, _GIVEN, _MIDDLE
    from tdkt.common.text import collation_key, fold
    from tdkt.imports.writer import insert_rows, reserve_ids
    from tdkt.organisations.models import Unit
    from tdkt.people.models import Person, ServicePeriod

    rng = random.Random(seed)
    families = [name for name, weight in _FAMILY for _ in range(weight)]
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    stamp = connection.ops.adapt_datetimefield_value(now)
    with transaction.atomic():
        units = _tree(unit_count, lambda n: reserve_ids(Unit, n))
        insert_rows(
            Unit,
            ["id", "code", "name", "short_name", "kind", "sector", "parent", "path", "depth",
             "address", "note", "has_legal_status", "sort_key", "search_key"],
            [(u.id, f"u{u.id}", u.name, "", u.kind, u.sector, u.parent, u.path, u.depth, "", "",
              u.kind != "neighbourhood", collation_key(u.name), fold(u.name)) for u in units],
        )  # fmt: skip
        staffed = [u for u in units if u.kind not in ("neighbourhood", "province")]
        person_ids = reserve_ids(Person, people)
        person_rows: list[tuple[Any, ...]] = []
        period_rows: list[tuple[Any, ...]] = []
        placed: list[tuple[int, int, str, bool]] = []  # person, unit at the end, gender, frontline
        moved: dict[int, tuple[int, dt.date]] = {}  # person -> (earlier unit, move date)
        for pid in person_ids:
            middle = rng.choice(_MIDDLE)
            full = f"{rng.choice(families)} {middle} {rng.choice(_GIVEN)}"
            family, middle_name, given, sort_key, search_key = _name_keys(full)
            gender = "nu" if middle == "Thị" or rng.random() < 0.35 else "nam"
            recruited = dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(9000))
            born = recruited - dt.timedelta(days=9000)
            person_rows.append(
                (pid, full, family, middle_name, given, gender, born, None, recruited,
                 sort_key, search_key, stamp, stamp)
            )  # fmt: skip
            unit = rng.choice(staffed)
            category = rng.choice(["cong_chuc", "vien_chuc", "nguoi_lao_dong", "can_bo", "khac"])
            frontline = rng.random() < 0.3
            leader = rng.random() < 0.08
            if rng.random() < 0.15:  # moved in 2019
                earlier = rng.choice(staffed)
                move = dt.date(2019, 7, 1)
                left = move - dt.timedelta(days=1)
                period_rows.append(
                    (pid, earlier.id, "Chuyên viên", category, False, False, recruited, left)
                )
                moved[pid] = (earlier.id, move)
                start = max(move, recruited)
            else:
                start = recruited
            period_rows.append(
                (pid, unit.id, "Chuyên viên", category, frontline, leader, start, None)
            )
            placed.append((pid, unit.id, gender, frontline))
        names = ["id", "full_name", "family_name", "middle_name", "given_name", "gender",
                 "birth_date", "citizen_id", "recruited_on", "sort_key", "search_key",
                 "created_at", "updated_at"]  # fmt: skip
        for first in range(0, len(person_rows), BATCH):
            insert_rows(Person, names, person_rows[first : first + BATCH])
        names = [
            "person",
            "unit",
            "position",
            "category",
            "is_frontline",
            "is_leader",
            "start_on",
            "end_on",
        ]
        for first in range(0, len(period_rows), BATCH):
            insert_rows(ServicePeriod, names, period_rows[first : first + BATCH])
        award_names = ["person", "unit", "award_code", "year", "method", "decision_number",
                       "decision_date", "issuer", "register_number", "achievement", "amount_vnd",
                       "unit_at_award", "status", "revoked_by_number", "revoked_on",
                       "revocation_reason", "source", "created_at"]  # fmt: skip
        awards = 0
        for chunk in _awards(rng, placed, moved, staffed, years, stamp):
            awards += insert_rows(AwardRecord, award_names, chunk)
    # Planner statistics, as a server has them after its routine maintenance (PostgreSQL's
    # autovacuum; `tdkt dbshell` then ANALYZE on SQLite).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "units": len(units),
        "people": people,
        "service_periods": len(period_rows),
        "awards": awards,
    }


def _awards(
    rng: random.Random,
    placed: list[tuple[int, int, str, bool]],
    moved: dict[int, tuple[int, dt.date]],
    staffed: list[UnitRow],
    years: int,
    stamp: Any,
) -> Iterator[list[tuple[Any, ...]]]:
    rows: list[tuple[Any, ...]] = []
    for year in range(LAST_YEAR - years + 1, LAST_YEAR + 1):
        decided = dt.date(year + 1, 1, 15)
        for number, (code, share, amount) in enumerate(INDIVIDUAL_SHARES, start=1):
            for pid, unit_id, _gender, _frontline in rng.sample(placed, int(len(placed) * share)):
                earlier = moved.get(pid)
                at = earlier[0] if earlier and decided < earlier[1] else unit_id
                known = rng.random() < 0.9  # a tenth of the register lacks the unit at the time
                revoked = rng.random() < 0.002
                rows.append(
                    (pid, None, code, year, "thuong_xuyen", f"{number}/QĐ-UBND", decided,
                     "Chủ tịch UBND tỉnh", None, "", amount, at if known else None,
                     "revoked" if revoked else "granted", "99/QĐ-UBND" if revoked else "",
                     dt.date(year + 1, 6, 1) if revoked else None, "", "imported", stamp)
                )  # fmt: skip
                if len(rows) >= BATCH:
                    yield rows
                    rows = []
        for number, (code, share, amount) in enumerate(COLLECTIVE_SHARES, start=20):
            for unit in rng.sample(staffed, int(len(staffed) * share)):
                rows.append(
                    (None, unit.id, code, year, "thuong_xuyen", f"{number}/QĐ-UBND", decided,
                     "Chủ tịch UBND tỉnh", None, "", amount, unit.id, "granted", "", None, "",
                     "imported", stamp)
                )  # fmt: skip
    if rows:
        yield rows


def _best(function: Callable[[], Any]) -> tuple[float, float, float]:
    """(first run, best of REPEAT runs, CPU time of this process in the best run) in seconds.
    On SQLite all the work is this process's CPU time, whatever else the machine is doing."""
    runs = []
    for _ in range(REPEAT):
        cpu, started = time.process_time(), time.perf_counter()
        function()
        runs.append((time.perf_counter() - started, time.process_time() - cpu))
    return runs[0][0], min(runs)[0], min(runs)[1]


def measure() -> dict[str, Any]:
    from tdkt.awards.models import AwardRecord
    from tdkt.organisations.models import Unit
    from tdkt.reports.queries import Selection, baseline_seconds, year_figures, year_series
    from tdkt.reports.register import due_for_higher
    from tdkt.reports.series_cache import cached_year_series
    from tdkt.reports.statforms import fill_forms

    decade = list(range(LAST_YEAR - 9, LAST_YEAR + 1))

    province = Unit.objects.get(parent__isnull=True)
    district = Unit.objects.filter(kind="district").order_by("id").first()
    baseline = min(baseline_seconds(LAST_YEAR) for _ in range(REPEAT))
    figures = year_figures(Selection(unit=province), LAST_YEAR)
    results: dict[str, Any] = {
        "baseline": baseline,
        "year_awards": figures.total(),
        "year_report_province": _best(lambda: year_figures(Selection(unit=province), LAST_YEAR)),
        "year_report_register": _best(lambda: year_figures(Selection(), LAST_YEAR)),
        "year_report_district": _best(lambda: year_figures(Selection(unit=district), LAST_YEAR)),
        "forms_0601_0605": _best(lambda: fill_forms(Selection(unit=province), LAST_YEAR)),
        "due_for_higher": _best(lambda: due_for_higher(Selection(unit=province), LAST_YEAR)),
        "dashboard_series_10_years": _best(lambda: year_series(Selection(unit=province), decade)),
    }
    # The dashboard keeps each year's series until its data changes (reports.series_cache).
    cached_year_series(Selection(unit=province), decade)
    results["dashboard_cached_unchanged"] = _best(
        lambda: cached_year_series(Selection(unit=province), decade)
    )
    # One more award of the last year: that year alone is counted again.
    award = AwardRecord.objects.filter(year=LAST_YEAR, person__isnull=False).first()
    assert award is not None
    award.pk = None
    award.decision_number = "1/QĐ-BENCH"
    award.save()
    started, cpu = time.perf_counter(), time.process_time()
    cached_year_series(Selection(unit=province), decade)
    seconds = time.perf_counter() - started
    results["dashboard_cached_one_year_changed"] = (seconds, seconds, time.process_time() - cpu)
    return results


def _run_child(database_url: str = "") -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tdkt-bench-reports-") as data_dir:
        command = [sys.executable, "-m", "tdkt.bench.reports", "--child", data_dir, database_url]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _postgres(server_url: str) -> dict[str, Any]:
    import psycopg

    name = f"tdkt_bench_reports_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        parts = urllib.parse.urlsplit(server_url)
        return _run_child(urllib.parse.urlunsplit(parts._replace(path=f"/{name}")))
    finally:
        with psycopg.connect(server_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


@register("reports")
def run() -> None:
    targets = [("SQLite", "")]
    server = os.environ.get("TDKT_DATABASE_URL", "")
    if server.startswith(("postgres://", "postgresql://")):
        targets.append(("PostgreSQL", server))
    for label, url in targets:
        report = _postgres(url) if url else _run_child()
        baseline = report["baseline"]
        print(
            f"  {label}: {report['units']:,} units, {report['people']:,} people,"
            f" {report['service_periods']:,} service periods, {report['awards']:,} awards"
            f" (generated in {report['generate_seconds']:.0f} s);"
            f" {LAST_YEAR}: {report['year_awards']:,} granted awards"
        )
        print(f"    {'baseline GROUP BY award_code':<34} {baseline:8.3f} s")
        for key in (
            "year_report_province", "year_report_register", "year_report_district",
            "forms_0601_0605", "due_for_higher", "dashboard_series_10_years",
            "dashboard_cached_unchanged", "dashboard_cached_one_year_changed",
        ):  # fmt: skip
            first, best, cpu = report[key]
            own = f", CPU {cpu:.3f} s" if not url else ""
            print(
                f"    {key.replace('_', ' '):<34} {best:8.3f} s (first {first:.3f} s{own})"
                f" {best / baseline:8.1f}x baseline"
            )
        verdict = "under" if report["year_report_province"][1] < 2 else "OVER"
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"    year report {verdict} the 2 s target (load average {load:.1f})")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        print(json.dumps(_child(sys.argv[3] if len(sys.argv) > 3 else "", sys.argv[2])))
    else:
        run()
