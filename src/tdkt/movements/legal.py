"""Whether registering for emulation is a legal condition for titles on a given day.

Under the rules before 2024 a unit or person that had not registered could be refused a
title; the Law on Emulation and Commendation 2022 (Đ.7, in force 1/1/2024) dropped
registration as a basis (legal-rules.md §4.4). The answer, with its citation, is the
`registration_required` item of the legal regime in force on the day; tdkt shows it as
information and never gates anything on it.
"""

from __future__ import annotations

import datetime as dt

from tdkt.rules.loader import get_rulebook
from tdkt.rules.regime import NoRegimeError, RegistrationRule


def registration_is_legal_condition(on: dt.date) -> RegistrationRule | None:
    """The regime's rule on registration for titles decided on `on`; None before the first
    regime the rules data holds (nothing is said then rather than a guess)."""
    try:
        return get_rulebook().regime_for(on).registration
    except NoRegimeError:
        return None
