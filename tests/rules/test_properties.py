"""Properties the engine must keep whatever the facts (hypothesis)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.rules import schema
from tdkt.rules.engine import Request, evaluate, judge
from tdkt.rules.facts import Leave, PersonFacts, PersonYear, UnitFacts, UnitYear
from tdkt.rules.loader import load_rulebook
from tdkt.rules.money import reward_amount, round_to_unit

BOOK = load_rulebook()
YEAR = 2020
INDIVIDUAL_AWARDS = ("lao_dong_tien_tien", "cstd_co_so", "cstd_cap_tinh", "htxs_nhiem_vu")
COLLECTIVE_AWARDS = ("tap_the_ldtt", "tap_the_ldxs", "htxs_nhiem_vu", "co_thi_dua_chinh_phu")
TITLES = ("lao_dong_tien_tien", "cstd_co_so", "cstd_cap_tinh")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

decision_dates = st.dates(dt.date(2014, 8, 15), dt.date(2030, 12, 31))
grades = st.sampled_from(schema.GRADES)
scopes = st.lists(st.sampled_from(schema.SCOPES), max_size=2).map(tuple)
disciplines = st.lists(st.sampled_from(schema.DISCIPLINES), max_size=2).map(tuple)
leaves = st.lists(
    st.builds(
        Leave,
        kind=st.sampled_from(schema.LEAVE_KINDS),
        days=st.integers(0, 120),
        result=st.none() | st.sampled_from(schema.TRAINING_RESULTS),
    ),
    max_size=2,
).map(tuple)


@st.composite
def person_years(draw: st.DrawFn) -> PersonYear:
    return PersonYear(
        grade=draw(grades),
        titles=frozenset(draw(st.lists(st.sampled_from(TITLES), max_size=3))),
        initiatives=draw(scopes),
        research=draw(scopes),
        discipline=draw(disciplines),
        leave=draw(leaves),
        pending=draw(st.booleans()),
    )


@st.composite
def people(draw: st.DrawFn, ident: str = "p") -> PersonFacts:
    history = {year: draw(person_years()) for year in range(YEAR - 3, YEAR + 1)}
    return PersonFacts(
        id=ident,
        unit="u",
        recruited_on=draw(st.dates(dt.date(2000, 1, 1), dt.date(YEAR, 12, 31))),
        years=history,
    )


def _with_year(person: PersonFacts, **changes: object) -> PersonFacts:
    year = person.years[YEAR]
    fields = {**year.__dict__, **changes}
    return PersonFacts(
        person.id, person.unit, person.recruited_on, {**person.years, YEAR: PersonYear(**fields)}
    )


def _better(grade: str) -> list[str]:
    return list(schema.GRADES[schema.GRADES.index(grade) + 1 :])


@FAST
@given(people(), st.sampled_from(INDIVIDUAL_AWARDS), decision_dates, st.data())
def test_better_grade_never_loses_eligibility(person, award, on, data):
    grade = person.years[YEAR].grade
    better = _better(grade)
    if not better:
        return
    improved = _with_year(person, grade=data.draw(st.sampled_from(better)))

    before = evaluate(person, award, year=YEAR, decision_date=on, book=BOOK)
    after = evaluate(improved, award, year=YEAR, decision_date=on, book=BOOK)

    assert not before.eligible or after.eligible


@FAST
@given(
    people(),
    st.sampled_from(INDIVIDUAL_AWARDS),
    decision_dates,
    st.sampled_from(schema.DISCIPLINES),
)
def test_added_discipline_never_gains_eligibility(person, award, on, level):
    year = person.years[YEAR]
    disciplined = _with_year(person, discipline=(*year.discipline, level))

    before = evaluate(person, award, year=YEAR, decision_date=on, book=BOOK)
    after = evaluate(disciplined, award, year=YEAR, decision_date=on, book=BOOK)

    assert before.eligible or not after.eligible


@st.composite
def units(draw: st.DrawFn) -> UnitFacts:
    members = tuple(draw(people(f"m{i}")) for i in range(draw(st.integers(0, 6))))
    return UnitFacts(
        id="u",
        years={YEAR: UnitYear(grade=draw(grades), leads_clusters=())},
        members=members,
    )


@FAST
@given(units(), st.sampled_from(COLLECTIVE_AWARDS), decision_dates, st.data())
def test_better_member_or_unit_grade_never_loses_collective_eligibility(unit, award, on, data):
    before = evaluate(unit, award, year=YEAR, decision_date=on, book=BOOK)
    better_unit = _better(unit.years[YEAR].grade or schema.GRADES[0])
    members = list(unit.members)
    if members:
        index = data.draw(st.integers(0, len(members) - 1))
        options = _better(members[index].years[YEAR].grade or schema.GRADES[0])
        if options:
            members[index] = _with_year(members[index], grade=data.draw(st.sampled_from(options)))
    grade = data.draw(st.sampled_from(better_unit)) if better_unit else unit.years[YEAR].grade
    improved = UnitFacts(id="u", years={YEAR: UnitYear(grade=grade)}, members=tuple(members))

    after = evaluate(improved, award, year=YEAR, decision_date=on, book=BOOK)

    assert not before.eligible or after.eligible


@FAST
@given(st.lists(people(), min_size=1, max_size=12), decision_dates)
def test_quota_is_never_exceeded_by_what_is_within_quota(crowd, on):
    staff = {
        f"p{i}": PersonFacts(f"p{i}", "u", p.recruited_on, p.years) for i, p in enumerate(crowd)
    }
    unit = UnitFacts(
        id="u", years={YEAR: UnitYear(grade="hoan_thanh_tot")}, members=tuple(staff.values())
    )
    requests = [Request(ident, "cstd_co_so") for ident in staff]

    judgement = judge(requests, staff, {"u": unit}, year=YEAR, decision_date=on, book=BOOK)

    for quota in judgement.quotas:
        assert len(quota.within_quota) <= quota.limit
        assert len(quota.within_quota) + len(quota.over_quota) == quota.eligible_requests
        assert set(quota.within_quota) <= {v.subject for v in judgement.verdicts if v.eligible}


@given(
    st.decimals(min_value=0, max_value=20, places=2),
    st.integers(1_000_000, 5_000_000),
    st.sampled_from(["ceil", "floor", "nearest"]),
)
def test_money_is_never_negative_and_rounding_is_idempotent(coefficient, base, mode):
    amount = reward_amount(Decimal(coefficient), base, 10000, mode)

    assert amount >= 0
    assert amount % 10000 == 0
    assert round_to_unit(amount, 10000, mode) == amount


@given(decision_dates)
def test_regime_for_a_date_contains_that_date(on):
    regime = BOOK.regime_for(on)

    assert regime.contains(on)
    assert regime.effective_from <= on
    assert regime.effective_to is None or on <= regime.effective_to
