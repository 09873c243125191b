"""Reward money: coefficient × base salary, rounded as the regime says, and amounts in words."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

_MODES = {"ceil": ROUND_CEILING, "floor": ROUND_FLOOR, "nearest": ROUND_HALF_UP}


def round_to_unit(value: Decimal | int, unit: int, mode: str) -> int:
    """Round to a multiple of `unit`: "ceil" (làm tròn lên), "floor" or "nearest" (half up).

    Idempotent: a multiple of `unit` is returned unchanged whatever the mode.
    """
    if unit <= 0:
        raise ValueError("unit must be positive")
    steps = (Decimal(value) / Decimal(unit)).quantize(Decimal(1), rounding=_MODES[mode])
    return int(steps) * unit


def reward_amount(coefficient: Decimal, base_salary_vnd: int, unit: int, mode: str) -> int:
    """coefficient × base salary, rounded; never negative."""
    return max(0, round_to_unit(coefficient * Decimal(base_salary_vnd), unit, mode))


# --- amounts in words ----------------------------------------------------------------------
# num2words 0.5.14 reads 1,053,000 as "một triệu năm mươi ba nghìn" and 2,014 as "hai nghìn lẻ
# mười bốn"; Vietnamese needs the empty hundreds said ("không trăm") once a higher group was
# read. Hence this small converter.

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu")


def _group(number: int, full: bool) -> str:
    """Read 0 < number < 1000; `full` says empty hundreds aloud (any group but the first)."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(_DIGITS[units])
        return " ".join(words)
    words.append("mười" if tens == 1 else f"{_DIGITS[tens]} mươi")
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return " ".join(words)


def _below_billion(number: int, full: bool) -> list[str]:
    words: list[str] = []
    groups = [(number // 1000**index) % 1000 for index in range(2, -1, -1)]
    for index, value in enumerate(groups):
        if value == 0:
            continue
        words.append(_group(value, full))
        scale = _SCALES[2 - index]
        if scale:
            words.append(scale)
        full = True
    return words


def number_in_words(number: int) -> str:
    """1053000 -> "một triệu không trăm năm mươi ba nghìn" (lower case, no currency)."""
    if number < 0:
        return "âm " + number_in_words(-number)
    if number == 0:
        return _DIGITS[0]
    billions, rest = divmod(number, 1000**3)
    words: list[str] = []
    if billions:
        words += [number_in_words(billions), "tỷ"]
    if rest:
        words += _below_billion(rest, full=bool(billions))
    return " ".join(words)


def amount_in_words(vnd: int) -> str:
    """1300000 -> "Một triệu ba trăm nghìn đồng", as written under an amount on a decision."""
    text = f"{number_in_words(vnd)} đồng"
    return text[0].upper() + text[1:]
