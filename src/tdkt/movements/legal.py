"""Whether registering for emulation is a legal condition for titles on a given day.

Under the rules before 2024 a unit or person that had not registered could be refused a
title; the Law on Emulation and Commendation 2022 (Đ.7, in force 1/1/2024) dropped
registration as a basis (legal-rules.md §4.4). tdkt therefore shows registration as
information and never gates anything on it. The answer comes from the legal regime in force
when it declares `registration_required`; until the rules data carries that field, from the
date the 2022 law took effect.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

LAW_2022_IN_FORCE = dt.date(2024, 1, 1)
CITATION_BEFORE_2024 = "Luật Thi đua, Khen thưởng năm 2003 (sửa đổi, bổ sung năm 2013)"
CITATION_FROM_2024 = "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 7"


@dataclass(frozen=True)
class RegistrationRule:
    required: bool
    citation: str


def _from_rules(on: dt.date) -> bool | None:
    """The regime's own answer, when the rules data gives one."""
    try:
        from tdkt.rules.loader import get_rulebook

        regime = get_rulebook().regime_for(on)
    except Exception:  # no rules installed, no regime on that day: fall back to the date
        return None
    value = getattr(regime, "registration_required", None)
    return value if isinstance(value, bool) else None


def registration_is_legal_condition(on: dt.date) -> RegistrationRule:
    """Is registration a condition for titles decided on `on`, and where does that come from."""
    answer = _from_rules(on)
    required = answer if answer is not None else on < LAW_2022_IN_FORCE
    return RegistrationRule(required, CITATION_BEFORE_2024 if required else CITATION_FROM_2024)
