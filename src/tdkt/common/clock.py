"""Today, in one place, so tests can freeze it and eligibility never reads the wall clock twice."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()


def now() -> dt.datetime:
    return timezone.now()
