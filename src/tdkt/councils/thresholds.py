"""The share of votes an award needs before the council, and where that rule comes from.

In order:
1. the regime's vote rule for the award (r2017: CSTĐ tỉnh / toàn quốc ≥ 90 % of all members,
   ND 91/2017 Đ.45 k.8; r2024: also CSTĐ cơ sở and the flags ≥ 80 %, ND 98/2023 Đ.30 k.7), when
   it is verified (status V) — a council may be stricter, never looser;
2. the council's own threshold for the award (`CouncilThreshold`), which also replaces a
   regime rule that is only partly verified or unverified (configurable where unverified);
3. the council's default rule (its quy chế: by default more than half of all members).

Arithmetic is on integers: agree × 100 against pct × base, no float rounding at the edge.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from tdkt.councils.enums import ThresholdBase
from tdkt.councils.models import Council, CouncilThreshold
from tdkt.rules.loader import get_rulebook
from tdkt.rules.regime import NoRegimeError, RuleBook

VERIFIED = "V"


@dataclass(frozen=True)
class Threshold:
    pct: Decimal
    base: str  # ThresholdBase
    strict: bool  # more than pct (quá bán) rather than at least pct
    basis: str
    source: str  # "regime", "council", "default"

    def passes(self, agree: int, members: int, present: int) -> bool:
        count = members if self.base == ThresholdBase.ALL_MEMBERS else present
        if count <= 0:
            return False
        left, right = Decimal(agree) * 100, self.pct * count
        return left > right if self.strict else left >= right

    def base_count(self, members: int, present: int) -> int:
        return members if self.base == ThresholdBase.ALL_MEMBERS else present

    def describe(self) -> str:
        pct = format(self.pct.normalize(), "f").replace(".", ",")
        whom = ThresholdBase(self.base).label
        if self.strict:
            return _("more than %(pct)s%% %(whom)s") % {"pct": pct, "whom": whom}
        return _("at least %(pct)s%% %(whom)s") % {"pct": pct, "whom": whom}


def threshold_for(
    council: Council, award_code: str, decision_date: dt.date, book: RuleBook | None = None
) -> Threshold:
    own = CouncilThreshold.objects.filter(council=council, award_code=award_code).first()
    rule = None
    try:
        regime = (book or get_rulebook()).regime_for(decision_date)
        rule = regime.vote_rule(award_code)
    except NoRegimeError:
        regime = None
    if rule is not None:
        legal = Threshold(
            pct=rule.threshold_pct,
            base=ThresholdBase.ALL_MEMBERS
            if rule.base == "all_members"
            else ThresholdBase.PRESENT_MEMBERS,
            strict=False,
            basis=rule.citation,
            source="regime",
        )
        if rule.status == VERIFIED and (own is None or own.threshold_pct < rule.threshold_pct):
            return legal
        if own is None:
            return legal
    if own is not None:
        return Threshold(
            pct=own.threshold_pct,
            base=own.base,
            strict=own.strict,
            basis=own.basis,
            source="council",
        )
    return Threshold(
        pct=council.default_threshold_pct,
        base=ThresholdBase.ALL_MEMBERS,
        strict=council.default_threshold_strict,
        basis=council.default_threshold_basis,
        source="default",
    )
