"""Many requests at once: token creation stays under the per-user limit, the login lockout
counts every failure, and two API clients recording the same person's year get one record and
one clear refusal (never a server error).

Separate processes are released together by a start file: on SQLite against a file copy of the
test database (its writers queue), on PostgreSQL against the test database itself.
"""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

import pytest

from tdkt.api.services import MAX_ACTIVE_TOKENS, create_token
from tdkt.common.security import note_login_failure
from tests.parallel import PRELUDE, count, database_url, run_at_once

pytestmark = pytest.mark.django_db(transaction=True)
WORKERS = 4

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


def test_tokens_made_at_once_never_exceed_the_limit(unit_officer):
    for number in range(MAX_ACTIVE_TOKENS - 2):
        create_token(unit_officer, name=f"old {number}", write=False)
    with tempfile.TemporaryDirectory(prefix="tdkt-tokens-") as tmp:
        url = database_url(Path(tmp))

        results = run_at_once(TOKEN_WORKER, Path(tmp), url, workers=WORKERS)
        stored = count(url, "SELECT COUNT(*) FROM api_apitoken WHERE revoked_at IS NULL")

    assert sorted(results) == ["made", "made"] + ["refused"] * (WORKERS - 2)
    assert stored == MAX_ACTIVE_TOKENS


def test_failed_logins_at_once_are_all_counted(unit_officer):
    note_login_failure("canbo_a", "10.0.0.7")
    note_login_failure("canbo_a", "10.0.0.7")
    with tempfile.TemporaryDirectory(prefix="tdkt-lockout-") as tmp:
        url = database_url(Path(tmp))

        results = run_at_once(LOCKOUT_WORKER, Path(tmp), url, workers=WORKERS)
        failures = count(
            url, "SELECT COUNT(*) FROM common_auditentry WHERE action = 'accounts.login.failed'"
        )
        locks = count(
            url, "SELECT COUNT(*) FROM common_auditentry WHERE action = 'accounts.login.locked'"
        )

    assert results == ["noted"] * WORKERS
    assert failures == WORKERS + 2
    # A failure that finds five or more on record notes the lock: at least the last two.
    assert 2 <= locks <= WORKERS


def test_same_year_recorded_at_once_through_the_api_is_stored_once(tree, unit_officer):
    _token, key = create_token(unit_officer, name="parallel", write=True)
    with tempfile.TemporaryDirectory(prefix="tdkt-years-") as tmp:
        url = database_url(Path(tmp))

        statuses = run_at_once(
            YEAR_WORKER, Path(tmp), url, workers=WORKERS, extra=[str(tree.anh.pk), key]
        )
        stored = count(
            url, f"SELECT COUNT(*) FROM people_yearrecord WHERE person_id = {tree.anh.pk}"
        )
        audited = count(
            url,
            "SELECT COUNT(*) FROM common_auditentry WHERE action = 'people.yearrecord.created'",
        )

    assert sorted(statuses) == [201] + [400] * (WORKERS - 1)
    assert stored == 1
    assert audited == 1
