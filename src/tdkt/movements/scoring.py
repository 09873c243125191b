"""How targets turn into progress and points, and how a group is ranked. Pure functions.

Achievement ratio r of a target (planned value P, actual value A):

* higher is better: r = A / P; when P = 0 any A ≥ 0 meets the plan, r = CAP;
* lower is better:  r = P / A; when A = 0 the target is met as well as it can be, r = CAP;
  when P = 0 and A > 0 the target is missed, r = 0.

r is never negative and is capped at CAP = 1.2: exceeding a plan by more than 20 % earns
nothing more, so no single target can outweigh the others.

Points of an automatically scored criterion with maximum M:

    points = min(r, CAP) / CAP × M, rounded half-up to 0.01

so meeting the plan exactly (r = 1) earns 83.33 % of M and exceeding it by 20 % earns M.

Ranking of a group (`rank`): higher total first; then more criteria at their maximum; then a
higher score on the heaviest criterion (the one with the most points, the first of equals
in the sheet's order); then the unit's name in Vietnamese alphabetical order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CAP = Decimal("1.2")
CENT = Decimal("0.01")
ZERO = Decimal("0")
HIGHER = "higher"
LOWER = "lower"


def achievement_ratio(planned: Decimal, actual: Decimal, direction: str) -> Decimal:
    """r as defined in the module's docstring, between 0 and CAP."""
    if direction == LOWER:
        if actual <= 0:
            ratio = CAP
        elif planned <= 0:
            ratio = ZERO
        else:
            ratio = planned / actual
    else:
        ratio = CAP if planned <= 0 else actual / planned
    return max(ZERO, min(ratio, CAP))


def target_points(
    planned: Decimal, actual: Decimal, direction: str, max_points: Decimal
) -> Decimal:
    ratio = achievement_ratio(planned, actual, direction)
    return (ratio / CAP * max_points).quantize(CENT, rounding=ROUND_HALF_UP)


def completion(planned: Decimal, actual: Decimal, direction: str) -> Decimal:
    """Share of the plan achieved, 0 to 1 (what a progress bar fills)."""
    return min(achievement_ratio(planned, actual, direction), Decimal(1))


@dataclass(frozen=True)
class Standing:
    """A member's figures for the ranking."""

    unit_id: int
    name_key: str  # the unit's Vietnamese collation key
    scores: tuple[Decimal, ...]  # final score per criterion, in the sheet's order

    @property
    def total(self) -> Decimal:
        return sum(self.scores, ZERO)


@dataclass(frozen=True)
class Placed:
    standing: Standing
    total: Decimal
    criteria_at_max: int
    heaviest_score: Decimal
    rank: int


def heaviest_index(max_points: Sequence[Decimal]) -> int:
    """The criterion with the most points; the first one in the sheet's order among equals."""
    if not max_points:
        raise ValueError("a score sheet needs at least one criterion")
    return max(range(len(max_points)), key=lambda i: (max_points[i], -i))


def rank(standings: Sequence[Standing], max_points: Sequence[Decimal]) -> list[Placed]:
    """The members in ranking order with ranks 1, 2, 3 … (the tie-break leaves no ties)."""
    heaviest = heaviest_index(max_points)

    def figures(s: Standing) -> tuple[Decimal, int, Decimal]:
        at_max = sum(1 for score, top in zip(s.scores, max_points, strict=True) if score >= top)
        return s.total, at_max, s.scores[heaviest]

    ordered = sorted(
        standings,
        key=lambda s: (
            -figures(s)[0],
            -figures(s)[1],
            -figures(s)[2],
            s.name_key,
            s.unit_id,
        ),
    )
    placed = []
    for position, standing in enumerate(ordered, start=1):
        total, at_max, heavy = figures(standing)
        placed.append(Placed(standing, total, at_max, heavy, position))
    return placed
