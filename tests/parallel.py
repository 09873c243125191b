"""Run worker processes against the test database at the same moment.

On SQLite the test database lives in memory, so it is copied to a file the workers can open;
on PostgreSQL they use the test database itself. Each worker touches `ready-<n>` in the folder
and waits for `go`, so all of them start their critical step together.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.db import connection

PRELUDE = textwrap.dedent(
    """
    import json, os, sys, time
    from pathlib import Path
    import django
    django.setup()
    folder = Path(sys.argv[1])
    index = sys.argv[2]

    def wait_for_start():
        (folder / f"ready-{index}").touch()
        while not (folder / "go").exists():
            time.sleep(0.005)
    """
)


def database_url(folder: Path) -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        target = folder / "copy.sqlite3"
        with sqlite3.connect(target) as copy:
            connection.ensure_connection()
            connection.connection.backup(copy)
        # Switch the copy to WAL here, once: workers that all open a rollback-journal file at
        # the same moment race to switch it themselves, and the loser gets "database is locked"
        # from the switch (which does not wait on the busy timeout). A deployed database is
        # switched by `migrate`, before any worker starts.
        copy = sqlite3.connect(target)
        try:
            (mode,) = copy.execute("PRAGMA journal_mode=WAL").fetchone()
        finally:
            copy.close()
        assert mode == "wal", mode
        return f"sqlite:///{target}"
    user = quote(settings["USER"] or "")
    password = f":{quote(settings['PASSWORD'])}" if settings.get("PASSWORD") else ""
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    if url.startswith("sqlite:///"):
        db = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            return [tuple(row) for row in db.execute(sql).fetchall()]
        finally:
            db.close()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [tuple(row) for row in cursor.fetchall()]


def count(url: str, sql: str) -> int:
    return int(rows(url, sql)[0][0])


def run_at_once(
    script: str, folder: Path, url: str, *, workers: int, extra: list[str] | None = None
) -> list[Any]:
    """Start `workers` copies of `script`, release them together, return what each printed
    last (as JSON). `script` gets the folder, its index and `extra` as arguments."""
    env = {
        **os.environ,
        "TDKT_DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "tdkt.test_settings"),
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(folder), str(index), *(extra or [])],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for index in range(workers)
    ]
    try:
        deadline = time.monotonic() + 90
        while len(list(folder.glob("ready-*"))) < workers:
            assert time.monotonic() < deadline, "workers did not start"
            assert all(p.poll() is None for p in processes), [p.communicate() for p in processes]
            time.sleep(0.05)
        (folder / "go").touch()
        outputs = [p.communicate(timeout=120) for p in processes]
    finally:
        # A failed or stuck run leaves no worker holding a database connection (PostgreSQL's
        # test database could not be dropped).
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert [p.returncode for p in processes] == [0] * workers, outputs
    return [json.loads(out.strip().splitlines()[-1]) for out, _err in outputs]
