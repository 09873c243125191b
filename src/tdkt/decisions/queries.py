"""Reads of decisions: the user's scope, the attached list in its groups, the totals."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from tdkt.accounts.scope import units_for
from tdkt.decisions import wording
from tdkt.decisions.enums import BatchStatus, DecisionStatus
from tdkt.decisions.models import CertificateBatch, Decision, DecisionLine

# Awards printed as certificates (ND 98/2023 Điều 104: Giấy khen and the grassroots emulation
# fighter's certificate). LĐTT has none (Bộ Nội vụ, 14/11/2023; documents.md §5.3).
CERTIFICATE_AWARDS = frozenset(
    {"giay_khen", "giay_khen_ct_xa", "giay_khen_ct_huyen", "giay_khen_thu_truong", "cstd_co_so"}
)


def decisions_for(user: Any) -> QuerySet[Decision]:
    """Decisions issued by a body in the user's scope."""
    return Decision.objects.filter(issuer__in=units_for(user).values("pk"))


def get_decision_or_404(user: Any, pk: int) -> Decision:
    try:
        return decisions_for(user).select_related("issuer", "signed_by", "drafted_by").get(pk=pk)
    except Decision.DoesNotExist as exc:
        raise Http404 from exc


def lines_of(decision: Decision) -> QuerySet[DecisionLine]:
    return decision.lines.select_related("award_record", "revoked_award").order_by("number")


@dataclass
class Section:
    """A group of the attached list: "I. Cá nhân", "II. Tập thể"."""

    numeral: str
    title: str
    award_code: str
    collective: bool
    lines: list[DecisionLine] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.numeral}. {self.title}"

    @property
    def total_vnd(self) -> int:
        return sum(line.amount_vnd or 0 for line in self.lines)


def sections(decision: Decision, lines: Sequence[DecisionLine]) -> list[Section]:
    """The attached list cut where the award or the kind of recipient changes, in line order.
    One award: "Cá nhân" / "Tập thể"; several: "Cá nhân được tặng danh hiệu “…” năm 2017"."""
    several = len({line.award_code for line in lines}) > 1
    out: list[Section] = []
    for line in lines:
        key = (line.award_code, line.unit_id is not None)
        if not out or (out[-1].award_code, out[-1].collective) != key:
            label = wording.COLLECTIVE_LABEL if key[1] else wording.INDIVIDUAL_LABEL
            if several and not decision.is_revocation:
                phrase = wording.award_phrase(
                    key[0], decision.achievement_year, decision.issuer_name
                )
                label = f"{label} được {phrase}"
            out.append(Section(wording.roman(len(out) + 1), label, key[0], key[1]))
        out[-1].lines.append(line)
    return out


@dataclass(frozen=True)
class Totals:
    individuals: int
    collectives: int
    amount_vnd: int
    priced: int  # lines that carry money

    @property
    def count_phrase(self) -> str:
        return wording.count_phrase(self.individuals, self.collectives)


def totals(lines: Iterable[DecisionLine]) -> Totals:
    individuals = collectives = amount = priced = 0
    for line in lines:
        if line.unit_id is not None:
            collectives += 1
        else:
            individuals += 1
        if line.amount_vnd is not None:
            amount += line.amount_vnd
            priced += 1
    return Totals(individuals, collectives, amount, priced)


def certificate_lines(decision: Decision) -> QuerySet[DecisionLine]:
    """The lines of a signed award decision that get a printed certificate."""
    if not decision.is_signed or decision.is_revocation:
        return DecisionLine.objects.none()
    return lines_of(decision).filter(award_code__in=CERTIFICATE_AWARDS)


def latest_batch(decision: Decision) -> CertificateBatch | None:
    return decision.certificate_batches.order_by("-created_at", "-id").first()


def ready_batch(decision: Decision) -> CertificateBatch | None:
    return (
        decision.certificate_batches.filter(status=BatchStatus.DONE)
        .order_by("-created_at", "-id")
        .first()
    )


def list_rows(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    """The list page's rows with their line counts and money."""
    return decisions.select_related("issuer").annotate(
        line_count=Count("lines"), amount=Sum("lines__amount_vnd")
    )


def signed_years(decisions: QuerySet[Decision]) -> list[int]:
    return sorted(
        {
            d.year
            for d in decisions.filter(status=DecisionStatus.SIGNED).dates("decision_date", "year")
        },
        reverse=True,
    )
