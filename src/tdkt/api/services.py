"""Making, revoking and checking API tokens. Each change is one transaction with its audit
entry; the secret leaves this module once, in the return value of create_token."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.models import User
from tdkt.api.models import READ, WRITE, ApiToken
from tdkt.common.audit import record
from tdkt.common.text import clean_text

# A user with more live tokens than this has lost track of them; revoke some first.
MAX_ACTIVE_TOKENS = 20
# last_used_at is written at most this often, so reading does not turn into writing.
USAGE_STAMP_EVERY = dt.timedelta(minutes=1)


class TokenError(Exception):
    """A token that cannot be made or changed; the message is for the user."""


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def active_tokens(user: User) -> Any:
    now = timezone.now()
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).exclude(expires_at__lte=now)


def create_token(
    user: User, *, name: str, write: bool, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token for `user` and its secret (shown to the user once, stored only hashed).

    Write scope is given only to a user who may change records."""
    name = clean_text(name)[:100]
    if not name:
        raise TokenError(_("Give the token a name, such as the program that will use it."))
    if write and not user.can_edit_records:
        raise TokenError(_("Your role cannot change records, so a token of yours cannot either."))
    if expires_at is not None and expires_at <= timezone.now():
        raise TokenError(_("The expiry date must be in the future."))
    key = "tdkt_" + secrets.token_urlsafe(32)
    scopes = f"{READ} {WRITE}" if write else READ
    with transaction.atomic():
        # Lock the user's row: tokens made at the same moment are counted one after another.
        User.objects.select_for_update().filter(pk=user.pk).first()
        if active_tokens(user).count() >= MAX_ACTIVE_TOKENS:
            raise TokenError(
                _("You already have %(count)s active tokens; revoke one you no longer use.")
                % {"count": MAX_ACTIVE_TOKENS}
            )
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=key[:12],
            key_hash=hash_key(key),
            scopes=scopes,
            expires_at=expires_at,
        )
        record(
            token,
            "api.apitoken.created",
            actor=user,
            data={"name": name, "scopes": scopes, "expires_at": _iso(expires_at)},
        )
    return token, key


def revoke_token(token: ApiToken, *, actor: Any) -> ApiToken:
    """Stop a token from working; the row stays so the audit trail can name it."""
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
            record(locked, "api.apitoken.revoked", actor=actor, data={"name": locked.name})
    return locked


def token_for_key(key: str) -> ApiToken | None:
    """The live token whose secret is `key`, or None (unknown, revoked, expired, or its user
    was deactivated)."""
    if not key or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__unit").filter(key_hash=hash_key(key)).first()
    )
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > USAGE_STAMP_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
