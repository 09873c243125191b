"""{% load audit %}{% audit_history obj %}: the "Lịch sử thay đổi" box of an object's page.

Lists the audit entries of the object and of the records that belong to it (a person's service
periods, yearly records and awards; a unit's yearly records and collective awards), newest
first, with who, when, what, and each changed value before and after."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tdkt.common.models import AuditEntry

register = template.Library()

LIMIT = 50
VERBS = {
    "created": pgettext_lazy("audit", "created"),
    "changed": pgettext_lazy("audit", "changed"),
    "deleted": pgettext_lazy("audit", "deleted"),
    "recorded": pgettext_lazy("audit", "recorded"),
    "revoked": pgettext_lazy("audit", "revoked"),
    "imported": pgettext_lazy("audit", "imported"),
}


def _owned(obj: models.Model) -> list[tuple[str, list[Any]]]:
    """(object type, ids) of the records shown on the object's page."""
    from tdkt.organisations.models import Unit
    from tdkt.people.models import Person

    if isinstance(obj, Person):
        return [
            ("people.serviceperiod", list(obj.service_periods.values_list("pk", flat=True))),
            ("people.yearrecord", list(obj.year_records.values_list("pk", flat=True))),
            ("awards.awardrecord", list(obj.awards.values_list("pk", flat=True))),
        ]
    if isinstance(obj, Unit):
        return [
            ("organisations.unityearrecord", list(obj.year_records.values_list("pk", flat=True))),
            ("awards.awardrecord", list(obj.awards.values_list("pk", flat=True))),
        ]
    return []


def history(obj: models.Model, limit: int = LIMIT) -> list[AuditEntry]:
    condition = Q(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    for object_type, ids in _owned(obj):
        if ids:
            condition |= Q(object_type=object_type, object_id__in=[str(pk) for pk in ids])
    entries = list(AuditEntry.objects.filter(condition).select_related("actor")[:limit])
    for entry in entries:
        entry.verb = VERBS.get(entry.action.rsplit(".", 1)[-1], entry.action)  # type: ignore[attr-defined]
        entry.changes = _changes(entry.data)  # type: ignore[attr-defined]
    return entries


def _changes(data: Any) -> list[tuple[str, Any, Any]]:
    """(field, before, after) for an entry whose data maps fields to [before, after]."""
    if not isinstance(data, dict):
        return []
    return [
        (key, value[0], value[1])
        for key, value in data.items()
        if isinstance(value, list) and len(value) == 2
    ]


@register.inclusion_tag("common/_history.html")
def audit_history(obj: models.Model) -> dict[str, Any]:
    return {"entries": history(obj), "limit": LIMIT, "title": _("Change history")}
