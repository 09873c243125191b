"""The legal data once loaded: immutable, dated, every item with its citation and status.

The query methods (`thresholds`, `criteria_for`, `coefficient_for`, `vote_rule` ...) are what
other code reads, so that a set-based evaluator over the database uses the same parameters as
the per-person engine instead of repeating them.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from tdkt.rules.messages import Messages

UNVERIFIED = "UNVERIFIED"


class NoRegimeError(LookupError):
    """No regime (or no base salary) is in force on the date asked for."""


@dataclass(frozen=True)
class Criterion:
    code: str
    predicate: str
    params: Mapping[str, Any]
    citation: str
    status: str
    message: str | None = None
    subjects: frozenset[str] | None = None
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    children: tuple[Criterion, ...] = ()
    note: str = ""

    @property
    def binding(self) -> bool:
        """An UNVERIFIED condition is checked and shown, but never makes a verdict false."""
        return self.status != UNVERIFIED

    @property
    def manual(self) -> bool:
        return self.predicate == "manual"

    def in_force(self, on: dt.date) -> bool:
        if self.effective_from is not None and on < self.effective_from:
            return False
        return self.effective_to is None or on <= self.effective_to

    def applies_to(self, kind: str) -> bool:
        return self.subjects is None or kind in self.subjects

    def param(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)


@dataclass(frozen=True)
class Coefficient:
    values: Mapping[str, Decimal | None]  # by subject kind; None = the regime gives none
    citation: str
    status: str
    up_to: bool = False  # the law gives only a ceiling; the issuer decides the amount
    note: str = ""


@dataclass(frozen=True)
class Quota:
    basis: str  # "title_holders": % of members holding of_title; "members": % of all members
    of_title: str | None
    max_pct: Decimal
    rounding: str
    min_limit: int
    citation: str
    status: str
    rounding_status: str
    note: str = ""

    def limit(self, base_count: int) -> int:
        from tdkt.rules.money import round_to_unit

        raw = Decimal(base_count) * self.max_pct / Decimal(100)
        return max(self.min_limit, round_to_unit(raw, 1, self.rounding))


@dataclass(frozen=True)
class AwardRule:
    code: str
    type: str  # "title" (danh hiệu) or "form" (hình thức khen thưởng)
    name_vi: str
    awarded_to: frozenset[str]
    authority: tuple[str, ...]
    citation: tuple[str, ...]
    status: str
    criteria: tuple[Criterion, ...]
    coefficient: Coefficient | None
    quota: Quota | None
    frequency: str = ""
    note: str = ""


@dataclass(frozen=True)
class MoneyRounding:
    unit: int
    mode: str
    citation: str
    status: str


@dataclass(frozen=True)
class Multiplier:
    value: Decimal | None
    citation: str
    status: str


@dataclass(frozen=True)
class VoteRule:
    award: str
    threshold_pct: Decimal
    base: str  # "all_members" or "present_members"
    citation: str
    status: str
    method: str = ""
    absent_members: str = ""
    note: str = ""

    def passes(self, yes_votes: int, members: int, present: int | None = None) -> bool:
        """Whether `yes_votes` reach the threshold (integer arithmetic, no float rounding)."""
        base = members if self.base == "all_members" or present is None else present
        if base <= 0:
            return False
        return Decimal(yes_votes) * 100 >= self.threshold_pct * base


@dataclass(frozen=True)
class Disclosure:
    name: str
    awards: frozenset[str]
    days: int
    unit: str
    citation: str
    status: str


@dataclass(frozen=True)
class RegistrationRule:
    """Whether registering for emulation (đăng ký thi đua) is a legal condition for titles."""

    required: bool
    citation: str
    status: str
    note: str = ""


@dataclass(frozen=True)
class AwardThresholds:
    """The data-decidable parameters of one award, flat, for set-based (SQL) evaluation.

    Conditions that do not fit a flat field (any_of groups, collective shares) are given as
    the criteria themselves in `alternatives` and `other_conditions`.
    """

    regime: str
    award: str
    min_grade: str | None = None
    exact_grade: str | None = None
    min_tenure_months: int | None = None
    discipline_excludes_from: str | None = None
    absence_limit_days: int | None = None
    counted_as_work: tuple[str, ...] = ()
    long_training_min_result: str | None = None
    required_titles: tuple[tuple[str, int], ...] = ()  # (title, year offset)
    consecutive_titles: tuple[tuple[str, int], ...] = ()  # (title, years)
    excludes_pending: bool = False  # not while discipline or an investigation is pending
    alternatives: tuple[tuple[Criterion, ...], ...] = ()  # each group: one must hold
    other_conditions: tuple[Criterion, ...] = ()  # collective conditions and the like
    manual: tuple[str, ...] = ()
    unverified: tuple[str, ...] = ()  # codes of conditions that only raise a review
    not_in_force: tuple[str, ...] = ()
    quota: Quota | None = None


@dataclass(frozen=True)
class Regime:
    id: str
    name_vi: str
    effective_from: dt.date
    effective_to: dt.date | None
    status: str
    citation: str
    basis: tuple[str, ...]
    district_level: bool
    rounding: MoneyRounding
    collective_multiplier: Multiplier | None
    household_multiplier: Multiplier | None
    principles: tuple[Criterion, ...]
    awards: Mapping[str, AwardRule]
    votes: Mapping[str, VoteRule]
    disclosures: tuple[Disclosure, ...]
    registration: RegistrationRule
    sources: tuple[str, ...] = ()
    note: str = ""

    def contains(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def award(self, code: str) -> AwardRule | None:
        return self.awards.get(code)

    def criteria_for(self, award: str, kind: str) -> tuple[Criterion, ...]:
        """The regime's principles, then the award's own criteria, that apply to `kind`."""
        rule = self.awards[award]
        return tuple(c for c in (*self.principles, *rule.criteria) if c.applies_to(kind))

    def coefficient_for(self, award: str, kind: str) -> tuple[Decimal | None, Coefficient | None]:
        """The coefficient for a subject kind, derived through the regime's multipliers when
        the award names only the individual one; (None, ...) when the regime gives none."""
        rule = self.awards.get(award)
        if rule is None or rule.coefficient is None or rule.coefficient.up_to:
            return None, rule.coefficient if rule else None
        values = rule.coefficient.values
        if kind in values:
            return values[kind], rule.coefficient
        base = values.get("individual")
        multiplier = {"collective": self.collective_multiplier}.get(
            kind, self.household_multiplier if kind == "household" else None
        )
        if rule.type != "form" or base is None or multiplier is None or multiplier.value is None:
            return None, rule.coefficient
        return base * multiplier.value, rule.coefficient

    def vote_rule(self, award: str) -> VoteRule | None:
        return self.votes.get(award)

    def disclosure_for(self, award: str) -> Disclosure | None:
        return next((d for d in self.disclosures if award in d.awards), None)

    def thresholds(self, award: str, on: dt.date | None = None) -> AwardThresholds:
        """Flat thresholds of one award on a decision date (default: the regime's start)."""
        on = on or self.effective_from
        rule = self.awards[award]
        found: dict[str, Any] = {
            "required_titles": [],
            "consecutive_titles": [],
            "alternatives": [],
            "other_conditions": [],
            "manual": [],
            "unverified": [],
            "not_in_force": [],
        }
        kinds = rule.awarded_to
        for criterion in (*self.principles, *rule.criteria):
            if not any(criterion.applies_to(kind) for kind in kinds):
                continue
            if not criterion.in_force(on):
                found["not_in_force"].append(criterion.code)
                continue
            if not criterion.binding:
                found["unverified"].append(criterion.code)
            _flatten(criterion, found)
        fields: dict[str, Any] = {
            key: tuple(value) if isinstance(value, list) else value for key, value in found.items()
        }
        return AwardThresholds(regime=self.id, award=award, quota=rule.quota, **fields)


def _flatten(criterion: Criterion, found: dict[str, Any]) -> None:
    p = criterion.param
    match criterion.predicate:
        case "eval_grade_at_least":
            found["min_grade"] = p("grade")
        case "eval_grade_equals":
            found["exact_grade"] = p("grade")
        case "tenure_months_at_least":
            found["min_tenure_months"] = p("months")
        case "no_discipline_in_year":
            found["discipline_excludes_from"] = p("min_level")
        case "absent_days_below":
            found["absence_limit_days"] = p("limit_days")
            found["counted_as_work"] = tuple(p("counted_as_work"))
        case "long_training_result_at_least":
            found["long_training_min_result"] = p("result")
        case "has_title":
            found["required_titles"].append((p("title"), p("year_offset", 0)))
        case "consecutive_titles":
            found["consecutive_titles"].append((p("title"), p("count")))
        case "any_of":
            found["alternatives"].append(criterion.children)
        case "manual":
            found["manual"].append(p("text"))
        case "no_pending_discipline_or_investigation":
            found["excludes_pending"] = True
        case _:
            found["other_conditions"].append(criterion)


@dataclass(frozen=True)
class BaseSalary:
    effective_from: dt.date
    effective_to: dt.date | None
    amount_vnd: int
    citation: str
    status: str


@dataclass(frozen=True)
class RuleBook:
    regimes: tuple[Regime, ...]  # sorted by effective_from, contiguous
    base_salaries: tuple[BaseSalary, ...]  # sorted, contiguous
    messages: Messages
    overrides: tuple[str, ...] = ()
    _starts: tuple[dt.date, ...] = field(default=(), repr=False, compare=False)
    _salary_starts: tuple[dt.date, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(r.effective_from for r in self.regimes))
        starts = tuple(entry.effective_from for entry in self.base_salaries)
        object.__setattr__(self, "_salary_starts", starts)

    def regime(self, regime_id: str) -> Regime:
        for regime in self.regimes:
            if regime.id == regime_id:
                return regime
        raise NoRegimeError(regime_id)

    def regime_for(self, on: dt.date) -> Regime:
        index = bisect.bisect_right(self._starts, on) - 1
        if index < 0 or not self.regimes[index].contains(on):
            raise NoRegimeError(on.isoformat())
        return self.regimes[index]

    def base_salary_on(self, on: dt.date) -> BaseSalary:
        index = bisect.bisect_right(self._salary_starts, on) - 1
        if index < 0:
            raise NoRegimeError(on.isoformat())
        entry = self.base_salaries[index]
        if entry.effective_to is not None and on > entry.effective_to:
            raise NoRegimeError(on.isoformat())
        return entry

    def award_name(self, code: str, regime: Regime | None = None) -> str:
        rule = regime.award(code) if regime else None
        if rule is not None:
            return rule.name_vi
        from tdkt.awards.catalogue import award_name

        return award_name(code)


def frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))
