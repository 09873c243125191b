"""Every change to movements, registrations, pledges, progress and scores.

Each function is one transaction that checks the state it starts from, writes, and leaves an
audit entry; a refusal raises `MovementError` with a message for the user and writes nothing.
Who may call which function is the views' business (permissions.py); the services only
guard the data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tdkt.awards.catalogue import AWARD_KINDS, COLLECTIVE, INDIVIDUAL, award_name
from tdkt.common import clock
from tdkt.common.actions import RefusedError
from tdkt.common.audit import record
from tdkt.common.text import clean_text, fold
from tdkt.documents.bodies import COMMITTEE, LOCALITY_KINDS
from tdkt.documents.numbers import decimal_vi
from tdkt.movements.enums import (
    PERIODS_OF,
    MovementStatus,
    Period,
    PledgeStatus,
    ReminderKind,
    SheetStatus,
    SignatoryRole,
    period_bounds,
    period_closes_on,
)
from tdkt.movements.models import (
    FrozenError,
    KeyTask,
    LeaderProposal,
    Movement,
    MovementTarget,
    Pledge,
    PledgeSignatory,
    PledgeTarget,
    ProgressReport,
    Registration,
    RegistrationEntry,
    Reminder,
    ScoreCriterion,
    ScoreEntry,
    ScoreResult,
    ScoreSheet,
)
from tdkt.movements.queries import leader_nomination
from tdkt.movements.scoring import Standing, rank, target_points
from tdkt.organisations.enums import GroupRole
from tdkt.organisations.models import EmulationGroup, Unit
from tdkt.people.models import Person, ServicePeriod

PLAN_NUMBER = re.compile(r"^\d{1,4}/[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")
# Awards a group's leader may be put forward for (suy tôn): flags and higher collective forms.
LEADER_AWARDS = ("co_thi_dua_tinh", "co_thi_dua_chinh_phu", "bang_khen_tinh", "bang_khen_thu_tuong")


class MovementError(RefusedError):
    """A change that cannot be made; the message says why, for the user."""


def _frozen() -> MovementError:
    return MovementError(
        _(
            "This pledge has been signed and can no longer be changed; nothing was saved."
            " To change it, make a new version."
        )
    )


def _lock(model: type[Any], pk: int) -> Any:
    return model.objects.select_for_update().get(pk=pk)


# -- movements -----------------------------------------------------------------------------


def save_movement(movement: Movement, covered: Iterable[Unit], *, actor: Any) -> Movement:
    """Create a movement or change a draft one, with the units it covers."""
    adding = movement.pk is None
    with transaction.atomic():
        if not adding and not _lock(Movement, movement.pk).is_draft:
            raise MovementError(
                _("This movement has been launched; its plan can no longer be changed.")
            )
        if movement.ends_on < movement.starts_on:
            raise MovementError(_("The movement cannot end before it starts."))
        movement.created_by = movement.created_by or (actor if adding else None)
        movement.save()
        units = list(covered)
        movement.covered_units.set(units)
        record(
            movement,
            "movements.movement.created" if adding else "movements.movement.changed",
            actor=actor,
            data={"name": movement.name, "year": movement.year, "units": len(units)},
        )
    return movement


def _require_draft(movement: Movement) -> Movement:
    locked: Movement = _lock(Movement, movement.pk)
    if not locked.is_draft:
        raise MovementError(
            _("This movement has been launched; its plan can no longer be changed.")
        )
    return locked


def add_key_task(movement: Movement, text: str, *, actor: Any) -> KeyTask:
    text = clean_text(text)
    if not text:
        raise MovementError(_("Write the key task."))
    with transaction.atomic():
        _require_draft(movement)
        order = movement.key_tasks.count() + 1
        task = KeyTask.objects.create(movement=movement, order=order, text=text)
        record(movement, "movements.movement.task_added", actor=actor, data={"text": text})
    return task


def remove_key_task(task: KeyTask, *, actor: Any) -> None:
    with transaction.atomic():
        movement = _require_draft(task.movement)
        record(movement, "movements.movement.task_removed", actor=actor, data={"text": task.text})
        task.delete()


def add_movement_target(target: MovementTarget, *, actor: Any) -> MovementTarget:
    with transaction.atomic():
        movement = _require_draft(target.movement)
        target.order = movement.targets.count() + 1
        target.save()
        record(
            movement,
            "movements.movement.target_added",
            actor=actor,
            data={"name": target.name, "planned": str(target.planned_value)},
        )
    return target


def remove_movement_target(target: MovementTarget, *, actor: Any) -> None:
    with transaction.atomic():
        movement = _require_draft(target.movement)
        record(
            movement, "movements.movement.target_removed", actor=actor, data={"name": target.name}
        )
        target.delete()


def launch_movement(
    movement: Movement, *, plan_number: str, plan_date: dt.date, actor: Any
) -> Movement:
    """Launch a draft movement: its plan gets its number and date and units can register."""
    number = clean_text(plan_number).upper().replace(" ", "")
    if not PLAN_NUMBER.match(number):
        raise MovementError(
            _("The plan number must look like 05/KH-UBND (number, slash, symbol); got “%(value)s”.")
            % {"value": plan_number}
        )
    with transaction.atomic():
        locked = _require_draft(movement)
        if not locked.covered_units.exists():
            raise MovementError(_("Choose the units the movement covers before launching it."))
        if not locked.purpose:
            raise MovementError(_("Write the purpose of the movement before launching it."))
        locked.plan_number = number
        locked.plan_date = plan_date
        locked.status = MovementStatus.LAUNCHED
        locked.launched_at = timezone.now()
        locked.save()
        record(
            locked,
            "movements.movement.launched",
            actor=actor,
            data={"plan_number": number, "plan_date": plan_date.isoformat()},
        )
    movement.refresh_from_db()
    return movement


def close_movement(movement: Movement, *, actor: Any) -> Movement:
    with transaction.atomic():
        locked: Movement = _lock(Movement, movement.pk)
        if locked.status != MovementStatus.LAUNCHED:
            raise MovementError(_("Only a launched movement can be closed."))
        locked.status = MovementStatus.CLOSED
        locked.save(update_fields=["status"])
        record(locked, "movements.movement.closed", actor=actor)
    movement.refresh_from_db()
    return movement


# -- registration --------------------------------------------------------------------------


def _serving_in(unit: Unit, year: int) -> Any:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return ServicePeriod.objects.filter(
        unit__path__startswith=unit.path, start_on__lte=last
    ).exclude(end_on__lt=first)


def people_of_unit(unit: Unit, year: int) -> Any:
    """People serving in the unit (or a unit under it) at some time in the year."""
    return Person.objects.filter(pk__in=_serving_in(unit, year).values("person_id"))


def register(
    movement: Movement,
    unit: Unit,
    entries: Sequence[tuple[str, Person | None]],
    *,
    note: str = "",
    actor: Any,
    today: dt.date | None = None,
) -> Registration:
    """Record (or replace) the titles a unit registers for, for itself and its people.

    A registration after the deadline is accepted and shown as late: since 2024 it is
    information, not a condition for any title.
    """
    today = today or clock.today()
    if movement.status != MovementStatus.LAUNCHED:
        raise MovementError(_("Units can register only for a launched movement."))
    if not movement.covered_units.filter(pk=unit.pk).exists():
        raise MovementError(
            _("%(unit)s is not among the units this movement covers.") % {"unit": unit.name}
        )
    if not entries:
        raise MovementError(_("Choose at least one title to register for."))
    staff = set(people_of_unit(unit, movement.year).values_list("pk", flat=True))
    seen: set[tuple[str, int | None]] = set()
    for code, person in entries:
        kind = AWARD_KINDS.get(code)
        if kind is None:
            raise MovementError(_("Unknown title or award: %(code)s.") % {"code": code})
        wanted = INDIVIDUAL if person is not None else COLLECTIVE
        if wanted not in kind.recipients:
            if person is None:
                raise MovementError(
                    _("“%(award)s” is not awarded to a collective; register it for a person.")
                    % {"award": kind.name_vi}
                )
            raise MovementError(
                _("“%(award)s” is not awarded to a person (%(name)s).")
                % {"award": kind.name_vi, "name": person.full_name}
            )
        if person is not None and person.pk not in staff:
            raise MovementError(
                _("%(name)s does not work in %(unit)s in %(year)s.")
                % {"name": person.full_name, "unit": unit.name, "year": movement.year}
            )
        key = (code, person.pk if person else None)
        if key in seen:
            raise MovementError(
                _("“%(award)s” is registered twice for the same recipient.")
                % {"award": kind.name_vi}
            )
        seen.add(key)
    with transaction.atomic():
        registration, created = Registration.objects.select_for_update().get_or_create(
            movement=movement,
            unit=unit,
            defaults={"registered_on": today, "registered_by": actor, "note": clean_text(note)},
        )
        before = sorted(f"{e.award_code}:{e.person_id or ''}" for e in registration.entries.all())
        if not created:
            registration.registered_on = today
            registration.registered_by = actor
            registration.note = clean_text(note)
            registration.save()
            registration.entries.all().delete()
        RegistrationEntry.objects.bulk_create(
            RegistrationEntry(registration=registration, award_code=code, person=person)
            for code, person in entries
        )
        record(
            registration,
            "movements.registration.created" if created else "movements.registration.changed",
            actor=actor,
            data={
                "before": before,
                "after": sorted(f"{c}:{p.pk if p else ''}" for c, p in entries),
                "late": registration.is_late,
            },
        )
    return registration


def remind(movement: Movement, unit: Unit, *, kind: str, message: str = "", actor: Any) -> Reminder:
    """Record a reminder to a unit; its officers see it on the movement's page."""
    if movement.status != MovementStatus.LAUNCHED:
        raise MovementError(_("Reminders are sent only while the movement is running."))
    if kind not in ReminderKind.values:
        raise MovementError(_("Unknown kind of reminder."))
    if not movement.covered_units.filter(pk=unit.pk).exists():
        raise MovementError(
            _("%(unit)s is not among the units this movement covers.") % {"unit": unit.name}
        )
    with transaction.atomic():
        reminder = Reminder.objects.create(
            movement=movement, unit=unit, kind=kind, message=clean_text(message), sent_by=actor
        )
        record(
            reminder,
            "movements.reminder.sent",
            actor=actor,
            data={"unit": unit.pk, "kind": kind},
        )
    return reminder


