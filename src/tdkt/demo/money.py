"""Reward money and the legal regime of a decision date, as the demo computes them.

Values from shared/reference/legal-rules.yaml: the base salary in force on the decision date
(`base_salary`), the coefficients of the district's titles and merit certificates (ND 42/2010 and
ND 91/2017 give the same ones for these awards), rounded up to the next 10,000 đồng.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

# (first day, amount in đồng per month)
BASE_SALARY: tuple[tuple[dt.date, int], ...] = (
    (dt.date(2013, 7, 1), 1_150_000),  # ND 66/2013
    (dt.date(2016, 5, 1), 1_210_000),  # ND 47/2016
    (dt.date(2017, 7, 1), 1_300_000),  # ND 47/2017
    (dt.date(2018, 7, 1), 1_390_000),  # ND 72/2018
    (dt.date(2019, 7, 1), 1_490_000),  # ND 38/2019
    (dt.date(2023, 7, 1), 1_800_000),  # ND 24/2023
    (dt.date(2024, 7, 1), 2_340_000),  # ND 73/2024
    (dt.date(2026, 7, 1), 2_530_000),  # ND 161/2026
)

COEFFICIENTS: dict[tuple[str, str], Decimal] = {
    ("lao_dong_tien_tien", "individual"): Decimal("0.3"),
    ("cstd_co_so", "individual"): Decimal("1.0"),
    ("tap_the_ldtt", "collective"): Decimal("0.8"),
    ("giay_khen_ct_huyen", "individual"): Decimal("0.3"),
    ("giay_khen_ct_huyen", "collective"): Decimal("0.6"),
}

ROUNDING_STEP = 10_000

# The regimes the demo's decisions fall under (legal-rules.md §1), by first day.
REGIMES: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2014, 8, 15), "r2014"),
    (dt.date(2017, 10, 1), "r2017"),
    (dt.date(2024, 1, 1), "r2024"),
    (dt.date(2025, 7, 1), "r2025"),
)


def base_salary(on: dt.date) -> int:
    amount = None
    for start, value in BASE_SALARY:
        if start <= on:
            amount = value
    if amount is None:
        raise ValueError(f"no base salary known for {on:%d/%m/%Y}")
    return amount


def reward_amount(award_code: str, recipient: str, on: dt.date) -> int | None:
    """Coefficient × base salary on `on`, rounded up to 10,000 đồng; None without a coefficient."""
    coefficient = COEFFICIENTS.get((award_code, recipient))
    if coefficient is None:
        return None
    exact = coefficient * base_salary(on)
    return math.ceil(exact / ROUNDING_STEP) * ROUNDING_STEP


def regime_on(on: dt.date) -> str:
    found = None
    for start, regime in REGIMES:
        if start <= on:
            found = regime
    if found is None:
        raise ValueError(f"no legal regime known for {on:%d/%m/%Y}")
    return found
