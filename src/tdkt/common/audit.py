"""Write audit entries. Call inside the service's transaction, never from signals."""

from __future__ import annotations

from typing import Any

from django.db import models

from tdkt.common.models import AuditEntry


def record(
    obj: models.Model, action: str, *, actor: Any = None, data: dict[str, Any] | None = None
) -> AuditEntry:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        data=data or {},
    )


def entries_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")