# -- pledges -------------------------------------------------------------------------------


def default_authority(unit: Unit) -> str:
    """The signature lines of a unit in a pledge: "TM. ỦY BAN NHÂN DÂN / PHƯỜNG X / CHỦ TỊCH"
    for a locality, "THỦ TRƯỞNG <UNIT>" for any other body (documents.md §9)."""
    name = clean_text(unit.name).upper()
    if unit.kind in LOCALITY_KINDS:
        return f"TM. {COMMITTEE} / {name} / CHỦ TỊCH"
    return f"THỦ TRƯỞNG {name}"


def _signatories(pledge: Pledge) -> list[PledgeSignatory]:
    """The group head first, then the deputy, then the members (Vietnamese name order), then
    the launching body; for a unit pledge, the launching body and then the unit."""
    rows: list[PledgeSignatory] = []
    if pledge.group_id:
        order = {GroupRole.HEAD: 0, GroupRole.DEPUTY: 1, GroupRole.MEMBER: 2}
        memberships = sorted(
            pledge.group.memberships.select_related("unit"),  # type: ignore[union-attr]
            key=lambda m: (order[m.role], m.unit.sort_key),
        )
        for membership in memberships:
            rows.append(
                PledgeSignatory(
                    pledge=pledge,
                    unit=membership.unit,
                    role=membership.role,
                    authority=default_authority(membership.unit),
                )
            )
        if pledge.launching_body_id not in {m.unit_id for m in memberships}:
            rows.append(
                PledgeSignatory(
                    pledge=pledge,
                    unit=pledge.launching_body,
                    role=SignatoryRole.LAUNCHING,
                    authority=default_authority(pledge.launching_body),
                )
            )
    else:
        rows.append(
            PledgeSignatory(
                pledge=pledge,
                unit=pledge.launching_body,
                role=SignatoryRole.LAUNCHING,
                authority=default_authority(pledge.launching_body),
            )
        )
        rows.append(
            PledgeSignatory(
                pledge=pledge,
                unit=pledge.unit,
                role=SignatoryRole.MEMBER,
                authority=default_authority(pledge.unit),  # type: ignore[arg-type]
            )
        )
    for index, row in enumerate(rows, start=1):
        row.order = index
    return rows


