"""Choices of the movements app, and the calendar of reporting periods."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import pgettext_lazy


class MovementKind(models.TextChoices):
    REGULAR = "regular", pgettext_lazy("movement kind", "Regular (yearly)")
    CAMPAIGN = "campaign", pgettext_lazy("movement kind", "Campaign (by stage or theme)")


class MovementStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("movement status", "Draft")
    LAUNCHED = "launched", pgettext_lazy("movement status", "Launched")
    CLOSED = "closed", pgettext_lazy("movement status", "Closed")


class Direction(models.TextChoices):
    HIGHER = "higher", pgettext_lazy("target direction", "Higher is better")
    LOWER = "lower", pgettext_lazy("target direction", "Lower is better")


class PledgeStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("pledge status", "Draft")
    SIGNED = "signed", pgettext_lazy("pledge status", "Signed")


class SignatoryRole(models.TextChoices):
    LAUNCHING = "launching", pgettext_lazy("signatory", "Launching body")
    HEAD = "head", pgettext_lazy("signatory", "Group head")
    DEPUTY = "deputy", pgettext_lazy("signatory", "Deputy head")
    MEMBER = "member", pgettext_lazy("signatory", "Member")


class ReportFrequency(models.TextChoices):
    QUARTER = "quarter", pgettext_lazy("report frequency", "Quarterly")
    HALF = "half", pgettext_lazy("report frequency", "Half-yearly")
    YEAR = "year", pgettext_lazy("report frequency", "Yearly")


class Period(models.TextChoices):
    Q1 = "q1", pgettext_lazy("period", "Quarter I")
    Q2 = "q2", pgettext_lazy("period", "Quarter II")
    Q3 = "q3", pgettext_lazy("period", "Quarter III")
    Q4 = "q4", pgettext_lazy("period", "Quarter IV")
    H1 = "h1", pgettext_lazy("period", "First half-year")
    H2 = "h2", pgettext_lazy("period", "Second half-year")
    YEAR = "year", pgettext_lazy("period", "Whole year")


class ReminderKind(models.TextChoices):
    REGISTRATION = "registration", pgettext_lazy("reminder", "Registration")
    REPORT = "report", pgettext_lazy("reminder", "Progress report")


class SheetStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("score sheet", "Criteria being set")
    OPEN = "open", pgettext_lazy("score sheet", "Scoring")
    FINAL = "final", pgettext_lazy("score sheet", "Ranked")


PERIODS_OF: dict[str, tuple[str, ...]] = {
    ReportFrequency.QUARTER: (Period.Q1, Period.Q2, Period.Q3, Period.Q4),
    ReportFrequency.HALF: (Period.H1, Period.H2),
    ReportFrequency.YEAR: (Period.YEAR,),
}
_MONTHS = {
    Period.Q1: (1, 3),
    Period.Q2: (4, 6),
    Period.Q3: (7, 9),
    Period.Q4: (10, 12),
    Period.H1: (1, 6),
    Period.H2: (7, 12),
    Period.YEAR: (1, 12),
}
# A period's report is due this many days after the period ends (late after that, still
# accepted) and the period closes this many days after its end (reports refused after that).
REPORT_DUE_DAYS = 10
REPORT_CLOSE_DAYS = 45


def period_bounds(period: str, year: int) -> tuple[dt.date, dt.date]:
    first_month, last_month = _MONTHS[Period(period)]
    start = dt.date(year, first_month, 1)
    following = dt.date(year + (last_month == 12), last_month % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


def period_due_on(period: str, year: int) -> dt.date:
    return period_bounds(period, year)[1] + dt.timedelta(days=REPORT_DUE_DAYS)


def period_closes_on(period: str, year: int) -> dt.date:
    return period_bounds(period, year)[1] + dt.timedelta(days=REPORT_CLOSE_DAYS)
