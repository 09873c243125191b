"""The demo generator in memory: determinism, the year totals, names and IDs, money, dates."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.common.enums import Gender
from tdkt.common.text import name_sort_key
from tdkt.demo.dataset import Counts, Dataset
from tdkt.demo.generator import DEFAULT_SEED, generate
from tdkt.demo.money import regime_on, reward_amount
from tdkt.demo.register import cstd_cap
from tdkt.demo.targets import CLOSED_YEARS, OPEN_YEAR, TARGETS
from tdkt.demo.workforce import retirement_end

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return generate()


def _counts(dataset: Dataset, year: int) -> Counts:
    """The same shape as awards.queries.count_by_award, from the rows in memory."""
    counts: dict[str, dict[str, int]] = {}
    for award in dataset.awards:
        if award.year == year and award.status == "granted":
            row = counts.setdefault(award.award_code, {"collective": 0, "individual": 0})
            row["individual" if award.person is not None else "collective"] += 1
    return counts


def test_generate_same_seed_gives_identical_people(dataset: Dataset) -> None:
    again = generate(DEFAULT_SEED)

    def people(data: Dataset) -> list[tuple[str, dt.date, str | None]]:
        return [(p.full_name, p.birth_date, p.citizen_id) for p in data.people]

    assert people(again) == people(dataset)
    assert again == dataset


def test_generate_other_seed_gives_other_people(dataset: Dataset) -> None:
    other = generate(DEFAULT_SEED + 1)

    assert [p.full_name for p in other.people[:50]] != [p.full_name for p in dataset.people[:50]]


def test_generate_2017_totals_are_the_conference_figures(dataset: Dataset) -> None:
    assert _counts(dataset, 2017) == {
        "cstd_co_so": {"collective": 0, "individual": 38},
        "don_vi_tieu_bieu": {"collective": 15, "individual": 0},
        "giay_khen_ct_huyen": {"collective": 39, "individual": 89},
        "htxs_nhiem_vu": {"collective": 11, "individual": 38},
        "lao_dong_tien_tien": {"collective": 0, "individual": 304},
        "tap_the_ldtt": {"collective": 36, "individual": 0},
    }


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10**6))
def test_generate_any_seed_meets_every_year_target(seed: int) -> None:
    data = generate(seed)

    assert {year: _counts(data, year) for year in CLOSED_YEARS} == {
        year: TARGETS[year].counts() for year in CLOSED_YEARS
    }
    assert _counts(data, OPEN_YEAR) == {}


def test_generate_fighters_stay_within_fifteen_percent_per_unit(dataset: Dataset) -> None:
    for year in CLOSED_YEARS:
        advanced = Counter(
            a.unit_at_award
            for a in dataset.awards
            if a.year == year and a.award_code == "lao_dong_tien_tien"
        )
        fighters = Counter(
            a.unit_at_award
            for a in dataset.awards
            if a.year == year and a.award_code == "cstd_co_so"
        )
        assert all(count <= cstd_cap(advanced[unit]) for unit, count in fighters.items())


def test_generate_about_1500_people_with_nfc_names(dataset: Dataset) -> None:
    names = [p.full_name for p in dataset.people]

    assert 1400 <= len(names) <= 1600
    assert all(unicodedata.is_normalized("NFC", name) for name in names)
    assert all(3 <= len(name.split(" ")) <= 5 for name in names)
    families = Counter(name.split(" ")[0] for name in names)
    assert families.most_common(1)[0][0] == "Nguyễn"
    assert 0.25 < families["Nguyễn"] / len(names) < 0.45


def test_generate_women_are_thi_more_often_than_men(dataset: Dataset) -> None:
    women = [p for p in dataset.people if p.gender == Gender.FEMALE]
    men = [p for p in dataset.people if p.gender == Gender.MALE]

    assert sum(" Thị " in p.full_name for p in women) / len(women) > 0.3
    assert not any(" Thị " in p.full_name for p in men)


def test_generate_citizen_ids_are_unique_and_match_birth_and_gender(dataset: Dataset) -> None:
    ids = [p for p in dataset.people if p.citizen_id is not None]

    assert len({p.citizen_id for p in ids}) == len(ids)
    assert 0.8 < len(ids) / len(dataset.people) < 1.0  # most, not all
    assert Counter(p.citizen_id[:3] for p in ids if p.citizen_id).most_common(1)[0][0] == "048"
    for person in ids:
        assert person.citizen_id is not None
        assert re.fullmatch(r"\d{12}", person.citizen_id)
        century = (0 if person.birth_date.year < 2000 else 2) + (person.gender == Gender.FEMALE)
        assert person.citizen_id[3] == str(century)
        assert person.citizen_id[4:6] == f"{person.birth_date.year % 100:02d}"


def test_generate_register_numbers_follow_vietnamese_name_order(dataset: Dataset) -> None:
    by_decision: dict[str, list[int]] = {}
    for award in dataset.awards:
        if award.year == 2017 and award.award_code == "lao_dong_tien_tien":
            assert award.person is not None
            by_decision.setdefault(award.decision_number, []).append(award.person)
    ((number, people),) = by_decision.items()
    numbers = [
        a.register_number
        for a in dataset.awards
        if a.decision_number == number and a.decision_date == dt.date(2018, 1, 16)
    ]
    keys = [name_sort_key(dataset.people[key].full_name) for key in people]

    assert number == "16/QĐ-UBND"
    assert numbers == list(range(1, 305))
    assert keys == sorted(keys)


def test_generate_open_year_has_about_a_third_graded(dataset: Dataset) -> None:
    graded = sum(1 for r in dataset.year_records if r.year == OPEN_YEAR)
    closed = sum(1 for r in dataset.year_records if r.year == 2017)

    assert 0.28 <= graded / closed <= 0.4


@pytest.mark.parametrize(
    ("award", "recipient", "day", "amount"),
    [
        ("lao_dong_tien_tien", "individual", dt.date(2016, 1, 20), 350_000),  # 345,000 up
        ("lao_dong_tien_tien", "individual", dt.date(2017, 1, 17), 370_000),  # 363,000 up
        ("lao_dong_tien_tien", "individual", dt.date(2018, 1, 16), 390_000),
        ("cstd_co_so", "individual", dt.date(2017, 1, 17), 1_210_000),
        ("tap_the_ldtt", "collective", dt.date(2017, 1, 17), 970_000),  # 968,000 up
        ("giay_khen_ct_huyen", "collective", dt.date(2017, 1, 17), 730_000),  # 726,000 up
        ("giay_khen_ct_huyen", "collective", dt.date(2018, 1, 16), 780_000),
        ("htxs_nhiem_vu", "individual", dt.date(2018, 1, 16), None),
        ("don_vi_tieu_bieu", "collective", dt.date(2018, 1, 16), None),
    ],
)
def test_reward_amount_is_rounded_up_to_ten_thousand(
    award: str, recipient: str, day: dt.date, amount: int | None
) -> None:
    assert reward_amount(award, recipient, day) == amount


def test_regime_on_changes_on_1_october_2017() -> None:
    assert regime_on(dt.date(2017, 9, 30)) == "r2014"
    assert regime_on(dt.date(2017, 10, 1)) == "r2017"


@pytest.mark.parametrize(
    ("birth", "female", "last_day"),
    [
        (dt.date(1957, 3, 10), False, dt.date(2017, 3, 31)),  # 60 before 2021
        (dt.date(1962, 8, 2), True, dt.date(2017, 8, 31)),  # 55 before 2021
        (dt.date(1961, 5, 10), False, dt.date(2021, 8, 31)),  # 60 years 3 months in 2021
        (dt.date(1966, 2, 1), True, dt.date(2021, 6, 30)),  # 55 years 4 months in 2021
    ],
)
def test_retirement_end_follows_the_rising_retirement_age(
    birth: dt.date, female: bool, last_day: dt.date
) -> None:
    assert retirement_end(birth, female) == last_day