def create_pledge(pledge: Pledge, *, actor: Any) -> Pledge:
    """A draft pledge of a movement with one unit or one emulation group, with its signatories."""
    movement = pledge.movement
    if movement.status != MovementStatus.LAUNCHED:
        raise MovementError(_("Pledges are made only for a launched movement."))
    if (pledge.unit_id is None) == (pledge.group_id is None):
        raise MovementError(_("A pledge is made with one unit or with one emulation group."))
    if pledge.unit_id is not None and pledge.unit_id == movement.launched_by_id:
        raise MovementError(_("The launching body cannot make a pledge with itself."))
    if pledge.group_id is not None and not pledge.group.memberships.exists():  # type: ignore[union-attr]
        raise MovementError(_("This emulation group has no members."))
    pledge.launching_body = movement.launched_by
    pledge.year = pledge.year or movement.year
    pledge.created_by = actor
    with transaction.atomic():
        pledge.save()
        PledgeSignatory.objects.bulk_create(_signatories(pledge))
        record(
            pledge,
            "movements.pledge.created",
            actor=actor,
            data={"unit": pledge.unit_id, "group": pledge.group_id, "version": pledge.version},
        )
    return pledge


def reporting_units(pledge: Pledge) -> list[Unit]:
    """The signatories who pledge targets and report on them (all but the launching body)."""
    return [
        s.unit
        for s in pledge.signatories.select_related("unit")
        if s.role != SignatoryRole.LAUNCHING
    ]


