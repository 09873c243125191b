"""Counting a disclosure period in days or working days.

The period is counted as the Civil Code counts time limits: the day of publication does not
count, the period starts the next day (Điều 147 Bộ luật Dân sự 2015), and a period in calendar
days whose last day falls on a day off ends on the next working day (khoản 5 Điều 148). Working
days skip Saturdays, Sundays and the public holidays listed in the setting
`TDKT_PUBLIC_HOLIDAYS` (ISO dates; holidays move every year with the lunar calendar, so the
province lists them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings

from tdkt.nominations.enums import DayUnit

PERIOD_BASIS = "Điều 147, khoản 5 Điều 148 Bộ luật Dân sự 2015"
_ONE_DAY = dt.timedelta(days=1)


def public_holidays() -> frozenset[dt.date]:
    raw: Iterable[str | dt.date] = getattr(settings, "TDKT_PUBLIC_HOLIDAYS", ())
    return frozenset(d if isinstance(d, dt.date) else dt.date.fromisoformat(d) for d in raw)


def is_working_day(day: dt.date, holidays: frozenset[dt.date] = frozenset()) -> bool:
    return day.weekday() < 5 and day not in holidays


def next_working_day(day: dt.date, holidays: frozenset[dt.date] = frozenset()) -> dt.date:
    """`day` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day, holidays):
        day += _ONE_DAY
    return day


def add_working_days(
    start: dt.date, count: int, holidays: frozenset[dt.date] = frozenset()
) -> dt.date:
    """The `count`-th working day after `start` (`start` itself is not counted)."""
    if count < 1:
        raise ValueError("a period has at least one day")
    day = start
    left = count
    while left:
        day += _ONE_DAY
        if is_working_day(day, holidays):
            left -= 1
    return day


def working_days_between(first: dt.date, last: dt.date, holidays: frozenset[dt.date]) -> int:
    """Working days from `first` to `last`, both included."""
    count = 0
    day = first
    while day <= last:
        count += is_working_day(day, holidays)
        day += _ONE_DAY
    return count


def disclosure_period(
    published_on: dt.date,
    days: int,
    unit: str,
    holidays: frozenset[dt.date] | None = None,
) -> tuple[dt.date, dt.date]:
    """(first day, last day) of a period of `days` days or working days after publication."""
    holidays = public_holidays() if holidays is None else holidays
    if unit == DayUnit.WORKING_DAYS:
        return (
            next_working_day(published_on + _ONE_DAY, holidays),
            add_working_days(published_on, days, holidays),
        )
    if days < 1:
        raise ValueError("a period has at least one day")
    return published_on + _ONE_DAY, next_working_day(
        published_on + dt.timedelta(days=days), holidays
    )
