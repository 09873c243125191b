"""Who may change emulation groups. Groups outside the user's scope are 404s (queries.py); this
decides between a change and a 403 on a group the user may read."""

from __future__ import annotations

from typing import Any

from tdkt.accounts.scope import is_secretariat, unit_in_scope
from tdkt.organisations.models import EmulationGroup


def can_manage_groups(user: Any) -> bool:
    """Set up the year's clusters and blocks: the secretariat (and the administrator)."""
    return is_secretariat(user)


def can_change_group(user: Any, group: EmulationGroup) -> bool:
    return can_manage_groups(user) and unit_in_scope(user, group.convener)
