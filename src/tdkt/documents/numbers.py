"""Numbers as Vietnamese documents write them: "1.250.000", "95,5"."""

from __future__ import annotations

from decimal import Decimal


def decimal_vi(value: Decimal | int | float | None) -> str:
    """Thousands grouped with "." and decimals after ",", trailing zeros dropped."""
    if value is None:
        return ""
    number = Decimal(str(value)).normalize()
    sign = "-" if number < 0 else ""
    number = abs(number)
    whole, _, fraction = f"{number:f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    fraction = fraction.rstrip("0")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"
