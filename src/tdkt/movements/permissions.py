"""Who may do what in the movements app. Objects outside the scope are 404s (queries.py);
these predicates decide between an allowed action and a 403 on an object the user may see."""

from __future__ import annotations

from typing import Any

from tdkt.accounts.scope import is_secretariat, unit_in_scope
from tdkt.organisations.enums import GroupRole
from tdkt.organisations.models import Unit


def can_manage(user: Any) -> bool:
    """Launch movements, make and sign pledges, remind units, run score sheets."""
    return is_secretariat(user)


def can_act_for(user: Any, unit: Unit) -> bool:
    """Register, report and score for this unit: an editing role whose scope holds it."""
    return bool(user.is_authenticated and user.can_edit_records and unit_in_scope(user, unit))


def group_head(sheet: Any) -> Unit | None:
    membership = sheet.group.memberships.filter(role=GroupRole.HEAD).select_related("unit").first()
    return membership.unit if membership else None


def can_review(user: Any, sheet: Any) -> bool:
    """The group head's officers review the members' scores (the secretariat may enter them)."""
    head = group_head(sheet)
    return can_manage(user) or (head is not None and can_act_for(user, head))
