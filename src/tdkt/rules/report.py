"""Judgements as the JSON of rules-check-format.md, or as a Vietnamese text report."""

from __future__ import annotations

from typing import Any

from tdkt.common.formatting import money, short_date
from tdkt.rules.cases import Case
from tdkt.rules.engine import Judgement, Verdict
from tdkt.rules.money import amount_in_words, round_to_unit
from tdkt.rules.regime import RuleBook


def verdict_dict(verdict: Verdict) -> dict[str, Any]:
    return {
        "subject": verdict.subject,
        "award": verdict.award,
        "eligible": verdict.eligible,
        "failed": [
            {"condition": f.condition, "message": f.message, "citation": f.citation}
            for f in verdict.failed
        ],
        "needs_review": list(verdict.needs_review),
        "citations": list(verdict.citations),
        "reward_vnd": verdict.reward_vnd,
    }


def judgement_dict(judgement: Judgement) -> dict[str, Any]:
    """Exactly the keys of the documented output, in the documented order."""
    return {
        "regime": judgement.regime.id,
        "decision_date": judgement.decision_date.isoformat(),
        "base_salary_vnd": judgement.base_salary_vnd,
        "verdicts": [verdict_dict(verdict) for verdict in judgement.verdicts],
        "quotas": [
            {
                "unit": quota.unit,
                "award": quota.award,
                "limit": quota.limit,
                "eligible_requests": quota.eligible_requests,
            }
            for quota in judgement.quotas
        ],
    }


def _subject_label(case: Case, subject: str) -> str:
    facts = case.people.get(subject) or case.units.get(subject)
    name = facts.name if facts is not None else ""
    return f"{name} ({subject})" if name else subject


def judgement_text(case: Case, judgement: Judgement, book: RuleBook) -> str:
    regime = judgement.regime
    status = book.messages.label("status", regime.rounding.status)
    lines = [
        "KẾT QUẢ XÉT ĐIỀU KIỆN THI ĐUA, KHEN THƯỞNG",
        f"Tệp: {case.file}",
        f"Năm đánh giá: {judgement.year} · Ngày quyết định: {short_date(judgement.decision_date)}",
        f"Quy định áp dụng: {regime.name_vi} ({regime.id})",
        f"Mức lương cơ sở: {money(judgement.base_salary_vnd)}"
        f" · Làm tròn tiền thưởng: {_rounding(regime.rounding.mode)}"
        f" đến {money(regime.rounding.unit)} ({status})",
        "",
    ]
    for index, verdict in enumerate(judgement.verdicts, start=1):
        award = book.award_name(verdict.award, regime)
        outcome = "ĐỦ ĐIỀU KIỆN" if verdict.eligible else "KHÔNG ĐỦ ĐIỀU KIỆN"
        lines.append(f"{index}. {_subject_label(case, verdict.subject)} — {award}: {outcome}")
        for failure in verdict.failed:
            lines.append(f"   ✗ {failure.message} [{failure.citation}]")
        for item in verdict.needs_review:
            lines.append(f"   ? Cần xem xét: {item}")
        if verdict.reward_vnd is None:
            lines.append("   Tiền thưởng: không có mức quy định")
        else:
            lines.append(
                f"   Tiền thưởng: {money(verdict.reward_vnd)}"
                f" ({amount_in_words(verdict.reward_vnd)})"
            )
        lines.append(f"   Căn cứ: {'; '.join(verdict.citations)}")
        lines.append("")
    if judgement.quotas:
        lines.append("CHỈ TIÊU (TỶ LỆ TỐI ĐA)")
        for quota in judgement.quotas:
            award = book.award_name(quota.award, regime)
            unit = _subject_label(case, quota.unit)
            pct = format(quota.max_pct.normalize(), "f").replace(".", ",")
            rounded = round_to_unit(quota.base_count * quota.max_pct / 100, 1, quota.rounding)
            floor_note = (
                f" còn {rounded}, nâng lên mức tối thiểu {quota.limit}"
                if quota.limit > rounded
                else ""
            )  # a province's min_limit: the percentage alone would give less
            line = (
                f"- {unit} — {award}: tối đa {quota.limit} ({pct}% của {quota.base_count},"
                f" làm tròn {_rounding(quota.rounding)}{floor_note});"
                f" đủ điều kiện {quota.eligible_requests}"
            )
            if quota.over_quota:
                line += f" — VƯỢT {len(quota.over_quota)}: {', '.join(quota.over_quota)}"
            lines.append(line)
            lines.append(
                f"  Căn cứ: {quota.citation}; cách làm tròn:"
                f" {book.messages.label('status', quota.status)}"
            )
        lines.append("")
    eligible = sum(1 for verdict in judgement.verdicts if verdict.eligible)
    total = sum(verdict.reward_vnd or 0 for verdict in judgement.verdicts if verdict.eligible)
    lines.append(
        f"Tổng cộng: {eligible}/{len(judgement.verdicts)} đề nghị đủ điều kiện;"
        f" tiền thưởng của các đề nghị đủ điều kiện: {money(total)}"
    )
    return "\n".join(lines)


def _rounding(mode: str) -> str:
    return {"ceil": "lên", "floor": "xuống", "nearest": "đến số gần nhất"}.get(mode, mode)