def _unique_key(pledge: Pledge, name: str) -> str:
    base = slugify(fold(name))[:50] or "chi-tieu"
    taken = set(pledge.targets.values_list("key", flat=True))
    key, serial = base, 2
    while key in taken:
        key, serial = f"{base}-{serial}", serial + 1
    return key


def add_pledge_target(
    pledge: Pledge,
    *,
    unit: Unit | None,
    name: str,
    unit_of_measure: str,
    planned_value: Decimal,
    direction: str,
    weight: Decimal = Decimal(1),
    key: str = "",
    actor: Any,
) -> list[PledgeTarget]:
    """Add a target for one signatory, or (unit=None) the same target for every signatory."""
    try:
        with transaction.atomic():
            locked: Pledge = _lock(Pledge, pledge.pk)
            if locked.is_signed:
                raise _frozen()
            members = reporting_units(locked)
            if unit is not None and unit.pk not in {u.pk for u in members}:
                raise MovementError(_("%(unit)s has not signed this pledge.") % {"unit": unit.name})
            key = slugify(key) if key else _unique_key(locked, name)
            order = (
                locked.targets.filter(key=key).values_list("order", flat=True).first()
                or len(set(locked.targets.values_list("key", flat=True))) + 1
            )
            created = []
            for member in [unit] if unit is not None else members:
                created.append(
                    PledgeTarget.objects.create(
                        pledge=locked,
                        unit=member,
                        key=key,
                        order=order,
                        name=name,
                        unit_of_measure=unit_of_measure,
                        planned_value=planned_value,
                        direction=direction,
                        weight=weight,
                    )
                )
            record(
                locked,
                "movements.pledge.target_added",
                actor=actor,
                data={"key": key, "name": clean_text(name), "units": [t.unit_id for t in created]},
            )
    except IntegrityError as exc:
        raise MovementError(
            _("This unit already has a target “%(name)s” in this pledge.") % {"name": name}
        ) from exc
    except FrozenError as exc:
        raise _frozen() from exc
    return created


def update_pledge_target(
    target: PledgeTarget, changes: Mapping[str, Any], *, actor: Any
) -> PledgeTarget:
    """Change a target of a draft pledge (name, unit of measure, plan, direction, weight)."""
    allowed = {"name", "unit_of_measure", "planned_value", "direction", "weight"}
    try:
        with transaction.atomic():
            pledge: Pledge = _lock(Pledge, target.pledge_id)
            if pledge.is_signed:
                raise _frozen()
            row: PledgeTarget = PledgeTarget.objects.get(pk=target.pk)
            before = {name: str(getattr(row, name)) for name in allowed}
            for name, value in changes.items():
                if name in allowed:
                    setattr(row, name, value)
            row.save()
            record(
                pledge,
                "movements.pledge.target_changed",
                actor=actor,
                data={
                    "target": row.pk,
                    "before": before,
                    "after": {n: str(getattr(row, n)) for n in allowed},
                },
            )
    except FrozenError as exc:
        raise _frozen() from exc
    return row


def remove_pledge_target(target: PledgeTarget, *, actor: Any) -> None:
    try:
        with transaction.atomic():
            pledge: Pledge = _lock(Pledge, target.pledge_id)
            if pledge.is_signed:
                raise _frozen()
            record(
                pledge,
                "movements.pledge.target_removed",
                actor=actor,
                data={"target": target.pk, "name": target.name},
            )
            target.delete()
    except FrozenError as exc:
        raise _frozen() from exc


def sign_pledge(
    pledge: Pledge,
    *,
    signed_on: dt.date,
    signed_place: str,
    signers: Mapping[int, str],
    actor: Any,
) -> Pledge:
    """Record the signing: date, place and each signatory's signer. The pledge is frozen."""
    with transaction.atomic():
        locked: Pledge = _lock(Pledge, pledge.pk)
        if locked.is_signed:
            raise _frozen()
        members = reporting_units(locked)
        with_targets = set(locked.targets.values_list("unit_id", flat=True))
        missing = [u.name for u in members if u.pk not in with_targets]
        if missing:
            raise MovementError(
                _("Every signatory needs at least one target before signing; missing: %(units)s.")
                % {"units": ", ".join(missing)}
            )
        year = locked.year
        if not dt.date(year - 1, 1, 1) <= signed_on <= dt.date(year, 12, 31):
            raise MovementError(
                _("A pledge for %(year)s is signed between 01/01/%(before)s and 31/12/%(year)s.")
                % {"year": year, "before": year - 1}
            )
        place = clean_text(signed_place)
        if not place:
            raise MovementError(_("Write where the pledge was signed."))
        unnamed = []
        for signatory in locked.signatories.select_related("unit"):
            name = clean_text(signers.get(signatory.unit_id, "") or signatory.signer_name)
            if not name:
                unnamed.append(signatory.unit.name)
                continue
            signatory.signer_name = name
            signatory.save(update_fields=["signer_name"])
        if unnamed:
            raise MovementError(
                _("Write who signed for: %(units)s.") % {"units": ", ".join(unnamed)}
            )
        locked.status = PledgeStatus.SIGNED
        locked.signed_on = signed_on
        locked.signed_place = place
        locked.signing_recorded_by = actor
        locked.save()
        record(
            locked,
            "movements.pledge.signed",
            actor=actor,
            data={
                "signed_on": signed_on.isoformat(),
                "place": place,
                "signers": {str(k): v for k, v in signers.items()},
                "version": locked.version,
            },
        )
    pledge.refresh_from_db()
    return pledge


