"""Two decisions signed at the same moment never share a number.

Separate processes sign drafts of the same issuer at once, released together by a start file:
on SQLite against a file copy of the test database (its writers queue for the database), on
PostgreSQL against the test database itself (the counter row is locked, the unique constraint
backs it). On PostgreSQL, threads of one process do it too.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, connections  # noqa: F401 (used by the skipif string)

from tdkt.awards.models import AwardRecord
from tdkt.decisions import services
from tdkt.decisions.models import Decision, NumberCounter
from tdkt.decisions.services import LineInput
from tests.parallel import database_url

pytestmark = pytest.mark.django_db(transaction=True)
WORKERS = 5

WORKER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    import django
    django.setup()
    from tdkt.accounts.models import User
    from tdkt.decisions.models import Decision
    from tdkt.decisions.services import sign_decision

    folder = Path(sys.argv[2])
    decision = Decision.objects.select_related("issuer").get(pk=int(sys.argv[1]))
    signer = User.objects.get(username="chutich")
    (folder / f"ready-{sys.argv[1]}").touch()
    while not (folder / "go").exists():
        time.sleep(0.005)
    signed = sign_decision(decision, actor=signer)
    print(signed.number)
    """
)


def _drafts(tree, secretariat_user, person_factory, count: int) -> list[Decision]:  # type: ignore[no-untyped-def]
    drafts = []
    for index in range(count):
        person = person_factory(f"Nguyễn Văn Số {index}", tree.ward_a)
        drafts.append(
            services.draft_decision(
                issuer=tree.district,
                award_code="lao_dong_tien_tien",
                year=2017,
                decision_date=dt.date(2018, 1, 16),
                signer_name="Huỳnh Đức Thịnh",
                signer_title="CHỦ TỊCH",
                lines=[LineInput(person=person)],
                actor=secretariat_user,
            )
        )
    return drafts


def _numbers_on(url: str) -> list[int | None]:
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            rows = db.execute("SELECT number FROM decisions_decision ORDER BY id").fetchall()
        return [row[0] for row in rows]
    return list(Decision.objects.order_by("id").values_list("number", flat=True))


def test_processes_signing_at_once_get_distinct_numbers(
    tree, secretariat_user, signer, person_factory
):
    drafts = _drafts(tree, secretariat_user, person_factory, WORKERS)
    with tempfile.TemporaryDirectory(prefix="tdkt-numbering-") as tmp:
        folder = Path(tmp)
        url = database_url(folder)
        env = {
            **os.environ,
            "TDKT_DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "tdkt.test_settings"
            ),
        }
        processes = [
            subprocess.Popen(
                [sys.executable, "-c", WORKER, str(d.pk), tmp],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for d in drafts
        ]
        deadline = time.monotonic() + 60
        while len(list(folder.glob("ready-*"))) < WORKERS:
            assert time.monotonic() < deadline, "workers did not start"
            assert all(p.poll() is None for p in processes), [p.communicate() for p in processes]
            time.sleep(0.05)
        (folder / "go").touch()
        outputs = [p.communicate(timeout=120) for p in processes]
        assert [p.returncode for p in processes] == [0] * WORKERS, outputs
        printed = sorted(int(out.strip()) for out, _err in outputs)
        stored = _numbers_on(url)

    assert printed == list(range(1, WORKERS + 1))
    assert sorted(stored) == list(range(1, WORKERS + 1))  # type: ignore[type-var]


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="threads share SQLite's memory db")
def test_threads_signing_at_once_get_distinct_numbers(
    tree, secretariat_user, signer, person_factory
):
    drafts = _drafts(tree, secretariat_user, person_factory, WORKERS)
    barrier = threading.Barrier(WORKERS)
    results: dict[int, int] = {}
    errors: list[BaseException] = []

    def sign(decision: Decision) -> None:
        try:
            barrier.wait(timeout=30)
            results[decision.pk] = services.sign_decision(decision, actor=signer).number  # type: ignore[assignment]
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(results.values()) == list(range(1, WORKERS + 1))
    assert NumberCounter.objects.get(issuer=tree.district, year=2018).last_number == WORKERS
    assert (
        AwardRecord.objects.filter(decision_number__endswith="/QĐ-UBND", year=2017).count()
        == WORKERS
    )
