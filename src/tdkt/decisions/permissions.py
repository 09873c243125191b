"""Who may do what with decisions. A decision outside the user's scope is a 404 (queries.py);
these predicates decide between an allowed action and a refusal on a decision the user sees.

The secretariat drafts; only a signer of the issuing body signs (the chair or a vice-chair
signing on the chair's behalf); signing is the legal act, so the service checks it as well.
"""

from __future__ import annotations

from typing import Any

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import is_secretariat, unit_in_scope
from tdkt.organisations.models import Unit


def can_draft(user: Any) -> bool:
    """Draft and edit decisions, draft revocations, print certificates."""
    return is_secretariat(user)


def can_sign(user: Any, issuer: Unit) -> bool:
    """A signer whose scope holds the issuing body."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role == Role.SIGNER
        and unit_in_scope(user, issuer)
    )