def revise_pledge(pledge: Pledge, *, actor: Any) -> Pledge:
    """A new draft version of a signed pledge; the signed one stays unchanged."""
    with transaction.atomic():
        locked: Pledge = _lock(Pledge, pledge.pk)
        if not locked.is_signed:
            raise MovementError(
                _("A draft pledge is changed directly; only a signed one gets a new version.")
            )
        if Pledge.objects.filter(previous=locked).exists():
            raise MovementError(_("This version already has a newer version; change that one."))
        new = Pledge(
            movement=locked.movement,
            version=locked.version + 1,
            previous=locked,
            title=locked.title,
            year=locked.year,
            launching_body=locked.launching_body,
            unit=locked.unit,
            group=locked.group,
            purpose=locked.purpose,
            commitments=locked.commitments,
            implementation=locked.implementation,
            report_frequency=locked.report_frequency,
            number="",
            place=locked.place,
            created_by=actor,
        )
        new.save()
        PledgeSignatory.objects.bulk_create(
            PledgeSignatory(
                pledge=new,
                unit=s.unit,
                role=s.role,
                order=s.order,
                authority=s.authority,
                signer_name=s.signer_name,
            )
            for s in locked.signatories.all()
        )
        PledgeTarget.objects.bulk_create(
            PledgeTarget(
                pledge=new,
                unit=t.unit,
                key=t.key,
                order=t.order,
                name=t.name,
                unit_of_measure=t.unit_of_measure,
                planned_value=t.planned_value,
                direction=t.direction,
                weight=t.weight,
            )
            for t in locked.targets.all()
        )
        record(
            new,
            "movements.pledge.revised",
            actor=actor,
            data={"previous": locked.pk, "version": new.version},
        )
    return new


def current_version(pledge: Pledge) -> Pledge:
    """The newest signed version in the chain (the one in force), or the pledge itself."""
    newest = pledge
    candidate: Pledge | None = pledge
    while candidate is not None:
        if candidate.is_signed:
            newest = candidate
        candidate = Pledge.objects.filter(previous=candidate).first()
    return newest


# -- progress ------------------------------------------------------------------------------


def report_progress(
    pledge: Pledge,
    unit: Unit,
    period: str,
    values: Mapping[int, Decimal],
    *,
    notes: Mapping[int, str] | None = None,
    evidence: Mapping[int, UploadedFile] | None = None,
    actor: Any,
    today: dt.date | None = None,
) -> list[ProgressReport]:
    """Record a unit's actual values (cumulative since 1 January) for one period.

    RefusedError for a draft or superseded pledge, a period outside the pledge's reporting
    frequency, a period that has not started, and a period that has closed
    (REPORT_CLOSE_DAYS after its end). A value already reported for the period is replaced.
    """
    today = today or clock.today()
    notes = notes or {}
    evidence = evidence or {}
    if not pledge.is_signed:
        raise MovementError(_("Progress is reported only on a signed pledge."))
    if current_version(pledge).pk != pledge.pk:
        raise MovementError(
            _("A newer version of this pledge is in force; report on that version.")
        )
    if period not in PERIODS_OF[pledge.report_frequency]:
        raise MovementError(
            _("This pledge is reported %(frequency)s; “%(period)s” is not one of its periods.")
            % {
                "frequency": pledge.get_report_frequency_display().lower(),
                "period": Period(period).label,
            }
        )
    start = period_bounds(period, pledge.year)[0]
    label = f"{Period(period).label} {pledge.year}"
    if today < start:
        raise MovementError(_("%(period)s has not started yet.") % {"period": label})
    closes = period_closes_on(period, pledge.year)
    if today > closes:
        raise MovementError(
            _("%(period)s closed on %(date)s; reports for it are no longer accepted.")
            % {"period": label, "date": closes.strftime("%d/%m/%Y")}
        )
    targets = {t.pk: t for t in pledge.targets.filter(unit=unit)}
    if not targets:
        raise MovementError(_("%(unit)s has no targets in this pledge.") % {"unit": unit.name})
    unknown = set(values) - set(targets)
    if unknown:
        raise MovementError(_("A value was given for a target of another unit."))
    if not values:
        raise MovementError(_("Enter at least one actual value."))
    saved: list[ProgressReport] = []
    with transaction.atomic():
        for target_id, value in values.items():
            report, created = ProgressReport.objects.select_for_update().get_or_create(
                target=targets[target_id],
                period=period,
                defaults={"actual_value": value, "reported_on": today, "reported_by": actor},
            )
            before = None if created else str(report.actual_value)
            report.actual_value = value
            report.reported_on = today
            report.reported_by = actor
            report.note = notes.get(target_id, report.note)
            upload = evidence.get(target_id)
            if upload is not None:
                report.evidence_name = clean_text(upload.name)[:200]
                report.evidence.save(upload.name, upload, save=False)
            report.save()
            record(
                report,
                "movements.progress.reported",
                actor=actor,
                data={
                    "target": target_id,
                    "unit": unit.pk,
                    "period": period,
                    "before": before,
                    "after": str(value),
                    "evidence": bool(upload),
                },
            )
            saved.append(report)
    return saved


