import datetime as dt

import pytest

from tdkt.common.formatting import group_thousands, long_date, money, short_date

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2018, 1, 5), "ngày 05 tháng 01 năm 2018"),
        (dt.date(2018, 2, 28), "ngày 28 tháng 02 năm 2018"),
        (dt.date(2017, 12, 9), "ngày 09 tháng 12 năm 2017"),
        (dt.date(2025, 7, 1), "ngày 01 tháng 7 năm 2025"),
    ],
)
def test_long_date_pads_day_and_early_months(day, expected):
    assert long_date(day) == expected


def test_short_date_is_day_month_year():
    assert short_date(dt.date(2018, 1, 5)) == "05/01/2018"
    assert short_date(None) == ""


def test_money_groups_thousands_with_dots():
    assert money(1300000) == "1.300.000 đồng"
    assert money(710000) == "710.000 đồng"
    assert group_thousands(0) == "0"
    assert group_thousands(-1500) == "-1.500"
