"""What a report is about, checked: the viewer's scope, the unit asked for, the year; and the
one way the share goals drawn on the dashboard change."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.accounts.scope import awards_for, is_secretariat, scope_path, unit_in_scope, units_for
from tdkt.common.actions import RefusedError
from tdkt.common.audit import record
from tdkt.organisations.models import Unit
from tdkt.reports.enums import ShareMeasure
from tdkt.reports.models import FIRST_GOAL_YEAR, LAST_GOAL_YEAR, ShareGoal
from tdkt.reports.queries import Selection, YearFigures, year_figures

if TYPE_CHECKING:
    from tdkt.accounts.models import User

FIRST_YEAR = 1945
LAST_YEAR = 2100


class ReportError(Exception):
    """A report cannot be made as asked; the message says why, for the user."""


def outside_scope_message() -> str:
    return _("This unit is outside the units you are responsible for.")


def no_data_message(year: int) -> str:
    return _("No award data for the year %(year)s yet.") % {"year": year}


def parse_year(raw: str | int | None) -> int:
    """A year typed by the user, or ReportError."""
    text = str(raw).strip() if raw is not None else ""
    if not (text.isascii() and text.isdigit()) or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise ReportError(
            _("The year must be a number between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return int(text)


def selection_for(user: User, unit_id: str | int | None = None) -> Selection:
    """The user's selection: a unit of their scope (default: their own unit, or everything for
    a user who sees everything). The same message for a unit outside the scope and for one that
    does not exist, so a typed id tells nothing."""
    prefix = scope_path(user)
    if prefix is None:
        raise ReportError(outside_scope_message())
    restrict = None if prefix == "" else awards_for(user)
    if unit_id in (None, ""):
        if prefix == "":
            return Selection(unit=None)
        return Selection(unit=Unit.objects.get(pk=user.unit_id or 0), restrict=restrict)
    text = str(unit_id).strip()
    if not text.isdigit():
        raise ReportError(outside_scope_message())
    unit = units_for(user).filter(pk=int(text)).first()
    if unit is None:
        raise ReportError(outside_scope_message())
    return Selection(unit=unit, restrict=restrict)


def selection_for_code(code: str | None) -> Selection:
    """For the command line (the whole register is visible): a unit by its code."""
    if not code:
        return Selection(unit=None)
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise ReportError(f"Không có đơn vị mã {code!r}.")
    return Selection(unit=unit)


def year_report(selection: Selection, year: int) -> YearFigures:
    """The year's figures, or ReportError when the register holds nothing for that year."""
    figures = year_figures(selection, year)
    if figures.is_empty:
        raise ReportError(no_data_message(year))
    return figures


def document_unit(selection: Selection) -> Unit:
    """The body a Word report is issued by: the selected unit, or the one top unit of the tree
    when the whole register is reported."""
    if selection.unit is not None:
        return selection.unit
    roots = list(Unit.objects.filter(parent__isnull=True, valid_to__isnull=True)[:2])
    if len(roots) != 1:
        raise ReportError(_("Choose the unit whose report this is."))
    return roots[0]


# -- share goals ---------------------------------------------------------------------------


class GoalError(RefusedError):
    """A share goal that cannot be set or removed as asked; nothing was written."""


def can_set_goals(user: Any) -> bool:
    """The emulation secretariat (and the administrator) sets the body's goals."""
    return is_secretariat(user)


def percent_message() -> str:
    return _(
        "The goal must be a percentage from 0 to 100 with at most one decimal, e.g. 30 or 12,5."
    )


def _check_goal_change(actor: Any, unit: Unit) -> None:
    if not can_set_goals(actor):
        raise GoalError(_("Only the emulation secretariat may set the goals."))
    if not unit_in_scope(actor, unit):
        raise GoalError(outside_scope_message())


def set_share_goal(
    unit: Unit, measure: str, percent: Decimal, from_year: int, *, actor: Any
) -> ShareGoal:
    """The body's goal for the measure from `from_year` on (replacing the one it had set for
    that same year, if any); later years keep their own goals."""
    _check_goal_change(actor, unit)
    if measure not in ShareMeasure.values:
        raise GoalError(_("Choose what the goal measures."))
    if (
        not isinstance(percent, Decimal)
        or not percent.is_finite()
        or not Decimal(0) <= percent <= Decimal(100)
        or percent != percent.quantize(Decimal("0.1"))
    ):
        raise GoalError(percent_message())
    if not FIRST_GOAL_YEAR <= from_year <= LAST_GOAL_YEAR:
        raise GoalError(
            _("The year must be a number between %(first)s and %(last)s.")
            % {"first": FIRST_GOAL_YEAR, "last": LAST_GOAL_YEAR}
        )
    with transaction.atomic():
        goal = (
            ShareGoal.objects.select_for_update()
            .filter(unit=unit, measure=measure, from_year=from_year)
            .first()
        )
        before = None if goal is None else str(goal.percent)
        if goal is None:
            goal = ShareGoal(unit=unit, measure=measure, from_year=from_year)
        goal.percent = percent.quantize(Decimal("0.1"))
        goal.save()
        record(
            goal,
            "reports.sharegoal.created" if before is None else "reports.sharegoal.changed",
            actor=actor,
            data={
                "unit": unit.code,
                "measure": measure,
                "from_year": from_year,
                "percent": [before, str(goal.percent)],
            },
        )
    return goal


def remove_share_goal(goal: ShareGoal, *, actor: Any) -> None:
    """Withdraw a goal set by mistake: the body's earlier goal applies again from its year."""
    _check_goal_change(actor, goal.unit)
    with transaction.atomic():
        record(
            goal,
            "reports.sharegoal.removed",
            actor=actor,
            data={
                "unit": goal.unit.code,
                "measure": goal.measure,
                "from_year": goal.from_year,
                "percent": [str(goal.percent), None],
            },
        )
        goal.delete()
