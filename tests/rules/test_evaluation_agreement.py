"""The set-based whole-year evaluation and the per-subject engine must agree, subject by subject:
same eligibility, same failed conditions (code, message, citation), same items to review.

Each seed builds a small random year in the database (two units, their people, grades, leave,
discipline, contributions, register entries over the preceding years), evaluates it set-based,
and judges the same facts with `engine.evaluate`, title after title in the pass's order: a title
of the judged year is held when the register has it or the engine found the subject eligible
for it earlier in the pass (the documented rule of the whole-year evaluation).
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection

from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.common.text import name_sort_key
from tdkt.organisations.models import Unit, UnitYearRecord
from tdkt.people.enums import Category, ContributionKind
from tdkt.people.models import Contribution, DisciplinaryAction, Person, ServicePeriod, YearRecord
from tdkt.rules import schema
from tdkt.rules.engine import Verdict, evaluate
from tdkt.rules.evaluation import columns, evaluate_year
from tdkt.rules.evaluation.plan import INDIVIDUAL, make_plan
from tdkt.rules.facts import Leave, PersonFacts, PersonYear, UnitFacts, UnitYear
from tdkt.rules.regime import RuleBook

# (judged year, decision date): every regime, both sides of TT 01/2024's start (15/4/2024).
SETTINGS = [
    (2016, dt.date(2017, 1, 17)),  # r2014
    (2017, dt.date(2018, 1, 15)),  # r2017
    (2021, dt.date(2022, 1, 15)),  # r2017
    (2023, dt.date(2024, 3, 1)),  # r2024, six months not yet in force
    (2023, dt.date(2024, 5, 1)),  # r2024
    (2024, dt.date(2025, 8, 1)),  # r2025
]
TITLES = ("lao_dong_tien_tien", "cstd_co_so", "cstd_cap_tinh")
KINDS = {
    "initiative": ContributionKind.INITIATIVE,
    "research": ContributionKind.RESEARCH,
    "combat": ContributionKind.COMBAT,
}
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em",
         "Võ Thị Giang", "Đặng Văn Hải", "Bùi Thị Hoa", "Đỗ Văn Khánh", "Ngô Thị Lan"]  # fmt: skip


def _build(rng: random.Random, year: int, serial: int) -> dict:
    """Random facts, written to the database; returns them as the engine reads them."""
    parent = Unit.objects.create(code=f"agree-{serial}", name=f"Quận thử {serial}", kind="district")
    units = []
    for index in range(2):
        unit = Unit.objects.create(
            code=f"agree-{serial}-{index}", name=f"Phòng {index}", kind="division", parent=parent
        )
        grade = rng.choice([*schema.GRADES, None])
        if grade is not None:
            UnitYearRecord.objects.create(unit=unit, year=year, grade=grade)
        titles = set()
        for code in ("tap_the_ldtt", "tap_the_ldxs"):
            if rng.random() < 0.2:
                AwardRecord.objects.create(
                    unit=unit, award_code=code, year=year, decision_number=f"{serial}-{code}",
                    decision_date=dt.date(year + 1, 1, 10), issuer="UBND",
                )  # fmt: skip
                titles.add(code)
        units.append((unit, grade, frozenset(titles)))
    people: dict[int, PersonFacts] = {}
    for index in range(rng.randint(3, 9) * 2):
        unit = units[index % 2][0]
        name = f"{rng.choice(NAMES)} {index}"
        recruited = rng.choice(
            [None, dt.date(year - 5, 6, 1), dt.date(year, 3, 1), dt.date(year, 3, 2),
             dt.date(year, 7, 20), dt.date(year - 1, 11, 1)]
        )  # fmt: skip
        person = Person.objects.create(full_name=name, gender="nam", recruited_on=recruited)
        ServicePeriod.objects.create(
            person=person, unit=unit, category=Category.CIVIL_SERVANT,
            start_on=dt.date(year - 8, 1, 1),
        )  # fmt: skip
        years: dict[int, dict] = {
            y: {"titles": set(), "initiatives": [], "research": [], "combat": [], "discipline": []}
            for y in range(year - 6, year + 1)
        }
        grade = rng.choice([*schema.GRADES, schema.GRADES[2], schema.GRADES[3], None])
        leave: tuple[Leave, ...] = ()
        if grade is not None:
            kind, days = "", 0
            if rng.random() < 0.4:
                kind = rng.choice(schema.LEAVE_KINDS)
                days = rng.choice([5, 39, 40, 60, 200])
                leave = (Leave(kind, days),)
            YearRecord.objects.create(
                person=person, year=year, unit=unit, grade=grade, leave_kind=kind, leave_days=days
            )
        for _ in range(rng.choice([0, 0, 1, 2])):
            level = rng.choice(schema.DISCIPLINES[:3])
            y = rng.choice([year, year, year - 1])
            DisciplinaryAction.objects.create(
                person=person, level=level, decided_on=dt.date(y, 5, 1), year=y
            )
            years[y]["discipline"].append(level)
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            kind = rng.choice(list(KINDS))
            scope = rng.choice(schema.SCOPES)
            y = rng.randint(year - 6, year)
            Contribution.objects.create(
                person=person, kind=KINDS[kind], title="Sáng kiến", scope=scope, year=y
            )
            years[y][kind if kind != "initiative" else "initiatives"].append(scope)
        for y in range(year - 4, year + 1):
            for code in TITLES:
                if rng.random() < {"lao_dong_tien_tien": 0.5, "cstd_co_so": 0.45}.get(code, 0.1):
                    revoked = rng.random() < 0.1
                    AwardRecord.objects.create(
                        person=person, award_code=code, year=y, decision_number=f"{y}-{code}",
                        decision_date=dt.date(y + 1, 1, 10), issuer="UBND",
                        status=AwardStatus.REVOKED if revoked else AwardStatus.GRANTED,
                        revoked_on=dt.date(y + 1, 6, 1) if revoked else None,
                    )  # fmt: skip
                    if not revoked:
                        years[y]["titles"].add(code)
        people[person.pk] = PersonFacts(
            id=str(person.pk),
            unit=str(unit.pk),
            recruited_on=recruited,
            name=name,
            years={
                y: PersonYear(
                    grade=grade if y == year else None,
                    titles=frozenset(v["titles"]),
                    initiatives=tuple(v["initiatives"]),
                    research=tuple(v["research"]),
                    combat=tuple(v["combat"]),
                    discipline=tuple(v["discipline"]),
                    leave=leave if y == year else (),
                )
                for y, v in years.items()
            },
        )
    return {"parent": parent, "units": units, "people": people}


def _with_titles(person: PersonFacts, year: int, extra: set[str]) -> PersonFacts:
    current = person.year(year)
    years = dict(person.years)
    years[year] = PersonYear(
        grade=current.grade,
        titles=current.titles | extra,
        initiatives=current.initiatives,
        research=current.research,
        combat=current.combat,
        discipline=current.discipline,
        leave=current.leave,
        pending=current.pending,
    )
    return PersonFacts(person.id, person.unit, person.recruited_on, years, person.name)


def _engine_verdicts(data: dict, year: int, on: dt.date, book: RuleBook) -> dict:
    regime = book.regime_for(on)
    won: dict[str, set[str]] = {}  # subject -> titles found eligible earlier in the pass
    found: dict[tuple[str, str], Verdict] = {}
    for title in make_plan(regime).titles:
        if title.kind == INDIVIDUAL:
            for pk, person in data["people"].items():
                facts = _with_titles(person, year, won.get(str(pk), set()))
                verdict = evaluate(facts, title.award, year=year, decision_date=on, book=book)
                found[(str(pk), title.award)] = verdict
                if verdict.eligible:
                    won.setdefault(str(pk), set()).add(title.award)
            continue
        for unit, grade, titles in data["units"]:
            members = [
                _with_titles(person, year, won.get(str(pk), set()))
                for pk, person in data["people"].items()
                if person.unit == str(unit.pk)
            ]
            members.sort(key=lambda m: (name_sort_key(m.label), int(m.id)))
            facts = UnitFacts(
                id=str(unit.pk),
                name=unit.name,
                years={year: UnitYear(grade=grade, titles=titles | won.get(f"u{unit.pk}", set()))},
                members=tuple(members),
            )
            verdict = evaluate(facts, title.award, year=year, decision_date=on, book=book)
            found[(f"u{unit.pk}", title.award)] = verdict
            if verdict.eligible:
                won.setdefault(f"u{unit.pk}", set()).add(title.award)
    return found


def _assert_agrees(seed: int, book: RuleBook) -> None:
    rng = random.Random(seed)
    year, on = SETTINGS[seed % len(SETTINGS)]
    data = _build(rng, year, seed)

    result = evaluate_year(year, decision_date=on, unit=data["parent"], book=book)
    expected = _engine_verdicts(data, year, on, book)

    compared = 0
    for title in result.titles:
        prefix = "" if title.kind == INDIVIDUAL else "u"
        assert {f"{prefix}{s}" for s in title.subjects} == {
            subject for subject, award in expected if award == title.award
        }
        for index, subject in enumerate(title.subjects):
            verdict = expected[(f"{prefix}{subject}", title.award)]
            assert title.eligible[index] == verdict.eligible, (title.award, subject)
            assert title.failed(index) == verdict.failed, (title.award, subject)
            assert set(title.needs_review(index)) == set(verdict.needs_review)
            assert title.reward_vnd == verdict.reward_vnd
            compared += 1
    assert compared >= 2 * len(data["people"]) + len(data["units"])


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(36))
def test_set_based_evaluation_agrees_with_engine(seed: int, book: RuleBook) -> None:
    _assert_agrees(seed, book)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("seed", range(4))
def test_reads_on_a_second_connection_agree_with_engine(
    seed: int, book: RuleBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside a transaction, PostgreSQL reads the aggregates on a second connection in the
    snapshot of the first (inside a test's transaction the data would be invisible to it)."""
    if connection.vendor != "postgresql":
        pytest.skip("a second connection is used on PostgreSQL only")
    calls: list[int] = []

    def spy(snapshot: str, queries: list) -> list:
        calls.append(len(queries))
        return fetch_aside(snapshot, queries)

    fetch_aside = columns._fetch_aside
    monkeypatch.setattr(columns, "_fetch_aside", spy)
    _assert_agrees(seed, book)
    assert len(calls) == 1  # one second connection, for all the aggregates


@pytest.mark.django_db
def test_agreement_data_covers_both_outcomes(book: RuleBook) -> None:
    """The random years above do produce eligible and ineligible verdicts for every title."""
    outcomes: dict[str, set[bool]] = {}
    for seed in range(36):
        year, on = SETTINGS[seed % len(SETTINGS)]
        data = _build(random.Random(seed), year, 1000 + seed)
        result = evaluate_year(year, decision_date=on, unit=data["parent"], book=book)
        for title in result.titles:
            outcomes.setdefault(title.award, set()).update(title.eligible)
    assert outcomes["lao_dong_tien_tien"] == {True, False}
    assert outcomes["cstd_co_so"] == {True, False}
    assert outcomes["tap_the_ldtt"] == {True, False}
    assert False in outcomes["tap_the_ldxs"]
