"""Judge a whole year at once: every condition of every title, over the columns of facts.

Each condition is one pass over a column, and its messages are rendered once per distinct set of
values they show (most people who fail a condition fail it the same way), so the cost grows with
the number of people, not with people × Python calls. The parameters come from the regime's
criteria and the semantics are those of `engine.evaluate`; tests/rules/test_evaluation_agreement.py
checks that both give the same verdicts, failed conditions and messages on random data:

- a binding condition that fails makes the verdict false; a manual one is listed for review; an
  UNVERIFIED or not-yet-in-force condition that fails only asks for review;
- a title of the judged year counts as held when the register has it granted OR when this same
  pass finds the person (or unit) eligible for it: the nomination for CSTĐ cơ sở and the title
  Lao động tiên tiến it needs are usually decided together, and so are a collective's title and
  its members' titles. Titles are therefore judged in dependency order (plan.py).
"""

from __future__ import annotations

import datetime as dt
import operator
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import compress, count
from typing import Any

from tdkt.common.formatting import short_date
from tdkt.common.text import name_sort_key
from tdkt.rules import schema
from tdkt.rules.engine import Failure, _number, months_of_service
from tdkt.rules.evaluation.columns import YearFacts
from tdkt.rules.evaluation.plan import CONTRIBUTION_PREDICATES, INDIVIDUAL, JudgedTitle, Plan, walk
from tdkt.rules.money import reward_amount
from tdkt.rules.regime import UNVERIFIED, Criterion, Regime, RuleBook

_GRADE_RANK = {grade: rank for rank, grade in enumerate(schema.GRADES)}
Outcome = tuple[bool | None, str]  # (passed? None: a person must judge, message)
Outcomes = dict[int, Outcome]  # subject index -> outcome; the subjects that pass are left out
Item = Failure | str  # what an outcome becomes in a verdict: a failure, or a text to review


def _where(flags: Iterable[Any]) -> list[int]:
    """Indices of the true flags, in C: a condition is one pass over its column."""
    return list(compress(count(), flags))


def _bit0(masks: list[int]) -> list[bool]:
    """Held in the judged year: bit 0 of each mask."""
    return list(map(bool, map((1).__and__, masks)))


class _Memo(dict):
    """A dict that computes a missing value once: `map(memo.__getitem__, keys)` stays in C for
    every key already seen."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.make(key)
        return value


@dataclass
class TitleVerdicts:
    """The verdicts of one title, for the people (or units) of the year in their order.

    Failures and review items are kept per condition (`conditions`: the subjects that did not
    pass it, and what each outcome means); `failed(i)` and `review(i)` read one subject's.
    """

    award: str
    kind: str
    name: str
    subjects: list[int]  # person or unit ids
    eligible: list[bool]
    conditions: list[tuple[Outcomes, dict[Outcome, Item]]]
    notes: dict[int, tuple[dict[str, Any], ...]]
    common_review: tuple[str, ...]  # what a person must judge for everybody (manual conditions)
    reward_vnd: int | None
    coefficient: Decimal | None
    citations: tuple[str, ...]

    @property
    def eligible_count(self) -> int:
        return sum(self.eligible)

    def items(self) -> list[tuple[Item, ...]]:
        """Every subject's failures and review items at once, in the order of the conditions."""
        found: list[tuple[Item, ...]] = [()] * len(self.subjects)
        for outcomes, meaning in self.conditions:
            for index, outcome in outcomes.items():
                found[index] = (*found[index], meaning[outcome])
        return found

    def _items(self, index: int) -> list[Item]:
        return [
            meaning[outcomes[index]] for outcomes, meaning in self.conditions if index in outcomes
        ]

    def failed(self, index: int) -> tuple[Failure, ...]:
        return tuple(item for item in self._items(index) if isinstance(item, Failure))

    def review(self, index: int) -> tuple[str, ...]:
        """What a person must judge for this subject alone, in the order of the conditions."""
        return tuple(dict.fromkeys(item for item in self._items(index) if isinstance(item, str)))

    def needs_review(self, index: int) -> tuple[str, ...]:
        """Everything to review for one subject, as the engine lists it (order aside)."""
        return tuple(dict.fromkeys((*self.review(index), *self.common_review)))


