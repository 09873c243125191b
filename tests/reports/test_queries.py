"""The year's figures counted from the small register of conftest.py: exact values."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from tdkt.awards.queries import count_by_award
from tdkt.reports.queries import AwardFilter, Selection, facts, year_figures, year_series

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TOTALS_2024 = {
    "co_thi_dua_tinh": {"individual": 0, "collective": 1},
    "cstd_co_so": {"individual": 2, "collective": 0},
    "giay_khen_ct_huyen": {"individual": 1, "collective": 1},
    "lao_dong_tien_tien": {"individual": 4, "collective": 0},
    "tap_the_ldtt": {"individual": 0, "collective": 2},
}


def test_year_figures_totals_match_the_register(register: SimpleNamespace) -> None:
    figures = year_figures(Selection(), 2024)

    assert figures.totals == TOTALS_2024
    assert figures.totals == count_by_award(2024)
    assert figures.money_vnd == 1_560_000
    assert figures.money_by_award == {
        "giay_khen_ct_huyen": 1_170_000,
        "lao_dong_tien_tien": 390_000,
    }
    assert figures.unpriced == 8
    assert figures.revoked == 1


def test_year_figures_breakdowns_are_exact(register: SimpleNamespace) -> None:
    figures = year_figures(Selection(), 2024)

    assert figures.by_sector == {
        "state": {
            "co_thi_dua_tinh": {"individual": 0, "collective": 1},
            "cstd_co_so": {"individual": 2, "collective": 0},
            "lao_dong_tien_tien": {"individual": 3, "collective": 0},
            "tap_the_ldtt": {"individual": 0, "collective": 2},
        },
        "non_state": {
            "giay_khen_ct_huyen": {"individual": 1, "collective": 1},
            "lao_dong_tien_tien": {"individual": 1, "collective": 0},
        },
    }
    assert figures.by_unit_kind == {
        "district": {"co_thi_dua_tinh": {"individual": 0, "collective": 1}},
        "enterprise": {
            "giay_khen_ct_huyen": {"individual": 1, "collective": 1},
            "lao_dong_tien_tien": {"individual": 1, "collective": 0},
        },
        "ward": {
            "cstd_co_so": {"individual": 2, "collective": 0},
            "lao_dong_tien_tien": {"individual": 3, "collective": 0},
            "tap_the_ldtt": {"individual": 0, "collective": 2},
        },
    }
    assert figures.by_category == {
        "can_bo": {"cstd_co_so": 1, "lao_dong_tien_tien": 1},
        "cong_chuc": {"cstd_co_so": 1, "lao_dong_tien_tien": 2},
        "nguoi_lao_dong": {"giay_khen_ct_huyen": 1, "lao_dong_tien_tien": 1},
    }
    assert figures.by_gender == {
        "nam": {"cstd_co_so": 1, "lao_dong_tien_tien": 2},
        "nu": {"cstd_co_so": 1, "giay_khen_ct_huyen": 1, "lao_dong_tien_tien": 2},
    }
    assert figures.frontline == {"giay_khen_ct_huyen": 1, "lao_dong_tien_tien": 2}
    assert figures.leaders == {"cstd_co_so": 1, "lao_dong_tien_tien": 1}


def test_year_figures_compare_the_two_previous_years(register: SimpleNamespace) -> None:
    figures = year_figures(Selection(), 2024)

    assert figures.previous_years == {
        2023: {
            "bang_khen_thu_tuong": {"individual": 1, "collective": 0},
            "bang_khen_tinh": {"individual": 0, "collective": 1},
            "cstd_co_so": {"individual": 2, "collective": 0},
            "tap_the_ldtt": {"individual": 0, "collective": 1},
        },
        2022: {
            "cstd_co_so": {"individual": 1, "collective": 0},
            "tap_the_ldtt": {"individual": 0, "collective": 1},
        },
    }
    assert list(figures.previous_years) == [2023, 2022]


def test_year_figures_of_a_ward_count_people_where_they_were_on_the_decision_date(
    register: SimpleNamespace,
) -> None:
    """Em served in ward A until 2020 and in ward B since: her 2024 title counts for ward B."""
    ward_a = year_figures(Selection(unit=register.ward_a), 2024)
    ward_b = year_figures(Selection(unit=register.ward_b), 2024)

    assert ward_a.totals == {
        "cstd_co_so": {"individual": 1, "collective": 0},
        "lao_dong_tien_tien": {"individual": 2, "collective": 0},
        "tap_the_ldtt": {"individual": 0, "collective": 1},
    }
    assert ward_b.totals == {
        "cstd_co_so": {"individual": 1, "collective": 0},
        "lao_dong_tien_tien": {"individual": 1, "collective": 0},
        "tap_the_ldtt": {"individual": 0, "collective": 1},
    }
    assert ward_b.revoked == 1


def test_year_figures_of_an_empty_year_are_empty(register: SimpleNamespace) -> None:
    figures = year_figures(Selection(), 2030)

    assert figures.is_empty
    assert figures.totals == {}
    assert figures.previous_years == {2029: {}, 2028: {}}


def test_facts_by_decision_date_cut_the_statistical_year(register: SimpleNamespace) -> None:
    rows = facts(
        Selection(),
        AwardFilter(decided=(dt.date(2023, 12, 1), dt.date(2024, 11, 30))),
        ("code", "kind"),
    )

    # The 2023 titles were decided on 15/01/2024; the flag of 01/12/2024 is next period's.
    assert sorted((r["code"], r["kind"], r["n"]) for r in rows) == [
        ("bang_khen_thu_tuong", "individual", 1),
        ("bang_khen_tinh", "collective", 1),
        ("cstd_co_so", "individual", 2),
        ("tap_the_ldtt", "collective", 1),
    ]


def test_year_series_counts_sector_and_frontline(register: SimpleNamespace) -> None:
    series = year_series(Selection(), [2023, 2024])

    last = series[-1]
    assert [s.year for s in series] == [2023, 2024]
    assert (last.individual, last.collective) == (7, 4)
    assert (last.state, last.non_state, last.non_state_individual) == (8, 3, 2)
    assert last.frontline == 3
    assert last.frontline_percent == 42.9
    assert last.non_state_percent == 27.3


def test_year_figures_use_the_last_post_of_someone_who_left(
    register: SimpleNamespace, person_factory: Any, award_factory: Any
) -> None:
    """Retired on 30/06/2024, decided on 15/01/2025: the post held last counts; a person whose
    only post began after the decision has no unit, category or flags ("unknown")."""
    retired = person_factory(
        "Đỗ Văn Giang",
        register.ward_b,
        category="vien_chuc",
        start_on=dt.date(2000, 1, 1),
        end_on=dt.date(2024, 6, 30),
        is_frontline=True,
    )
    newcomer = person_factory("Hồ Thị Hạnh", register.ward_b, start_on=dt.date(2025, 3, 1))
    award_factory(retired, "htxs_nhiem_vu", 2024, decision_number="41/QĐ-UBND")
    award_factory(newcomer, "htxs_nhiem_vu", 2024, decision_number="41/QĐ-UBND")

    figures = year_figures(Selection(), 2024)
    ward_b = year_figures(Selection(unit=register.ward_b), 2024)

    assert figures.totals["htxs_nhiem_vu"] == {"individual": 2, "collective": 0}
    assert figures.by_category["vien_chuc"] == {"htxs_nhiem_vu": 1}
    assert figures.by_category["unknown"] == {"htxs_nhiem_vu": 1}
    assert figures.by_unit_kind["unknown"] == {"htxs_nhiem_vu": {"individual": 1, "collective": 0}}
    assert figures.frontline["htxs_nhiem_vu"] == 1
    assert ward_b.totals["htxs_nhiem_vu"] == {"individual": 1, "collective": 0}
