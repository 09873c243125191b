"""Reads of the movements app, always within the user's scope (accounts/scope.py)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from tdkt.accounts.scope import scope_path, units_for
from tdkt.movements.enums import (
    PERIODS_OF,
    MovementStatus,
    Period,
    PledgeStatus,
    SignatoryRole,
    period_bounds,
    period_closes_on,
    period_due_on,
)
from tdkt.movements.models import (
    LeaderProposal,
    Movement,
    Pledge,
    PledgeTarget,
    ProgressReport,
    Registration,
    Reminder,
    ScoreSheet,
)
from tdkt.movements.scoring import achievement_ratio, completion
from tdkt.organisations.models import Unit

if TYPE_CHECKING:
    from tdkt.accounts.models import User

VISIBLE_TO_UNITS = (MovementStatus.LAUNCHED, MovementStatus.CLOSED)


# -- scope ---------------------------------------------------------------------------------


def movements_for(user: User) -> QuerySet[Movement]:
    """Movements the user launched (through their units) or that cover one of their units."""
    prefix = scope_path(user)
    if prefix is None:
        return Movement.objects.none()
    if prefix == "":
        return Movement.objects.all()
    units = units_for(user).values("pk")
    ids = Movement.objects.filter(
        Q(launched_by__in=units) | Q(covered_units__in=units, status__in=VISIBLE_TO_UNITS)
    ).values("pk")
    return Movement.objects.filter(pk__in=ids)


def pledges_for(user: User) -> QuerySet[Pledge]:
    prefix = scope_path(user)
    if prefix is None:
        return Pledge.objects.none()
    if prefix == "":
        return Pledge.objects.all()
    units = units_for(user).values("pk")
    ids = Pledge.objects.filter(
        Q(launching_body__in=units) | Q(unit__in=units) | Q(group__memberships__unit__in=units)
    ).values("pk")
    return Pledge.objects.filter(pk__in=ids)


def sheets_for(user: User) -> QuerySet[ScoreSheet]:
    return ScoreSheet.objects.filter(pledge__in=pledges_for(user).values("pk"))


def _get_or_404(queryset: QuerySet[Any], pk: int) -> Any:
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def get_movement_or_404(user: User, pk: int) -> Movement:
    return _get_or_404(movements_for(user).select_related("launched_by"), pk)  # type: ignore[no-any-return]


def get_pledge_or_404(user: User, pk: int) -> Pledge:
    return _get_or_404(  # type: ignore[no-any-return]
        pledges_for(user).select_related("movement", "unit", "group", "launching_body"), pk
    )


def get_sheet_or_404(user: User, pk: int) -> ScoreSheet:
    return _get_or_404(sheets_for(user).select_related("pledge__group"), pk)  # type: ignore[no-any-return]


def scope_unit_ids(user: User) -> set[int] | None:
    """Ids of the user's units; None means every unit."""
    prefix = scope_path(user)
    if prefix == "":
        return None
    return set(units_for(user).values_list("pk", flat=True))


# -- registration --------------------------------------------------------------------------


@dataclass
class RegistrationRow:
    unit: Unit
    registration: Registration | None
    reminders: list[Reminder] = field(default_factory=list)

    @property
    def registered(self) -> bool:
        return self.registration is not None


def registration_overview(
    movement: Movement, unit_ids: set[int] | None = None
) -> list[RegistrationRow]:
    """Every covered unit (within `unit_ids`), registered or not, with the reminders sent."""
    units = movement.covered_units.order_by("sort_key")
    if unit_ids is not None:
        units = units.filter(pk__in=unit_ids)
    registrations = {
        r.unit_id: r
        for r in movement.registrations.prefetch_related("entries__person").select_related(
            "registered_by"
        )
    }
    reminders: dict[int, list[Reminder]] = defaultdict(list)
    for reminder in movement.reminders.select_related("sent_by"):
        reminders[reminder.unit_id].append(reminder)
    return [RegistrationRow(u, registrations.get(u.pk), reminders[u.pk]) for u in units]


# -- progress ------------------------------------------------------------------------------


@dataclass
class TargetProgress:
    target: PledgeTarget
    latest: ProgressReport | None
    reports: dict[str, ProgressReport]

    @property
    def ratio(self) -> Decimal | None:
        if self.latest is None:
            return None
        return achievement_ratio(
            self.target.planned_value, self.latest.actual_value, self.target.direction
        )

    @property
    def completion(self) -> Decimal:
        if self.latest is None:
            return Decimal(0)
        return completion(
            self.target.planned_value, self.latest.actual_value, self.target.direction
        )

    @property
    def percent(self) -> int:
        return round(self.completion * 100)


def _latest(reports: Iterable[ProgressReport], year: int) -> ProgressReport | None:
    return max(reports, key=lambda r: period_bounds(r.period, year)[1], default=None)


def pledge_progress(pledge: Pledge, unit_ids: set[int] | None = None) -> list[TargetProgress]:
    """Each target (of the units in `unit_ids`) with its reports and its latest figure."""
    targets = pledge.targets.select_related("unit").prefetch_related("reports")
    if unit_ids is not None:
        targets = targets.filter(unit_id__in=unit_ids)
    rows = []
    for target in targets:
        reports = list(target.reports.all())
        rows.append(
            TargetProgress(target, _latest(reports, pledge.year), {r.period: r for r in reports})
        )
    return rows


