"""Reward money and amounts in words."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tdkt.rules.money import amount_in_words, number_in_words, reward_amount, round_to_unit


@pytest.mark.parametrize(
    ("vnd", "words"),
    [
        (1300000, "Một triệu ba trăm nghìn đồng"),
        (1053000, "Một triệu không trăm năm mươi ba nghìn đồng"),
        (105000, "Một trăm linh năm nghìn đồng"),
        (710000, "Bảy trăm mười nghìn đồng"),
        (2340000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
        (1000001, "Một triệu không trăm linh một đồng"),
        (1000500, "Một triệu năm trăm đồng"),
        (21000, "Hai mươi mốt nghìn đồng"),
        (15000, "Mười lăm nghìn đồng"),
        (2014, "Hai nghìn không trăm mười bốn đồng"),
        (3500000000, "Ba tỷ năm trăm triệu đồng"),
        (0, "Không đồng"),
    ],
)
def test_amount_in_words_reads_vietnamese_amounts(vnd, words):
    assert amount_in_words(vnd) == words


def test_number_in_words_says_empty_hundreds_only_after_a_higher_group():
    assert number_in_words(53000) == "năm mươi ba nghìn"
    assert number_in_words(1053000) == "một triệu không trăm năm mươi ba nghìn"


@pytest.mark.parametrize(
    ("mode", "expected"), [("ceil", 710000), ("nearest", 700000), ("floor", 700000)]
)
def test_round_to_ten_thousand_by_mode(mode, expected):
    assert round_to_unit(Decimal("702000"), 10000, mode) == expected


def test_reward_of_ldtt_in_january_2025_is_rounded_up(book):
    base = book.base_salary_on(dt.date(2025, 1, 15)).amount_vnd

    assert base == 2340000
    assert reward_amount(Decimal("0.3"), base, 10000, "ceil") == 710000


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        ("2017-06-30", 1210000),
        ("2017-07-01", 1300000),
        ("2024-06-30", 1800000),
        ("2024-07-01", 2340000),
        ("2026-06-30", 2340000),
        ("2026-07-01", 2530000),
    ],
)
def test_base_salary_changes_on_its_effective_date(book, day, amount):
    assert book.base_salary_on(dt.date.fromisoformat(day)).amount_vnd == amount
