"""Every change to councils and their sessions: the agenda, opening with the attendance, the
secret ballot (or the secretary's tally of paper ballots), closing with the results, and the
approved list turned into draft decisions.

Each function is one transaction that checks the state it starts from, writes, and leaves an
audit entry; a refusal raises `CouncilError` with a message for the user and writes nothing.

Concurrency: votes lock the session row and rely on the one-vote-per-member constraint;
closing is a compare-and-swap (`UPDATE … SET state = 'closed' WHERE state = 'open'` must touch
exactly one row), so a vote either commits before the session closes (and is counted) or sees
it closed (and is refused). On SQLite the settings open every transaction IMMEDIATE, so
writers queue instead of racing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.common import clock
from tdkt.common.actions import RefusedError
from tdkt.common.audit import record
from tdkt.common.formatting import short_date
from tdkt.common.text import clean_text
from tdkt.councils.enums import (
    SESSION_TRANSITIONS,
    BallotMethod,
    Choice,
    ItemResult,
    MemberRole,
    SessionState,
)
from tdkt.councils.models import (
    AgendaItem,
    Attendance,
    Council,
    CouncilMember,
    CouncilSession,
    VoteChoice,
    VoteReceipt,
)
from tdkt.councils.thresholds import Threshold, threshold_for
from tdkt.nominations import services as nomination_services
from tdkt.nominations.enums import AWARD_METHOD_OF_KIND, NominationState
from tdkt.nominations.models import Nomination
from tdkt.nominations.services import NominationError
from tdkt.organisations.models import Unit


class CouncilError(RefusedError):
    """A change that cannot be made; the message says why, for the user."""


def _state_error(session: CouncilSession, target: str) -> CouncilError:
    return CouncilError(
        _("The session is “%(current)s”; it cannot become “%(target)s”.")
        % {"current": session.get_state_display(), "target": SessionState(target).label}
    )


def _lock(session: CouncilSession) -> CouncilSession:
    return (
        CouncilSession.objects.select_for_update(of=("self",))
        .select_related("council")
        .get(pk=session.pk)
    )


def _require(session: CouncilSession, state: str) -> None:
    if session.state != state:
        messages: dict[str, str] = {
            SessionState.PREPARING: _(
                "The session has opened; its agenda and attendance can no longer be changed."
            ),
            SessionState.OPEN: _(
                "The session is not open for voting (it is “%(state)s”); nothing was recorded."
            )
            % {"state": session.get_state_display()},
        }
        raise CouncilError(messages.get(state, _("The session is closed.")))


# -- councils --------------------------------------------------------------------------------


def create_council(*, name: str, unit: Unit, actor: Any, **rules: Any) -> Council:
    name = clean_text(name)
    if not name:
        raise CouncilError(_("Give the council a name."))
    with transaction.atomic():
        council = Council.objects.create(name=name, unit=unit, **rules)
        record(council, "councils.council.created", actor=actor, data={"unit": unit.code})
    return council


def add_member(
    council: Council, *, user: Any, role: str, title: str = "", actor: Any
) -> CouncilMember:
    if role not in MemberRole.values:
        raise CouncilError(_("Choose the member's role."))
    with transaction.atomic():
        if (
            role == MemberRole.CHAIR
            and council.members.filter(role=MemberRole.CHAIR, active=True).exists()
        ):
            raise CouncilError(_("The council already has a chair."))
        order = (council.members.aggregate(last=Max("order"))["last"] or 0) + 1
        try:
            with transaction.atomic():
                member = CouncilMember.objects.create(
                    council=council, user=user, role=role, title=title, order=order
                )
        except IntegrityError as exc:
            raise CouncilError(
                _("%(user)s is already a member of this council.") % {"user": user}
            ) from exc
        record(
            council,
            "councils.council.member_added",
            actor=actor,
            data={"user": user.username, "role": role},
        )
    return member


def active_members(council: Council) -> list[CouncilMember]:
    return list(council.members.filter(active=True).select_related("user").order_by("order", "id"))


# -- sessions ----------------------------------------------------------------------------------


def create_session(
    council: Council,
    *,
    title: str,
    year: int,
    held_on: dt.date,
    actor: Any,
    place: str = "",
    ballot_method: str = BallotMethod.ONLINE,
    start_time: dt.time | None = None,
) -> CouncilSession:
    title = clean_text(title)
    if not title:
        raise CouncilError(_("Give the session a title."))
    if ballot_method not in BallotMethod.values:
        raise CouncilError(_("Choose how the council votes."))
    with transaction.atomic():
        session = CouncilSession.objects.create(
            council=council,
            title=title,
            year=year,
            held_on=held_on,
            place=place,
            ballot_method=ballot_method,
            start_time=start_time,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(
            session,
            "councils.councilsession.created",
            actor=actor,
            data={"council": council.pk, "held_on": held_on.isoformat()},
        )
    return session


def add_to_agenda(
    session: CouncilSession,
    nominations: Sequence[Nomination],
    *,
    actor: Any,
    today: dt.date | None = None,
) -> list[AgendaItem]:
    """Put appraised nominations before the council. RefusedError whole if any may not go yet
    (public disclosure required and not done, or its period not over)."""
    today = today or clock.today()
    if not nominations:
        raise CouncilError(_("Choose the nominations to put before the council."))
    with transaction.atomic():
        locked = _lock(session)
        _require(locked, SessionState.PREPARING)
        rows = list(
            Nomination.objects.select_for_update(of=("self",))
            .filter(pk__in=[n.pk for n in nominations])
            .select_related("dossier", "person", "unit", "disclosure")
            .order_by("unit__path", "award_code", "id")
        )
        order = (locked.items.aggregate(last=Max("order"))["last"] or 0) + 1
        items = []
        for nomination in rows:
            if nomination.year != locked.year:
                raise CouncilError(
                    _("%(who)s is nominated for %(year)s; this session reviews %(session_year)s.")
                    % {
                        "who": nomination.subject_name,
                        "year": nomination.year,
                        "session_year": locked.year,
                    }
                )
            try:
                nomination_services.send_to_council(
                    nomination, actor=actor, session_id=locked.pk, today=today
                )
            except NominationError as exc:
                raise CouncilError(str(exc)) from exc
            items.append(
                AgendaItem.objects.create(session=locked, nomination=nomination, order=order)
            )
            order += 1
        record(
            locked,
            "councils.councilsession.agenda_added",
            actor=actor,
            data={"nominations": [n.pk for n in rows]},
        )
    return items


def remove_from_agenda(item: AgendaItem, *, actor: Any) -> None:
    with transaction.atomic():
        locked = _lock(item.session)
        _require(locked, SessionState.PREPARING)
        nomination = Nomination.objects.select_for_update(of=("self",)).get(pk=item.nomination_id)
        try:
            nomination_services.take_off_agenda(nomination, actor=actor, session_id=locked.pk)
        except NominationError as exc:
            raise CouncilError(str(exc)) from exc
        record(
            locked,
            "councils.councilsession.agenda_removed",
            actor=actor,
            data={"nomination": nomination.pk},
        )
        item.delete()


def open_session(
    session: CouncilSession,
    *,
    present: Iterable[int],
    actor: Any,
    notes: Mapping[int, str] | None = None,
) -> CouncilSession:
    """Record the attendance (member ids present), check the quorum, fix each item's threshold
    and open the ballot."""
    notes = notes or {}
    with transaction.atomic():
        locked = _lock(session)
        if SessionState.OPEN not in SESSION_TRANSITIONS[locked.state]:
            raise _state_error(locked, SessionState.OPEN)
        members = active_members(locked.council)
        if not members:
            raise CouncilError(_("The council has no members."))
        items = list(locked.items.select_related("nomination", "nomination__dossier"))
        if not items:
            raise CouncilError(_("Put at least one nomination on the agenda first."))
        here = set(present)
        unknown = here - {m.pk for m in members}
        if unknown:
            raise CouncilError(_("Only members of this council can be marked present."))
        council = locked.council
        if not council.quorum_met(len(here), len(members)):
            raise CouncilError(
                _(
                    "No quorum: %(present)s of %(members)s members are present; at least"
                    " %(numerator)s/%(denominator)s of the members are needed."
                )
                % {
                    "present": len(here),
                    "members": len(members),
                    "numerator": council.quorum_numerator,
                    "denominator": council.quorum_denominator,
                }
            )
        Attendance.objects.bulk_create(
            Attendance(
                session=locked,
                member=member,
                present=member.pk in here,
                note=clean_text(notes.get(member.pk, ""))[:200],
            )
            for member in members
        )
        for item in items:
            threshold = threshold_for(
                council, item.nomination.award_code, item.nomination.dossier.decision_date
            )
            item.threshold_pct = threshold.pct
            item.threshold_base = threshold.base
            item.threshold_strict = threshold.strict
            item.threshold_basis = threshold.basis[:300]
            item.save()
        changed = CouncilSession.objects.filter(pk=locked.pk, state=SessionState.PREPARING).update(
            state=SessionState.OPEN,
            opened_at=timezone.now(),
            members_total=len(members),
            members_present=len(here),
        )
        if changed != 1:
            raise _state_error(locked, SessionState.OPEN)
        record(
            locked,
            "councils.councilsession.opened",
            actor=actor,
            data={"members": len(members), "present": len(here), "items": len(items)},
        )
    locked.refresh_from_db()
    return locked


def member_of(council: Council, user: Any) -> CouncilMember | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return council.members.filter(user=user, active=True).first()


def cast_ballot(session: CouncilSession, *, user: Any, choices: Mapping[int, str]) -> int:
    """A member's secret ballot: one choice per agenda item (items left out are not voted).

    Writes, per item, a receipt (member, item) and an anonymous choice (item, choice) in the
    same transaction. RefusedError whole if the session is not open, the member has voted on any of
    the items already, or a choice is not agree/disagree."""
    if not choices:
        raise CouncilError(_("Mark your choice for at least one nomination."))
    if any(choice not in Choice.values for choice in choices.values()):
        raise CouncilError(_("A ballot choice is either agree or disagree."))
    try:
        with transaction.atomic():
            locked = _lock(session)
            _require(locked, SessionState.OPEN)
            if locked.ballot_method != BallotMethod.ONLINE:
                raise CouncilError(
                    _("This session votes on paper; the secretary enters the tally.")
                )
            member = member_of(locked.council, user)
            if member is None:
                raise CouncilError(_("Only members of the council vote."))
            items = {item.pk: item for item in locked.items.filter(pk__in=list(choices))}
            if len(items) != len(choices):
                raise CouncilError(
                    _("A nomination on your ballot is not on this session's agenda.")
                )
            already = VoteReceipt.objects.filter(member=member, item_id__in=list(items)).exists()
            if already:
                raise CouncilError(
                    _("You have already voted on this nomination; a vote cannot be cast twice.")
                )
            # Receipts in item order, choices in a random order of keys: the two lists do not
            # line up.
            VoteReceipt.objects.bulk_create(
                VoteReceipt(item_id=pk, member=member) for pk in sorted(items)
            )
            VoteChoice.objects.bulk_create(
                VoteChoice(item_id=pk, choice=choices[pk]) for pk in sorted(items)
            )
            # The audit says who voted on what, never how.
            record(
                locked,
                "councils.councilsession.ballot_cast",
                actor=user,
                data={"items": sorted(items)},
            )
    except IntegrityError as exc:
        # The same member voting twice at the same moment: the constraint keeps one.
        raise CouncilError(
            _("You have already voted on this nomination; a vote cannot be cast twice.")
        ) from exc
    return len(choices)


def enter_tally(item: AgendaItem, *, agree: int, disagree: int, actor: Any) -> AgendaItem:
    """The secretary's count of the paper ballots for one item."""
    if agree < 0 or disagree < 0:
        raise CouncilError(_("Counts of ballots cannot be negative."))
    with transaction.atomic():
        locked = _lock(item.session)
        _require(locked, SessionState.OPEN)
        if locked.ballot_method != BallotMethod.PAPER:
            raise CouncilError(_("This session votes online; its votes are counted by the system."))
        if agree + disagree > locked.members_total:
            raise CouncilError(
                _("%(count)s ballots counted, but the council has %(members)s members.")
                % {"count": agree + disagree, "members": locked.members_total}
            )
        row = AgendaItem.objects.select_for_update(of=("self",)).get(pk=item.pk, session=locked)
        row.paper_agree = agree
        row.paper_disagree = disagree
        row.save()
        record(
            locked,
            "councils.councilsession.tally_entered",
            actor=actor,
            data={"item": row.pk, "agree": agree, "disagree": disagree},
        )
    return row


