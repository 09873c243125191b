"""Load benchmark: 50 simulated officers for 60 s against gunicorn (4 workers) on PostgreSQL.

`python -m tdkt.bench load` (also part of `make bench`):
1. creates a throw-away PostgreSQL database (tdkt_load, on TDKT_BENCH_PG_URL, default
   postgres://postgres@127.0.0.1:5432/postgres), migrates it and loads the Cẩm Lệ demo;
2. makes a write token for the secretariat and starts gunicorn with 4 workers on a free
   loopback port;
3. runs locust headless (tdkt/bench/_locustfile.py): page reads (people list and search, a
   person's page, the register), API reads, and API writes of yearly records;
4. reports throughput, p50/p95/p99 and errors, overall and per request kind, against the
   target (p95 under 300 ms, no errors); then stops gunicorn and drops the database.

Every request goes to 127.0.0.1; the run stops by itself after TDKT_LOAD_SECONDS (60).
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from tdkt.bench import register

USERS = int(os.environ.get("TDKT_LOAD_USERS", "50"))
SECONDS = int(os.environ.get("TDKT_LOAD_SECONDS", "60"))
WORKERS = int(os.environ.get("TDKT_LOAD_WORKERS", "4"))
TARGET_P95_MS = 300
DATABASE = "tdkt_load"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def _psql(admin_url: str, sql: str) -> None:
    subprocess.run(["psql", admin_url, "-qc", sql], check=True, capture_output=True)


def _wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer on {url}")


def _read_stats(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _ms(row: dict[str, str], column: str) -> float:
    value = row.get(column) or "0"
    return float(value) if value != "N/A" else 0.0


def _report(rows: list[dict[str, str]], load_average: float) -> bool:
    total = next(row for row in rows if row["Name"] == "Aggregated")
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    p50, p95, p99 = _ms(total, "50%"), _ms(total, "95%"), _ms(total, "99%")
    print(
        f"load: {USERS} users (2-8 s between clicks), {SECONDS} s, gunicorn {WORKERS} workers,"
        f" PostgreSQL, demo data (Cẩm Lệ: 101 units, ~1,500 people); machine load average"
        f" {load_average:.1f} before the run"
    )
    print(
        f"  throughput {float(total['Requests/s']):.1f} req/s, {requests} requests,"
        f" {failures} errors; p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms"
    )
    for row in sorted(rows, key=lambda r: r["Name"]):
        if row["Name"] == "Aggregated":
            continue
        print(
            f"  {row['Type']:6} {row['Name']:24} {int(row['Request Count']):6} req"
            f" {int(row['Failure Count']):4} err  p50 {_ms(row, '50%'):5.0f}"
            f"  p95 {_ms(row, '95%'):5.0f}  p99 {_ms(row, '99%'):5.0f} ms"
        )
    ok = failures == 0 and p95 < TARGET_P95_MS
    verdict = "met" if ok else "NOT met"
    print(f"  target p95 < {TARGET_P95_MS} ms and no errors: {verdict}")
    return ok


def run_load() -> bool:
    admin_url = os.environ.get("TDKT_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    database_url = f"{admin_url.rsplit('/', 1)[0]}/{DATABASE}"
    work = Path(tempfile.mkdtemp(prefix="tdkt-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tdkt.settings",
        "TDKT_DATABASE_URL": database_url,
        "TDKT_DATA_DIR": str(work),
        "TDKT_SECRET_KEY": "load-benchmark-only-" + os.urandom(16).hex(),
        "TDKT_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TDKT_DB_CONN_MAX_AGE": "60",
        "TDKT_LOG_LEVEL": "WARNING",
    }
    tdkt = [sys.executable, "-m", "tdkt"]
    gunicorn = None
    load_average = 0.0
    try:
        _psql(admin_url, f"DROP DATABASE IF EXISTS {DATABASE}")
        _psql(admin_url, f"CREATE DATABASE {DATABASE}")
        started = time.perf_counter()
        subprocess.run([*tdkt, "migrate", "--noinput", "-v0"], env=env, check=True)
        subprocess.run(
            [*tdkt, "demo", "load", "--reset"], env=env, check=True, stdout=subprocess.DEVNULL
        )
        print(f"  (database ready in {time.perf_counter() - started:.0f} s)", flush=True)
        token = subprocess.run(
            [*tdkt, "api_token", "thuky", "--write", "--name", "load", "--days", "1"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        port = _free_port()
        host = f"http://127.0.0.1:{port}"
        gunicorn = subprocess.Popen(
            [
                _bin("gunicorn"),
                "tdkt.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(WORKERS),
                "--access-logfile",
                "/dev/null",
                "--error-logfile",
                str(work / "gunicorn.log"),
            ],
            env=env,
        )
        _wait_until_up(f"{host}/accounts/login/")
        load_average = os.getloadavg()[0]  # other work on the machine skews the figures
        locustfile = Path(__file__).with_name("_locustfile.py")
        prefix = work / "stats"
        subprocess.run(
            [
                _bin("locust"),
                "-f",
                str(locustfile),
                "--headless",
                "--users",
                str(USERS),
                "--spawn-rate",
                str(max(1, USERS // 5)),
                "--run-time",
                f"{SECONDS}s",
                "--stop-timeout",
                "10",
                "--host",
                host,
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env={**env, "TDKT_LOAD_TOKEN": token},
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=(work / "locust.log").open("w"),
            timeout=SECONDS + 120,
        )
        return _report(_read_stats(Path(f"{prefix}_stats.csv")), load_average)
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        try:
            _psql(admin_url, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        except subprocess.CalledProcessError as exc:
            print(f"  (could not drop {DATABASE}: {exc.stderr!r})")
        shutil.rmtree(work, ignore_errors=True)


@register("load")
def load() -> None:
    if shutil.which("psql") is None:
        print("load: skipped (needs PostgreSQL and its client tools)")
        return
    run_load()
