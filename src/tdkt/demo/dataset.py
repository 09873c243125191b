"""The demo dataset in memory: plain rows, generated without a database and written by loader.py.

People are referred to by `key` (their index in `Dataset.people`), units by `code`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tdkt.demo.units import Succession, UnitSpec

Counts = dict[str, dict[str, int]]  # the shape of awards.queries.count_by_award


@dataclass(frozen=True)
class PersonRow:
    key: int
    full_name: str
    gender: str
    birth_date: dt.date
    citizen_id: str | None
    recruited_on: dt.date


@dataclass(frozen=True)
class PeriodRow:
    person: int
    unit: str
    position: str
    category: str
    is_frontline: bool
    is_leader: bool
    start_on: dt.date
    end_on: dt.date | None


@dataclass(frozen=True)
class YearRow:
    person: int
    year: int
    unit: str
    grade: str
    leave_kind: str = ""
    leave_days: int = 0
    note: str = ""


@dataclass(frozen=True)
class DisciplineRow:
    person: int
    level: str
    decided_on: dt.date
    year: int
    decision_number: str
    reason: str


@dataclass(frozen=True)
class ContributionRow:
    person: int
    kind: str
    title: str
    scope: str
    year: int
    recognised_on: dt.date
    recognised_by: str
    decision_number: str


@dataclass(frozen=True)
class UnitYearRow:
    unit: str
    year: int
    grade: str
    note: str = ""


@dataclass(frozen=True)
class AwardRow:
    award_code: str
    year: int
    method: str
    decision_number: str
    decision_date: dt.date
    issuer: str
    register_number: int
    achievement: str
    amount_vnd: int | None
    unit_at_award: str
    person: int | None = None
    unit: str | None = None
    status: str = "granted"
    revoked_by_number: str = ""
    revoked_on: dt.date | None = None
    revocation_reason: str = ""


@dataclass(frozen=True)
class GroupRow:
    year: int
    kind: str
    name: str
    convener: str
    members: tuple[tuple[str, str], ...]  # (unit code, role)


@dataclass(frozen=True)
class UserRow:
    username: str
    role: str
    unit: str | None
    full_name: str
    position: str
    label: str  # what `tdkt demo logins` prints before the username
    is_superuser: bool = False


@dataclass
class Dataset:
    seed: int
    units: list[UnitSpec]
    successions: list[Succession]
    people: list[PersonRow] = field(default_factory=list)
    periods: list[PeriodRow] = field(default_factory=list)
    year_records: list[YearRow] = field(default_factory=list)
    disciplines: list[DisciplineRow] = field(default_factory=list)
    contributions: list[ContributionRow] = field(default_factory=list)
    unit_years: list[UnitYearRow] = field(default_factory=list)
    awards: list[AwardRow] = field(default_factory=list)
    groups: list[GroupRow] = field(default_factory=list)
    users: list[UserRow] = field(default_factory=list)
    expected_counts: dict[int, Counts] = field(default_factory=dict)
