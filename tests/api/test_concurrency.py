"""Many requests at once: token creation stays under the per-user limit, the login lockout
counts every failure, and two API clients recording the same person's year get one record and
one clear refusal (never a server error).

Separate processes are released together by a start file: on SQLite against a file copy of the
test database (its writers queue), on PostgreSQL against the test database itself.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connection

from tdkt.api.services import MAX_ACTIVE_TOKENS, create_token
from tdkt.common.security import note_login_failure

pytestmark = pytest.mark.django_db(transaction=True)
WORKERS = 4

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

TOKEN_WORKER = PRELUDE + textwrap.dedent(
    """
    from tdkt.accounts.models import User
    from tdkt.api.services import TokenError, create_token
    user = User.objects.get(username="canbo_a")
    wait_for_start()
    try:
        create_token(user, name=f"worker {index}", write=False)
        print(json.dumps("made"))
    except TokenError:
        print(json.dumps("refused"))
    """
)

LOCKOUT_WORKER = PRELUDE + textwrap.dedent(
    """
    from tdkt.common.security import note_login_failure
    wait_for_start()
    note_login_failure("canbo_a", "10.0.0.7")
    print(json.dumps("noted"))
    """
)

YEAR_WORKER = PRELUDE + textwrap.dedent(
    """
    from rest_framework.test import APIClient
    person, key = int(sys.argv[3]), sys.argv[4]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    wait_for_start()
    response = client.post(
        "/api/v1/year-records/",
        {"person": person, "year": 2024, "grade": "hoan_thanh_tot"},
        format="json",
    )
    print(json.dumps(response.status_code))
    """
)


def _database_url(folder: Path) -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        target = folder / "copy.sqlite3"
        with sqlite3.connect(target) as copy:
            connection.ensure_connection()
            connection.connection.backup(copy)
        return f"sqlite:///{target}"
    user = quote(settings["USER"] or "")
    password = f":{quote(settings['PASSWORD'])}" if settings.get("PASSWORD") else ""
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def _count(url: str, sql: str) -> int:
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return int(db.execute(sql).fetchone()[0])
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return int(cursor.fetchone()[0])


def _run_at_once(script: str, extra: list[str], folder: Path, url: str) -> list[Any]:
    env = {
        **os.environ,
        "TDKT_DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "tdkt.test_settings"),
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(folder), str(index), *extra],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for index in range(WORKERS)
    ]
    deadline = time.monotonic() + 90
    while len(list(folder.glob("ready-*"))) < WORKERS:
        assert time.monotonic() < deadline, "workers did not start"
        assert all(p.poll() is None for p in processes), [p.communicate() for p in processes]
        time.sleep(0.05)
    (folder / "go").touch()
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0] * WORKERS, outputs
    return [json.loads(out.strip().splitlines()[-1]) for out, _err in outputs]


def test_tokens_made_at_once_never_exceed_the_limit(unit_officer):
    for number in range(MAX_ACTIVE_TOKENS - 2):
        create_token(unit_officer, name=f"old {number}", write=False)
    with tempfile.TemporaryDirectory(prefix="tdkt-tokens-") as tmp:
        url = _database_url(Path(tmp))

        results = _run_at_once(TOKEN_WORKER, [], Path(tmp), url)
        stored = _count(url, "SELECT COUNT(*) FROM api_apitoken WHERE revoked_at IS NULL")

    assert sorted(results) == ["made", "made"] + ["refused"] * (WORKERS - 2)
    assert stored == MAX_ACTIVE_TOKENS


def test_failed_logins_at_once_are_all_counted(unit_officer):
    note_login_failure("canbo_a", "10.0.0.7")
    note_login_failure("canbo_a", "10.0.0.7")
    with tempfile.TemporaryDirectory(prefix="tdkt-lockout-") as tmp:
        url = _database_url(Path(tmp))

        results = _run_at_once(LOCKOUT_WORKER, [], Path(tmp), url)
        failures = _count(
            url, "SELECT COUNT(*) FROM common_auditentry WHERE action = 'accounts.login.failed'"
        )
        locks = _count(
            url, "SELECT COUNT(*) FROM common_auditentry WHERE action = 'accounts.login.locked'"
        )

    assert results == ["noted"] * WORKERS
    assert failures == WORKERS + 2
    # A failure that finds five or more on record notes the lock: at least the last two.
    assert 2 <= locks <= WORKERS


def test_same_year_recorded_at_once_through_the_api_is_stored_once(tree, unit_officer):
    _token, key = create_token(unit_officer, name="parallel", write=True)
    with tempfile.TemporaryDirectory(prefix="tdkt-years-") as tmp:
        url = _database_url(Path(tmp))

        statuses = _run_at_once(YEAR_WORKER, [str(tree.anh.pk), key], Path(tmp), url)
        stored = _count(
            url, f"SELECT COUNT(*) FROM people_yearrecord WHERE person_id = {tree.anh.pk}"
        )
        audited = _count(
            url,
            "SELECT COUNT(*) FROM common_auditentry WHERE action = 'people.yearrecord.created'",
        )

    assert sorted(statuses) == [201] + [400] * (WORKERS - 1)
    assert stored == 1
    assert audited == 1
