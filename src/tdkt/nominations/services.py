"""Every change to dossiers, nominations, attachments, disclosures and public comments.

Each function is one transaction: it checks the state it starts from against the state
machines of enums.py, writes, and leaves an append-only audit entry; a refusal raises
`NominationError` with a message for the user and writes nothing.

Optimistic locking: a change to a dossier (or to a nomination in it) carries the dossier
`version` the user's page was built from. The first statement of the transaction is
`UPDATE … SET version = version + 1 WHERE id = … AND version = <read>`; if it touches no row,
someone saved in between and the change is refused whole. The council's transitions
(`send_to_council` … `mark_decided`) are called by the councils app inside its own
transactions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.scope import unit_in_scope
from tdkt.awards.catalogue import AWARD_KINDS, COLLECTIVE, INDIVIDUAL, award_name
from tdkt.common import clock
from tdkt.common.actions import RefusedError
from tdkt.common.audit import record
from tdkt.common.formatting import short_date
from tdkt.common.text import clean_text
from tdkt.nominations import quotas
from tdkt.nominations.calendar import PERIOD_BASIS, disclosure_period
from tdkt.nominations.enums import (
    ALLOWED_TRANSITIONS,
    DEAD_STATES,
    DOSSIER_TRANSITIONS,
    EDITABLE_DOSSIER_STATES,
    FINAL_STATES,
    AttachmentKind,
    DayUnit,
    DisclosureState,
    DossierKind,
    DossierState,
    NominationState,
)
from tdkt.nominations.facts import service_units
from tdkt.nominations.judging import judge_nominations, no_regime_message, regime_on
from tdkt.nominations.models import (
    Attachment,
    Disclosure,
    Dossier,
    Nomination,
    PublicComment,
)
from tdkt.nominations.validators import AttachmentRejectedError, check_attachment
from tdkt.organisations.models import Unit
from tdkt.people.models import Person, ServicePeriod
from tdkt.rules.regime import Disclosure as DisclosureRule
from tdkt.rules.regime import Regime

MAX_ACHIEVEMENT_CHARS = 4000


class NominationError(RefusedError):
    """A change that cannot be made; the message says why, for the user. `field` names the
    input at fault when there is one ("award", "subject")."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# -- state machines ------------------------------------------------------------------------


def ensure_transition(current: str, target: str) -> None:
    if target not in ALLOWED_TRANSITIONS.get(current, frozenset()):
        raise NominationError(
            _("A nomination that is “%(current)s” cannot become “%(target)s”.")
            % {
                "current": NominationState(current).label,
                "target": NominationState(target).label,
            }
        )


def ensure_dossier_transition(current: str, target: str) -> None:
    if target not in DOSSIER_TRANSITIONS.get(current, frozenset()):
        raise NominationError(
            _("A dossier that is “%(current)s” cannot become “%(target)s”.")
            % {"current": DossierState(current).label, "target": DossierState(target).label}
        )


def _move(nomination: Nomination, target: str, action: str, *, actor: Any, **data: Any) -> None:
    """Check and make one nomination transition, with its audit entry."""
    ensure_transition(nomination.state, target)
    before = nomination.state
    nomination.state = target
    nomination.save()
    record(
        nomination,
        f"nominations.nomination.{action}",
        actor=actor,
        data={"from": before, "to": target, "dossier": nomination.dossier_id, **data},
    )


def _move_dossier(dossier: Dossier, target: str, action: str, *, actor: Any, **data: Any) -> None:
    ensure_dossier_transition(dossier.state, target)
    before = dossier.state
    dossier.state = target
    dossier.save()
    record(
        dossier,
        f"nominations.dossier.{action}",
        actor=actor,
        data={"from": before, "to": target, **data},
    )


# -- optimistic locking ----------------------------------------------------------------------


def stale_message() -> str:
    return _(
        "Someone else changed this dossier after you opened it; nothing of yours was saved."
        " Reload the page to see their changes, then make yours again."
    )