# -- group scoring -------------------------------------------------------------------------


def create_score_sheet(pledge: Pledge, *, title: str = "", actor: Any) -> ScoreSheet:
    if pledge.group_id is None:
        raise MovementError(_("A score sheet belongs to the pledge of an emulation group."))
    if not pledge.is_signed:
        raise MovementError(_("Sign the group's pledge before scoring it."))
    title = clean_text(title) or f"Bảng chấm điểm thi đua năm {pledge.year} – {pledge.group.name}"  # type: ignore[union-attr]
    with transaction.atomic():
        sheet = ScoreSheet.objects.create(pledge=pledge, title=title, created_by=actor)
        record(sheet, "movements.scoresheet.created", actor=actor, data={"pledge": pledge.pk})
    return sheet


def add_criterion(
    sheet: ScoreSheet, *, name: str, max_points: Decimal, target_key: str = "", actor: Any
) -> ScoreCriterion:
    name = clean_text(name)
    if not name:
        raise MovementError(_("Write the criterion."))
    if max_points <= 0:
        raise MovementError(_("The maximum points must be above zero."))
    with transaction.atomic():
        locked: ScoreSheet = _lock(ScoreSheet, sheet.pk)
        if locked.status != SheetStatus.DRAFT:
            raise MovementError(_("Scoring has started; the criteria can no longer be changed."))
        if target_key and not locked.pledge.targets.filter(key=target_key).exists():
            raise MovementError(_("The pledge has no such target."))
        criterion = ScoreCriterion.objects.create(
            sheet=locked,
            order=locked.criteria.count() + 1,
            name=name,
            max_points=max_points,
            target_key=target_key,
        )
        record(
            locked,
            "movements.scoresheet.criterion_added",
            actor=actor,
            data={"name": name, "max": str(max_points), "target": target_key},
        )
    return criterion


def members_of(sheet: ScoreSheet) -> list[Unit]:
    return [m.unit for m in sheet.group.memberships.select_related("unit")]


def latest_actual(target: PledgeTarget) -> ProgressReport | None:
    """The newest period's report: values are cumulative, so it is the figure so far."""
    reports = list(target.reports.all())
    if not reports:
        return None
    return max(reports, key=lambda r: period_bounds(r.period, target.pledge.year)[1])


def _refresh_automatic(sheet: ScoreSheet) -> None:
    targets = {
        (t.key, t.unit_id): t
        for t in sheet.pledge.targets.select_related("pledge").prefetch_related("reports")
    }
    for criterion in sheet.criteria.exclude(target_key=""):
        for entry in criterion.entries.all():
            target = targets.get((criterion.target_key, entry.unit_id))
            report = latest_actual(target) if target else None
            points = (
                target_points(
                    target.planned_value,
                    report.actual_value,
                    target.direction,
                    criterion.max_points,
                )
                if target is not None and report is not None
                else Decimal("0.00")
            )
            if entry.auto_score != points:
                entry.auto_score = points
                entry.save(update_fields=["auto_score"])


