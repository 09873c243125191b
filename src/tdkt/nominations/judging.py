"""What the rules engine says about nominations, for the pages that prepare and appraise them:
the verdict of each (eligible, failed conditions with citations, what needs review) and the
unit's quota for capped awards ("2 of 3 allowed"). Pure reads.

Judged as the decision will be: the regime and base salary of the dossier's expected decision
date, the achievement year of the dossier.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tdkt.awards.catalogue import award_name
from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.common.formatting import short_date
from tdkt.nominations.enums import DEAD_STATES
from tdkt.nominations.facts import person_facts, proposed_titles, unit_facts, unit_members
from tdkt.nominations.models import Nomination
from tdkt.organisations.models import Unit
from tdkt.rules.engine import Verdict, evaluate
from tdkt.rules.facts import PersonFacts, Subject
from tdkt.rules.loader import get_rulebook
from tdkt.rules.regime import NoRegimeError, Quota, Regime, RuleBook

ELIGIBLE, NOT_ELIGIBLE, REVIEW, UNKNOWN = "eligible", "not_eligible", "review", "unknown"


@dataclass(frozen=True)
class Judged:
    nomination_id: int
    verdict: Verdict | None
    problem: str = ""  # why there is no verdict (no regime in force, award unknown ...)
    assumed: tuple[str, ...] = ()  # names of titles proposed in the same round, counted as held

    @property
    def status(self) -> str:
        if self.verdict is None:
            return UNKNOWN
        if not self.verdict.eligible:
            return NOT_ELIGIBLE
        return REVIEW if self.verdict.needs_review else ELIGIBLE

    def as_snapshot(self, decision_date: dt.date) -> dict[str, Any]:
        """What the appraisal stores: enough to show later what was judged, on what basis."""
        verdict = self.verdict
        if verdict is None:
            return {"problem": self.problem, "decision_date": decision_date.isoformat()}
        return {
            "regime": verdict.regime,
            "decision_date": decision_date.isoformat(),
            "eligible": verdict.eligible,
            "failed": [
                {"condition": f.condition, "message": f.message, "citation": f.citation}
                for f in verdict.failed
            ],
            "needs_review": list(verdict.needs_review),
            "citations": list(verdict.citations),
            "reward_vnd": verdict.reward_vnd,
            "assumed": list(self.assumed),
        }


@dataclass(frozen=True)
class QuotaLine:
    unit_id: int
    unit_name: str
    award: str
    used: int  # live nominations of the unit for the award and year, in every dossier
    limit: int
    base_count: int
    max_pct: Any
    of_title: str | None
    citation: str
    over: frozenset[int]  # nominations beyond the limit, in the order they were made

    @property
    def award_name(self) -> str:
        return award_name(self.award)

    @property
    def of_title_name(self) -> str:
        return award_name(self.of_title) if self.of_title else ""

    @property
    def exceeded(self) -> bool:
        return self.used > self.limit


@dataclass
class Judgement:
    year: int
    decision_date: dt.date
    regime: Regime | None
    problem: str = ""
    by_nomination: dict[int, Judged] = field(default_factory=dict)
    quotas: list[QuotaLine] = field(default_factory=list)
    quota_of: dict[int, QuotaLine] = field(default_factory=dict)


def regime_on(decision_date: dt.date, book: RuleBook | None = None) -> Regime | None:
    try:
        return (book or get_rulebook()).regime_for(decision_date)
    except NoRegimeError:
        return None


def no_regime_message(decision_date: dt.date) -> str:
    return _("No legal regime is in force on %(date)s; change the expected decision date.") % {
        "date": short_date(decision_date)
    }


def _without(facts: PersonFacts, year: int, code: str) -> PersonFacts:
    """The person's facts without `code` among the titles of `year` (a nomination does not
    count itself as held)."""
    current = facts.year(year)
    if code not in current.titles:
        return facts
    years = dict(facts.years)
    years[year] = dataclasses.replace(current, titles=current.titles - {code})
    return dataclasses.replace(facts, years=years)


def judge_nominations(
    nominations: Sequence[Nomination],
    *,
    year: int,
    decision_date: dt.date,
    book: RuleBook | None = None,
) -> Judgement:
    """Verdicts and quotas for nominations of one achievement year and decision date."""
    book = book or get_rulebook()
    regime = regime_on(decision_date, book)
    judgement = Judgement(year=year, decision_date=decision_date, regime=regime)
    if regime is None:
        judgement.problem = no_regime_message(decision_date)
        for nomination in nominations:
            judgement.by_nomination[nomination.pk] = Judged(nomination.pk, None, judgement.problem)
        return judgement
    person_ids = {n.person_id for n in nominations if n.person_id}
    collective_ids = {n.unit_id for n in nominations if not n.person_id}
    members = unit_members(collective_ids, year)
    proposed_people = proposed_titles(
        year, people=True, owners=person_ids | {p for group in members.values() for p in group}
    )
    proposed_units = proposed_titles(year, people=False, owners=collective_ids)
    people = person_facts(person_ids, year, proposed_people)
    units = unit_facts(collective_ids, year, proposed_people, proposed_units)
    for nomination in nominations:
        subject: Subject
        if nomination.person_id:
            subject = _without(people[nomination.person_id], year, nomination.award_code)
            assumed = proposed_people.get(nomination.person_id, frozenset())
        else:
            subject = units[nomination.unit_id]
            assumed = proposed_units.get(nomination.unit_id, frozenset())
        verdict = evaluate(
            subject,
            nomination.award_code,
            year=year,
            decision_date=decision_date,
            book=book,
            regime=regime,
        )
        names = tuple(award_name(code) for code in sorted(assumed - {nomination.award_code}))
        judgement.by_nomination[nomination.pk] = Judged(nomination.pk, verdict, assumed=names)
    judgement.quotas = quota_lines(nominations, year=year, regime=regime)
    for line in judgement.quotas:
        for nomination in nominations:
            if nomination.unit_id == line.unit_id and nomination.award_code == line.award:
                judgement.quota_of[nomination.pk] = line
    return judgement


def quota_base(unit_id: int, members: list[int], quota: Quota, year: int) -> int:
    """The count the cap is a percentage of: the unit's members, or those of them holding (or
    proposed for) the quota's title in `year`."""
    if quota.basis != "title_holders" or quota.of_title is None:
        return len(members)
    granted = set(
        AwardRecord.objects.filter(
            person_id__in=members,
            award_code=quota.of_title,
            year=year,
            status=AwardStatus.GRANTED,
        ).values_list("person_id", flat=True)
    )
    proposed = set(
        Nomination.objects.filter(person_id__in=members, award_code=quota.of_title, year=year)
        .exclude(state__in=DEAD_STATES)
        .values_list("person_id", flat=True)
    )
    return len(granted | proposed)