def _threshold(item: AgendaItem) -> Threshold:
    assert item.threshold_pct is not None
    return Threshold(
        pct=item.threshold_pct,
        base=item.threshold_base,
        strict=item.threshold_strict,
        basis=item.threshold_basis,
        source="session",
    )


def close_session(
    session: CouncilSession, *, actor: Any, end_time: dt.time | None = None
) -> CouncilSession:
    """Close the ballot by compare-and-swap, count, and decide each item against its
    threshold; approved and rejected nominations move on in the same transaction."""
    with transaction.atomic():
        closed = CouncilSession.objects.filter(pk=session.pk, state=SessionState.OPEN).update(
            state=SessionState.CLOSED, closed_at=timezone.now(), end_time=end_time
        )
        if closed != 1:
            current = CouncilSession.objects.get(pk=session.pk)
            raise CouncilError(
                _("The session is “%(state)s”, not open; it cannot be closed.")
                % {"state": current.get_state_display()}
            )
        locked = _lock(session)
        items = list(
            locked.items.select_related("nomination", "nomination__dossier").order_by("order")
        )
        counts: dict[int, dict[str, int]] = defaultdict(dict)
        for row in (
            VoteChoice.objects.filter(item__session=locked)
            .values("item_id", "choice")
            .annotate(n=Count("id"))
        ):
            counts[row["item_id"]][row["choice"]] = row["n"]
        summary = {ItemResult.APPROVED: 0, ItemResult.NOT_APPROVED: 0}
        for item in items:
            if locked.ballot_method == BallotMethod.PAPER:
                if item.paper_agree is None or item.paper_disagree is None:
                    raise CouncilError(
                        _("Enter the tally of the paper ballots for %(who)s before closing.")
                        % {"who": item.nomination.subject_name}
                    )
                agree, cast = item.paper_agree, item.paper_agree + item.paper_disagree
            else:
                agree = counts[item.pk].get(Choice.AGREE, 0)
                cast = agree + counts[item.pk].get(Choice.DISAGREE, 0)
            threshold = _threshold(item)
            approved = threshold.passes(agree, locked.members_total, locked.members_present)
            item.agree = agree
            item.votes_cast = cast
            item.base_count = threshold.base_count(locked.members_total, locked.members_present)
            item.result = ItemResult.APPROVED if approved else ItemResult.NOT_APPROVED
            item.save()
            summary[item.result] += 1
            nomination = Nomination.objects.select_for_update(of=("self",)).get(
                pk=item.nomination_id
            )
            nomination_services.record_council_result(
                nomination,
                approved=approved,
                actor=actor,
                data={
                    "session": locked.pk,
                    "agree": agree,
                    "of": item.base_count,
                    "threshold": str(threshold.pct),
                },
            )
        record(
            locked,
            "councils.councilsession.closed",
            actor=actor,
            data={
                "approved": summary[ItemResult.APPROVED],
                "not_approved": summary[ItemResult.NOT_APPROVED],
            },
        )
    locked.refresh_from_db()
    return locked


