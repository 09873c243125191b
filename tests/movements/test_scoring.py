"""The scoring formula and the ranking tie-break (pure functions, no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.common.text import collation_key
from tdkt.movements.scoring import (
    CAP,
    Standing,
    achievement_ratio,
    completion,
    heaviest_index,
    rank,
    target_points,
)

pytestmark = pytest.mark.unit

D = Decimal
values = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
points = st.decimals(min_value=D("0.01"), max_value=1000, places=2)


@pytest.mark.parametrize(
    ("planned", "actual", "direction", "expected"),
    [
        ("100", "120", "higher", "30.00"),  # +20 %: full points
        ("100", "150", "higher", "30.00"),  # capped
        ("100", "100", "higher", "25.00"),  # the plan exactly: 1/1.2 of the maximum
        ("100", "50", "higher", "12.50"),
        ("100", "0", "higher", "0.00"),
        ("0", "5", "higher", "30.00"),  # nothing planned: met
        ("10", "5", "lower", "30.00"),  # half the incidents allowed: capped
        ("10", "10", "lower", "25.00"),
        ("10", "20", "lower", "12.50"),
        ("10", "0", "lower", "30.00"),  # no incident at all
        ("0", "0", "lower", "30.00"),
        ("0", "1", "lower", "0.00"),  # zero allowed, one happened
    ],
)
def test_target_points_by_formula(planned, actual, direction, expected):
    assert target_points(D(planned), D(actual), direction, D(30)) == D(expected)


@given(values, values, st.sampled_from(["higher", "lower"]), points)
def test_target_points_between_zero_and_maximum(planned, actual, direction, maximum):
    score = target_points(planned, actual, direction, maximum)

    assert D(0) <= score <= maximum


@given(values, values, values)
def test_higher_is_better_points_never_fall_as_actual_rises(planned, first, second):
    low, high = sorted((first, second))

    assert target_points(planned, low, "higher", D(10)) <= target_points(
        planned, high, "higher", D(10)
    )


@given(values, values, values)
def test_lower_is_better_points_never_rise_as_actual_rises(planned, first, second):
    low, high = sorted((first, second))

    assert target_points(planned, low, "lower", D(10)) >= target_points(
        planned, high, "lower", D(10)
    )


@given(values, values, st.sampled_from(["higher", "lower"]))
def test_completion_is_ratio_capped_at_one(planned, actual, direction):
    share = completion(planned, actual, direction)

    assert share == min(achievement_ratio(planned, actual, direction), D(1))
    assert D(0) <= share <= 1 <= CAP


def _standing(unit_id: int, name: str, *scores: str) -> Standing:
    return Standing(unit_id, collation_key(name), tuple(D(s) for s in scores))


MAXIMA = [D(30), D(20), D(50)]  # the third criterion is the heaviest


def test_rank_by_total_first():
    placed = rank(
        [_standing(1, "A", "10", "10", "10"), _standing(2, "B", "20", "10", "10")], MAXIMA
    )

    assert [(p.rank, p.standing.unit_id, p.total) for p in placed] == [(1, 2, D(40)), (2, 1, D(30))]


def test_rank_tie_broken_by_criteria_at_maximum():
    tied = [_standing(1, "A", "25", "15", "40"), _standing(2, "B", "30", "20", "30")]

    placed = rank(tied, MAXIMA)

    assert [(p.standing.unit_id, p.criteria_at_max) for p in placed] == [(2, 2), (1, 0)]


def test_rank_tie_broken_by_heaviest_criterion():
    tied = [
        _standing(1, "A", "30", "10", "30"),
        _standing(2, "B", "20", "20", "30"),
        _standing(3, "C", "30", "0", "40"),
    ]

    placed = rank(tied, MAXIMA)

    assert [(p.standing.unit_id, p.criteria_at_max, p.heaviest_score) for p in placed] == [
        (3, 1, D(40)),
        (1, 1, D(30)),
        (2, 1, D(30)),
    ]


def test_rank_last_tie_broken_by_vietnamese_name_order():
    names = ["Phường Hòa Xuân", "Phường Hòa An", "Phường Ân Thạnh", "Phường An Khê"]
    tied = [_standing(i, name, "20", "10", "30") for i, name in enumerate(names)]

    placed = rank(tied, MAXIMA)

    # a < ă < â: "An Khê" before "Ân Thạnh"; "Hòa An" before "Hòa Xuân".
    assert [names[p.standing.unit_id] for p in placed] == [
        "Phường An Khê",
        "Phường Ân Thạnh",
        "Phường Hòa An",
        "Phường Hòa Xuân",
    ]
    assert [p.rank for p in placed] == [1, 2, 3, 4]


def test_heaviest_index_takes_first_of_equal_maxima():
    assert heaviest_index([D(20), D(40), D(40)]) == 1


@given(st.lists(st.tuples(points, points, points), min_size=1, max_size=8))
def test_rank_gives_unique_consecutive_ranks_ordered_by_total(rows):
    standings = [Standing(i, f"{i:04d}", row) for i, row in enumerate(rows)]

    placed = rank(standings, MAXIMA)

    assert [p.rank for p in placed] == list(range(1, len(rows) + 1))
    assert [p.total for p in placed] == sorted((p.total for p in placed), reverse=True)
