"""The demo's stored evaluations: 2017 judged as the district did in January 2018, and the open
year 2018 judged ahead of its January 2019 review, so unit and person pages show verdicts."""

from __future__ import annotations

import datetime as dt

from tdkt.organisations.models import Unit
from tdkt.rules.evaluation.service import run_evaluation


def load() -> None:
    district = Unit.objects.filter(code="cam-le").first()
    run_evaluation(2017, decision_date=dt.date(2018, 1, 15), unit=district)
    run_evaluation(2018, decision_date=dt.date(2019, 1, 15), unit=district)
