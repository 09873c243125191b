"""Writes to people's records. Each is one transaction with its audit entry, so a change is
either stored with its audit trail or not stored at all."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from tdkt.accounts.scope import unit_in_scope
from tdkt.common.audit import record
from tdkt.organisations.models import Unit
from tdkt.people.models import Person, ServicePeriod, YearRecord


class PeopleError(Exception):
    """A change to a person's records that cannot be made; the message is for the user."""


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def _snapshot(obj: models.Model) -> dict[str, Any]:
    return {
        field.attname: _plain(getattr(obj, field.attname))
        for field in obj._meta.concrete_fields
        if field.editable and not field.primary_key
    }


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }


def _stored(obj: models.Model) -> dict[str, Any]:
    if obj.pk is None:
        return {}
    previous = type(obj)._default_manager.filter(pk=obj.pk).first()
    return _snapshot(previous) if previous is not None else {}


def _check_scope(unit: Unit | None, actor: Any) -> None:
    """A second lock behind the forms: nobody records people in a unit outside their scope."""
    if unit is None or actor is None or getattr(actor, "sees_everything", False):
        return
    if not unit_in_scope(actor, unit):
        raise PeopleError(
            _("The unit %(unit)s is outside your scope; nothing was saved.") % {"unit": unit}
        )


def _duplicate(exc: IntegrityError) -> PeopleError:
    return PeopleError(
        _(
            "Another record already holds these values (the same citizen ID or year);"
            " nothing was saved."
        )
    )


def create_person(person: Person, first_period: ServicePeriod, *, actor: Any) -> Person:
    """A new person with the service period that places them in a unit."""
    _check_scope(first_period.unit, actor)
    try:
        with transaction.atomic():
            person.save()
            first_period.person = person
            first_period.save()
            record(person, "people.person.created", actor=actor, data=_snapshot(person))
            record(
                first_period,
                "people.serviceperiod.created",
                actor=actor,
                data=_snapshot(first_period),
            )
    except IntegrityError as exc:
        raise _duplicate(exc) from exc
    return person


def _save(obj: models.Model, noun: str, *, actor: Any) -> Any:
    before = _stored(obj)
    verb = "changed" if before else "created"
    try:
        with transaction.atomic():
            obj.save()
            after = _snapshot(obj)
            data = _changes(before, after) if before else after
            record(obj, f"people.{noun}.{verb}", actor=actor, data=data)
    except IntegrityError as exc:
        raise _duplicate(exc) from exc
    return obj


def update_person(person: Person, *, actor: Any) -> Person:
    """Store the edited identity of a person; the audit entry holds each changed value."""
    result: Person = _save(person, "person", actor=actor)
    return result


def save_service_period(period: ServicePeriod, *, actor: Any) -> ServicePeriod:
    _check_scope(period.unit, actor)
    result: ServicePeriod = _save(period, "serviceperiod", actor=actor)
    return result


def save_year_record(year_record: YearRecord, *, actor: Any) -> YearRecord:
    _check_scope(year_record.unit, actor)
    result: YearRecord = _save(year_record, "yearrecord", actor=actor)
    return result