@dataclass(frozen=True)
class QuotaCount:
    unit: int
    award: str
    base_count: int
    limit: int
    eligible: int


@dataclass
class YearEvaluation:
    year: int
    decision_date: dt.date
    regime: Regime
    base_salary_vnd: int
    facts: YearFacts
    titles: list[TitleVerdicts]
    quotas: list[QuotaCount]
    timings: dict[str, float] = field(default_factory=dict)

    def title(self, award: str) -> TitleVerdicts | None:
        return next((title for title in self.titles if title.award == award), None)


class _Render:
    """Messages of one title: messages.yaml (or the criterion's own wording), cached by values."""

    def __init__(
        self, book: RuleBook, regime: Regime, year: int, award: str, label: Callable[[int], str]
    ) -> None:
        self.messages = book.messages
        self.name = book.award_name(award, regime)
        self.common: dict[str, Any] = {"year": year, "award": self.name}
        self.label = label
        # Only a province's rewording could put the subject's name into a message; then each
        # subject gets its own text and nothing is shared.
        self.per_subject = any("{subject" in text for text in self.messages.templates.values())
        self.cache: dict[tuple, str] = {}

    def uses_subject(self, criterion: Criterion | None) -> bool:
        return self.per_subject or bool(
            criterion is not None and criterion.message and "{subject" in criterion.message
        )

    def __call__(
        self, criterion: Criterion | None, key: str, index: int, values: dict[str, Any]
    ) -> str:
        override = criterion.message if criterion is not None else None
        subject = self.label(index) if self.uses_subject(criterion) else ""
        cache_key = (override, key, subject, *values.items())
        text = self.cache.get(cache_key)
        if text is None:
            text = self.messages.render(
                key, {**self.common, "subject": subject, **values}, override
            )
            self.cache[cache_key] = text
        return text

    def outcomes(
        self,
        criterion: Criterion,
        failing: list[int],
        keys: Iterable[Any],
        message_of: Callable[[Any], tuple[str, dict[str, Any]]],
    ) -> Outcomes:
        """Failed outcomes of `failing`, whose messages depend only on `keys` (aligned)."""

        def make(key: Any, index: int = 0) -> Outcome:
            template, values = message_of(key)
            return (False, self(criterion, template, index, values))

        if self.uses_subject(criterion):
            return {index: make(key, index) for index, key in zip(failing, keys, strict=True)}
        return dict(zip(failing, map(_Memo(make).__getitem__, keys), strict=True))

    def same(
        self, criterion: Criterion, failing: list[int], template: str, values: dict
    ) -> Outcomes:
        """Failed outcomes that all say the same thing."""
        if not failing:
            return {}
        if self.uses_subject(criterion):
            return {index: (False, self(criterion, template, index, values)) for index in failing}
        return dict.fromkeys(failing, (False, self(criterion, template, 0, values)))


