"""Reads for the units pages: the tree, and everything the unit page shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from tdkt.awards.models import AwardRecord
from tdkt.common.text import fold
from tdkt.organisations.enums import GroupRole
from tdkt.organisations.models import (
    EmulationGroup,
    EmulationGroupMembership,
    Unit,
    UnitSuccession,
)
from tdkt.people.models import ServicePeriod

if TYPE_CHECKING:
    from tdkt.accounts.models import User


@dataclass
class TreeNode:
    unit: Unit
    children: list[TreeNode] = field(default_factory=list)
    successions: list[UnitSuccession] = field(default_factory=list)
    matched: bool = False
    member_count: int = 0


def search_units(units: QuerySet[Unit], query: str) -> QuerySet[Unit]:
    """Units whose name, short name or code holds every word of the query, ignoring diacritics
    and case ("khue trung" finds "Phường Khuê Trung")."""
    for word in fold(query).split():
        units = units.filter(search_key__contains=word)
    return units


def unit_tree(
    units: QuerySet[Unit], query: str = "", *, current_only: bool = False
) -> list[TreeNode]:
    """The units as a forest, in tree order. With a query, the matching units and the units
    above them (for context) are kept; `matched` marks the hits."""
    scope = units
    if current_only:
        units = units.filter(valid_to__isnull=True)
    all_units = list(units.order_by("path"))
    matched_ids: set[int] = set()
    if query.strip():
        matched_ids = set(search_units(units, query).values_list("pk", flat=True))
        keep_paths = {u.path for u in all_units if u.pk in matched_ids}
        all_units = [u for u in all_units if any(p.startswith(u.path) for p in keep_paths)]
    nodes = {u.pk: TreeNode(u, matched=u.pk in matched_ids) for u in all_units}
    links = UnitSuccession.objects.filter(predecessor_id__in=list(nodes)).select_related(
        "successor"
    )
    ordered = list(links.order_by("effective_on", "successor__sort_key"))
    # A successor outside the user's scope is named but not linked.
    linkable = set(
        scope.filter(pk__in={link.successor_id for link in ordered}).values_list("pk", flat=True)
    )
    for link in ordered:
        link.successor_in_scope = link.successor_id in linkable  # type: ignore[attr-defined]
        nodes[link.predecessor_id].successions.append(link)
    for unit_id, count in members_count_by_unit(list(nodes)).items():
        nodes[unit_id].member_count = count
    roots: list[TreeNode] = []
    for unit in all_units:
        node = nodes[unit.pk]
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        (parent.children if parent else roots).append(node)
    for node in nodes.values():
        node.children.sort(key=lambda n: (n.unit.valid_to is not None, n.unit.sort_key))
    return roots


@dataclass
class YearGroup:
    year: int
    items: list


def by_year(rows: list, attr: str = "year") -> list[YearGroup]:
    """Rows grouped by year, newest first (rows must already be sorted by year descending)."""
    return [
        YearGroup(year, list(items)) for year, items in groupby(rows, lambda r: getattr(r, attr))
    ]


def current_members(unit: Unit) -> list[ServicePeriod]:
    """Open service periods in the unit, Vietnamese name order."""
    return list(
        ServicePeriod.objects.filter(unit=unit, end_on__isnull=True)
        .select_related("person")
        .order_by("person__sort_key", "person_id")
    )


def unit_awards_with_predecessors(unit: Unit, predecessors: list[Unit]) -> list[AwardRecord]:
    """The unit's own collective awards and those of every unit it took over."""
    ids = [unit.pk, *(p.pk for p in predecessors)]
    return list(
        AwardRecord.objects.filter(unit_id__in=ids)
        .select_related("unit")
        .order_by("-year", "award_code", "decision_date", "id")
    )


def member_awards(unit: Unit, awards: QuerySet[AwardRecord]) -> list[AwardRecord]:
    """Individual awards won in this unit (unit at the time) or by its current members."""
    members = ServicePeriod.objects.filter(unit=unit, end_on__isnull=True).values("person_id")
    return list(
        awards.filter(person__isnull=False)
        .filter(Q(unit_at_award=unit) | Q(person_id__in=members))
        .select_related("person", "unit_at_award")
        .order_by("-year", "person__sort_key", "award_code", "id")
    )


def group_memberships(unit: Unit) -> list[EmulationGroupMembership]:
    return list(
        EmulationGroupMembership.objects.filter(unit=unit)
        .select_related("group", "group__convener")
        .order_by("-group__year", "group__name")
    )


@dataclass
class UnitPage:
    unit: Unit
    ancestors: list[tuple[Unit, bool]]
    predecessors: list[UnitSuccession]
    earlier_predecessors: list[Unit]
    successors: list[UnitSuccession]
    members: list[ServicePeriod]
    children: list[Unit]
    groups: list[EmulationGroupMembership]
    unit_awards: list[YearGroup]
    member_awards: list[YearGroup]
    year_records: list
    in_scope_ids: set[int]