def weighted_completion(rows: Iterable[TargetProgress]) -> Decimal | None:
    """Weighted share of plan achieved, 0–1; None when there is no target."""
    total_weight = Decimal(0)
    achieved = Decimal(0)
    for row in rows:
        total_weight += row.target.weight
        achieved += row.target.weight * row.completion
    if total_weight == 0:
        return None
    return achieved / total_weight


def unit_completion(pledge: Pledge, unit_ids: set[int] | None = None) -> list[tuple[Unit, Decimal]]:
    per_unit: dict[int, list[TargetProgress]] = defaultdict(list)
    units: dict[int, Unit] = {}
    for row in pledge_progress(pledge, unit_ids):
        per_unit[row.target.unit_id].append(row)
        units[row.target.unit_id] = row.target.unit
    result = [
        (units[uid], weighted_completion(rows) or Decimal(0)) for uid, rows in per_unit.items()
    ]
    return sorted(result, key=lambda pair: pair[0].sort_key)


def current_pledges(movement: Movement) -> list[Pledge]:
    """The versions in force: signed, with no signed newer version."""
    signed = list(
        movement.pledges.filter(status=PledgeStatus.SIGNED).select_related("unit", "group")
    )
    superseded = {p.previous_id for p in signed if p.previous_id}
    return [p for p in signed if p.pk not in superseded]


def movement_completion(movement: Movement) -> Decimal | None:
    """The movement's overall completion: weighted over every target of its pledges in force."""
    rows: list[TargetProgress] = []
    for pledge in current_pledges(movement):
        rows += pledge_progress(pledge)
    return weighted_completion(rows)


# -- late and missing reports --------------------------------------------------------------


@dataclass(frozen=True)
class LateReport:
    """A unit's report on a pledge for a period whose due date has passed."""

    pledge: Pledge
    unit: Unit
    period: str
    due_on: dt.date
    missing: int  # targets without a value for the period
    late: int  # targets whose value came after the due date
    targets: tuple[str, ...] = ()  # names of those targets, in the pledge's order
    days_late: int = 0  # the longest delay: to the report's date, or to today if still missing
    still_open: bool = False  # the period still accepts reports (it has not closed)

    @property
    def period_label(self) -> str:
        return f"{Period(self.period).label} {self.pledge.year}"

    @property
    def is_missing(self) -> bool:
        return self.missing > 0


def late_reports(user: User, today: dt.date) -> list[LateReport]:
    """Reports due before `today` that are missing or came late, on the pledges in force of
    running movements, for the units in the user's scope. For the dashboard and the lists."""
    # Narrowed to the user's units in the database: the dashboard calls this on every visit,
    # and a ward officer should not load the whole province's pledges to keep a few.
    in_scope = PledgeTarget.objects.select_related("unit")
    pledges = Pledge.objects.filter(
        status=PledgeStatus.SIGNED, movement__status=MovementStatus.LAUNCHED, year__lte=today.year
    )
    if scope_path(user) != "":
        in_scope = in_scope.filter(unit__in=units_for(user).values("pk"))
        pledges = pledges.filter(pk__in=in_scope.values("pledge_id"))
    pledges = (
        pledges.exclude(next_version__status=PledgeStatus.SIGNED)
        .select_related("unit", "group", "movement")
        .prefetch_related(Prefetch("targets", queryset=in_scope), "targets__reports")
    )
    found: list[LateReport] = []
    for pledge in pledges:
        by_unit: dict[int, list[PledgeTarget]] = defaultdict(list)
        for target in pledge.targets.all():
            by_unit[target.unit_id].append(target)
        for period in PERIODS_OF[pledge.report_frequency]:
            due = period_due_on(period, pledge.year)
            if due >= today:
                continue
            for targets in by_unit.values():
                missing = late = days = 0
                names: list[str] = []
                for target in targets:
                    report = next((r for r in target.reports.all() if r.period == period), None)
                    if report is None:
                        missing += 1
                        days = max(days, (today - due).days)
                    elif report.reported_on > due:
                        late += 1
                        days = max(days, (report.reported_on - due).days)
                    else:
                        continue
                    names.append(target.name)
                if missing or late:
                    found.append(
                        LateReport(
                            pledge,
                            targets[0].unit,
                            period,
                            due,
                            missing,
                            late,
                            tuple(names),
                            days,
                            today <= period_closes_on(period, pledge.year),
                        )
                    )
    found.sort(key=lambda r: (r.due_on, r.unit.sort_key, r.pledge.pk))
    return found


def reminders_for_unit(movement: Movement, unit_ids: set[int] | None) -> list[Reminder]:
    reminders = movement.reminders.select_related("unit", "sent_by")
    if unit_ids is not None:
        reminders = reminders.filter(unit_id__in=unit_ids)
    return list(reminders)


def leader_nomination(proposal: LeaderProposal) -> Any:
    """The live nomination of the group's leader for the award it was put forward for, if the
    nominations app holds one (a nomination is unique per unit, award and year)."""
    from tdkt.nominations.enums import DEAD_STATES
    from tdkt.nominations.models import Nomination

    return (
        Nomination.objects.filter(
            unit=proposal.unit,
            person__isnull=True,
            award_code=proposal.award_code,
            year=proposal.sheet.pledge.year,
        )
        .exclude(state__in=DEAD_STATES)
        .select_related("dossier")
        .first()
    )


def is_launching_party(pledge: Pledge, unit_ids: set[int] | None) -> bool:
    return unit_ids is None or pledge.launching_body_id in unit_ids


def signatory_units(pledge: Pledge) -> list[Unit]:
    return [
        s.unit
        for s in pledge.signatories.select_related("unit")
        if s.role != SignatoryRole.LAUNCHING
    ]
