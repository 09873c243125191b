"""Login throttling: five failures in fifteen minutes for one user name from one address lock
that pair (even the right password is refused), in Vietnamese, on the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tdkt.common import security
from tdkt.common.models import AuditEntry
from tdkt.common.security import lockout_message

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
PASSWORD = "mat-khau-thu-nghiem-2025"  # as tests/conftest.py gives every user
MSGID = (
    "Too many failed logins for this account from this computer. For safety, logging in"
    " is locked; try again in %(minutes)s minutes."
)


def vi_lockout(minutes: int) -> str:
    with translation.override("vi"):
        return translation.gettext(MSGID) % {"minutes": minutes}


def fail(client, username="canbo_a", ip="10.1.1.1"):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": username, "password": "sai-mat-khau"}, REMOTE_ADDR=ip)


def login(client, username="canbo_a", ip="10.1.1.1"):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": username, "password": PASSWORD}, REMOTE_ADDR=ip)


def test_four_failures_do_not_lock(client, unit_officer):
    for _ in range(4):
        assert fail(client).status_code == 200

    assert login(client).status_code == 302


def test_fifth_failure_locks_even_the_right_password(client, unit_officer):
    for _ in range(5):
        fail(client)

    response = login(client)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors() == [vi_lockout(15)]


def test_lockout_message_is_vietnamese_with_minutes():
    with translation.override("vi"):
        text = lockout_message(timezone.now() + dt.timedelta(minutes=14, seconds=10))

    assert text == vi_lockout(15)


def test_lock_is_per_user_name_and_address(client, unit_officer, other_ward_officer):
    for _ in range(5):
        fail(client)

    assert login(client, ip="10.9.9.9").status_code == 302
    client.logout()
    assert login(client, username="canbo_b").status_code == 302


def test_user_name_case_does_not_escape_the_lock(client, unit_officer):
    for _ in range(5):
        fail(client, username="CANBO_A")

    assert login(client).status_code == 200


def test_failures_lock_and_refusals_are_on_the_audit_trail(client, unit_officer):
    for _ in range(5):
        fail(client)
    login(client)

    actions = list(
        AuditEntry.objects.filter(object_type="accounts.login")
        .order_by("id")
        .values_list("action", flat=True)
    )
    entry = AuditEntry.objects.filter(action="accounts.login.failed").first()
    assert actions == ["accounts.login.failed"] * 5 + [
        "accounts.login.locked",
        "accounts.login.refused",
    ]
    assert entry is not None
    assert entry.data == {"username": "canbo_a", "ip": "10.1.1.1"}


def test_lock_ends_when_the_window_has_passed(client, unit_officer, monkeypatch):
    for _ in range(5):
        fail(client)
    later = timezone.now() + dt.timedelta(minutes=15, seconds=1)
    monkeypatch.setattr(security.timezone, "now", lambda: later)

    assert login(client).status_code == 302


def test_successful_login_clears_earlier_failures(client, unit_officer):
    for _ in range(4):
        fail(client)
    assert login(client).status_code == 302
    client.logout()

    for _ in range(4):
        fail(client)

    assert login(client).status_code == 302


def test_admin_login_counts_towards_the_same_lock(client, administrator):
    for _ in range(5):
        client.post(
            reverse("admin:login"),
            {"username": "quantri", "password": "sai"},
            REMOTE_ADDR="10.2.2.2",
        )

    response = client.post(
        reverse("admin:login"),
        {"username": "quantri", "password": PASSWORD},
        REMOTE_ADDR="10.2.2.2",
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_behind_a_proxy_the_forwarded_address_counts(client, unit_officer, settings):
    settings.TDKT_BEHIND_PROXY = True
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": "canbo_a", "password": "sai"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 10.1.1.1",
        )

    elsewhere = client.post(
        LOGIN,
        {"username": "canbo_a", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.3.3.3",
    )

    assert elsewhere.status_code == 302
