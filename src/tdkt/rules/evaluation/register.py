"""Does the register agree with the law? Every yearly title granted for a year must be judged
eligible by the rules in force on its decision date (the demo loader calls this at the end)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.common.formatting import short_date
from tdkt.rules.engine import Failure
from tdkt.rules.evaluation.judge import YearEvaluation
from tdkt.rules.evaluation.plan import INDIVIDUAL, make_plan
from tdkt.rules.evaluation.service import evaluate_year
from tdkt.rules.loader import get_rulebook
from tdkt.rules.regime import RuleBook


@dataclass(frozen=True)
class RegisterProblem:
    """A granted title the rules do not support, and why."""

    award_id: int
    award: str
    award_name: str
    year: int
    subject: str
    decision: str
    regime: str
    failed: tuple[Failure, ...]  # empty: the recipient is not among the people judged that year

    def __str__(self) -> str:
        head = (
            f"{self.subject} — {self.award_name} năm {self.year}"
            f" (quyết định {self.decision}, quy định {self.regime}, mã khen thưởng {self.award_id})"
        )
        if not self.failed:
            return (
                f"{head}: không có trong danh sách xét năm {self.year}"
                " (không có kết quả xếp loại, không công tác tại đơn vị nào vào cuối năm)"
            )
        reasons = "; ".join(
            f"[{failure.condition}] {failure.message} ({failure.citation})"
            for failure in self.failed
        )
        return f"{head}: chưa đủ điều kiện — {reasons}"


def check_register_against_rules(year: int, book: RuleBook | None = None) -> list[RegisterProblem]:
    """Problems with the granted yearly titles of `year`, judged on the decision date of each
    decision (so the regime and its conditions are those the decision was taken under)."""
    book = book or get_rulebook()
    entries = list(
        AwardRecord.objects.filter(year=year, status=AwardStatus.GRANTED)
        .select_related("person", "unit")
        .order_by("decision_date", "award_code", "id")
    )
    by_date: dict[dt.date, list[AwardRecord]] = {}
    for entry in entries:
        by_date.setdefault(entry.decision_date, []).append(entry)
    problems: list[RegisterProblem] = []
    for decision_date, group in by_date.items():
        regime = book.regime_for(decision_date)
        judged = {title.award for title in make_plan(regime).titles}
        relevant = [entry for entry in group if entry.award_code in judged]
        if not relevant:
            continue
        result = evaluate_year(year, decision_date=decision_date, book=book)
        problems += _problems(relevant, result)
    return problems


def _problems(entries: list[AwardRecord], result: YearEvaluation) -> list[RegisterProblem]:
    found = []
    positions = {
        title.award: {subject: index for index, subject in enumerate(title.subjects)}
        for title in result.titles
    }
    for entry in entries:
        title = result.title(entry.award_code)
        assert title is not None
        subject_id = entry.person_id if title.kind == INDIVIDUAL else entry.unit_id
        index = positions[title.award].get(subject_id) if subject_id is not None else None
        if index is not None and title.eligible[index]:
            continue
        recipient = entry.person if entry.person_id else entry.unit
        found.append(
            RegisterProblem(
                award_id=entry.pk,
                award=entry.award_code,
                award_name=title.name,
                year=entry.year,
                subject=f"{recipient} (mã {subject_id})",
                decision=f"{entry.decision_number} ngày {short_date(entry.decision_date)}",
                regime=result.regime.id,
                failed=() if index is None else title.failed(index),
            )
        )
    return found