def open_score_sheet(sheet: ScoreSheet, *, actor: Any) -> ScoreSheet:
    """Fix the criteria and open the sheet: members score themselves, the head reviews."""
    with transaction.atomic():
        locked: ScoreSheet = _lock(ScoreSheet, sheet.pk)
        if locked.status != SheetStatus.DRAFT:
            raise MovementError(_("This score sheet is already open."))
        criteria = list(locked.criteria.all())
        if not criteria:
            raise MovementError(_("Add at least one criterion before opening the sheet."))
        ScoreEntry.objects.bulk_create(
            ScoreEntry(criterion=criterion, unit=unit)
            for criterion in criteria
            for unit in members_of(locked)
        )
        locked.status = SheetStatus.OPEN
        locked.save(update_fields=["status"])
        _refresh_automatic(locked)
        record(locked, "movements.scoresheet.opened", actor=actor, data={"criteria": len(criteria)})
    sheet.refresh_from_db()
    return sheet


def _check_scores(
    sheet: ScoreSheet, unit: Unit, scores: Mapping[int, Decimal]
) -> dict[int, ScoreEntry]:
    if sheet.status != SheetStatus.OPEN:
        raise MovementError(_("This score sheet is not open for scoring."))
    entries = {
        e.criterion_id: e
        for e in ScoreEntry.objects.select_related("criterion").filter(
            criterion__sheet=sheet, unit=unit
        )
    }
    if not entries:
        raise MovementError(_("%(unit)s is not a member of this group.") % {"unit": unit.name})
    for criterion_id, value in scores.items():
        entry = entries.get(criterion_id)
        if entry is None:
            raise MovementError(_("Unknown criterion."))
        criterion = entry.criterion
        if criterion.is_automatic:
            raise MovementError(
                _("“%(name)s” is scored automatically from the reported figures.")
                % {"name": criterion.name}
            )
        if value < 0:
            raise MovementError(
                _("The score for “%(name)s” cannot be negative.") % {"name": criterion.name}
            )
        if value > criterion.max_points:
            raise MovementError(
                _("The score for “%(name)s” is %(value)s, above its maximum of %(max)s points.")
                % {"name": criterion.name, "value": value, "max": criterion.max_points}
            )
    return entries


def self_score(sheet: ScoreSheet, unit: Unit, scores: Mapping[int, Decimal], *, actor: Any) -> None:
    """A member scores itself on the hand-scored criteria."""
    with transaction.atomic():
        locked: ScoreSheet = _lock(ScoreSheet, sheet.pk)
        entries = _check_scores(locked, unit, scores)
        for criterion_id, value in scores.items():
            entry = entries[criterion_id]
            entry.self_score = value
            entry.save(update_fields=["self_score"])
        record(
            locked,
            "movements.scoresheet.self_scored",
            actor=actor,
            data={"unit": unit.pk, "scores": {str(k): str(v) for k, v in scores.items()}},
        )


def review_scores(
    sheet: ScoreSheet, unit: Unit, scores: Mapping[int, Decimal], *, actor: Any
) -> None:
    """The group head's reviewed scores for a member: these are final."""
    with transaction.atomic():
        locked: ScoreSheet = _lock(ScoreSheet, sheet.pk)
        entries = _check_scores(locked, unit, scores)
        before = {str(k): str(entries[k].reviewed_score) for k in scores}
        for criterion_id, value in scores.items():
            entry = entries[criterion_id]
            entry.reviewed_score = value
            entry.reviewed_by = actor
            entry.save(update_fields=["reviewed_score", "reviewed_by"])
        record(
            locked,
            "movements.scoresheet.reviewed",
            actor=actor,
            data={
                "unit": unit.pk,
                "before": before,
                "after": {str(k): str(v) for k, v in scores.items()},
            },
        )


def rank_group(sheet: ScoreSheet, *, actor: Any) -> list[ScoreResult]:
    """Final scores (reviewed, automatic for target criteria) → totals → ranking, stored."""
    with transaction.atomic():
        locked: ScoreSheet = _lock(ScoreSheet, sheet.pk)
        if locked.status != SheetStatus.OPEN:
            raise MovementError(_("Only an open score sheet can be ranked."))
        _refresh_automatic(locked)
        criteria = list(locked.criteria.all())
        entries = ScoreEntry.objects.filter(criterion__sheet=locked).select_related(
            "unit", "criterion"
        )
        by_unit: dict[int, dict[int, ScoreEntry]] = {}
        units: dict[int, Unit] = {}
        for entry in entries:
            by_unit.setdefault(entry.unit_id, {})[entry.criterion_id] = entry
            units[entry.unit_id] = entry.unit
        unreviewed = sorted(
            {
                units[uid].name
                for uid, row in by_unit.items()
                for e in row.values()
                if e.final_score is None
            }
        )
        if unreviewed:
            raise MovementError(
                _("The group head has not reviewed every score yet; waiting for: %(units)s.")
                % {"units": ", ".join(unreviewed)}
            )
        standings = [
            Standing(
                unit_id=uid,
                name_key=units[uid].sort_key,
                scores=tuple(row[c.pk].final_score or Decimal(0) for c in criteria),
            )
            for uid, row in by_unit.items()
        ]
        placed = rank(standings, [c.max_points for c in criteria])
        results = ScoreResult.objects.bulk_create(
            ScoreResult(
                sheet=locked,
                unit=units[p.standing.unit_id],
                total=p.total,
                criteria_at_max=p.criteria_at_max,
                heaviest_score=p.heaviest_score,
                rank=p.rank,
            )
            for p in placed
        )
        locked.status = SheetStatus.FINAL
        locked.ranked_at = timezone.now()
        locked.save(update_fields=["status", "ranked_at"])
        record(
            locked,
            "movements.scoresheet.ranked",
            actor=actor,
            data={"ranking": [[p.rank, p.standing.unit_id, str(p.total)] for p in placed]},
        )
    return results


