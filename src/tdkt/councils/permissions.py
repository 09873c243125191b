"""Who may do what with councils and sessions.

The secretariat (and the council's own secretary) prepares, opens and closes sessions and
enters paper tallies; members vote; the chair, the members and the secretariat read the
results and the minutes. A session the user may not see is a 404 (queries.py)."""

from __future__ import annotations

from typing import Any

from tdkt.councils.enums import MemberRole
from tdkt.councils.models import Council
from tdkt.nominations.permissions import is_secretariat


def membership(user: Any, council: Council) -> Any:
    if not getattr(user, "is_authenticated", False):
        return None
    return council.members.filter(user=user, active=True).first()


def can_run(user: Any, council: Council) -> bool:
    """Prepare the agenda, open and close sessions, enter tallies, draft the decisions."""
    if is_secretariat(user):
        return True
    member = membership(user, council)
    return member is not None and member.role == MemberRole.SECRETARY


def can_view(user: Any, council: Council) -> bool:
    return is_secretariat(user) or membership(user, council) is not None