def quota_lines(nominations: Sequence[Nomination], *, year: int, regime: Regime) -> list[QuotaLine]:
    """One line per (unit, capped award) the nominations touch, counting every live
    nomination of that unit, award and year (in any dossier)."""
    touched = sorted(
        {
            (n.unit_id, n.award_code)
            for n in nominations
            if n.person_id and (rule := regime.award(n.award_code)) and rule.quota is not None
        }
    )
    if not touched:
        return []
    members = unit_members({unit for unit, _award in touched}, year)
    names = dict(Unit.objects.filter(pk__in=members).values_list("id", "name"))
    lines = []
    for unit_id, award in touched:
        rule = regime.award(award)
        assert rule is not None
        quota = rule.quota
        assert quota is not None
        base = quota_base(unit_id, members[unit_id], quota, year)
        limit = quota.limit(base)
        live = list(
            Nomination.objects.filter(
                unit_id=unit_id, award_code=award, year=year, person__isnull=False
            )
            .exclude(state__in=DEAD_STATES)
            .order_by("id")
            .values_list("id", flat=True)
        )
        lines.append(
            QuotaLine(
                unit_id=unit_id,
                unit_name=names.get(unit_id, ""),
                award=award,
                used=len(live),
                limit=limit,
                base_count=base,
                max_pct=quota.max_pct,
                of_title=quota.of_title,
                citation=quota.citation,
                over=frozenset(live[limit:]),
            )
        )
    return lines


def judge_dossier(dossier: Any, book: RuleBook | None = None) -> Judgement:
    nominations = list(
        dossier.nominations.exclude(state__in=DEAD_STATES).select_related("person", "unit")
    )
    return judge_nominations(
        nominations, year=dossier.year, decision_date=dossier.decision_date, book=book
    )


def by_year_and_date(
    nominations: Sequence[Nomination],
) -> dict[tuple[int, dt.date], list[Nomination]]:
    groups: dict[tuple[int, dt.date], list[Nomination]] = defaultdict(list)
    for nomination in nominations:
        groups[(nomination.year, nomination.dossier.decision_date)].append(nomination)
    return groups
