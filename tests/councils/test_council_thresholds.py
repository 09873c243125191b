"""The share of votes each award needs, per regime, and who may change it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.councils.enums import ThresholdBase
from tdkt.councils.models import Council, CouncilThreshold
from tdkt.councils.thresholds import Threshold, threshold_for

pytestmark = pytest.mark.django_db

R2017 = dt.date(2019, 1, 15)
R2024 = dt.date(2025, 1, 15)
R2025 = dt.date(2026, 1, 15)


def test_r2017_provincial_fighter_needs_90_pct_of_all(council: Council) -> None:
    threshold = threshold_for(council, "cstd_cap_tinh", R2017)

    assert (threshold.pct, threshold.base, threshold.strict, threshold.source) == (
        Decimal("90"),
        ThresholdBase.ALL_MEMBERS,
        False,
        "regime",
    )
    assert threshold.basis == "Khoản 8 Điều 45 Nghị định 91/2017/NĐ-CP"
    assert [threshold.passes(agree, 7, 5) for agree in (5, 6, 7)] == [False, False, True]


def test_r2017_grassroots_fighter_follows_the_councils_rule(council: Council) -> None:
    threshold = threshold_for(council, "cstd_co_so", R2017)

    assert (threshold.source, threshold.pct, threshold.strict) == ("default", Decimal("50"), True)
    assert [threshold.passes(agree, 7, 7) for agree in (3, 4)] == [False, True]
    assert threshold.passes(3, 6, 6) is False  # exactly half is not more than half


def test_r2024_grassroots_fighter_needs_80_pct(council: Council) -> None:
    threshold = threshold_for(council, "cstd_co_so", R2024)

    assert (threshold.pct, threshold.source) == (Decimal("80"), "regime")
    assert [threshold.passes(agree, 7, 7) for agree in (5, 6)] == [False, True]
    assert threshold.describe() == "từ 80% trở lên trên tổng số thành viên Hội đồng"


def test_council_sets_threshold_where_regime_is_unverified(council: Council) -> None:
    CouncilThreshold.objects.create(
        council=council,
        award_code="cstd_co_so",
        threshold_pct=Decimal("75"),
        basis="Quy chế Hội đồng quận, Điều 7",
    )

    r2025 = threshold_for(council, "cstd_co_so", R2025)
    r2024 = threshold_for(council, "cstd_co_so", R2024)

    assert (r2025.pct, r2025.source, r2025.basis) == (
        Decimal("75"),
        "council",
        "Quy chế Hội đồng quận, Điều 7",
    )
    assert (r2024.pct, r2024.source) == (Decimal("75"), "council")  # r2024's 80 % is only P


def test_council_cannot_loosen_a_verified_threshold(council: Council) -> None:
    CouncilThreshold.objects.create(
        council=council, award_code="cstd_cap_tinh", threshold_pct=Decimal("70"), basis="Quy chế"
    )

    threshold = threshold_for(council, "cstd_cap_tinh", R2017)

    assert (threshold.pct, threshold.source) == (Decimal("90"), "regime")


def test_council_may_be_stricter_than_a_verified_threshold(council: Council) -> None:
    CouncilThreshold.objects.create(
        council=council, award_code="cstd_cap_tinh", threshold_pct=Decimal("95"), basis="Quy chế"
    )

    assert threshold_for(council, "cstd_cap_tinh", R2017).pct == Decimal("95")


def test_threshold_of_members_present() -> None:
    threshold = Threshold(Decimal("50"), ThresholdBase.PRESENT_MEMBERS, True, "Quy chế", "council")

    assert threshold.passes(3, 9, 5) is True
    assert threshold.base_count(9, 5) == 5


@given(
    pct=st.decimals(min_value=0, max_value=100, places=2),
    members=st.integers(min_value=1, max_value=60),
    strict=st.booleans(),
)
def test_more_votes_never_fail_a_passed_threshold(pct: Decimal, members: int, strict: bool) -> None:
    threshold = Threshold(pct, ThresholdBase.ALL_MEMBERS, strict, "", "default")
    results = [threshold.passes(agree, members, members) for agree in range(members + 1)]

    assert results == sorted(results)  # False ... False True ... True
    first = results.index(True) if True in results else None
    if first is not None:
        assert Decimal(first) * 100 >= pct * members
