"""Who may do what with dossiers. Objects outside the user's scope are 404s (queries.py); these
predicates decide between an allowed action and a 403 on an object the user may see."""

from __future__ import annotations

from typing import Any

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import is_secretariat, unit_in_scope
from tdkt.organisations.models import Unit

__all__ = ["can_prepare", "can_read_comments", "is_secretariat"]


def can_prepare(user: Any, unit: Unit) -> bool:
    """Prepare and submit the dossiers of this unit: an editing role whose scope holds it."""
    return bool(user.is_authenticated and user.can_edit_records and unit_in_scope(user, unit))


def can_read_comments(user: Any) -> bool:
    """Comments from the public reach the secretariat and the council, not the proposing unit."""
    return is_secretariat(user) or bool(
        user.is_authenticated and user.role in (Role.COUNCIL_MEMBER, Role.SIGNER)
    )
