"""API tokens: scopes, revocation, expiry, the tokens page, and what roles may write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tdkt.api.models import ApiToken
from tdkt.api.services import (
    MAX_ACTIVE_TOKENS,
    TokenError,
    create_token,
    hash_key,
    revoke_token,
    token_for_key,
)
from tdkt.common.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_request_without_credentials_is_401_with_bearer_challenge(api, tree):
    response = api.get("/api/v1/people/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="tdkt"'


def test_unknown_token_is_401(api, tree):
    api.credentials(HTTP_AUTHORIZATION="Bearer tdkt_not-a-real-token")

    assert api.get("/api/v1/people/").status_code == 401


def test_token_is_stored_only_as_its_hash(unit_officer):
    token, key = create_token(unit_officer, name="HR", write=False)

    assert key.startswith("tdkt_")
    assert token.key_hash == hash_key(key) != key
    assert token.prefix == key[:12]
    assert not ApiToken.objects.filter(key_hash=key).exists()


def test_revoked_token_stops_working_and_is_audited(api, unit_officer):
    token, key = create_token(unit_officer, name="HR", write=False)
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/v1/units/").status_code == 200

    revoke_token(token, actor=unit_officer)

    assert api.get("/api/v1/units/").status_code == 401
    actions = list(
        AuditEntry.objects.filter(object_type="api.apitoken", object_id=str(token.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["api.apitoken.created", "api.apitoken.revoked"]


def test_expired_token_is_401(api, unit_officer):
    token, key = create_token(unit_officer, name="HR", write=False)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")

    assert api.get("/api/v1/units/").status_code == 401


def test_token_of_deactivated_user_is_401(api, unit_officer):
    _token, key = create_token(unit_officer, name="HR", write=False)
    unit_officer.is_active = False
    unit_officer.save()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")

    assert api.get("/api/v1/units/").status_code == 401


def test_use_stamps_last_used_at(unit_officer):
    token, key = create_token(unit_officer, name="HR", write=False)

    assert token_for_key(key) is not None
    token.refresh_from_db()

    assert token.last_used_at is not None


def test_read_token_cannot_write(as_user, tree, unit_officer):
    response = as_user(unit_officer, write=False).patch(
        f"/api/v1/people/{tree.anh.pk}/", {"birth_date": "1986-01-05"}, format="json"
    )

    assert response.status_code == 403
    tree.anh.refresh_from_db()
    assert tree.anh.birth_date == dt.date(1985, 1, 5)


@pytest.mark.parametrize("role", ["leader", "council_member"])
def test_reading_roles_get_no_write_token(request, role):
    user = request.getfixturevalue(role)

    with pytest.raises(TokenError):
        create_token(user, name="HR", write=True)


@pytest.mark.parametrize("role", ["leader", "council_member"])
def test_reading_roles_cannot_write_through_the_session(api, request, tree, role):
    api.force_authenticate(request.getfixturevalue(role))

    response = api.post(
        "/api/v1/year-records/",
        {"person": tree.anh.pk, "year": 2024, "grade": "hoan_thanh"},
        format="json",
    )

    assert response.status_code == 403


def test_session_write_without_csrf_token_is_refused(client, tree, unit_officer):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(unit_officer)

    response = browser.post(
        "/api/v1/year-records/",
        {"person": tree.anh.pk, "year": 2024, "grade": "hoan_thanh"},
        content_type="application/json",
    )

    assert response.status_code == 403


def test_more_than_the_limit_of_active_tokens_is_refused(unit_officer):
    for number in range(MAX_ACTIVE_TOKENS):
        create_token(unit_officer, name=f"t{number}", write=False)

    with pytest.raises(TokenError):
        create_token(unit_officer, name="one too many", write=False)
    assert ApiToken.objects.filter(user=unit_officer).count() == MAX_ACTIVE_TOKENS


def test_tokens_page_shows_the_secret_once(client, unit_officer):
    client.force_login(unit_officer)

    made = client.post(reverse("api:tokens"), {"name": "Phần mềm nhân sự", "write": "1"})
    again = client.get(reverse("api:tokens"))

    token = ApiToken.objects.get(user=unit_officer)
    secret = made.context["secret"]
    assert made.status_code == 200
    assert hash_key(secret) == token.key_hash
    assert secret in made.content.decode()
    assert secret not in again.content.decode()
    assert token.prefix in again.content.decode()
    assert token.can_write is True
    assert made["Cache-Control"].startswith("max-age=0")


def test_tokens_page_offers_leader_only_read(client, leader):
    client.force_login(leader)

    response = client.post(reverse("api:tokens"), {"name": "Báo cáo", "write": "1"})

    assert response.status_code == 200
    assert not ApiToken.objects.exists()
    assert "write" in response.context["form"].errors


def test_revoking_another_users_token_is_404(client, unit_officer, other_ward_officer):
    token, _key = create_token(other_ward_officer, name="B", write=False)
    client.force_login(unit_officer)

    response = client.post(reverse("api:revoke", args=[token.pk]))

    token.refresh_from_db()
    assert response.status_code == 404
    assert token.revoked_at is None


def test_revoking_own_token_on_the_page(client, unit_officer):
    token, _key = create_token(unit_officer, name="A", write=False)
    client.force_login(unit_officer)

    response = client.post(reverse("api:revoke", args=[token.pk]))

    token.refresh_from_db()
    assert response.status_code == 302
    assert token.revoked_at is not None


def test_admin_revoke_action(client, administrator, unit_officer):
    token, _key = create_token(unit_officer, name="A", write=False)
    client.force_login(administrator)

    response = client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )

    token.refresh_from_db()
    assert response.status_code == 302
    assert token.revoked_at is not None


def test_api_token_command_prints_a_working_secret(api, tree, unit_officer, capsys):
    from django.core.management import call_command

    call_command("api_token", "canbo_a", "--write", "--name", "Phần mềm nhân sự", "--days", "30")
    key = capsys.readouterr().out.strip()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")

    token = ApiToken.objects.get(key_hash=hash_key(key))
    assert api.get("/api/v1/units/").status_code == 200
    assert (token.name, token.can_write, token.expires_at is not None) == (
        "Phần mềm nhân sự",
        True,
        True,
    )


def test_api_token_command_refuses_an_unknown_user(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="khong-co-ai"):
        call_command("api_token", "khong-co-ai")