def propose_leader(
    sheet: ScoreSheet, *, award_code: str, note: str = "", actor: Any
) -> LeaderProposal:
    """Put the group's leader (rank 1) forward for an emulation flag or a higher award."""
    if award_code not in LEADER_AWARDS:
        raise MovementError(
            _(
                "A group's leader is put forward for an emulation flag or a certificate of"
                " commendation, not “%(award)s”."
            )
            % {"award": award_name(award_code)}
        )
    with transaction.atomic():
        locked: ScoreSheet = _lock(ScoreSheet, sheet.pk)
        if locked.status != SheetStatus.FINAL:
            raise MovementError(_("Rank the group before putting its leader forward."))
        if LeaderProposal.objects.filter(sheet=locked).exists():
            raise MovementError(_("The leader of this group has already been put forward."))
        leader = locked.results.select_related("unit").get(rank=1).unit
        proposal = LeaderProposal.objects.create(
            sheet=locked,
            unit=leader,
            award_code=award_code,
            note=clean_text(note),
            proposed_by=actor,
        )
        record(
            proposal,
            "movements.leaderproposal.created",
            actor=actor,
            data={"unit": leader.pk, "award": award_code, "sheet": locked.pk},
        )
    return proposal


def nominate_leader(proposal: LeaderProposal, *, actor: Any) -> Any:
    """Turn the proposal into a nomination of the leader for the proposed award, in a yearly
    dossier of the launching body (its dossier being prepared for that year, or a new one).

    The nominations app then takes it through appraisal, council and decision; the sheet page
    links to it. All or nothing: a refusal from the nominations app leaves no dossier behind.
    """
    # Imported here: the nominations app refers to movements (a dossier's movement).
    from tdkt.nominations import services as nominations
    from tdkt.nominations.enums import DossierKind, DossierState
    from tdkt.nominations.models import Dossier

    sheet = proposal.sheet
    pledge = sheet.pledge
    existing = leader_nomination(proposal)
    if existing is not None:
        raise MovementError(
            _("%(unit)s is already nominated for “%(award)s” in the dossier “%(dossier)s”.")
            % {
                "unit": proposal.unit.name,
                "award": award_name(proposal.award_code),
                "dossier": existing.dossier.title,
            }
        )
    result = ScoreResult.objects.get(sheet=sheet, unit=proposal.unit)
    achievement = (
        f"Dẫn đầu {sheet.group.name} năm {pledge.year}: xếp thứ nhất với"
        f" {decimal_vi(result.total)} điểm theo {sheet.title}."
    )
    with transaction.atomic():
        dossier = (
            Dossier.objects.filter(
                unit=pledge.launching_body,
                year=pledge.year,
                kind=DossierKind.YEARLY,
                state=DossierState.DRAFT,
            )
            .order_by("pk")
            .first()
        )
        if dossier is None:
            dossier = nominations.create_dossier(
                unit=pledge.launching_body,
                kind=DossierKind.YEARLY,
                year=pledge.year,
                title=f"Đề nghị khen thưởng đơn vị dẫn đầu {sheet.group.name} năm {pledge.year}",
                actor=actor,
            )
        nomination = nominations.add_nomination(
            dossier,
            version=None,
            actor=actor,
            award_code=proposal.award_code,
            unit=proposal.unit,
            achievement=achievement,
        )
        record(
            proposal,
            "movements.leaderproposal.nominated",
            actor=actor,
            data={"nomination": nomination.pk, "dossier": dossier.pk},
        )
    return nomination


def group_for_pledge_choices(movement: Movement) -> Any:
    """Emulation groups of the movement's year convened by its launching body."""
    return EmulationGroup.objects.filter(year=movement.year, convener=movement.launched_by)
