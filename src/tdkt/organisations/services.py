"""Changes to emulation groups (cụm, khối thi đua): create, edit, and carry a year's groups over
into the next. Each change is one transaction with its audit entry; a refusal writes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.accounts.scope import unit_in_scope, units_for
from tdkt.common.actions import RefusedError
from tdkt.common.audit import record
from tdkt.common.text import clean_text
from tdkt.organisations.enums import GroupRole
from tdkt.organisations.models import EmulationGroup, EmulationGroupMembership, Unit
from tdkt.organisations.queries import managed_groups

MIN_MEMBERS = 2  # a cluster or block ranks its members against each other


class GroupError(RefusedError):
    """A change to an emulation group that cannot be made; the message says why."""


@dataclass(frozen=True)
class GroupInput:
    """What the group form gives: the group's own fields and who is in it."""

    year: int
    kind: str
    name: str
    convener: Unit
    members: list[Unit]
    head: Unit | None
    deputies: list[Unit] = field(default_factory=list)


def year_end(year: int) -> dt.date:
    # A group ranks the units that are still there when the year is reviewed.
    return dt.date(year, 12, 31)


def _same_name(a: str, b: str) -> bool:
    return clean_text(a).casefold() == clean_text(b).casefold()


def _name_taken(year: int, convener: Unit, name: str, *, exclude: int | None = None) -> bool:
    others = EmulationGroup.objects.filter(year=year, convener=convener)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    return any(_same_name(other, name) for other in others.values_list("name", flat=True))


def _check(data: GroupInput, actor: Any, *, exclude: int | None) -> None:
    outside = [u for u in (data.convener, *data.members) if not unit_in_scope(actor, u)]
    if outside:
        raise GroupError(
            _("%(unit)s is outside the units you are responsible for; nothing was saved.")
            % {"unit": outside[0].name}
        )
    convener = data.convener
    if (convener.valid_from and convener.valid_from > year_end(data.year)) or (
        convener.valid_to and convener.valid_to < dt.date(data.year, 1, 1)
    ):
        # The carry-over hands an abolished body's groups to its successor; a typed year may not.
        raise GroupError(
            _("%(unit)s does not operate in %(year)s and cannot convene a group.")
            % {"unit": convener.name, "year": data.year}
        )
    ended = [u for u in data.members if not u.is_active_on(year_end(data.year))]
    if ended:
        raise GroupError(
            _("%(units)s no longer operate(s) at the end of %(year)s and cannot be a member.")
            % {"units": ", ".join(u.name for u in ended), "year": data.year}
        )
    if len({u.pk for u in data.members}) < MIN_MEMBERS:
        raise GroupError(_("A group needs at least two member units."))
    member_ids = {u.pk for u in data.members}
    if data.head is not None and data.head.pk not in member_ids:
        raise GroupError(
            _("The group head must be one of its members; %(unit)s is not.")
            % {"unit": data.head.name}
        )
    strangers = [u for u in data.deputies if u.pk not in member_ids]
    if strangers:
        raise GroupError(
            _("A deputy head must be one of the group's members; %(unit)s is not.")
            % {"unit": strangers[0].name}
        )
    if _name_taken(data.year, data.convener, data.name, exclude=exclude):
        raise GroupError(
            _("%(convener)s already has a group named “%(name)s” in %(year)s.")
            % {"convener": data.convener.name, "name": clean_text(data.name), "year": data.year}
        )


def _roles(data: GroupInput) -> dict[int, str]:
    deputies = {u.pk for u in data.deputies}
    roles: dict[int, str] = {}
    for unit in data.members:
        if data.head is not None and unit.pk == data.head.pk:
            roles[unit.pk] = GroupRole.HEAD
        elif unit.pk in deputies:
            roles[unit.pk] = GroupRole.DEPUTY
        else:
            roles[unit.pk] = GroupRole.MEMBER
    return roles


def _write_members(group: EmulationGroup, roles: dict[int, str]) -> None:
    group.memberships.all().delete()
    EmulationGroupMembership.objects.bulk_create(
        EmulationGroupMembership(group=group, unit_id=unit_id, role=role)
        for unit_id, role in roles.items()
    )


def _audit_data(group: EmulationGroup, roles: dict[int, str]) -> dict[str, Any]:
    return {
        "year": group.year,
        "kind": group.kind,
        "name": group.name,
        "convener": group.convener_id,
        "members": sorted(roles),
        "head": next((pk for pk, role in roles.items() if role == GroupRole.HEAD), None),
        "deputies": sorted(pk for pk, role in roles.items() if role == GroupRole.DEPUTY),
    }


def create_group(data: GroupInput, *, actor: Any) -> EmulationGroup:
    _check(data, actor, exclude=None)
    with transaction.atomic():
        group = EmulationGroup.objects.create(
            year=data.year, kind=data.kind, name=clean_text(data.name), convener=data.convener
        )
        roles = _roles(data)
        _write_members(group, roles)
        record(group, "organisations.group.created", actor=actor, data=_audit_data(group, roles))
    return group


def has_pledges(group: EmulationGroup) -> bool:
    from tdkt.movements.models import Pledge

    return Pledge.objects.filter(group=group).exists()


