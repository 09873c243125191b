from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tdkt.common.enums import Grade
from tdkt.imports import parsing
from tdkt.imports.columns import PEOPLE, header_key
from tdkt.imports.vocab import CATEGORIES, GRADES, lookup_award

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (dt.date(2017, 2, 28), dt.date(2017, 2, 28)),
        (dt.datetime(2017, 2, 28, 0, 0), dt.date(2017, 2, 28)),
        ("28/02/2017", dt.date(2017, 2, 28)),
        ("8/2/2017", dt.date(2017, 2, 8)),
        ("2017-02-08", dt.date(2017, 2, 8)),
        ("2017-02-08 00:00:00", dt.date(2017, 2, 8)),
        ("08.02.2017", dt.date(2017, 2, 8)),
        (42774.0, dt.date(2017, 2, 8)),  # a date cell that lost its format
    ],
)
def test_date_accepted_forms(raw: Any, expected: dt.date) -> None:
    assert parsing.date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("31/02/2017", '"31/02/2017" is not a real date.'),
        ("2017-13-01", '"2017-13-01" is not a real date.'),
        ("02/2017", '"02/2017" is not a date in the form dd/mm/yyyy.'),
        ("mùng 2 tết", '"mùng 2 tết" is not a date in the form dd/mm/yyyy.'),
        (1980.0, '"1980" is not a date in the form dd/mm/yyyy.'),
        (
            "01/01/1890",
            "The date 01/01/1890 is outside the accepted range (01/01/1900 – 31/12/2100).",
        ),
    ],
)
def test_date_refused_with_reason(raw: Any, message: str) -> None:
    with pytest.raises(parsing.CellError) as caught:
        parsing.date(raw)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("048185000123", "048185000123"),
        ("048 185 000 123", "048185000123"),
        (48185000123.0, "048185000123"),  # a number cell dropped the leading zero
        (1085000123, "001085000123"),
    ],
)
def test_citizen_id_accepted(raw: Any, expected: str) -> None:
    assert parsing.citizen_id(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "04818500012A", "0481850001234", 123456789.0])
def test_citizen_id_not_12_digits_refused(raw: Any) -> None:
    with pytest.raises(parsing.CellError) as caught:
        parsing.citizen_id(raw)
    assert caught.value.message == "The citizen ID must have exactly 12 digits."


def test_year_out_of_range_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsing.clock, "today", lambda: dt.date(2025, 6, 1))
    assert parsing.year(2024.0) == 2024
    assert parsing.year("1945") == 1945
    for raw in (1944, 2026, "năm 2020", 2020.5):
        with pytest.raises(parsing.CellError) as caught:
            parsing.year(raw)
        assert caught.value.message == "The year must be a whole number between 1945 and 2025."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Có", True), ("co", True), ("x", True), (1.0, True), ("Không", False), ("khong", False)],
)
def test_yes_no(raw: Any, expected: bool) -> None:
    assert parsing.yes_no(raw) is expected


def test_choice_accepts_code_label_and_folded_label() -> None:
    parse = parsing.choice(CATEGORIES)
    assert parse("cong_chuc") == "cong_chuc"
    assert parse("Công chức") == "cong_chuc"
    assert parse("CONG CHUC") == "cong_chuc"
    assert parse("công  chức ") == "cong_chuc"
    assert parsing.choice(GRADES)("HTXSNV") == Grade.EXCELLENT
    assert parsing.choice(GRADES)("hoàn thành tốt nhiệm vụ") == Grade.GOOD


def test_choice_unknown_lists_allowed_labels() -> None:
    with pytest.raises(parsing.CellError) as caught:
        parsing.choice(CATEGORIES)("Bộ đội")
    assert caught.value.message == (
        '"Bộ đội" is not in the list. Allowed: Cán bộ, Công chức, Viên chức, '
        "Người lao động, Nông dân, Khác."
    )


def test_award_by_code_name_or_abbreviation() -> None:
    assert lookup_award("cstd_co_so").code == "cstd_co_so"  # type: ignore[union-attr]
    assert lookup_award("Chiến sĩ thi đua cơ sở").code == "cstd_co_so"  # type: ignore[union-attr]
    assert lookup_award("chien si thi dua co so").code == "cstd_co_so"  # type: ignore[union-attr]
    assert lookup_award("LĐTT").code == "lao_dong_tien_tien"  # type: ignore[union-attr]
    assert lookup_award("Huy chương vàng") is None


def test_header_key_ignores_marker_case_and_diacritics() -> None:
    assert header_key("Họ và tên (*)") == "ho va ten"
    assert PEOPLE.match_header("HO VA TEN") is PEOPLE.column("full_name")
    assert PEOPLE.match_header("Số căn cước công dân") is PEOPLE.column("citizen_id")
    assert PEOPLE.match_header("STT") is None