def unit_page(user: User, unit: Unit) -> UnitPage:
    """Everything on a unit's page. Linked units outside the user's scope are shown by name
    only (`in_scope_ids` says which may be linked)."""
    from tdkt.accounts.scope import awards_for, units_for

    direct_in = list(
        UnitSuccession.objects.filter(successor=unit)
        .select_related("predecessor")
        .order_by("effective_on", "predecessor__sort_key")
    )
    all_predecessors = unit.predecessors()
    direct_ids = {link.predecessor_id for link in direct_in}
    successors = list(
        UnitSuccession.objects.filter(predecessor=unit)
        .select_related("successor")
        .order_by("effective_on", "successor__sort_key")
    )
    ancestors = unit.ancestors()
    children = list(unit.children.order_by("valid_to", "sort_key"))
    related_ids = {
        *(a.pk for a in ancestors),
        *(p.pk for p in all_predecessors),
        *(s.successor_id for s in successors),
    }
    in_scope = set(units_for(user).filter(pk__in=related_ids).values_list("pk", flat=True))
    in_scope |= {child.pk for child in children}
    unit_awards = unit_awards_with_predecessors(unit, all_predecessors)
    # A predecessor outside the user's scope keeps its awards on this page, named but unlinked.
    linkable = set(
        awards_for(user).filter(pk__in=[a.pk for a in unit_awards]).values_list("pk", flat=True)
    )
    for award in unit_awards:
        award.linked = award.pk in linkable  # type: ignore[attr-defined]
    return UnitPage(
        unit=unit,
        ancestors=[(a, a.pk in in_scope) for a in ancestors],
        predecessors=direct_in,
        earlier_predecessors=[p for p in all_predecessors if p.pk not in direct_ids],
        successors=successors,
        members=current_members(unit),
        children=children,
        groups=group_memberships(unit),
        unit_awards=by_year(unit_awards),
        member_awards=by_year(member_awards(unit, awards_for(user))),
        year_records=list(unit.year_records.order_by("-year")),
        in_scope_ids=in_scope,
    )


def members_count_by_unit(unit_ids: list[int]) -> dict[int, int]:
    """How many people serve in each unit now (open service periods)."""
    rows = (
        ServicePeriod.objects.filter(unit_id__in=unit_ids, end_on__isnull=True)
        .values("unit_id")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("unit_id", "n")
    )
    return dict(rows)


# -- emulation groups ----------------------------------------------------------------------


def managed_groups(user: User) -> QuerySet[EmulationGroup]:
    """Groups convened by a unit in the user's scope: those a secretariat may change."""
    from tdkt.accounts.scope import units_for

    return EmulationGroup.objects.filter(convener__in=units_for(user))


def groups_for(user: User) -> QuerySet[EmulationGroup]:
    """Groups the user may read: convened in the user's scope, or with a member in it."""
    from tdkt.accounts.scope import units_for

    units = units_for(user)
    members = EmulationGroupMembership.objects.filter(unit__in=units).values("group_id")
    return EmulationGroup.objects.filter(Q(convener__in=units) | Q(pk__in=members))


def get_group_or_404(user: User, pk: int) -> EmulationGroup:
    try:
        return groups_for(user).select_related("convener").get(pk=pk)
    except EmulationGroup.DoesNotExist as exc:
        raise Http404 from exc


@dataclass
class GroupRow:
    group: EmulationGroup
    head: Unit | None
    member_count: int


def group_list(user: User, year: int | None) -> list[GroupRow]:
    """The groups of a year (every year when None), cluster before block, by name."""
    groups = groups_for(user).select_related("convener")
    if year is not None:
        groups = groups.filter(year=year)
    groups = groups.annotate(n=Count("memberships")).order_by("-year", "kind", "name")
    heads = {
        m.group_id: m.unit
        for m in EmulationGroupMembership.objects.filter(
            group__in=[g.pk for g in groups], role=GroupRole.HEAD
        ).select_related("unit")
    }
    return [GroupRow(g, heads.get(g.pk), g.n) for g in groups]  # type: ignore[attr-defined]


def group_years(user: User) -> list[int]:
    return sorted(set(groups_for(user).values_list("year", flat=True)), reverse=True)


@dataclass
class GroupPage:
    group: EmulationGroup
    memberships: list[EmulationGroupMembership]
    head: Unit | None
    in_scope_ids: set[int]
    pledges: list


def group_page(user: User, group: EmulationGroup) -> GroupPage:
    """A group with its members (head, deputies, then the others by name) and the pledges made
    with it that the user may open. Members outside the user's scope are named, not linked."""
    from tdkt.accounts.scope import units_for
    from tdkt.movements.queries import pledges_for

    memberships = list(group.memberships.select_related("unit"))
    order: dict[str, int] = {GroupRole.HEAD: 0, GroupRole.DEPUTY: 1, GroupRole.MEMBER: 2}
    memberships.sort(key=lambda m: (order.get(m.role, 3), m.unit.sort_key))
    head = next((m.unit for m in memberships if m.role == GroupRole.HEAD), None)
    in_scope = set(
        units_for(user).filter(pk__in=[m.unit_id for m in memberships]).values_list("pk", flat=True)
    )
    pledges = list(
        pledges_for(user)
        .filter(group=group)
        .select_related("movement")
        .order_by("movement__name", "version")
    )
    return GroupPage(group, memberships, head, in_scope, pledges)