def ballot_progress(session: CouncilSession) -> dict[int, int]:
    """item -> how many members have voted on it (not how)."""
    return dict(
        VoteReceipt.objects.filter(item__session=session)
        .values_list("item_id")
        .annotate(n=Count("id"))
        .values_list("item_id", "n")
    )


# -- from the council's result to draft decisions ----------------------------------------------


def draft_decisions(
    session: CouncilSession,
    *,
    decision_date: dt.date,
    signer_name: str,
    signer_title: str,
    actor: Any,
    issuer: Unit | None = None,
) -> list[Any]:
    """The approved nominations of a closed session as draft award decisions of the council's
    body, one per award (and per method of commendation), through the decisions app; each
    nomination then points at its line of the attached list."""
    from tdkt.decisions.services import DecisionError, LineInput, draft_decision

    issuer = issuer or session.council.unit
    with transaction.atomic():
        locked = _lock(session)
        if not locked.is_closed:
            raise CouncilError(_("Close the session before drafting its decisions."))
        approved = list(
            Nomination.objects.select_for_update(of=("self",))
            .filter(
                agenda_items__session=locked,
                agenda_items__result=ItemResult.APPROVED,
                state=NominationState.APPROVED,
            )
            .select_related("dossier", "person", "unit")
            .order_by("award_code", "id")
        )
        if not approved:
            raise CouncilError(_("No approved nomination of this session waits for a decision."))
        groups: dict[tuple[str, str], list[Nomination]] = defaultdict(list)
        for nomination in approved:
            method = AWARD_METHOD_OF_KIND[nomination.dossier.kind]
            groups[(nomination.award_code, method)].append(nomination)
        proposal = (
            f"Xét đề nghị của {session.council.name} tại phiên họp ngày"
            f" {short_date(locked.held_on)},"
        )
        decisions = []
        for (award, method), group in groups.items():
            try:
                decision = draft_decision(
                    issuer=issuer,
                    year=locked.year,
                    decision_date=decision_date,
                    signer_name=signer_name,
                    signer_title=signer_title,
                    award_code=award,
                    method=method,
                    proposal=proposal,
                    lines=[
                        LineInput(
                            person=n.person,
                            unit=None if n.person_id else n.unit,
                            award_code=award,
                            achievement=_line_achievement(n),
                            position_text=n.position,
                        )
                        for n in group
                    ],
                    actor=actor,
                )
            except DecisionError as exc:
                raise CouncilError(str(exc)) from exc
            lines = {
                (line.person_id, line.unit_id, line.award_code): line
                for line in decision.lines.all()
            }
            for nomination in group:
                key = (
                    nomination.person_id,
                    None if nomination.person_id else nomination.unit_id,
                    award,
                )
                nomination.decision_line = lines[key]
                nomination_services.put_in_decision(nomination, actor=actor, decision=decision.pk)
            decisions.append(decision)
        record(
            locked,
            "councils.councilsession.decisions_drafted",
            actor=actor,
            data={
                "decisions": [d.pk for d in decisions],
                "awards": sorted({a for a, _m in groups}),
            },
        )
    return decisions


def _line_achievement(nomination: Nomination) -> str:
    first_line = (nomination.achievement or "").split("\n", 1)[0]
    return first_line[:500] or f"Đã có thành tích trong năm {nomination.year}"


def agenda_candidates(
    session: CouncilSession, today: dt.date | None = None
) -> list[tuple[Nomination, str]]:
    """Nominations of the session's year that could go on its agenda, each with the reason
    it may not yet ("" when it may)."""
    today = today or clock.today()
    rows = (
        Nomination.objects.filter(
            Q(state=NominationState.APPRAISED) | Q(state=NominationState.DISCLOSED),
            year=session.year,
        )
        .select_related("dossier", "dossier__unit", "person", "unit", "disclosure")
        .order_by("unit__path", "award_code", "id")
    )
    return [(n, nomination_services.readiness_problem(n, today)) for n in rows]