def _claim(dossier_pk: int, version: int | None) -> Dossier:
    """Bump the version if it is still the one read; then lock and return the row.

    Must run inside a transaction. `version` None (the system, the demo) skips the check."""
    if version is None:
        Dossier.objects.filter(pk=dossier_pk).update(version=F("version") + 1)
    elif (
        Dossier.objects.filter(pk=dossier_pk, version=version).update(version=F("version") + 1) != 1
    ):
        raise NominationError(stale_message())
    return Dossier.objects.select_for_update(of=("self",)).get(pk=dossier_pk)


def _editable(dossier: Dossier) -> None:
    if dossier.state not in EDITABLE_DOSSIER_STATES:
        raise NominationError(
            _(
                "The dossier is “%(state)s”; it can be changed only while being prepared or after"
                " it was returned for correction."
            )
            % {"state": dossier.get_state_display()}
        )


# -- dossiers --------------------------------------------------------------------------------


def default_decision_date(year: int) -> dt.date:
    """Year-end awards are decided early in the next year."""
    return dt.date(year + 1, 1, 15)


def _check_dossier_fields(
    *, unit: Unit, kind: str, year: int, decision_date: dt.date, movement: Any, actor: Any
) -> None:
    if actor is not None and not unit_in_scope(actor, unit):
        raise NominationError(
            _("The unit “%(unit)s” is not among the units you manage; nothing was saved.")
            % {"unit": unit.name}
        )
    if decision_date.year < year:
        raise NominationError(
            _("The expected decision date %(date)s comes before the year of achievement %(year)s.")
            % {"date": short_date(decision_date), "year": year}
        )
    if regime_on(decision_date) is None:
        raise NominationError(no_regime_message(decision_date))
    if movement is not None and kind != DossierKind.CAMPAIGN:
        raise NominationError(_("Only a campaign dossier is linked to a movement."))


