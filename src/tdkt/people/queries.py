"""Reads for the people pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import OuterRef, Q, QuerySet, Subquery

from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.common.text import fold
from tdkt.organisations.models import Unit
from tdkt.people.models import Person, ServicePeriod, YearRecord

if TYPE_CHECKING:
    from tdkt.accounts.models import User


def search_people(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    """People whose name holds every word of the query, ignoring diacritics and case
    ("nguyen thi anh" finds "Nguyễn Thị Ánh"); a query of digits also matches citizen IDs."""
    words = fold(query).split()
    if len(words) == 1 and words[0].isdigit() and len(words[0]) >= 4:
        return people.filter(Q(citizen_id__contains=words[0]) | Q(search_key__contains=words[0]))
    for word in words:
        people = people.filter(search_key__contains=word)
    return people


def with_current_service(people: QuerySet[Person]) -> QuerySet[Person]:
    """Annotate each person with their current unit and position (the newest open service
    period) in the same query, so a list costs the same whatever its length."""
    current = ServicePeriod.objects.filter(person_id=OuterRef("pk"), end_on__isnull=True).order_by(
        "-start_on", "-id"
    )
    return people.annotate(
        current_unit_id=Subquery(current.values("unit_id")[:1]),
        current_unit_name=Subquery(current.values("unit__name")[:1]),
        current_unit_path=Subquery(current.values("unit__path")[:1]),
        current_position=Subquery(current.values("position")[:1]),
    )


def filter_people(
    people: QuerySet[Person],
    *,
    query: str = "",
    unit: Unit | None = None,
    category: str = "",
    gender: str = "",
    grade: str = "",
    grade_year: int | None = None,
    award: str = "",
    award_year: int | None = None,
) -> QuerySet[Person]:
    """The people list's filters. `unit` keeps people who served in the unit or a unit under it;
    `category` is that of their current service.

    Each filter is an uncorrelated `pk IN (subquery)`: the database builds the id set once,
    where a correlated EXISTS lets SQLite pick a per-row index scan of the whole register."""
    if query.strip():
        people = search_people(people, query)
    if unit is not None:
        served = ServicePeriod.objects.filter(unit__path__startswith=unit.path)
        people = people.filter(pk__in=served.values("person_id"))
    if category:
        current = ServicePeriod.objects.filter(end_on__isnull=True, category=category)
        people = people.filter(pk__in=current.values("person_id"))
    if gender:
        people = people.filter(gender=gender)
    if grade or grade_year:
        records = YearRecord.objects.all()
        if grade:
            records = records.filter(grade=grade)
        if grade_year:
            records = records.filter(year=grade_year)
        people = people.filter(pk__in=records.values("person_id"))
    if award or award_year:
        awards = AwardRecord.objects.filter(person__isnull=False, status=AwardStatus.GRANTED)
        if award:
            awards = awards.filter(award_code=award)
        if award_year:
            awards = awards.filter(year=award_year)
        people = people.filter(pk__in=awards.values("person_id"))
    return people


@dataclass
class PersonPage:
    person: Person
    service: list[ServicePeriod]
    current: ServicePeriod | None
    year_records: list[YearRecord]
    discipline: list
    contributions: list
    awards: list[AwardRecord]
    in_scope_unit_ids: set[int]


def person_page(user: User, person: Person) -> PersonPage:
    """Everything on a person's page. Units outside the user's scope are named, not linked."""
    from tdkt.accounts.scope import units_for

    service = list(person.service_periods.select_related("unit").order_by("-start_on", "-id"))
    year_records = list(person.year_records.select_related("unit").order_by("-year"))
    awards = list(
        person.awards.select_related("unit_at_award").order_by("-year", "-decision_date", "id")
    )
    unit_ids = {
        *(s.unit_id for s in service),
        *(r.unit_id for r in year_records if r.unit_id),
        *(a.unit_at_award_id for a in awards if a.unit_at_award_id),
    }
    in_scope = set(units_for(user).filter(pk__in=unit_ids).values_list("pk", flat=True))
    current = next((s for s in service if s.end_on is None), None)
    return PersonPage(
        person=person,
        service=service,
        current=current,
        year_records=year_records,
        discipline=list(person.disciplinary_actions.order_by("-decided_on")),
        contributions=list(person.contributions.order_by("-year", "title")),
        awards=awards,
        in_scope_unit_ids=in_scope,
    )
