"""How Vietnamese documents write dates and amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def long_date(value: dt.date | None) -> str:
    """ "ngày 05 tháng 01 năm 2018": day below 10 and months 1–2 get a leading zero (ND 30/2020)."""
    if value is None:
        return ""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def short_date(value: dt.date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def group_thousands(amount: int | Decimal) -> str:
    """1300000 -> "1.300.000" (Vietnamese digit grouping)."""
    number = int(amount)
    sign = "-" if number < 0 else ""
    return sign + f"{abs(number):,}".replace(",", ".")


def money(amount: int | Decimal | None) -> str:
    """1300000 -> "1.300.000 đồng"."""
    if amount is None:
        return ""
    return f"{group_thousands(amount)} đồng"
