"""Server-side scope: which units, people and awards a user may see.

Every view and every query goes through these functions; an object outside the scope is a 404,
whatever URL is typed, so an officer of ward A cannot even learn that ward B's pages exist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.http import Http404

from tdkt.accounts.enums import ADMIN_ROLES
from tdkt.organisations.models import Unit

if TYPE_CHECKING:
    from tdkt.accounts.models import User
    from tdkt.awards.models import AwardRecord
    from tdkt.people.models import Person


def is_secretariat(user: Any) -> bool:
    """The emulation secretariat (or the administrator): the role that runs the year's work,
    launching, appraising, drafting, setting groups and goals. False for an anonymous visitor."""
    return bool(
        getattr(user, "is_authenticated", False) and (user.is_superuser or user.role in ADMIN_ROLES)
    )


def scope_path(user: User) -> str | None:
    """The path prefix of the user's subtree; "" for everything; None for nothing."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.sees_everything:
        return ""
    if user.unit_id is None:
        return None
    unit = Unit.objects.only("path").get(pk=user.unit_id)
    return unit.path


def units_for(user: User) -> QuerySet[Unit]:
    prefix = scope_path(user)
    if prefix is None:
        return Unit.objects.none()
    if prefix == "":
        return Unit.objects.all()
    return Unit.objects.filter(path__startswith=prefix)


def people_for(user: User) -> QuerySet[Person]:
    """People who ever served in a unit of the user's subtree."""
    from tdkt.people.models import Person

    prefix = scope_path(user)
    if prefix is None:
        return Person.objects.none()
    if prefix == "":
        return Person.objects.all()
    return Person.objects.filter(
        pk__in=_service_person_ids(prefix),
    )


def _service_person_ids(prefix: str) -> QuerySet:  # type: ignore[type-arg]
    from tdkt.people.models import ServicePeriod

    return ServicePeriod.objects.filter(unit__path__startswith=prefix).values("person_id")


def awards_for(user: User) -> QuerySet[AwardRecord]:
    from tdkt.awards.models import AwardRecord

    prefix = scope_path(user)
    if prefix is None:
        return AwardRecord.objects.none()
    if prefix == "":
        return AwardRecord.objects.all()
    return AwardRecord.objects.filter(
        Q(unit__path__startswith=prefix) | Q(person_id__in=_service_person_ids(prefix))
    )


def get_unit_or_404(user: User, pk: int) -> Unit:
    try:
        return units_for(user).get(pk=pk)
    except Unit.DoesNotExist as exc:
        raise Http404 from exc


def get_person_or_404(user: User, pk: int) -> Person:
    from tdkt.people.models import Person

    try:
        return people_for(user).get(pk=pk)
    except Person.DoesNotExist as exc:
        raise Http404 from exc


def unit_in_scope(user: User, unit: Unit | None) -> bool:
    prefix = scope_path(user)
    if prefix is None or unit is None:
        return False
    return unit.path.startswith(prefix)
