"""The eligibility engine: pure functions from facts and legal data to explained verdicts.

No ORM and no HTTP here. A verdict lists every data-decidable condition that failed (with its
Vietnamese message and citation), what a person must still judge (`needs_review`), the money
the award carries on the decision date, and the regime that decided.

Policy, stated once:
- a verdict is false as soon as one binding, data-decidable condition fails;
- `manual` conditions never decide; they are listed for review;
- a condition whose legal basis is UNVERIFIED is checked, but a failure only goes to review;
- a condition not yet in force on the decision date (e.g. TT 01/2024 from 15/4/2024) is
  checked, and a failure only goes to review, saying from when it applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tdkt.common.formatting import short_date
from tdkt.rules import schema
from tdkt.rules.facts import INDIVIDUAL, PersonFacts, Subject, UnitFacts
from tdkt.rules.money import amount_in_words, reward_amount, round_to_unit
from tdkt.rules.regime import UNVERIFIED, Criterion, Regime, RuleBook

__all__ = [
    "Failure",
    "Judgement",
    "QuotaResult",
    "Request",
    "Verdict",
    "amount_in_words",
    "choose_regime",
    "evaluate",
    "judge",
    "months_of_service",
    "quota_results",
    "round_to_unit",
]

_GRADE_RANK = {grade: rank for rank, grade in enumerate(schema.GRADES)}
_DISCIPLINE_RANK = {level: rank for rank, level in enumerate(schema.DISCIPLINES)}
_SCOPE_RANK = {scope: rank for rank, scope in enumerate(schema.SCOPES)}
_RESULT_RANK = {result: rank for rank, result in enumerate(schema.TRAINING_RESULTS)}


@dataclass(frozen=True)
class Failure:
    condition: str  # the criterion's stable code, e.g. "grade_at_least"
    message: str  # Vietnamese, says what the data shows and what the law asks
    citation: str


@dataclass(frozen=True)
class Verdict:
    subject: str
    award: str
    eligible: bool
    failed: tuple[Failure, ...]
    needs_review: tuple[str, ...]
    citations: tuple[str, ...]
    reward_vnd: int | None
    regime: str
    subject_kind: str = INDIVIDUAL
    coefficient: Decimal | None = None

    @property
    def failed_codes(self) -> tuple[str, ...]:
        return tuple(failure.condition for failure in self.failed)


@dataclass(frozen=True)
class Request:
    subject: str
    award: str


@dataclass(frozen=True)
class QuotaResult:
    unit: str
    award: str
    limit: int
    eligible_requests: int
    base_count: int  # the count the percentage is taken of
    max_pct: Decimal
    rounding: str
    within_quota: tuple[str, ...]  # eligible subjects, in request order, up to the limit
    over_quota: tuple[str, ...]
    citation: str
    status: str


@dataclass(frozen=True)
class Judgement:
    regime: Regime
    decision_date: dt.date
    year: int
    base_salary_vnd: int
    verdicts: tuple[Verdict, ...]
    quotas: tuple[QuotaResult, ...]


@dataclass(frozen=True)
class _Outcome:
    passed: bool | None  # None: only a person can judge it
    message: str = ""


@dataclass
class _Context:
    book: RuleBook
    regime: Regime
    year: int
    decision_date: dt.date
    award: str
    subject: Subject
    failed: list[Failure] = field(default_factory=list)
    review: list[str] = field(default_factory=list)

    def render(self, criterion: Criterion | None, key: str, **values: Any) -> str:
        common = {
            "year": self.year,
            "award": self.book.award_name(self.award, self.regime),
            "subject": self.subject.label,
        }
        override = criterion.message if criterion is not None else None
        return self.book.messages.render(key, {**common, **values}, override)

    def label(self, group: str, code: str | None) -> str:
        return self.book.messages.label(group, code)

    def title(self, code: str) -> str:
        return self.book.award_name(code, self.regime)


# --- regime and time -----------------------------------------------------------------------


def choose_regime(book: RuleBook, decision_date: dt.date, regime_id: str | None = None) -> Regime:
    """The regime in force on the decision date, unless one is forced by id."""
    return book.regime(regime_id) if regime_id else book.regime_for(decision_date)


def months_of_service(recruited_on: dt.date, year: int) -> int:
    """Whole months from recruitment to the end of the judged year (1/3 → 31/12: 10 months)."""
    end = dt.date(year + 1, 1, 1)
    months = (end.year - recruited_on.year) * 12 + end.month - recruited_on.month
    if end.day < recruited_on.day:
        months -= 1
    return max(0, months)


# --- one verdict ---------------------------------------------------------------------------


def evaluate(
    subject: Subject,
    award: str,
    *,
    year: int,
    decision_date: dt.date,
    book: RuleBook,
    regime: Regime | None = None,
) -> Verdict:
    """Judge one subject for one award; the regime and base salary follow the decision date."""
    regime = regime or book.regime_for(decision_date)
    base_salary = book.base_salary_on(decision_date).amount_vnd
    ctx = _Context(book, regime, year, decision_date, award, subject)
    kind = subject.kind
    rule = regime.award(award)
    if rule is None:
        failure = Failure(
            "award_not_in_regime",
            ctx.render(None, "award_not_in_regime", regime=regime.id, regime_name=regime.name_vi),
            regime.citation,
        )
        return Verdict(
            subject.id, award, False, (failure,), (), (regime.citation,), None, regime.id, kind
        )
    if kind not in rule.awarded_to:
        ctx.failed.append(
            Failure(
                "awarded_to",
                ctx.render(None, "awarded_to", kind=ctx.label("subject_kind", kind)),
                "; ".join(rule.citation),
            )
        )
    else:
        for criterion in regime.criteria_for(award, kind):
            _judge(criterion, ctx)
    coefficient, coefficient_item = regime.coefficient_for(award, kind)
    reward = None
    if coefficient is not None:
        reward = reward_amount(coefficient, base_salary, regime.rounding.unit, regime.rounding.mode)
        if coefficient_item is not None and coefficient_item.status == UNVERIFIED:
            ctx.review.append(
                ctx.render(
                    None,
                    "unverified_money",
                    coefficient=_number(coefficient),
                    citation=coefficient_item.citation,
                )
            )
    citations = [*rule.citation]
    if coefficient_item is not None:
        citations.append(coefficient_item.citation)
    if rule.quota is not None:
        citations.append(rule.quota.citation)
    return Verdict(
        subject=subject.id,
        award=award,
        eligible=not ctx.failed,
        failed=tuple(ctx.failed),
        needs_review=tuple(dict.fromkeys(ctx.review)),
        citations=tuple(dict.fromkeys(citations)),
        reward_vnd=reward,
        regime=regime.id,
        subject_kind=kind,
        coefficient=coefficient,
    )


def _judge(criterion: Criterion, ctx: _Context) -> None:
    outcome = _check(criterion, ctx)
    if outcome.passed is None:
        ctx.review.append(
            ctx.render(None, "needs_review_item", text=outcome.message, citation=criterion.citation)
        )
    elif outcome.passed:
        return
    elif not criterion.in_force(ctx.decision_date):
        start = criterion.effective_from
        ctx.review.append(
            ctx.render(
                None,
                "not_yet_in_force",
                message=outcome.message,
                start=short_date(start),
                decision_date=short_date(ctx.decision_date),
            )
        )
    elif not criterion.binding:
        ctx.review.append(
            ctx.render(
                None, "unverified_failure", message=outcome.message, citation=criterion.citation
            )
        )
    else:
        ctx.failed.append(Failure(criterion.code, outcome.message, criterion.citation))


def _check(criterion: Criterion, ctx: _Context) -> _Outcome:
    checker = _CHECKERS[criterion.predicate]
    return checker(criterion, ctx)


# --- predicates on a person ----------------------------------------------------------------


def _person(ctx: _Context) -> PersonFacts:
    assert isinstance(ctx.subject, PersonFacts)
    return ctx.subject


def _unit(ctx: _Context) -> UnitFacts:
    assert isinstance(ctx.subject, UnitFacts)
    return ctx.subject


def _grade_at_least(c: Criterion, ctx: _Context) -> _Outcome:
    grade = _person(ctx).year(ctx.year).grade
    required = c.param("grade")
    if grade is not None and _GRADE_RANK[grade] >= _GRADE_RANK[required]:
        return _Outcome(True)
    return _grade_failure(c, ctx, "eval_grade_at_least", grade, required)


def _grade_equals(c: Criterion, ctx: _Context) -> _Outcome:
    grade = _person(ctx).year(ctx.year).grade
    required = c.param("grade")
    if grade == required:
        return _Outcome(True)
    return _grade_failure(c, ctx, "eval_grade_equals", grade, required)


def _grade_failure(
    c: Criterion, ctx: _Context, key: str, grade: str | None, required: str
) -> _Outcome:
    variant = key if grade is not None else f"{key}__missing"
    return _Outcome(
        False,
        ctx.render(
            c, variant, grade=ctx.label("grade", grade), required=ctx.label("grade", required)
        ),
    )


def _tenure(c: Criterion, ctx: _Context) -> _Outcome:
    recruited_on = _person(ctx).recruited_on
    required = c.param("months")
    if recruited_on is None:
        return _Outcome(False, ctx.render(c, "tenure_months_at_least__missing", required=required))
    months = months_of_service(recruited_on, ctx.year)
    if months >= required:
        return _Outcome(True)
    return _Outcome(
        False,
        ctx.render(
            c,
            "tenure_months_at_least",
            recruited_on=short_date(recruited_on),
            months=months,
            required=required,
        ),
    )


def _no_discipline(c: Criterion, ctx: _Context) -> _Outcome:
    minimum = _DISCIPLINE_RANK[c.param("min_level")]
    levels = [
        level
        for level in _person(ctx).year(ctx.year).discipline
        if _DISCIPLINE_RANK[level] >= minimum
    ]
    if not levels:
        return _Outcome(True)
    worst = max(levels, key=_DISCIPLINE_RANK.__getitem__)
    return _Outcome(
        False,
        ctx.render(
            c,
            "no_discipline_in_year",
            level=ctx.label("discipline", worst),
            min_level=ctx.label("discipline", c.param("min_level")),
        ),
    )


def _counts_as_work(kind: str, result: str | None, c: Criterion) -> bool:
    if kind in c.param("counted_as_work"):
        return True
    needed = (c.param("counted_as_work_if_result") or {}).get(kind)
    return (
        needed is not None and result is not None and _RESULT_RANK[result] >= _RESULT_RANK[needed]
    )


def _absence(c: Criterion, ctx: _Context) -> _Outcome:
    days = sum(
        leave.days
        for leave in _person(ctx).year(ctx.year).leave
        if not _counts_as_work(leave.kind, leave.result, c)
    )
    if days < c.param("limit_days"):
        return _Outcome(True)
    return _Outcome(
        False, ctx.render(c, "absent_days_below", days=days, limit=c.param("limit_days"))
    )


def _long_training(c: Criterion, ctx: _Context) -> _Outcome:
    required = c.param("result")
    for leave in _person(ctx).year(ctx.year).leave:
        if leave.kind != "training_1_year_plus":
            continue
        if leave.result is None:
            return _Outcome(
                False,
                ctx.render(
                    c,
                    "long_training_result_at_least__missing",
                    required=ctx.label("training_result", required),
                ),
            )
        if _RESULT_RANK[leave.result] < _RESULT_RANK[required]:
            return _Outcome(
                False,
                ctx.render(
                    c,
                    "long_training_result_at_least",
                    result=ctx.label("training_result", leave.result),
                    required=ctx.label("training_result", required),
                ),
            )
    return _Outcome(True)


def _titles_in(ctx: _Context, year: int) -> frozenset[str]:
    return ctx.subject.year(year).titles


def _has_title(c: Criterion, ctx: _Context) -> _Outcome:
    title_year = ctx.year + c.param("year_offset", 0)
    if c.param("title") in _titles_in(ctx, title_year):
        return _Outcome(True)
    return _Outcome(
        False, ctx.render(c, "has_title", title=ctx.title(c.param("title")), title_year=title_year)
    )


def _consecutive(c: Criterion, ctx: _Context) -> _Outcome:
    count = c.param("count")
    title = c.param("title")
    years = range(ctx.year - count + 1, ctx.year + 1)
    missing = [str(year) for year in years if title not in _titles_in(ctx, year)]
    if not missing:
        return _Outcome(True)
    return _Outcome(
        False,
        ctx.render(
            c, "consecutive_titles", title=ctx.title(title), count=count, missing=", ".join(missing)
        ),
    )


def _contribution(attribute: str, key: str) -> Any:
    def check(c: Criterion, ctx: _Context) -> _Outcome:
        within = c.param("within_years", 1)
        years = range(ctx.year - within + 1, ctx.year + 1)
        needed = _SCOPE_RANK[c.param("scope")]
        person = _person(ctx)
        for year in years:
            scopes: tuple[str, ...] = getattr(person.year(year), attribute)
            if any(_SCOPE_RANK[scope] >= needed for scope in scopes):
                return _Outcome(True)
        period = (
            f"trong năm {ctx.year}" if within == 1 else f"trong các năm {years.start}–{ctx.year}"
        )
        return _Outcome(
            False, ctx.render(c, key, scope=ctx.label("scope", c.param("scope")), period=period)
        )

    return check


def _any_of(c: Criterion, ctx: _Context) -> _Outcome:
    outcomes = [_check(child, ctx) for child in c.children]
    if any(outcome.passed for outcome in outcomes):
        return _Outcome(True)
    manual = [outcome.message for outcome in outcomes if outcome.passed is None]
    if manual:
        return _Outcome(None, " hoặc ".join(manual))
    return _Outcome(
        False,
        ctx.render(c, "any_of", alternatives="; ".join(outcome.message for outcome in outcomes)),
    )


def _manual(c: Criterion, ctx: _Context) -> _Outcome:
    return _Outcome(None, c.param("text"))


def _pending(c: Criterion, ctx: _Context) -> _Outcome:
    if not ctx.subject.year(ctx.year).pending:
        return _Outcome(True)
    return _Outcome(False, ctx.render(c, "no_pending_discipline_or_investigation"))


# --- predicates on a collective ------------------------------------------------------------


def _names(people: Iterable[PersonFacts]) -> str:
    return ", ".join(person.label for person in people)


def _members_share(c: Criterion, ctx: _Context) -> _Outcome:
    members = _unit(ctx).members
    title = c.param("title")
    pct: Decimal = c.param("pct")
    if not members:
        return _Outcome(
            False, ctx.render(c, "members_pct_with_title__no_members", title=ctx.title(title))
        )
    holders = sum(1 for person in members if title in person.year(ctx.year).titles)
    # Integer comparison: holders/members against pct/100, no float rounding at the edge.
    share = Decimal(holders) * 100
    limit = pct * len(members)
    if share > limit or (c.param("op") == "gte" and share == limit):
        return _Outcome(True)
    requirement = (
        f"trên {_number(pct)}%" if c.param("op") == "gt" else f"từ {_number(pct)}% trở lên"
    )
    return _Outcome(
        False,
        ctx.render(
            c,
            "members_pct_with_title",
            holders=holders,
            members=len(members),
            title=ctx.title(title),
            share=_number((share / len(members)).quantize(Decimal("0.1"))),
            requirement=requirement,
        ),
    )


def _members_grade(c: Criterion, ctx: _Context) -> _Outcome:
    members = _unit(ctx).members
    required = c.param("grade")
    if not members:
        return _Outcome(
            False,
            ctx.render(
                c, "all_members_grade_at_least__no_members", required=ctx.label("grade", required)
            ),
        )
    below = [
        person
        for person in members
        if (grade := person.year(ctx.year).grade) is None
        or _GRADE_RANK[grade] < _GRADE_RANK[required]
    ]
    if not below:
        return _Outcome(True)
    return _Outcome(
        False,
        ctx.render(
            c,
            "all_members_grade_at_least",
            required=ctx.label("grade", required),
            count=len(below),
            names=_names(below),
        ),
    )


def _members_count(c: Criterion, ctx: _Context) -> _Outcome:
    title = c.param("title")
    holders = sum(1 for person in _unit(ctx).members if title in person.year(ctx.year).titles)
    if holders >= c.param("count"):
        return _Outcome(True)
    return _Outcome(
        False,
        ctx.render(
            c,
            "members_with_title_min_count",
            holders=holders,
            title=ctx.title(title),
            count=c.param("count"),
        ),
    )


def _no_member_disciplined(c: Criterion, ctx: _Context) -> _Outcome:
    minimum = _DISCIPLINE_RANK[c.param("min_level")]
    disciplined = [
        person
        for person in _unit(ctx).members
        if any(_DISCIPLINE_RANK[level] >= minimum for level in person.year(ctx.year).discipline)
    ]
    if not disciplined:
        return _Outcome(True)
    return _Outcome(
        False,
        ctx.render(
            c,
            "no_member_disciplined",
            min_level=ctx.label("discipline", c.param("min_level")),
            names=_names(disciplined),
        ),
    )


def _unit_grade(c: Criterion, ctx: _Context) -> _Outcome:
    grade = _unit(ctx).year(ctx.year).grade
    required = schema.UNIT_LEVEL_GRADE[c.param("level")]
    if grade is not None and _GRADE_RANK[grade] >= _GRADE_RANK[required]:
        return _Outcome(True)
    variant = "unit_task_completion" if grade is not None else "unit_task_completion__missing"
    return _Outcome(
        False,
        ctx.render(
            c, variant, grade=ctx.label("grade", grade), required=ctx.label("grade", required)
        ),
    )


def _leads_cluster(c: Criterion, ctx: _Context) -> _Outcome:
    level = c.param("cluster_level")
    if level in _unit(ctx).year(ctx.year).leads_clusters:
        return _Outcome(True)
    return _Outcome(
        False, ctx.render(c, "leads_emulation_cluster", cluster=ctx.label("cluster_level", level))
    )


_CHECKERS: dict[str, Any] = {
    "eval_grade_at_least": _grade_at_least,
    "eval_grade_equals": _grade_equals,
    "tenure_months_at_least": _tenure,
    "no_discipline_in_year": _no_discipline,
    "absent_days_below": _absence,
    "long_training_result_at_least": _long_training,
    "has_title": _has_title,
    "consecutive_titles": _consecutive,
    "initiative_recognized": _contribution("initiatives", "initiative_recognized"),
    "research_accepted": _contribution("research", "research_accepted"),
    "combat_ingenuity_recognized": _contribution("combat", "combat_ingenuity_recognized"),
    "any_of": _any_of,
    "members_pct_with_title": _members_share,
    "all_members_grade_at_least": _members_grade,
    "members_with_title_min_count": _members_count,
    "no_member_disciplined": _no_member_disciplined,
    "unit_task_completion": _unit_grade,
    "leads_emulation_cluster": _leads_cluster,
    "no_pending_discipline_or_investigation": _pending,
    "manual": _manual,
}
assert set(_CHECKERS) == set(schema.PREDICATES)


def _number(value: Decimal | int) -> str:
    """Decimal in Vietnamese writing: 0.15 -> "0,15", 50 -> "50"."""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")


# --- many requests, and quotas -------------------------------------------------------------


def judge(
    requests: Sequence[Request],
    people: Mapping[str, PersonFacts],
    units: Mapping[str, UnitFacts],
    *,
    year: int,
    decision_date: dt.date,
    book: RuleBook,
    regime_id: str | None = None,
) -> Judgement:
    """Judge a list of requests as one appraisal: verdicts in request order, then quotas."""
    regime = choose_regime(book, decision_date, regime_id)
    verdicts = []
    for request in requests:
        subject: Subject = (
            people[request.subject] if request.subject in people else units[request.subject]
        )
        verdicts.append(
            evaluate(
                subject,
                request.award,
                year=year,
                decision_date=decision_date,
                book=book,
                regime=regime,
            )
        )
    return Judgement(
        regime=regime,
        decision_date=decision_date,
        year=year,
        base_salary_vnd=book.base_salary_on(decision_date).amount_vnd,
        verdicts=tuple(verdicts),
        quotas=quota_results(verdicts, people, units, year=year, regime=regime),
    )


def quota_results(
    verdicts: Sequence[Verdict],
    people: Mapping[str, PersonFacts],
    units: Mapping[str, UnitFacts],
    *,
    year: int,
    regime: Regime,
) -> tuple[QuotaResult, ...]:
    """One entry per (unit, capped award) the requests touch; the first eligible requests, in
    order, up to the limit are within quota."""
    groups: dict[tuple[str, str], list[Verdict]] = {}
    for verdict in verdicts:
        rule = regime.award(verdict.award)
        person = people.get(verdict.subject)
        if rule is None or rule.quota is None or person is None or person.unit not in units:
            continue
        groups.setdefault((str(person.unit), verdict.award), []).append(verdict)
    results = []
    for (unit_id, award), group in groups.items():
        quota = regime.awards[award].quota
        assert quota is not None
        members = units[unit_id].members
        if quota.basis == "title_holders":
            base = sum(1 for person in members if quota.of_title in person.year(year).titles)
        else:
            base = len(members)
        limit = quota.limit(base)
        eligible = [verdict.subject for verdict in group if verdict.eligible]
        results.append(
            QuotaResult(
                unit=unit_id,
                award=award,
                limit=limit,
                eligible_requests=len(eligible),
                base_count=base,
                max_pct=quota.max_pct,
                rounding=quota.rounding,
                within_quota=tuple(eligible[:limit]),
                over_quota=tuple(eligible[limit:]),
                citation=quota.citation,
                status=quota.rounding_status,
            )
        )
    return tuple(results)