def update_group(group: EmulationGroup, data: GroupInput, *, actor: Any) -> EmulationGroup:
    """Change a group. Once a pledge is made with it, its signatories are fixed, so the year,
    the convening body and the members stay as they are (the head may still change)."""
    _check(data, actor, exclude=group.pk)
    with transaction.atomic():
        locked = EmulationGroup.objects.select_for_update().get(pk=group.pk)
        before_roles = dict(locked.memberships.values_list("unit_id", "role"))
        roles = _roles(data)
        if has_pledges(locked) and (
            locked.year != data.year
            or locked.convener_id != data.convener.pk
            or set(before_roles) != set(roles)
        ):
            raise GroupError(
                _(
                    "A pledge has been made with this group: its year, convening body and members"
                    " can no longer be changed; nothing was saved."
                )
            )
        before = _audit_data(locked, before_roles)
        locked.year, locked.kind, locked.convener = data.year, data.kind, data.convener
        locked.name = clean_text(data.name)
        locked.save()
        if roles != before_roles:
            _write_members(locked, roles)
        after = _audit_data(locked, roles)
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        record(locked, "organisations.group.changed", actor=actor, data=changes)
    return locked


# -- carrying a year's groups over ---------------------------------------------------------


@dataclass
class CarryOver:
    source_year: int
    copied: list[EmulationGroup] = field(default_factory=list)
    existing: int = 0  # already in the target year
    too_small: int = 0  # fewer than two of its units still operate


def carry_over_source(user: Any, year: int) -> int | None:
    """The latest earlier year with groups the user may manage: "last year's groups" even when
    a year was skipped (the demo has none between 2018 and today)."""
    years = managed_groups(user).filter(year__lt=year).values_list("year", flat=True)
    return max(years, default=None)


def _in_operation(unit: Unit, day: dt.date, scope_ids: set[int]) -> list[Unit]:
    """The unit itself if it still operates on `day`, else the units that took it over (through
    later reorganisations too) that do, within scope; [] when none did."""
    if unit.is_active_on(day):
        return [unit] if unit.pk in scope_ids else []
    found: list[Unit] = []
    seen = {unit.pk}
    frontier = [unit]
    while frontier:
        successors = [s for u in frontier for s in u.successors() if s.pk not in seen]
        seen.update(s.pk for s in successors)
        found += [s for s in successors if s.is_active_on(day) and s.pk in scope_ids]
        frontier = [s for s in successors if not s.is_active_on(day)]
    return sorted({u.pk: u for u in found}.values(), key=lambda u: u.sort_key)


def _convener_for(unit: Unit, day: dt.date, scope_ids: set[int]) -> Unit | None:
    """An ended convening body is replaced by its one successor, else by the nearest body above
    it that still operates (a district abolished in 2025 hands its groups to the city)."""
    taken_over = _in_operation(unit, day, scope_ids)
    if len(taken_over) == 1:
        return taken_over[0]
    for ancestor in reversed(unit.ancestors()):
        if ancestor.is_active_on(day) and ancestor.pk in scope_ids:
            return ancestor
    return None


def carry_over_groups(year: int, *, actor: Any) -> CarryOver:
    """Copy the latest earlier year's groups (members and roles) into `year`. A unit that has
    since ended is replaced by its successors; a group already in `year` is left alone."""
    source = carry_over_source(actor, year)
    if source is None:
        raise GroupError(
            _("No earlier year has emulation groups to carry over into %(year)s.") % {"year": year}
        )
    day = year_end(year)
    scope_ids = set(units_for(actor).values_list("pk", flat=True))
    result = CarryOver(source_year=source)
    with transaction.atomic():
        groups = (
            managed_groups(actor)
            .filter(year=source)
            .select_related("convener")
            .prefetch_related("memberships__unit")
            .order_by("kind", "name")
        )
        for old in groups:
            convener = _convener_for(old.convener, day, scope_ids)
            if convener is None or _name_taken(year, convener, old.name):
                result.existing += convener is not None
                result.too_small += convener is None
                continue
            roles: dict[int, str] = {}
            # Head first, then deputies: a successor of several units keeps the highest role.
            rank: dict[str, int] = {GroupRole.HEAD: 0, GroupRole.DEPUTY: 1, GroupRole.MEMBER: 2}
            for membership in sorted(old.memberships.all(), key=lambda m: rank[m.role]):
                for unit in _in_operation(membership.unit, day, scope_ids):
                    roles.setdefault(unit.pk, membership.role)
            if len(roles) < MIN_MEMBERS:
                result.too_small += 1
                continue
            group = EmulationGroup.objects.create(
                year=year, kind=old.kind, name=old.name, convener=convener
            )
            _write_members(group, roles)
            data = _audit_data(group, roles) | {"carried_over_from": old.pk}
            record(group, "organisations.group.created", actor=actor, data=data)
            result.copied.append(group)
        if not result.copied and not result.too_small:
            raise GroupError(
                _("Every group of %(source)s is already in %(year)s; nothing was copied.")
                % {"source": source, "year": year}
            )
        if not result.copied:
            raise GroupError(
                _(
                    "Nothing was copied: the groups of %(source)s are already in %(year)s or have"
                    " fewer than two units still in operation."
                )
                % {"source": source, "year": year}
            )
    return result
