"""{% load audit %}{% audit_history obj %}: the "Lịch sử thay đổi" box of an object's page.

Lists the audit entries of the object and of the records that belong to it (a person's service
periods, yearly records and awards; a unit's yearly records and collective awards), newest
first, with who, when, what, and each changed value before and after. Fields are named by
their labels and values shown as on the pages (dates dd/mm/yyyy, codes by their names, units
and people by name); an imported record says which import, sheet and row it came from."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django import template
from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tdkt.common.formatting import short_date
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
YES = pgettext_lazy("audit", "yes")
NO = pgettext_lazy("audit", "no")


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
    names = _Related()
    for entry in entries:
        entry.verb = VERBS.get(entry.action.rsplit(".", 1)[-1], entry.action)  # type: ignore[attr-defined]
        entry.source = _source(entry.data)  # type: ignore[attr-defined]
        entry.changes = _changes(entry, names)  # type: ignore[attr-defined]
    names.fetch()
    for entry in entries:
        entry.changes = [  # type: ignore[attr-defined]
            (label, names.shown(before), names.shown(after))
            for label, before, after in entry.changes  # type: ignore[attr-defined]
        ]
    return entries


def _source(data: Any) -> str:
    """ "Import no. 12, sheet Cán bộ, row 5" for an entry an import wrote."""
    if not isinstance(data, dict) or "import_batch" not in data:
        return ""
    return str(_("Import no. %(batch)s, sheet %(sheet)s, row %(row)s")) % {
        "batch": data["import_batch"],
        "sheet": data.get("sheet", ""),
        "row": data.get("row", ""),
    }


class _Related:
    """Names of the units and people that changed values point to, one query per model."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.found: dict[tuple[type[models.Model], Any], str] = {}

    def ask(self, model: type[models.Model], pk: Any) -> tuple[type[models.Model], Any]:
        self.wanted[model].add(pk)
        return (model, pk)

    def fetch(self) -> None:
        for model, pks in self.wanted.items():
            for pk, obj in model._default_manager.in_bulk(list(pks)).items():
                self.found[(model, pk)] = str(obj)

    def shown(self, value: Any) -> Any:
        if isinstance(value, tuple):
            return self.found.get(value, value[1])
        return value


def _field(model: type[models.Model] | None, key: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    for field in model._meta.concrete_fields:
        if key in (field.name, field.attname):
            return field
    return None


def _changes(entry: AuditEntry, names: _Related) -> list[tuple[str, Any, Any]]:
    """(label, before, after) for an entry whose data maps fields to [before, after]."""
    data = entry.data
    if not isinstance(data, dict):
        return []
    try:
        model = apps.get_model(entry.object_type)
    except (LookupError, ValueError):
        model = None
    changes = []
    for key, value in data.items():
        if not (isinstance(value, list) and len(value) == 2):
            continue
        field = _field(model, key)
        changes.append(
            (_label(field, key), _value(field, value[0], names), _value(field, value[1], names))
        )
    return changes


def _label(field: models.Field[Any, Any] | None, key: str) -> str:
    if field is None:
        return key
    if field.is_relation and not isinstance(field.verbose_name, Promise):
        return str(capfirst(field.related_model._meta.verbose_name))  # type: ignore[union-attr]
    return str(capfirst(field.verbose_name))


def _value(field: models.Field[Any, Any] | None, value: Any, names: _Related) -> Any:
    """A stored value as the pages show it; a related object's name is looked up later."""
    if value is None or value == "" or field is None:
        return value if value != "" else None
    if field.is_relation:
        return names.ask(field.related_model, value)  # type: ignore[arg-type]
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.BooleanField):
        return YES if value else NO
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:
            return short_date(dt.date.fromisoformat(value[:10]))
        except ValueError:
            return value
    return value


@register.inclusion_tag("common/_history.html")
def audit_history(obj: models.Model) -> dict[str, Any]:
    return {"entries": history(obj), "limit": LIMIT, "title": _("Change history")}
