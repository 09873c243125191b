"""The facts the rules engine judges a nomination by, read from the database for a few people
and units at once (a handful of queries per dossier, never one per row).

What the engine reads (tdkt/rules/facts.py) comes from: the yearly record (grade, leave), the
person (recruitment date), disciplinary actions, recognised initiatives and research, the award
register (titles already granted) and, for a collective, its own yearly grade, the clusters it
headed and its members in the judged year.

Titles proposed in the same round count as held: a grassroots emulation fighter must be an
advanced worker of the same year, and both are proposed together. `proposed_titles` gives those
titles (from live nominations), and each verdict lists what it assumed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db.models import Q

from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.nominations.enums import DEAD_STATES
from tdkt.organisations.enums import GroupRole, UnitKind
from tdkt.organisations.models import EmulationGroupMembership, Unit, UnitYearRecord
from tdkt.people.enums import ContributionKind
from tdkt.people.models import Contribution, DisciplinaryAction, Person, ServicePeriod, YearRecord
from tdkt.rules.facts import Leave, PersonFacts, PersonYear, UnitFacts, UnitYear

# How far back the criteria look: 3 years of CSTĐ cơ sở for CSTĐ tỉnh, 2 of CSTĐ tỉnh (6 years
# of initiatives) for CSTĐ toàn quốc.
LOOK_BACK_YEARS = 6
CLUSTER_LEVEL_OF_CONVENER: dict[str, str] = {UnitKind.DISTRICT: "huyen", UnitKind.PROVINCE: "tinh"}
_CONTRIBUTION_FIELD: dict[str, str] = {
    ContributionKind.INITIATIVE: "initiatives",
    ContributionKind.RESEARCH: "research",
    ContributionKind.COMBAT: "combat",
}

Proposed = Mapping[int, frozenset[str]]  # person or unit id -> titles proposed for the year


def proposed_titles(
    year: int, *, people: bool, owners: Iterable[int] | None = None
) -> dict[int, frozenset[str]]:
    """Titles proposed for `year` by live nominations, by person (or by collective)."""
    from tdkt.nominations.models import Nomination

    rows = Nomination.objects.filter(year=year, person__isnull=not people).exclude(
        state__in=DEAD_STATES
    )
    if owners is not None:
        rows = rows.filter(**{"person_id__in" if people else "unit_id__in": list(owners)})
    found: dict[int, set[str]] = defaultdict(set)
    for owner, code in rows.values_list("person_id" if people else "unit_id", "award_code"):
        found[owner].add(code)
    return {owner: frozenset(codes) for owner, codes in found.items()}


def _titles(owner: str, ids: list[int], year: int) -> dict[int, dict[int, set[str]]]:
    found: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    rows = AwardRecord.objects.filter(
        **{f"{owner}_id__in": ids},
        status=AwardStatus.GRANTED,
        year__gte=year - LOOK_BACK_YEARS,
        year__lte=year,
    ).values_list(f"{owner}_id", "year", "award_code")
    for pk, award_year, code in rows:
        found[pk][award_year].add(code)
    return found


def person_facts(
    person_ids: Iterable[int], year: int, proposed: Proposed | None = None
) -> dict[int, PersonFacts]:
    """PersonFacts for each person, for judging `year`."""
    ids = sorted(set(person_ids))
    if not ids:
        return {}
    proposed = proposed or {}
    people = Person.objects.filter(pk__in=ids).values_list("id", "full_name", "recruited_on")
    records = {
        pk: (unit, grade, kind, days)
        for pk, unit, grade, kind, days in YearRecord.objects.filter(
            person_id__in=ids, year=year
        ).values_list("person_id", "unit_id", "grade", "leave_kind", "leave_days")
    }
    discipline: dict[int, list[str]] = defaultdict(list)
    for pk, level in DisciplinaryAction.objects.filter(person_id__in=ids, year=year).values_list(
        "person_id", "level"
    ):
        discipline[pk].append(level)
    contributions: dict[int, dict[int, dict[str, list[str]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for pk, contribution_kind, scope, contribution_year in Contribution.objects.filter(
        person_id__in=ids, year__gte=year - LOOK_BACK_YEARS, year__lte=year
    ).values_list("person_id", "kind", "scope", "year"):
        contributions[pk][contribution_year][_CONTRIBUTION_FIELD[contribution_kind]].append(scope)
    titles = _titles("person", ids, year)
    units = service_units(ids, year)
    result = {}
    for pk, name, recruited_on in people:
        record = records.get(pk)
        years: dict[int, PersonYear] = {}
        for judged in range(year - LOOK_BACK_YEARS, year + 1):
            held = set(titles[pk].get(judged, ()))
            made = contributions[pk].get(judged, {})
            if judged == year:
                held |= proposed.get(pk, frozenset())
            grade: str | None = None
            leave_kind: str | None = None
            days = 0
            if judged == year and record is not None:
                _unit, grade, leave_kind, days = record
            leave = (Leave(leave_kind, days),) if leave_kind and days else ()
            years[judged] = PersonYear(
                grade=grade or None,
                titles=frozenset(held),
                initiatives=tuple(made.get("initiatives", ())),
                research=tuple(made.get("research", ())),
                combat=tuple(made.get("combat", ())),
                discipline=tuple(discipline.get(pk, ())) if judged == year else (),
                leave=leave,
            )
        unit = record[0] if record is not None and record[0] else units.get(pk)
        result[pk] = PersonFacts(
            id=str(pk),
            unit=str(unit) if unit else None,
            recruited_on=recruited_on,
            years=years,
            name=name,
        )
    return result


def service_units(person_ids: Iterable[int], year: int) -> dict[int, int]:
    """The unit each person worked in during `year` (the latest period overlapping it)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    found: dict[int, tuple[dt.date, int]] = {}
    periods = ServicePeriod.objects.filter(
        Q(end_on__isnull=True) | Q(end_on__gte=first),
        person_id__in=list(person_ids),
        start_on__lte=last,
    ).values_list("person_id", "unit_id", "start_on")
    for pk, unit, start in periods:
        if pk not in found or start > found[pk][0]:
            found[pk] = (start, unit)
    return {pk: unit for pk, (_start, unit) in found.items()}