class YearJudge:
    """One pass over a year's facts under one regime and decision date."""

    def __init__(
        self, book: RuleBook, regime: Regime, facts: YearFacts, decision_date: dt.date
    ) -> None:
        self.book = book
        self.regime = regime
        self.facts = facts
        self.year = facts.year
        self.decision_date = decision_date
        self.label = book.messages.label
        people, units = facts.people, facts.units
        ranks: dict[str | None, int] = {None: -1}
        ranks.update(_GRADE_RANK)
        self.grade_rank: list[int] = list(map(ranks.__getitem__, people.grades))
        self.unit_grade_rank: list[int] = list(map(ranks.__getitem__, units.grades))
        # title -> held in the judged year (the register, then this pass's verdicts)
        # (map and operator below: each column is one pass in C, not a Python loop)
        self.person_now = {code: _bit0(bits) for code, bits in people.titles.items()}
        self.unit_now = {code: _bit0(bits) for code, bits in units.titles.items()}

    # -- facts derived on demand -------------------------------------------------------------
    @cached_property
    def months(self) -> list[int]:
        year = self.year
        memo = _Memo(lambda day: -1 if day is None else months_of_service(day, year))
        return list(map(memo.__getitem__, self.facts.people.recruited))

    def person_label(self, index: int) -> str:
        people = self.facts.people
        return people.names[index] or str(people.ids[index])

    def unit_label(self, index: int) -> str:
        units = self.facts.units
        return units.names[index] or str(units.ids[index])

    def _per_unit(self, flags: Iterable[Any]) -> Counter[int]:
        """unit id -> how many of its members have the flag (people aligned). One pass in C over
        the people in their order: summing each unit's members instead jumps around memory and
        took three times as long."""
        return Counter(compress(self.facts.people.units, flags))

    def _count(self, kind: str) -> int:
        return len(self.facts.people) if kind == INDIVIDUAL else len(self.facts.units)

    def _held_now(self, kind: str, title: str) -> list[bool]:
        now = self.person_now if kind == INDIVIDUAL else self.unit_now
        held = now.get(title)
        return held if held is not None else [False] * self._count(kind)

    def _held_mask(self, kind: str, title: str, years: int) -> list[int]:
        """Bit k set when the title is held for year (judged year - k), k < years."""
        columns = self.facts.people.titles if kind == INDIVIDUAL else self.facts.units.titles
        now = self._held_now(kind, title)
        bits = columns.get(title)
        if bits is None or years == 1:
            return list(map(int, now))
        older = ((1 << years) - 1) & ~1
        return list(map(operator.or_, map(older.__and__, bits), now))

    # -- the pass --------------------------------------------------------------------------
    def run(self, plan: Plan) -> tuple[list[TitleVerdicts], list[QuotaCount]]:
        verdicts = []
        for title in plan.titles:
            result = self.judge_title(title)
            verdicts.append(result)
            now = self.person_now if title.kind == INDIVIDUAL else self.unit_now
            held = now.get(title.award)
            now[title.award] = (
                list(result.eligible)
                if held is None
                else list(map(operator.or_, held, result.eligible))
            )
        quotas = [
            quota
            for title, result in zip(plan.titles, verdicts, strict=True)
            if title.quota is not None and title.kind == INDIVIDUAL
            for quota in self.quota_counts(title, result)
        ]
        return verdicts, quotas

    def judge_title(self, title: JudgedTitle) -> TitleVerdicts:
        kind = title.kind
        count = self._count(kind)
        label = self.person_label if kind == INDIVIDUAL else self.unit_label
        render = _Render(self.book, self.regime, self.year, title.award, label)
        eligible = [True] * count
        conditions: list[tuple[Outcomes, dict[Outcome, Item]]] = []
        common: list[str] = []
        for criterion in title.criteria:
            if criterion.predicate == "manual":
                # The same for everybody: stored once with the run, not on every verdict.
                values = {"text": criterion.param("text"), "citation": criterion.citation}
                common.append(
                    self.book.messages.render("needs_review_item", {**render.common, **values})
                )
                continue
            outcomes = self.check(criterion, kind, render)
            if not outcomes:
                continue
            in_force = criterion.in_force(self.decision_date)
            if render.per_subject:  # every outcome is a subject's own: render with its name
                first: dict[Outcome, int] = {}
                for index, outcome in outcomes.items():
                    first.setdefault(outcome, index)
            else:
                first = dict.fromkeys(set(outcomes.values()), 0)
            meaning: dict[Outcome, Item] = {
                outcome: self._item(criterion, outcome, in_force, render, index)
                for outcome, index in first.items()
            }
            failing = [o for o, item in meaning.items() if isinstance(item, Failure)]
            if len(failing) == len(meaning):
                for index in outcomes:
                    eligible[index] = False
            elif failing:
                failed = set(failing)
                for index, outcome in outcomes.items():
                    if outcome in failed:
                        eligible[index] = False
            conditions.append((outcomes, meaning))
        rule = self.regime.awards[title.award]
        coefficient, coefficient_item = self.regime.coefficient_for(title.award, kind)
        reward = None
        if coefficient is not None:
            rounding = self.regime.rounding
            base = self.book.base_salary_on(self.decision_date).amount_vnd
            reward = reward_amount(coefficient, base, rounding.unit, rounding.mode)
            if coefficient_item is not None and coefficient_item.status == UNVERIFIED:
                values = {
                    "coefficient": _number(coefficient),
                    "citation": coefficient_item.citation,
                }
                common.append(
                    self.book.messages.render("unverified_money", {**render.common, **values})
                )
        citations = [*rule.citation]
        if coefficient_item is not None:
            citations.append(coefficient_item.citation)
        if rule.quota is not None:
            citations.append(rule.quota.citation)
        return TitleVerdicts(
            award=title.award,
            kind=kind,
            name=render.name,
            subjects=self.facts.people.ids if kind == INDIVIDUAL else self.facts.units.ids,
            eligible=eligible,
            conditions=conditions,
            notes=self.notes(title),
            common_review=tuple(dict.fromkeys(common)),
            reward_vnd=reward,
            coefficient=coefficient,
            citations=tuple(dict.fromkeys(citations)),
        )

    def _item(
        self, criterion: Criterion, outcome: Outcome, in_force: bool, render: _Render, index: int
    ) -> Item:
        passed, message = outcome
        if passed is None:
            values = {"text": message, "citation": criterion.citation}
            return render(None, "needs_review_item", index, values)
        if not in_force:
            values = {
                "message": message,
                "start": short_date(criterion.effective_from),
                "decision_date": short_date(self.decision_date),
            }
            return render(None, "not_yet_in_force", index, values)
        if not criterion.binding:
            values = {"message": message, "citation": criterion.citation}
            return render(None, "unverified_failure", index, values)
        return Failure(criterion.code, message, criterion.citation)

    def check(self, criterion: Criterion, kind: str, render: _Render) -> Outcomes:
        checker: Callable[[Criterion, str, _Render], Outcomes] = getattr(
            self, f"_{criterion.predicate}"
        )
        return checker(criterion, kind, render)

    # -- conditions on a person ------------------------------------------------------------
    def _grade(self, c: Criterion, render: _Render, failing: list[int], key: str) -> Outcomes:
        required = self.label("grade", c.param("grade"))

        def message(grade: str | None) -> tuple[str, dict[str, Any]]:
            variant = key if grade is not None else f"{key}__missing"
            return variant, {"grade": self.label("grade", grade), "required": required}

        grades = self.facts.people.grades
        return render.outcomes(c, failing, map(grades.__getitem__, failing), message)

    def _eval_grade_at_least(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        required = _GRADE_RANK[c.param("grade")]
        failing = _where(map(required.__gt__, self.grade_rank))
        return self._grade(c, render, failing, "eval_grade_at_least")

    def _eval_grade_equals(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        required = c.param("grade")
        failing = [i for i, grade in enumerate(self.facts.people.grades) if grade != required]
        return self._grade(c, render, failing, "eval_grade_equals")

    def _tenure_months_at_least(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        required = c.param("months")
        failing = _where(map(required.__gt__, self.months))  # -1: no recruitment date

        def message(day: dt.date | None) -> tuple[str, dict[str, Any]]:
            if day is None:
                return "tenure_months_at_least__missing", {"required": required}
            return "tenure_months_at_least", {
                "recruited_on": short_date(day),
                "months": months_of_service(day, self.year),
                "required": required,
            }

        recruited = self.facts.people.recruited
        return render.outcomes(c, failing, map(recruited.__getitem__, failing), message)

    def _no_discipline_in_year(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        minimum = schema.DISCIPLINES.index(c.param("min_level"))
        worst = self.facts.people.discipline
        failing = _where(map(minimum.__le__, worst))
        values = {"min_level": self.label("discipline", c.param("min_level"))}
        return render.outcomes(
            c,
            failing,
            map(worst.__getitem__, failing),
            lambda rank: (
                "no_discipline_in_year",
                {"level": self.label("discipline", schema.DISCIPLINES[rank]), **values},
            ),
        )

    def _absent_days_below(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        # The register keeps no result of long training, so a leave counts as working time
        # only when its kind does (counted_as_work_if_result cannot be met without a result).
        counted = set(c.param("counted_as_work"))
        limit = c.param("limit_days")
        people = self.facts.people
        failing = [
            i
            for i, (kind_, days) in enumerate(
                zip(people.leave_kinds, people.leave_days, strict=True)
            )
            if days >= limit and kind_ and kind_ not in counted
        ]
        days = people.leave_days
        return render.outcomes(
            c,
            failing,
            map(days.__getitem__, failing),
            lambda value: ("absent_days_below", {"days": value, "limit": limit}),
        )

    def _long_training_result_at_least(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        # No training result is recorded, so long training always lacks the result it needs.
        failing = [
            i for i, k in enumerate(self.facts.people.leave_kinds) if k == "training_1_year_plus"
        ]
        required = self.label("training_result", c.param("result"))
        return render.same(
            c, failing, "long_training_result_at_least__missing", {"required": required}
        )

    def _contribution(self, c: Criterion, render: _Render, template: str) -> Outcomes:
        within = c.param("within_years", 1)
        first = self.year - within + 1
        column = self.facts.people.contributions[
            (CONTRIBUTION_PREDICATES[c.predicate], schema.SCOPES.index(c.param("scope")))
        ]
        failing = _where(map(first.__gt__, column))  # 0: none in the window
        period = f"trong năm {self.year}" if within == 1 else f"trong các năm {first}–{self.year}"
        values = {"scope": self.label("scope", c.param("scope")), "period": period}
        return render.same(c, failing, template, values)

    def _initiative_recognized(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        return self._contribution(c, render, "initiative_recognized")

    def _research_accepted(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        return self._contribution(c, render, "research_accepted")

    def _combat_ingenuity_recognized(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        return self._contribution(c, render, "combat_ingenuity_recognized")

    # -- conditions on anybody ------------------------------------------------------------
    def _has_title(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        back = -c.param("year_offset", 0)
        bit = 1 << back
        held = self._held_mask(kind, c.param("title"), back + 1)
        failing = _where(map(operator.not_, map(bit.__and__, held)))
        values = {
            "title": self.book.award_name(c.param("title"), self.regime),
            "title_year": self.year - back,
        }
        return render.same(c, failing, "has_title", values)

    def _consecutive_titles(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        count = c.param("count")
        full = (1 << count) - 1
        masks = self._held_mask(kind, c.param("title"), count)
        failing = _where(map(full.__ne__, masks))
        name = self.book.award_name(c.param("title"), self.regime)

        def message(mask: int) -> tuple[str, dict[str, Any]]:
            # Oldest year first, as the engine lists the missing years.
            missing = [str(self.year - k) for k in range(count - 1, -1, -1) if not mask >> k & 1]
            return "consecutive_titles", {
                "title": name,
                "count": count,
                "missing": ", ".join(missing),
            }

        return render.outcomes(c, failing, map(masks.__getitem__, failing), message)

    def _any_of(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        children = [self.check(child, kind, render) for child in c.children]
        failing = list(set(children[0]).intersection(*children[1:]))

        def make(results: tuple[Outcome, ...], index: int = 0) -> Outcome:
            manual = [message for passed, message in results if passed is None]
            if manual:
                return (None, " hoặc ".join(manual))
            alternatives = "; ".join(message for _passed, message in results)
            return (False, render(c, "any_of", index, {"alternatives": alternatives}))

        if not failing:
            return {}
        if not render.uses_subject(c):
            distinct = [set(child.values()) for child in children]
            if all(len(outcomes) == 1 for outcomes in distinct):
                # Usually each alternative fails one way for everybody (no initiative, no
                # research...): one outcome for all, without a tuple per subject.
                return dict.fromkeys(failing, make(tuple(outcomes.pop() for outcomes in distinct)))
        combined = zip(*(list(map(child.__getitem__, failing)) for child in children), strict=True)
        if render.uses_subject(c):
            pairs = zip(failing, combined, strict=True)
            return {index: make(results, index) for index, results in pairs}
        return dict(zip(failing, map(_Memo(make).__getitem__, combined), strict=True))

    def _manual(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        return dict.fromkeys(range(self._count(kind)), (None, c.param("text")))

    def _no_pending_discipline_or_investigation(
        self, c: Criterion, kind: str, render: _Render
    ) -> Outcomes:
        # Nothing in the database records pending proceedings: nobody is held back by them.
        return {}

    # -- conditions on a collective --------------------------------------------------------
    def _member_names(self, members: list[int]) -> str:
        """Names in Vietnamese order (given name first), as the engine's members are listed."""
        ids = self.facts.people.ids
        ordered = sorted(members, key=lambda j: (self._sort_keys[j], ids[j]))
        return ", ".join(self.person_label(j) for j in ordered)

    @cached_property
    def _sort_keys(self) -> _Memo:
        return _Memo(lambda j: name_sort_key(self.person_label(j)))

    def _members_pct_with_title(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        title = c.param("title")
        pct: Decimal = c.param("pct")
        strict = c.param("op") == "gt"
        held = self._held_now(INDIVIDUAL, title)
        name = self.book.award_name(title, self.regime)
        requirement = f"trên {_number(pct)}%" if strict else f"từ {_number(pct)}% trở lên"
        holding = self._per_unit(held)
        units = self.facts.units
        out: Outcomes = {}
        for index, members in enumerate(units.members):
            if not members:
                message = render(c, "members_pct_with_title__no_members", index, {"title": name})
                out[index] = (False, message)
                continue
            holders = holding[units.ids[index]]
            # Integer comparison, as the engine: no float rounding at the edge.
            share = Decimal(holders) * 100
            limit = pct * len(members)
            if share > limit or (not strict and share == limit):
                continue
            values = {
                "holders": holders,
                "members": len(members),
                "title": name,
                "share": _number((share / len(members)).quantize(Decimal("0.1"))),
                "requirement": requirement,
            }
            out[index] = (False, render(c, "members_pct_with_title", index, values))
        return out

    def _all_members_grade_at_least(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        required = _GRADE_RANK[c.param("grade")]
        label = self.label("grade", c.param("grade"))
        ranks = self.grade_rank
        lacking = self._per_unit(map(required.__gt__, ranks))
        units = self.facts.units
        out: Outcomes = {}
        for index, members in enumerate(units.members):
            if not members:
                key = "all_members_grade_at_least__no_members"
                out[index] = (False, render(c, key, index, {"required": label}))
                continue
            if units.ids[index] not in lacking:
                continue
            below = [j for j in members if ranks[j] < required]
            if below:
                values = {
                    "required": label,
                    "count": len(below),
                    "names": self._member_names(below),
                }
                out[index] = (False, render(c, "all_members_grade_at_least", index, values))
        return out

    def _members_with_title_min_count(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        held = self._held_now(INDIVIDUAL, c.param("title"))
        name = self.book.award_name(c.param("title"), self.regime)
        count = c.param("count")
        holding = self._per_unit(held)
        out: Outcomes = {}
        for index, unit_id in enumerate(self.facts.units.ids):
            holders = holding[unit_id]
            if holders < count:
                values = {"holders": holders, "title": name, "count": count}
                out[index] = (False, render(c, "members_with_title_min_count", index, values))
        return out

    def _no_member_disciplined(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        minimum = schema.DISCIPLINES.index(c.param("min_level"))
        worst = self.facts.people.discipline
        min_label = self.label("discipline", c.param("min_level"))
        disciplined_in = self._per_unit(map(minimum.__le__, worst))
        units = self.facts.units
        out: Outcomes = {}
        for index, members in enumerate(units.members):
            if units.ids[index] not in disciplined_in:
                continue
            disciplined = [j for j in members if worst[j] >= minimum]
            if disciplined:
                values = {"min_level": min_label, "names": self._member_names(disciplined)}
                out[index] = (False, render(c, "no_member_disciplined", index, values))
        return out

    def _unit_task_completion(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        required_grade = schema.UNIT_LEVEL_GRADE[c.param("level")]
        required = _GRADE_RANK[required_grade]
        failing = [i for i, rank in enumerate(self.unit_grade_rank) if rank < required]
        label = self.label("grade", required_grade)

        def message(grade: str | None) -> tuple[str, dict[str, Any]]:
            variant = (
                "unit_task_completion" if grade is not None else "unit_task_completion__missing"
            )
            return variant, {"grade": self.label("grade", grade), "required": label}

        grades = self.facts.units.grades
        return render.outcomes(c, failing, map(grades.__getitem__, failing), message)

    def _leads_emulation_cluster(self, c: Criterion, kind: str, render: _Render) -> Outcomes:
        level = c.param("cluster_level")
        failing = [i for i, levels in enumerate(self.facts.units.leads) if level not in levels]
        values = {"cluster": self.label("cluster_level", level)}
        return render.same(c, failing, "leads_emulation_cluster", values)

    # -- after the verdicts -----------------------------------------------------------------
    def notes(self, title: JudgedTitle) -> dict[int, tuple[dict[str, Any], ...]]:
        """ "Due next year": a subject one year short of a consecutive-years condition."""
        notes: dict[int, tuple[dict[str, Any], ...]] = {}
        for criterion in walk(title.criteria):
            if criterion.predicate != "consecutive_titles":
                continue
            needed = criterion.param("count")
            # Held for the judged year and the needed - 2 before it, whatever came earlier.
            due = (1 << (needed - 1)) - 1
            masks = self._held_mask(title.kind, criterion.param("title"), needed)
            note = {
                "kind": "due_next_year",
                "condition": criterion.code,
                "title": criterion.param("title"),
                "count": needed,
                "streak": needed - 1,
                "next_year": self.year + 1,
            }
            for index, mask in enumerate(masks):
                if mask & due == due and not mask >> (needed - 1) & 1:
                    notes[index] = (*notes.get(index, ()), note)
        return notes

    def quota_counts(self, title: JudgedTitle, result: TitleVerdicts) -> list[QuotaCount]:
        quota = title.quota
        assert quota is not None
        held = self._held_now(INDIVIDUAL, quota.of_title) if quota.of_title else None
        limits = _Memo(quota.limit)  # Decimal arithmetic, once per distinct base
        eligible_in = self._per_unit(result.eligible)
        holding = self._per_unit(held) if held is not None else None
        counts = []
        for unit_id, members in zip(self.facts.units.ids, self.facts.units.members, strict=True):
            eligible = eligible_in[unit_id]
            if not eligible:
                continue
            if quota.basis == "title_holders" and holding is not None:
                base = holding[unit_id]
            else:
                base = len(members)
            counts.append(
                QuotaCount(
                    unit=unit_id,
                    award=title.award,
                    base_count=base,
                    limit=limits[base],
                    eligible=eligible,
                )
            )
        return counts


def judge_year(
    book: RuleBook, regime: Regime, plan: Plan, facts: YearFacts, decision_date: dt.date
) -> YearEvaluation:
    started = time.perf_counter()
    judge = YearJudge(book, regime, facts, decision_date)
    titles, quotas = judge.run(plan)
    return YearEvaluation(
        year=facts.year,
        decision_date=decision_date,
        regime=regime,
        base_salary_vnd=book.base_salary_on(decision_date).amount_vnd,
        facts=facts,
        titles=titles,
        quotas=quotas,
        timings={"judge": time.perf_counter() - started},
    )