def create_dossier(
    *,
    unit: Unit,
    kind: str,
    year: int,
    title: str,
    decision_date: dt.date | None = None,
    movement: Any = None,
    note: str = "",
    memo_number: str = "",
    memo_date: dt.date | None = None,
    actor: Any,
) -> Dossier:
    decision_date = decision_date or default_decision_date(year)
    _check_dossier_fields(
        unit=unit, kind=kind, year=year, decision_date=decision_date, movement=movement, actor=actor
    )
    title = clean_text(title)
    if not title:
        raise NominationError(_("Give the dossier a title."))
    with transaction.atomic():
        dossier = Dossier.objects.create(
            unit=unit,
            kind=kind,
            year=year,
            title=title,
            decision_date=decision_date,
            movement=movement,
            note=note,
            memo_number=memo_number,
            memo_date=memo_date,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(
            dossier,
            "nominations.dossier.created",
            actor=actor,
            data={"unit": unit.code, "year": year, "kind": kind},
        )
    return dossier


def update_dossier(dossier: Dossier, *, version: int | None, actor: Any, **fields: Any) -> Dossier:
    """Change the dossier's own fields (title, kind, dates, note, memo number)."""
    allowed = {"title", "kind", "decision_date", "movement", "note", "memo_number", "memo_date"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"fields that cannot be changed here: {sorted(unknown)}")
    with transaction.atomic():
        locked = _claim(dossier.pk, version)
        _editable(locked)
        changed = {}
        for name, value in fields.items():
            if getattr(locked, name) != value:
                changed[name] = str(value)
                setattr(locked, name, value)
        if not clean_text(locked.title):
            raise NominationError(_("Give the dossier a title."))
        _check_dossier_fields(
            unit=locked.unit,
            kind=locked.kind,
            year=locked.year,
            decision_date=locked.decision_date,
            movement=locked.movement,
            actor=actor,
        )
        locked.save()
        # The year stays; the nominations follow a new decision date automatically.
        record(locked, "nominations.dossier.changed", actor=actor, data={"fields": changed})
    return locked


# -- nominations -----------------------------------------------------------------------------


def _award_in_regime(regime: Regime, award_code: str, kind: str, dossier: Dossier) -> None:
    rule = regime.award(award_code)
    if rule is None:
        raise NominationError(
            _(
                "“%(award)s” is not a title or award form of the rules in force on"
                " %(date)s (%(regime)s); choose another award or change the expected decision"
                " date."
            )
            % {
                "award": award_name(award_code),
                "date": short_date(dossier.decision_date),
                "regime": regime.name_vi,
            },
            field="award",
        )
    if kind not in rule.awarded_to:
        message = (
            _("“%(award)s” is not awarded to individuals.")
            if kind == INDIVIDUAL
            else _("“%(award)s” is not awarded to collectives.")
        )
        raise NominationError(message % {"award": award_name(award_code)}, field="award")


def _subject_unit(dossier: Dossier, person: Person | None, unit: Unit | None) -> Unit:
    """The unit of the candidate; it must lie within the dossier's unit."""
    if (person is None) == (unit is None):
        raise NominationError(_("Choose either a person or a collective."))
    if person is not None:
        unit_id = service_units([person.pk], dossier.year).get(person.pk)
        if unit_id is None:
            raise NominationError(
                _("%(name)s did not work in any unit in %(year)s.")
                % {"name": person.full_name, "year": dossier.year}
            )
        unit = Unit.objects.get(pk=unit_id)
    assert unit is not None
    if not unit.path.startswith(dossier.unit.path):
        who = person.full_name if person is not None else unit.name
        raise NominationError(
            _("%(who)s is not in %(unit)s, the unit that makes this dossier.")
            % {"who": who, "unit": dossier.unit.name}
        )
    return unit


def _duplicate_message(person: Person | None, unit: Unit, award_code: str, year: int) -> str:
    existing = (
        (
            Nomination.objects.filter(award_code=award_code, year=year)
            .exclude(state__in=DEAD_STATES)
            .filter(person=person)
            if person is not None
            else Nomination.objects.filter(
                award_code=award_code, year=year, unit=unit, person__isnull=True
            ).exclude(state__in=DEAD_STATES)
        )
        .select_related("dossier")
        .first()
    )
    values = {
        "who": person.full_name if person is not None else unit.name,
        "award": award_name(award_code),
        "year": year,
        "dossier": existing.dossier.title if existing else "",
    }
    return (
        _("%(who)s is already nominated for “%(award)s” of %(year)s (dossier “%(dossier)s”).")
        % values
    )


def _current_position(person: Person, year: int) -> str:
    period = (
        ServicePeriod.objects.filter(person=person, start_on__lte=dt.date(year, 12, 31))
        .order_by("-start_on")
        .first()
    )
    return period.position if period is not None else ""


def _check_text(achievement: str) -> str:
    text = achievement or ""
    if len(text) > MAX_ACHIEVEMENT_CHARS:
        raise NominationError(
            _("The summary of achievements is too long: at most %(limit)s characters.")
            % {"limit": MAX_ACHIEVEMENT_CHARS}
        )
    return text


def _check_candidate(
    dossier: Dossier,
    regime: Regime,
    *,
    person: Person | None,
    unit: Unit | None,
    award_code: str,
    actor: Any,
) -> Unit:
    """Every check a new nomination must pass; returns the candidate's unit."""
    if award_code not in AWARD_KINDS:
        raise NominationError(
            _("Unknown title or award “%(code)s”.") % {"code": award_code}, field="award"
        )
    subject_unit = _subject_unit(dossier, person, unit)
    if actor is not None and not unit_in_scope(actor, subject_unit):
        raise NominationError(
            _("The unit “%(unit)s” is not among the units you manage; nothing was saved.")
            % {"unit": subject_unit.name}
        )
    _award_in_regime(regime, award_code, INDIVIDUAL if person else COLLECTIVE, dossier)
    live = Nomination.objects.filter(award_code=award_code, year=dossier.year).exclude(
        state__in=DEAD_STATES
    )
    taken = (
        live.filter(person=person)
        if person is not None
        else live.filter(unit=subject_unit, person__isnull=True)
    )
    if taken.exists():
        raise NominationError(_duplicate_message(person, subject_unit, award_code, dossier.year))
    return subject_unit


def _add(
    dossier: Dossier,
    regime: Regime,
    *,
    person: Person | None,
    unit: Unit | None,
    award_code: str,
    achievement: str,
    position: str,
    actor: Any,
) -> Nomination:
    subject_unit = _check_candidate(
        dossier, regime, person=person, unit=unit, award_code=award_code, actor=actor
    )
    order = (dossier.nominations.aggregate(last=Max("order"))["last"] or 0) + 1
    try:
        # A savepoint: the constraint still guards two officers adding the same person at once.
        with transaction.atomic():
            nomination = Nomination.objects.create(
                dossier=dossier,
                person=person,
                unit=subject_unit,
                award_code=award_code,
                year=dossier.year,
                position=position or (_current_position(person, dossier.year) if person else ""),
                achievement=_check_text(achievement),
                order=order,
            )
    except IntegrityError as exc:
        raise NominationError(
            _duplicate_message(person, subject_unit, award_code, dossier.year)
        ) from exc
    record(
        nomination,
        "nominations.nomination.added",
        actor=actor,
        data={"dossier": dossier.pk, "award": award_code, "person": person.pk if person else None},
    )
    return nomination


def add_nomination(
    dossier: Dossier,
    *,
    version: int | None,
    actor: Any,
    award_code: str,
    person: Person | None = None,
    unit: Unit | None = None,
    achievement: str = "",
    position: str = "",
) -> Nomination:
    """Add a person (`person`) or a collective (`unit`) to a dossier being prepared."""
    with transaction.atomic():
        locked = _claim(dossier.pk, version)
        _editable(locked)
        regime = regime_on(locked.decision_date)
        if regime is None:
            raise NominationError(no_regime_message(locked.decision_date))
        return _add(
            locked,
            regime,
            person=person,
            unit=unit,
            award_code=award_code,
            achievement=achievement,
            position=clean_text(position),
            actor=actor,
        )


def _editable_nomination(nomination: Nomination, version: int | None) -> tuple[Dossier, Nomination]:
    dossier = _claim(nomination.dossier_id, version)
    _editable(dossier)
    locked = Nomination.objects.select_for_update(of=("self",)).get(pk=nomination.pk)
    if locked.state not in (NominationState.DRAFT, NominationState.RETURNED):
        raise NominationError(
            _("This nomination is “%(state)s” and can no longer be changed.")
            % {"state": locked.get_state_display()}
        )
    return dossier, locked


def update_nomination(
    nomination: Nomination,
    *,
    version: int | None,
    actor: Any,
    award_code: str,
    achievement: str,
    position: str,
) -> Nomination:
    with transaction.atomic():
        dossier, locked = _editable_nomination(nomination, version)
        regime = regime_on(dossier.decision_date)
        if regime is None:
            raise NominationError(no_regime_message(dossier.decision_date))
        if award_code not in AWARD_KINDS:
            raise NominationError(_("Unknown title or award “%(code)s”.") % {"code": award_code})
        _award_in_regime(
            regime, award_code, COLLECTIVE if locked.is_collective else INDIVIDUAL, dossier
        )
        changed = {
            name: value
            for name, value in (
                ("award_code", award_code),
                ("achievement", _check_text(achievement)),
                ("position", clean_text(position)),
            )
            if getattr(locked, name) != value
        }
        for name, value in changed.items():
            setattr(locked, name, value)
        try:
            with transaction.atomic():
                locked.save()
        except IntegrityError as exc:
            raise NominationError(
                _duplicate_message(locked.person, locked.unit, award_code, locked.year)
            ) from exc
        record(locked, "nominations.nomination.changed", actor=actor, data={"fields": changed})
    return locked


def remove_nomination(nomination: Nomination, *, version: int | None, actor: Any) -> None:
    """A draft nomination is deleted; one returned after submission is kept as withdrawn."""
    with transaction.atomic():
        dossier, locked = _editable_nomination(nomination, version)
        if locked.state == NominationState.DRAFT:
            record(
                dossier,
                "nominations.dossier.nomination_removed",
                actor=actor,
                data={
                    "nomination": locked.pk,
                    "subject": locked.subject_name,
                    "award": locked.award_code,
                },
            )
            locked.delete()
            return
        _move(locked, NominationState.WITHDRAWN, "withdrawn", actor=actor)


# -- attachments -----------------------------------------------------------------------------


def add_attachment(
    dossier: Dossier,
    *,
    kind: str,
    name: str,
    content: bytes,
    actor: Any,
    nomination: Nomination | None = None,
) -> Attachment:
    """Store a checked file under MEDIA_ROOT; refused files leave nothing behind."""
    name = clean_text(name)[:255] or "tep"
    try:
        file_type = check_attachment(name, content)
    except AttachmentRejectedError as exc:
        raise NominationError(str(exc)) from exc
    if kind not in AttachmentKind.values:
        raise NominationError(_("Choose the kind of document."))
    if nomination is not None and nomination.dossier_id != dossier.pk:
        raise NominationError(_("This nomination is not in this dossier."))
    with transaction.atomic():
        locked = Dossier.objects.select_for_update(of=("self",)).get(pk=dossier.pk)
        _editable(locked)
        attachment = Attachment(
            dossier=locked,
            nomination=nomination,
            kind=kind,
            original_name=name,
            file_type=file_type,
            size=len(content),
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        attachment.file.save(name, ContentFile(content), save=False)
        try:
            attachment.save()
            record(
                attachment,
                "nominations.attachment.added",
                actor=actor,
                data={"dossier": locked.pk, "kind": kind, "type": file_type, "size": len(content)},
            )
        except Exception:
            attachment.file.delete(save=False)
            raise
    return attachment


def remove_attachment(attachment: Attachment, *, actor: Any) -> None:
    with transaction.atomic():
        locked = Dossier.objects.select_for_update(of=("self",)).get(pk=attachment.dossier_id)
        _editable(locked)
        record(
            locked,
            "nominations.dossier.attachment_removed",
            actor=actor,
            data={"attachment": attachment.pk, "name": attachment.original_name},
        )
        stored = attachment.file
        attachment.delete()
        transaction.on_commit(lambda: stored.delete(save=False))


# -- submitting and appraising ------------------------------------------------------------------


def submit_dossier(dossier: Dossier, *, version: int | None, actor: Any) -> Dossier:
    """Send the dossier to the secretariat: its draft and returned nominations are submitted."""
    with transaction.atomic():
        locked = _claim(dossier.pk, version)
        ensure_dossier_transition(locked.state, DossierState.SUBMITTED)
        pending = list(
            locked.nominations.select_for_update(of=("self",)).filter(
                state__in=(NominationState.DRAFT, NominationState.RETURNED)
            )
        )
        if not pending:
            raise NominationError(
                _("There is nothing to submit: add a nomination (or correct a returned one) first.")
            )
        for nomination in pending:
            nomination.return_reason = (
                "" if nomination.state == NominationState.DRAFT else nomination.return_reason
            )
            _move(nomination, NominationState.SUBMITTED, "submitted", actor=actor)
        locked.submitted_at = timezone.now()
        if locked.memo_date is None:
            locked.memo_date = clock.today()
        locked.return_note = ""
        _move_dossier(
            locked, DossierState.SUBMITTED, "submitted", actor=actor, nominations=len(pending)
        )
    return locked


@dataclass(frozen=True)
class Appraisal:
    accept: bool
    reason: str = ""  # required when returning
    note: str = ""


def appraise_dossier(
    dossier: Dossier,
    decisions: Mapping[int, Appraisal],
    *,
    version: int | None,
    actor: Any,
    note: str = "",
) -> Dossier:
    """Accept or return every submitted nomination; the engine's verdict is stored with each.

    If any nomination is returned, the dossier goes back to the unit with the reasons; else it
    is appraised. Accepting a nomination the engine finds ineligible is the secretariat's call,
    and the stored verdict shows it; accepting beyond a unit's quota is refused (quotas.py)."""
    with transaction.atomic():
        locked = _claim(dossier.pk, version)
        ensure_dossier_transition(locked.state, DossierState.APPRAISED)
        submitted = list(
            locked.nominations.select_for_update(of=("self",))
            .filter(state=NominationState.SUBMITTED)
            .select_related("person", "unit")
        )
        missing = [n for n in submitted if n.pk not in decisions]
        if missing:
            raise NominationError(
                _("Decide on every nomination before finishing the appraisal; %(count)s left.")
                % {"count": len(missing)}
            )
        judged = judge_nominations(submitted, year=locked.year, decision_date=locked.decision_date)
        _check_quotas(
            [n for n in submitted if decisions[n.pk].accept], year=locked.year, regime=judged.regime
        )
        now = timezone.now()
        returned = 0
        for nomination in submitted:
            choice = decisions[nomination.pk]
            judgement = judged.by_nomination[nomination.pk]
            nomination.verdict = judgement.as_snapshot(locked.decision_date)
            nomination.verdict_eligible = (
                judgement.verdict.eligible if judgement.verdict is not None else None
            )
            nomination.appraised_by = actor if getattr(actor, "is_authenticated", False) else None
            nomination.appraised_at = now
            nomination.appraisal_note = choice.note
            if choice.accept:
                nomination.return_reason = ""
                _move(
                    nomination,
                    NominationState.APPRAISED,
                    "accepted",
                    actor=actor,
                    eligible=nomination.verdict_eligible,
                    regime=nomination.verdict.get("regime"),
                )
            else:
                reason = clean_text(choice.reason)
                if not reason:
                    raise NominationError(
                        _("Give the reason for returning the nomination of %(who)s.")
                        % {"who": nomination.subject_name}
                    )
                nomination.return_reason = reason
                returned += 1
                _move(nomination, NominationState.RETURNED, "returned", actor=actor, reason=reason)
        locked.return_note = note
        if returned:
            _move_dossier(locked, DossierState.RETURNED, "returned", actor=actor, returned=returned)
        else:
            _move_dossier(locked, DossierState.APPRAISED, "appraised", actor=actor)
    return locked


def _check_quotas(accepting: list[Nomination], *, year: int, regime: Regime | None) -> None:
    if regime is None or not accepting:
        return
    quotas.lock_units(unit for unit, _award in quotas.capped(accepting, regime))
    found = quotas.breaches(accepting, year=year, regime=regime)
    if found:
        raise NominationError(" ".join(breach.message() for breach in found))


def _complete_if_done(dossier_pk: int, *, actor: Any) -> None:
    dossier = Dossier.objects.select_for_update(of=("self",)).get(pk=dossier_pk)
    if dossier.state != DossierState.APPRAISED:
        return
    if dossier.nominations.exclude(state__in=FINAL_STATES).exists():
        return
    _move_dossier(dossier, DossierState.COMPLETED, "completed", actor=actor)


# -- public disclosure ---------------------------------------------------------------------------


def disclosure_rule(nomination: Nomination) -> DisclosureRule | None:
    """The regime's disclosure requirement for the nomination's award, if any."""
    regime = regime_on(nomination.dossier.decision_date)
    return regime.disclosure_for(nomination.award_code) if regime is not None else None


def open_disclosure(
    nominations: Sequence[Nomination],
    *,
    title: str,
    unit: Unit,
    published_on: dt.date,
    days: int,
    day_unit: str,
    actor: Any,
) -> Disclosure:
    """Publish appraised nominations for comments for a period; the period is at least what
    the regime requires for any award in the list."""
    if not nominations:
        raise NominationError(_("Choose the nominations to publish."))
    if day_unit not in DayUnit.values or days < 1:
        raise NominationError(_("The period must be at least one day."))
    title = clean_text(title)
    if not title:
        raise NominationError(_("Give the list a title."))
    starts_on, ends_on = disclosure_period(published_on, days, day_unit)
    basis = [f"{days} {DayUnit(day_unit).label}, {PERIOD_BASIS}"]
    with transaction.atomic():
        locked = list(
            Nomination.objects.select_for_update(of=("self",))
            .filter(pk__in=[n.pk for n in nominations])
            .select_related("dossier", "person", "unit")
            .order_by("unit__path", "award_code", "id")
        )
        years = {n.year for n in locked}
        if len(years) > 1:
            raise NominationError(_("A list is published for one year of achievement."))
        for nomination in locked:
            rule = disclosure_rule(nomination)
            if rule is None:
                continue
            _required_start, required_end = disclosure_period(published_on, rule.days, rule.unit)
            if ends_on < required_end:
                raise NominationError(
                    _(
                        "“%(award)s” must be published for %(days)s %(unit)s (%(citation)s);"
                        " the period chosen ends on %(end)s, before %(required)s."
                    )
                    % {
                        "award": nomination.award_name,
                        "days": rule.days,
                        "unit": DayUnit(rule.unit).label,
                        "citation": rule.citation,
                        "end": short_date(ends_on),
                        "required": short_date(required_end),
                    }
                )
            basis.append(rule.citation)
        disclosure = Disclosure.objects.create(
            title=title,
            unit=unit,
            year=years.pop(),
            published_on=published_on,
            days=days,
            day_unit=day_unit,
            starts_on=starts_on,
            ends_on=ends_on,
            basis="; ".join(dict.fromkeys(basis))[:300],
            published_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        for nomination in locked:
            nomination.disclosure = disclosure
            _move(
                nomination,
                NominationState.DISCLOSED,
                "disclosed",
                actor=actor,
                disclosure=disclosure.pk,
                until=ends_on.isoformat(),
            )
        record(
            disclosure,
            "nominations.disclosure.published",
            actor=actor,
            data={
                "nominations": len(locked),
                "from": starts_on.isoformat(),
                "until": ends_on.isoformat(),
            },
        )
    return disclosure


def close_disclosure(disclosure: Disclosure, *, actor: Any, today: dt.date | None = None) -> None:
    today = today or clock.today()
    with transaction.atomic():
        locked = Disclosure.objects.select_for_update(of=("self",)).get(pk=disclosure.pk)
        if locked.state != DisclosureState.OPEN:
            raise NominationError(_("This list is already closed."))
        if not locked.has_ended(today):
            raise NominationError(
                _("The period for comments runs until %(date)s; the list cannot be closed before.")
                % {"date": short_date(locked.ends_on)}
            )
        locked.state = DisclosureState.CLOSED
        locked.closed_at = timezone.now()
        locked.save()
        record(locked, "nominations.disclosure.closed", actor=actor)


MAX_COMMENT_CHARS = 3000


def post_comment(
    disclosure: Disclosure,
    *,
    text: str,
    author_name: str = "",
    contact: str = "",
    nomination_id: int | None = None,
    today: dt.date | None = None,
) -> PublicComment:
    """A comment from the public. Accepted while the list is published; one that arrives after
    the period is kept and marked late, for the secretariat to weigh."""
    today = today or clock.today()
    text = (text or "").strip()
    if not clean_text(text):
        raise NominationError(_("Write your comment."))
    if len(text) > MAX_COMMENT_CHARS:
        raise NominationError(
            _("The comment is too long: at most %(limit)s characters.")
            % {"limit": MAX_COMMENT_CHARS}
        )
    with transaction.atomic():
        locked = Disclosure.objects.select_for_update(of=("self",)).get(pk=disclosure.pk)
        if locked.state != DisclosureState.OPEN:
            raise NominationError(_("This list is no longer open for comments."))
        nomination = None
        if nomination_id is not None:
            nomination = locked.nominations.filter(pk=nomination_id).first()
            if nomination is None:
                raise NominationError(_("Choose a name from this list."))
        comment = PublicComment.objects.create(
            disclosure=locked,
            nomination=nomination,
            author_name=author_name[:150],
            contact=contact[:150],
            text=text,
            late=locked.has_ended(today),
        )
        record(
            comment,
            "nominations.publiccomment.received",
            data={"disclosure": locked.pk, "nomination": nomination_id, "late": comment.late},
        )
    return comment


# -- the council and the decision (called by the councils app, inside its transactions) ---------


def readiness_problem(nomination: Nomination, today: dt.date) -> str:
    """Why the nomination may not go before the council yet, or "" when it may."""
    if nomination.state not in (NominationState.APPRAISED, NominationState.DISCLOSED):
        return _("%(who)s (%(award)s) is “%(state)s”, not appraised.") % {
            "who": nomination.subject_name,
            "award": nomination.award_name,
            "state": nomination.get_state_display(),
        }
    rule = disclosure_rule(nomination)
    if nomination.state == NominationState.APPRAISED and rule is not None:
        return _(
            "%(who)s (%(award)s) must first be published for comments for %(days)s %(unit)s"
            " (%(citation)s)."
        ) % {
            "who": nomination.subject_name,
            "award": nomination.award_name,
            "days": rule.days,
            "unit": DayUnit(rule.unit).label,
            "citation": rule.citation,
        }
    disclosure = nomination.disclosure
    if (
        nomination.state == NominationState.DISCLOSED
        and disclosure is not None
        and not disclosure.has_ended(today)
    ):
        return _(
            "%(who)s (%(award)s) is under public disclosure until %(date)s; it can go"
            " before the council from the next day."
        ) % {
            "who": nomination.subject_name,
            "award": nomination.award_name,
            "date": short_date(disclosure.ends_on),
        }
    return ""


def send_to_council(nomination: Nomination, *, actor: Any, session_id: int, today: dt.date) -> None:
    problem = readiness_problem(nomination, today)
    if problem:
        raise NominationError(problem)
    _move(
        nomination, NominationState.AT_COUNCIL, "sent_to_council", actor=actor, session=session_id
    )


def take_off_agenda(nomination: Nomination, *, actor: Any, session_id: int) -> None:
    target = NominationState.DISCLOSED if nomination.disclosure_id else NominationState.APPRAISED
    _move(nomination, target, "taken_off_agenda", actor=actor, session=session_id)


def record_council_result(
    nomination: Nomination, *, approved: bool, actor: Any, data: dict[str, Any]
) -> None:
    if approved:
        _move(nomination, NominationState.APPROVED, "approved", actor=actor, **data)
    else:
        _move(nomination, NominationState.REJECTED, "rejected", actor=actor, **data)
        _complete_if_done(nomination.dossier_id, actor=actor)


def put_in_decision(nomination: Nomination, *, actor: Any, decision: Any) -> None:
    _move(
        nomination, NominationState.IN_DECISION, "put_in_decision", actor=actor, decision=decision
    )


def mark_decided(nomination: Nomination, *, actor: Any, decision: Any) -> None:
    _move(nomination, NominationState.DECIDED, "decided", actor=actor, decision=decision)
    _complete_if_done(nomination.dossier_id, actor=actor)


def sync_with_decisions(*, actor: Any = None) -> int:
    """Follow the decisions: a nomination whose decision line has been signed is decided; one
    whose draft decision was deleted is approved again (waiting for a new draft). Returns how
    many nominations moved. Cheap when nothing changed (one indexed query)."""
    from tdkt.decisions.enums import DecisionStatus

    moved = 0
    waiting = Nomination.objects.filter(state=NominationState.IN_DECISION)
    signed = waiting.filter(decision_line__decision__status=DecisionStatus.SIGNED)
    orphaned = waiting.filter(decision_line__isnull=True)
    if not signed.exists() and not orphaned.exists():
        return 0
    with transaction.atomic():
        for nomination in signed.select_for_update(of=("self",)).select_related(
            "decision_line__decision"
        ):
            line = nomination.decision_line
            assert line is not None
            mark_decided(
                nomination, actor=actor, decision=line.decision.number_text or line.decision_id
            )
            moved += 1
        for nomination in orphaned.select_for_update(of=("self",)):
            _move(nomination, NominationState.APPROVED, "decision_deleted", actor=actor)
            moved += 1
    return moved
