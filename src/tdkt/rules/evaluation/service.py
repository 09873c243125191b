"""Evaluate a year (pure reads) and store it as a run (one transaction, replacing the last one)."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from tdkt.common import clock
from tdkt.common.audit import record
from tdkt.common.formatting import short_date
from tdkt.rules.engine import Failure
from tdkt.rules.evaluation.columns import load_year
from tdkt.rules.evaluation.judge import YearEvaluation, judge_year
from tdkt.rules.evaluation.plan import INDIVIDUAL, make_plan
from tdkt.rules.loader import get_rulebook
from tdkt.rules.models import EvaluationQuota, EvaluationRun, EvaluationVerdict
from tdkt.rules.regime import NoRegimeError, RuleBook

if TYPE_CHECKING:
    from tdkt.organisations.models import Unit

FIRST_YEAR = 2000
BATCH = 5000


class EvaluationError(ValueError):
    """The evaluation cannot run as asked; the message says why, for the user."""


def default_decision_date(year: int) -> dt.date:
    """Year-end titles are decided early in the next year: 15 January by default."""
    return dt.date(year + 1, 1, 15)


def evaluate_year(
    year: int,
    *,
    decision_date: dt.date | None = None,
    unit: Unit | None = None,
    book: RuleBook | None = None,
) -> YearEvaluation:
    """Every person's and collective's verdict for every yearly title, computed, not stored."""
    book = book or get_rulebook()
    decision_date = decision_date or default_decision_date(year)
    last = clock.today().year
    if not FIRST_YEAR <= year <= last:
        raise EvaluationError(
            _("The year to judge must be between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": last}
        )
    if decision_date.year < year:
        raise EvaluationError(
            _("The decision date %(date)s comes before the year it judges (%(year)s).")
            % {"date": short_date(decision_date), "year": year}
        )
    try:
        regime = book.regime_for(decision_date)
        book.base_salary_on(decision_date)
    except NoRegimeError as exc:
        raise EvaluationError(
            _("No legal regime (or base salary) is in force on %(date)s.")
            % {"date": short_date(decision_date)}
        ) from exc
    started = time.perf_counter()
    plan = make_plan(regime)
    facts = load_year(plan, year, unit.path if unit is not None else "")
    loaded = time.perf_counter()
    result = judge_year(book, regime, plan, facts, decision_date)
    result.timings["facts"] = loaded - started
    result.timings["total"] = time.perf_counter() - started
    return result


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


VERDICT_COLUMNS = (
    "run_id", "award_code", "person_id", "unit_id", "eligible", "failed", "needs_review", "notes",
    "reward_vnd",
)  # fmt: skip


def _json(items: Iterable[Any]) -> str:
    return json.dumps(
        [
            {"condition": i.condition, "message": i.message, "citation": i.citation}
            if isinstance(i, Failure)
            else i
            for i in items
        ],
        ensure_ascii=False,
    )


def verdict_rows(run_id: int, result: YearEvaluation) -> Iterator[tuple]:
    """One row per subject and title, JSON already encoded: most subjects share their list of
    failures with many others, and each distinct list is encoded once."""
    people_units = result.facts.people.units
    encoded: dict[tuple, tuple[str, str]] = {}
    for title in result.titles:
        individual = title.kind == INDIVIDUAL
        for index, items in enumerate(title.items()):
            pair = encoded.get(items)
            if pair is None:
                failed = [i for i in items if isinstance(i, Failure)]
                review = dict.fromkeys(i for i in items if not isinstance(i, Failure))
                pair = encoded[items] = (_json(failed), _json(review))
            notes = title.notes.get(index)
            yield (
                run_id,
                title.award,
                title.subjects[index] if individual else None,
                people_units[index] if individual else title.subjects[index],
                title.eligible[index],
                pair[0],
                pair[1],
                json.dumps(list(notes)) if notes else "[]",
                title.reward_vnd,
            )


def _write_verdicts(run: EvaluationRun, result: YearEvaluation) -> None:
    """Set-based insert (executemany on SQLite, COPY on PostgreSQL): a province's 600,000
    verdicts would take minutes through model instances (bulk_create: ~160 µs a row)."""
    table = connection.ops.quote_name(EvaluationVerdict._meta.db_table)
    names = ", ".join(connection.ops.quote_name(name) for name in VERDICT_COLUMNS)
    rows = verdict_rows(run.pk, result)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(VERDICT_COLUMNS))
        for chunk in _chunks(rows, BATCH):
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", chunk)


def title_summaries(result: YearEvaluation) -> list[dict[str, Any]]:
    return [
        {
            "award": title.award,
            "kind": title.kind,
            "name": title.name,
            "eligible": title.eligible_count,
            "not_eligible": len(title.subjects) - title.eligible_count,
            "reward_vnd": title.reward_vnd,
            "citations": list(title.citations),
            "review": list(title.common_review),
        }
        for title in result.titles
    ]


def store(result: YearEvaluation, *, unit: Unit | None = None, user: Any = None) -> EvaluationRun:
    """Write the run; the earlier run of the same year and units goes in the same transaction."""
    started = time.perf_counter()
    try:
        with transaction.atomic():
            EvaluationRun.objects.filter(
                year=result.year, **({"unit": unit} if unit is not None else {"unit__isnull": True})
            ).delete()
            run = EvaluationRun.objects.create(
                year=result.year,
                decision_date=result.decision_date,
                regime=result.regime.id,
                base_salary_vnd=result.base_salary_vnd,
                unit=unit,
                created_by=user if getattr(user, "is_authenticated", False) else None,
                people=len(result.facts.people),
                units=len(result.facts.units),
                titles=title_summaries(result),
                seconds=result.timings.get("total", 0.0),
            )
            _write_verdicts(run, result)
            EvaluationQuota.objects.bulk_create(
                EvaluationQuota(
                    run=run,
                    unit_id=quota.unit,
                    award_code=quota.award,
                    base_count=quota.base_count,
                    limit=quota.limit,
                    eligible=quota.eligible,
                )
                for quota in result.quotas
            )
            record(
                run,
                "legal_rules.evaluationrun.created",
                actor=user,
                data={
                    "year": result.year,
                    "decision_date": result.decision_date.isoformat(),
                    "regime": result.regime.id,
                    "unit": unit.code if unit is not None else None,
                    "people": run.people,
                    "units": run.units,
                },
            )
    except IntegrityError as exc:
        raise EvaluationError(
            _(
                "Another evaluation of the same year and units was saved at the same moment;"
                " run it again."
            )
        ) from exc
    result.timings["store"] = time.perf_counter() - started
    return run


def check_scope(user: Any, unit: Unit | None) -> None:
    from tdkt.accounts.scope import scope_path

    prefix = scope_path(user)
    if prefix == "":
        return
    if prefix is None or unit is None or not unit.path.startswith(prefix):
        raise EvaluationError(
            _("You can evaluate only the units you are responsible for; choose one of them.")
        )


def run_evaluation(
    year: int,
    *,
    decision_date: dt.date | None = None,
    unit: Unit | None = None,
    user: Any = None,
    book: RuleBook | None = None,
) -> tuple[EvaluationRun, YearEvaluation]:
    """Evaluate and store; returns the stored run and the in-memory result (with timings).

    With a user, the units must be theirs: an officer evaluates their own subtree (or part of
    it), never the whole database or another ward."""
    if user is not None:
        check_scope(user, unit)
    result = evaluate_year(year, decision_date=decision_date, unit=unit, book=book)
    run = store(result, unit=unit, user=user)
    return run, result
