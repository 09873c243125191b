"""Keeping machines off the public comment form without asking people for anything.

Three guards, none of which stores anything about the sender:
- a honeypot field hidden from people (a bot that fills every field is refused);
- a token signed with the site's secret (django.core.signing) that records when the form was
  served: a form sent back sooner than a person can read the list, or hours later, is refused;
- a rate limit per IP address in Django's cache (5 comments per 10 minutes by default). With
  several app processes the cache must be shared (e.g. Redis or the database cache), or each
  process counts on its own.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from tdkt.common.security import over_limit

SALT = "tdkt.nominations.comment"
HONEYPOT_FIELD = "website"
MIN_SECONDS = 4
MAX_AGE_SECONDS = 2 * 60 * 60


def rate_limit() -> tuple[int, int]:
    """(comments, seconds) allowed per IP address."""
    return (
        int(getattr(settings, "TDKT_COMMENT_RATE", 5)),
        int(getattr(settings, "TDKT_COMMENT_WINDOW_SECONDS", 600)),
    )


def form_token(disclosure_id: int, now: float | None = None) -> str:
    issued = int(time.time() if now is None else now)
    return signing.dumps({"d": disclosure_id, "t": issued}, salt=SALT)


def token_problem(token: str, disclosure_id: int, now: float | None = None) -> str:
    """Why the token is not acceptable for this list now, or ""."""
    now = time.time() if now is None else now
    expired = _("This form has expired; reload the page and send your comment again.")
    try:
        data = signing.loads(token or "", salt=SALT)
    except signing.BadSignature:
        return expired
    if not isinstance(data, dict) or data.get("d") != disclosure_id:
        return expired
    elapsed = now - float(data.get("t", 0))
    if elapsed > MAX_AGE_SECONDS or elapsed < 0:
        return expired
    if elapsed < MIN_SECONDS:
        return _("The form was sent too quickly; read the list, then send your comment again.")
    return ""


def over_rate_limit(address: str) -> bool:
    """Count one comment from `address`; True when it goes over the limit of the window."""
    limit, window = rate_limit()
    return over_limit(f"tdkt:comments:{address}", limit, window)


def rate_limited_message() -> str:
    limit, window = rate_limit()
    return _(
        "Too many comments were sent from your connection (at most %(limit)s in %(minutes)s"
        " minutes); please try again later."
    ) % {"limit": limit, "minutes": window // 60}
