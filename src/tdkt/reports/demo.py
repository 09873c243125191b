"""Demo data of the reports app: the goals Cẩm Lệ district set itself from 2017 for whom its
awards reach, set through the service (so each has its audit entry).

Demo values, invented for the demo: the district's emulation plans ask that awards reach small
collectives, frontline workers and the non-state sector, not only leaders; in 2015–2017 about
20 % of individual awards went to frontline workers and 7 % of all awards to the non-state
sector, so the district aims higher: 25 % and 10 %.
"""

from __future__ import annotations

from decimal import Decimal

from tdkt.accounts.models import User
from tdkt.organisations.models import Unit
from tdkt.reports.enums import ShareMeasure
from tdkt.reports.models import ShareGoal
from tdkt.reports.services import set_share_goal

DISTRICT = "cam-le"
GOALS_FROM = 2017
GOALS = {ShareMeasure.FRONTLINE: Decimal("25"), ShareMeasure.NON_STATE: Decimal("10")}


def load() -> None:
    district = Unit.objects.get(code=DISTRICT)
    if ShareGoal.objects.filter(unit=district).exists():
        return  # already loaded
    secretariat = User.objects.get(username="thuky")
    for measure, percent in GOALS.items():
        set_share_goal(district, measure, percent, GOALS_FROM, actor=secretariat)
