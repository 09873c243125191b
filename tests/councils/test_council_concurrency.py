"""Votes cast at the same moment from parallel threads (each with its own database connection):
every member's vote counts once, a member voting twice at once keeps one vote, and a vote
racing the closing of the session is either counted or refused, never lost in between.

On SQLite the settings open transactions IMMEDIATE, so writers queue; on PostgreSQL votes lock
the session row and closing is a compare-and-swap.

Django tests SQLite on a shared-cache in-memory database, whose table locks fail at once
("database table is locked") instead of waiting as a file database does. So on SQLite these
tests run on a file database with the production options (WAL, IMMEDIATE, busy timeout),
copied from the migrated test database once for the module and for each test."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections

from tdkt.councils import services
from tdkt.councils.enums import BallotMethod, Choice, SessionState
from tdkt.councils.models import AgendaItem, Council, CouncilSession, VoteChoice, VoteReceipt
from tdkt.councils.services import CouncilError

pytestmark = pytest.mark.django_db(transaction=True)


def _parallel(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run the jobs in threads started together; each result is a value or an exception."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(index: int, job: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = job()
        except Exception as exc:  # collected and checked by the test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@contextmanager
def _database_file(path: Path) -> Iterator[None]:
    """Point the default alias at a file database (new connections in every thread)."""
    in_memory = connections["default"]  # kept alive: closing it would drop the test database
    options = connections.settings["default"]
    name = options["NAME"]
    options["NAME"] = str(path)
    del connections["default"]
    try:
        yield
    finally:
        connections["default"].close()
        options["NAME"] = name
        connections["default"] = in_memory


@pytest.fixture(scope="module")
def _migrated_file(
    tmp_path_factory: pytest.TempPathFactory, django_db_setup: Any, django_db_blocker: Any
) -> Path | None:
    if connection.vendor != "sqlite":
        return None
    path = tmp_path_factory.mktemp("concurrency") / "template.sqlite3"
    with django_db_blocker.unblock():
        # SQLite's backup API copies the migrated (empty) test database into the file.
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
            # WAL once, before the workers: see tests/parallel.py.
            target.execute("PRAGMA journal_mode=WAL")
        finally:
            target.close()
    return path


@pytest.fixture
def _real_database(
    transactional_db: Any, _migrated_file: Path | None, tmp_path: Path
) -> Iterator[None]:
    if _migrated_file is None:
        yield
        return
    path = tmp_path / "votes.sqlite3"
    shutil.copy(_migrated_file, path)
    with _database_file(path):
        yield


@pytest.fixture
def open_session(
    _real_database: None, council: Council, appraised: Any, secretariat_user: Any
) -> CouncilSession:
    session = services.create_session(
        council,
        title="Phiên họp",
        year=2018,
        held_on=dt.date(2019, 1, 8),
        ballot_method=BallotMethod.ONLINE,
        actor=secretariat_user,
    )
    services.add_to_agenda(session, list(appraised.nominations.all()), actor=secretariat_user)
    members = services.active_members(council)
    return services.open_session(session, present=[m.pk for m in members], actor=secretariat_user)


def test_parallel_votes_all_counted(open_session: CouncilSession, council: Council) -> None:
    items = list(open_session.items.order_by("order"))
    users = [m.user for m in services.active_members(council)]

    results = _parallel(
        [
            (
                lambda user=user: services.cast_ballot(
                    open_session, user=user, choices={item.pk: Choice.AGREE for item in items}
                )
            )
            for user in users
        ]
    )

    assert results == [3] * 7
    assert VoteReceipt.objects.count() == 21
    assert VoteChoice.objects.filter(choice=Choice.AGREE).count() == 21


def test_same_member_twice_at_once_keeps_one_vote(
    open_session: CouncilSession, council: Council
) -> None:
    item = open_session.items.first()
    user = services.active_members(council)[0].user

    results = _parallel(
        [
            lambda: services.cast_ballot(open_session, user=user, choices={item.pk: Choice.AGREE}),
            lambda: services.cast_ballot(
                open_session, user=user, choices={item.pk: Choice.DISAGREE}
            ),
            lambda: services.cast_ballot(open_session, user=user, choices={item.pk: Choice.AGREE}),
        ]
    )

    assert sorted(type(r).__name__ for r in results) == ["CouncilError", "CouncilError", "int"]
    assert VoteReceipt.objects.count() == 1
    assert VoteChoice.objects.count() == 1


def test_votes_racing_the_close_are_counted_or_refused(
    open_session: CouncilSession, council: Council, secretariat_user: Any
) -> None:
    items = list(open_session.items.order_by("order"))
    users = [m.user for m in services.active_members(council)]
    votes = [
        (
            lambda user=user: services.cast_ballot(
                open_session, user=user, choices={item.pk: Choice.AGREE for item in items}
            )
        )
        for user in users
    ]

    results = _parallel(
        [*votes, lambda: services.close_session(open_session, actor=secretariat_user)]
    )

    counted = [r for r in results[:-1] if r == 3]
    refused = [r for r in results[:-1] if isinstance(r, CouncilError)]
    assert len(counted) + len(refused) == 7
    open_session.refresh_from_db()
    assert open_session.state == SessionState.CLOSED
    # What closing counted is exactly what was cast before it; nothing came in after.
    assert set(AgendaItem.objects.filter(session=open_session).values_list("agree", flat=True)) == {
        len(counted)
    }
    assert VoteChoice.objects.count() == 3 * len(counted)