def unit_members(unit_ids: Iterable[int], year: int) -> dict[int, list[int]]:
    """The people of each unit in `year`: their yearly record's unit, or for people without
    one, the unit they served in on 31 December (as the whole-year evaluation reads them)."""
    ids = list(unit_ids)
    members: dict[int, set[int]] = defaultdict(set)
    for person, unit in YearRecord.objects.filter(year=year, unit_id__in=ids).values_list(
        "person_id", "unit_id"
    ):
        members[unit].add(person)
    year_end = dt.date(year, 12, 31)
    on_duty = list(
        ServicePeriod.objects.filter(
            Q(end_on__isnull=True) | Q(end_on__gte=year_end),
            unit_id__in=ids,
            start_on__lte=year_end,
        ).values_list("person_id", "unit_id")
    )
    graded = set(
        YearRecord.objects.filter(
            year=year, person_id__in={person for person, _unit in on_duty}
        ).values_list("person_id", flat=True)
    )
    for person, unit in on_duty:
        if person not in graded:
            members[unit].add(person)
    return {unit: sorted(members.get(unit, ())) for unit in ids}


def unit_facts(
    unit_ids: Iterable[int],
    year: int,
    proposed_people: Proposed | None = None,
    proposed_units: Proposed | None = None,
) -> dict[int, UnitFacts]:
    """UnitFacts for each collective, with its members' facts, for judging `year`."""
    ids = sorted(set(unit_ids))
    if not ids:
        return {}
    proposed_units = proposed_units or {}
    members = unit_members(ids, year)
    everyone = person_facts(
        (person for group in members.values() for person in group), year, proposed_people
    )
    grades = dict(
        UnitYearRecord.objects.filter(unit_id__in=ids, year=year).values_list("unit_id", "grade")
    )
    titles = _titles("unit", ids, year)
    leads: dict[int, set[str]] = defaultdict(set)
    heads = EmulationGroupMembership.objects.filter(
        unit_id__in=ids, group__year=year, role=GroupRole.HEAD
    ).values_list("unit_id", "group__convener__kind")
    for pk, convener_kind in heads:
        level = CLUSTER_LEVEL_OF_CONVENER.get(convener_kind)
        if level:
            leads[pk].add(level)
    result = {}
    for pk, name in Unit.objects.filter(pk__in=ids).values_list("id", "name"):
        years = {
            judged: UnitYear(
                grade=grades.get(pk) if judged == year else None,
                titles=frozenset(
                    set(titles[pk].get(judged, ()))
                    | (proposed_units.get(pk, frozenset()) if judged == year else set())
                ),
                leads_clusters=tuple(sorted(leads.get(pk, ()))) if judged == year else (),
            )
            for judged in range(year - LOOK_BACK_YEARS, year + 1)
        }
        result[pk] = UnitFacts(
            id=str(pk),
            name=name,
            years=years,
            members=tuple(everyone[person] for person in members[pk] if person in everyone),
        )
    return result
