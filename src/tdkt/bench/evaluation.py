"""Whole-year evaluation benchmark: a province of 200,000 people (TDKT_BENCH_PEOPLE) and 5,000
units (TDKT_BENCH_UNITS, default people / 40) with ten years of history and awards.

For each database (SQLite in a temporary folder; PostgreSQL too when TDKT_DATABASE_URL is set, in
a database created for the run and dropped after it):
1. a child process migrates it and generates the province (tdkt.bench.province);
2. a fresh child process measures
   - the floor: one hand-written SQL query computing only the advanced-worker and
     grassroots-fighter conditions (r2017) for every person of the year, all rows fetched;
   - the whole-year evaluation of every yearly title (tdkt.rules.evaluation.evaluate_year);
   - storing its verdicts as a run;
   and reports its own peak memory (ru_maxrss).
Targets: evaluation under 5 s on both databases at 200,000 people, under 1 GiB peak memory,
at most 3x the floor; 2,000,000 people under 60 s on PostgreSQL
(TDKT_BENCH_PEOPLE=2000000 TDKT_BENCH_TARGETS=postgresql). Storing is measured up to 500,000
people (TDKT_BENCH_STORE=1 forces it, 0 skips it).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.parse
from typing import Any

from tdkt.bench import register

TARGET_SECONDS = 5.0
NATIONAL_SECONDS = 60.0
TARGET_RATIO = 3.0
TARGET_RSS_MB = 1024


def floor_sql(year: int) -> tuple[str, list[Any]]:
    """LĐTT and CSTĐ cơ sở under r2017, hand-written: grade at least good, 10 months of service
    by 31 December (recruited on or before 1 March), no discipline, no long training; CSTĐ cơ sở
    adds an initiative or research recognised at grassroots level or above in the year."""
    import datetime as dt

    sql = (
        "SELECT yr.person_id,"
        " CASE WHEN yr.grade IN (%s, %s) AND p.recruited_on <= %s AND d.person_id IS NULL"
        "  AND yr.leave_kind <> %s THEN 1 ELSE 0 END AS ldtt,"
        " CASE WHEN yr.grade IN (%s, %s) AND p.recruited_on <= %s AND d.person_id IS NULL"
        "  AND yr.leave_kind <> %s AND c.person_id IS NOT NULL THEN 1 ELSE 0 END AS cstd"
        " FROM people_yearrecord yr JOIN people_person p ON p.id = yr.person_id"
        " LEFT JOIN (SELECT DISTINCT person_id FROM people_disciplinaryaction WHERE year = %s) d"
        "  ON d.person_id = yr.person_id"
        " LEFT JOIN (SELECT DISTINCT person_id FROM people_contribution WHERE year = %s) c"
        "  ON c.person_id = yr.person_id"
        " WHERE yr.year = %s"
    )
    conditions = [
        "hoan_thanh_tot",
        "hoan_thanh_xuat_sac",
        dt.date(year, 3, 1),
        "training_1_year_plus",
    ]
    return sql, [*conditions, *conditions, year, year, year]


def _best(function: Any, repeats: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def _setup(database_url: str, data_dir: str) -> None:
    os.environ["TDKT_DATA_DIR"] = data_dir
    if database_url:
        os.environ["TDKT_DATABASE_URL"] = database_url
    else:
        os.environ.pop("TDKT_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tdkt.settings"
    import django

    django.setup()


def _generate(database_url: str, data_dir: str, people: int, units: int) -> dict[str, Any]:
    _setup(database_url, data_dir)
    from django.core.management import call_command

    from tdkt.bench.province import build_province

    call_command("migrate", verbosity=0, skip_checks=True)
    summary = build_province(people, units)
    return {"summary": str(summary), "year": summary.last_year}


def _measure(database_url: str, data_dir: str, year: int, repeats: int) -> dict[str, Any]:
    _setup(database_url, data_dir)
    from django.db import connection, transaction

    from tdkt.rules.evaluation import evaluate_year, store
    from tdkt.rules.evaluation.columns import WORK_MEM

    sql, params = floor_sql(year)

    def floor() -> int:
        # The same server memory per sort as the evaluation's reads get, for a fair ratio.
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
            cursor.execute(sql, params)
            return len(cursor.fetchall())

    floor_seconds, floor_rows = _best(floor, repeats)
    evaluation_seconds, result = _best(lambda: evaluate_year(year), repeats)
    rss_evaluation = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    verdicts = 0
    if (
        os.environ.get("TDKT_BENCH_STORE", "1" if len(result.facts.people) <= 500_000 else "0")
        == "1"
    ):
        run = store(result)
        verdicts = run.verdicts.count()
    rss_store = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "floor_seconds": floor_seconds,
        "floor_rows": floor_rows,
        "seconds": evaluation_seconds,
        "timings": result.timings,
        "people": len(result.facts.people),
        "units": len(result.facts.units),
        "regime": result.regime.id,
        "titles": {t.award: [t.eligible_count, len(t.subjects)] for t in result.titles},
        "store_seconds": result.timings.get("store", 0.0),
        "verdicts": verdicts,
        "rss_evaluation_mb": rss_evaluation,
        "rss_store_mb": rss_store,
    }


def _child(*args: str) -> dict[str, Any]:
    command = [sys.executable, "-m", "tdkt.bench.evaluation", "--child", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _with_database(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def _one(label: str, server_url: str, people: int, units: int) -> None:
    import psycopg

    repeats = 3 if people <= 500_000 else 1
    with tempfile.TemporaryDirectory(prefix="tdkt-bench-eval-") as data_dir:
        name = f"tdkt_bench_evaluation_{os.getpid()}"
        url = ""
        if server_url:
            url = _with_database(server_url, name)
            with psycopg.connect(server_url, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
                connection.execute(f'CREATE DATABASE "{name}"')
        try:
            started = time.perf_counter()
            generated = _child("generate", url, data_dir, str(people), str(units))
            print(f"  {label}: generated {generated['summary']}", flush=True)
            print(f"    (generation {time.perf_counter() - started:.1f} s)", flush=True)
            report = _child("measure", url, data_dir, str(generated["year"]), str(repeats))
        finally:
            if server_url:
                with psycopg.connect(server_url, autocommit=True) as connection:
                    connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
    _print(label, report)


def _print(label: str, report: dict[str, Any]) -> None:
    seconds = report["seconds"]
    ratio = seconds / report["floor_seconds"]
    people = report["people"]
    phases = ", ".join(
        f"{k} {v:.2f} s" for k, v in report["timings"].items() if k in ("facts", "judge")
    )
    national = people > 500_000  # the national register: 60 s on PostgreSQL, no memory target
    target = NATIONAL_SECONDS if national else TARGET_SECONDS
    within = seconds < target and (national or report["rss_evaluation_mb"] < TARGET_RSS_MB)
    ok = f"{'OK' if within else 'SLOW'}: target {target:.0f} s"
    print(
        f"  {label}: floor query {report['floor_seconds']:.2f} s ({report['floor_rows']:,} rows);"
        f" evaluation {seconds:.2f} s ({phases}) = {people / seconds:,.0f} people/s,"
        f" {ratio:.2f}x the floor; peak RSS {report['rss_evaluation_mb']:.0f} MB [{ok}]"
    )
    titles = ", ".join(f"{k} {v[0]:,}/{v[1]:,}" for k, v in report["titles"].items())
    print(f"    {report['regime']}, {people:,} people, {report['units']:,} units: {titles}")
    if report["verdicts"]:
        print(
            f"    storing {report['verdicts']:,} verdicts: {report['store_seconds']:.2f} s,"
            f" peak RSS then {report['rss_store_mb']:.0f} MB",
            flush=True,
        )


@register("evaluation")
def run() -> None:
    people = int(os.environ.get("TDKT_BENCH_PEOPLE", 200_000))
    units = int(os.environ.get("TDKT_BENCH_UNITS", max(10, people // 40)))
    server = os.environ.get("TDKT_DATABASE_URL", "")
    wanted = os.environ.get("TDKT_BENCH_TARGETS", "sqlite,postgresql").split(",")
    if "sqlite" in wanted:
        _one("SQLite", "", people, units)
    if "postgresql" in wanted and server.startswith(("postgres://", "postgresql://")):
        _one("PostgreSQL", server, people, units)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        action, url, data_dir, *rest = sys.argv[2:]
        if action == "generate":
            output = _generate(url, data_dir, int(rest[0]), int(rest[1]))
        else:
            output = _measure(url, data_dir, int(rest[0]), int(rest[1]))
        print(json.dumps(output))
    else:
        run()
