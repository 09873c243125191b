"""Which import batches a user may see: those of their units' subtree, and their own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from tdkt.accounts.scope import scope_path
from tdkt.imports.models import ImportBatch

if TYPE_CHECKING:
    from tdkt.accounts.models import User


def batches_for(user: User) -> QuerySet[ImportBatch]:
    prefix = scope_path(user)
    if prefix is None:
        return ImportBatch.objects.none()
    batches = ImportBatch.objects.select_related("uploaded_by", "unit")
    if prefix == "":
        return batches
    return batches.filter(Q(unit__path__startswith=prefix) | Q(uploaded_by=user))
