"""Quotas enforced when the secretariat accepts nominations.

While a dossier is prepared, the quota is information ("2 of 3 allowed", judging.py). At
appraisal it is a gate: the people accepted for a capped award of a unit and year — in every
dossier, plus those the register already holds — may not exceed the regime's limit.

Two secretariat members appraising dossiers of the same unit at the same moment must not both
take the last place. `lock_units` serialises them on the unit rows (PostgreSQL: FOR NO KEY
UPDATE, so rows that merely point at the unit can still be written; SQLite: every write
transaction already runs alone). The counts are read after the lock, inside the same
transaction, so each sees what the other committed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tdkt.awards.catalogue import award_name
from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.nominations.enums import ACCEPTED_STATES
from tdkt.nominations.facts import unit_members
from tdkt.nominations.judging import quota_base
from tdkt.nominations.models import Nomination
from tdkt.organisations.models import Unit
from tdkt.rules.regime import Quota, Regime


@dataclass(frozen=True)
class QuotaBreach:
    unit_name: str
    award: str
    quota: Quota
    base_count: int
    limit: int
    holders: int  # people counted against the quota if the appraisal went through

    @property
    def excess(self) -> int:
        return self.holders - self.limit

    def message(self) -> str:
        values = {
            "unit": self.unit_name,
            "award": award_name(self.award),
            "holders": self.holders,
            "limit": self.limit,
            "pct": f"{self.quota.max_pct.normalize():f}".replace(".", ","),
            "base": self.base_count,
            "citation": self.quota.citation,
            "excess": self.excess,
        }
        if self.quota.basis == "title_holders" and self.quota.of_title:
            values["of_title"] = award_name(self.quota.of_title)
            text = _(
                "%(unit)s: accepting would give %(holders)s %(award)s, over the quota of "
                "%(limit)s (%(pct)s%% of %(base)s %(of_title)s, %(citation)s). "
                "Return %(excess)s of these nominations."
            )
        else:
            text = _(
                "%(unit)s: accepting would give %(holders)s %(award)s, over the quota of "
                "%(limit)s (%(pct)s%% of %(base)s members, %(citation)s). "
                "Return %(excess)s of these nominations."
            )
        return text % values


def capped(nominations: Iterable[Nomination], regime: Regime) -> set[tuple[int, str]]:
    """(unit, award) pairs of individual nominations whose award the regime caps."""
    return {
        (n.unit_id, n.award_code)
        for n in nominations
        if n.person_id and (rule := regime.award(n.award_code)) and rule.quota is not None
    }


def lock_units(unit_ids: Iterable[int]) -> None:
    # In id order, so two appraisals touching the same units cannot deadlock.
    list(
        Unit.objects.select_for_update(no_key=True)
        .filter(pk__in=set(unit_ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def breaches(accepting: Sequence[Nomination], *, year: int, regime: Regime) -> list[QuotaBreach]:
    """What accepting `accepting` (nominations of `year`) would take over a quota. Call inside
    the appraisal's transaction, after `lock_units` on the same units."""
    pairs = sorted(capped(accepting, regime))
    if not pairs:
        return []
    members = unit_members({unit for unit, _award in pairs}, year)
    names = dict(Unit.objects.filter(pk__in=members).values_list("id", "name"))
    found = []
    for unit_id, award in pairs:
        rule = regime.award(award)
        assert rule is not None
        assert rule.quota is not None
        quota = rule.quota
        holders: set[int | None] = set(
            Nomination.objects.filter(
                unit_id=unit_id, award_code=award, year=year, state__in=ACCEPTED_STATES
            ).values_list("person_id", flat=True)
        )
        holders |= set(
            AwardRecord.objects.filter(
                person_id__in=members[unit_id],
                award_code=award,
                year=year,
                status=AwardStatus.GRANTED,
            ).values_list("person_id", flat=True)
        )
        holders |= {
            n.person_id for n in accepting if n.unit_id == unit_id and n.award_code == award
        }
        base = quota_base(unit_id, members[unit_id], quota, year)
        limit = quota.limit(base)
        if len(holders) > limit:
            found.append(
                QuotaBreach(
                    unit_name=names.get(unit_id, ""),
                    award=award,
                    quota=quota,
                    base_count=base,
                    limit=limit,
                    holders=len(holders),
                )
            )
    return found
