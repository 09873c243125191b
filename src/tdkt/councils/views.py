"""Pages of councils and their sessions: the agenda, the attendance, the secret ballot, the
tally, the results, the minutes and the draft decisions.

Each view: scope lookup (404 outside it) → permission (403) → form → one service call through
`common.actions.attempt` → message → redirect.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.awards.catalogue import award_name
from tdkt.common import clock
from tdkt.common.actions import attempt, report_form_errors
from tdkt.councils import services
from tdkt.councils.documents import minutes
from tdkt.councils.enums import BallotMethod, ItemResult, MemberRole, SessionState
from tdkt.councils.forms import (
    AgendaForm,
    BallotForm,
    DraftDecisionsForm,
    OpenForm,
    SessionForm,
    TallyForm,
)
from tdkt.councils.models import VoteReceipt
from tdkt.councils.permissions import can_run, membership
from tdkt.councils.queries import (
    councils_for,
    get_council_or_404,
    get_item_or_404,
    get_session_or_404,
    result_rows,
)
from tdkt.councils.thresholds import threshold_for
from tdkt.documents.http import docx_response
from tdkt.nominations.enums import NominationState
from tdkt.nominations.models import Nomination
from tdkt.nominations.services import sync_with_decisions

Request = Any


@login_required
def council_list(request: Request) -> HttpResponse:
    councils = list(councils_for(request.user).select_related("unit"))
    return render(
        request,
        "councils/list.html",
        {
            "councils": [
                (c, c.sessions.order_by("-held_on", "-id")[:20], can_run(request.user, c))
                for c in councils
            ]
        },
    )


@login_required
def council_detail(request: Request, pk: int) -> HttpResponse:
    council = get_council_or_404(request.user, pk)
    run = can_run(request.user, council)
    form = SessionForm(request.POST or None)
    if request.method == "POST":
        if not run:
            raise PermissionDenied
        if form.is_valid() and (
            created := attempt(
                request,
                lambda: services.create_session(
                    council,
                    title=form.cleaned_data["title"],
                    year=form.cleaned_data["year"],
                    held_on=form.cleaned_data["held_on"],
                    start_time=form.cleaned_data["start_time"],
                    place=form.cleaned_data["place"],
                    ballot_method=form.cleaned_data["ballot_method"],
                    actor=request.user,
                ),
                form=form,
                success=_("The session has been created; set its agenda."),
            )
        ):
            return redirect("councils:session", created.value.pk)
    # Thresholds for the year the council last met about (else the current one), decided early
    # in the following year.
    latest = council.sessions.order_by("-year").values_list("year", flat=True).first()
    day = dt.date((latest or clock.today().year) + 1, 1, 15)
    awards = ("lao_dong_tien_tien", "cstd_co_so", "tap_the_ldtt", "cstd_cap_tinh")
    return render(
        request,
        "councils/council.html",
        {
            "council": council,
            "members": council.members.filter(active=True).select_related("user"),
            "sessions": council.sessions.order_by("-held_on", "-id"),
            "form": form,
            "can_run": run,
            "thresholds": [
                (award_name(code), threshold_for(council, code, day)) for code in awards
            ],
            "threshold_day": day,
        },
    )


@login_required
def session_detail(request: Request, pk: int) -> HttpResponse:
    sync_with_decisions()
    session = get_session_or_404(request.user, pk)
    council = session.council
    user = request.user
    run = can_run(user, council)
    member = membership(user, council)
    items = list(
        session.items.select_related(
            "nomination",
            "nomination__person",
            "nomination__unit",
            "nomination__dossier",
            "nomination__unit__parent",
            "nomination__disclosure",
        ).order_by("order", "id")
    )
    context: dict[str, Any] = {
        "session": session,
        "council": council,
        "items": items,
        "can_run": run,
        "member": member,
        "results": result_rows(session) if session.is_closed else [],
        "progress": services.ballot_progress(session) if session.is_open else {},
    }
    if session.state == SessionState.PREPARING and run:
        candidates = services.agenda_candidates(session)
        ready = Nomination.objects.filter(pk__in=[n.pk for n, problem in candidates if not problem])
        context["candidates"] = candidates
        context["agenda_form"] = AgendaForm(ready=ready)
        context["open_form"] = OpenForm(members=services.active_members(council))
    if session.is_open and session.ballot_method == BallotMethod.ONLINE and member is not None:
        voted = set(
            VoteReceipt.objects.filter(member=member, item__session=session).values_list(
                "item_id", flat=True
            )
        )
        open_items = [item for item in items if item.pk not in voted]
        context["voted_count"] = len(voted)
        if open_items:
            context["ballot_form"] = BallotForm(items=open_items)
    if session.is_open and session.ballot_method == BallotMethod.PAPER and run:
        context["tally_forms"] = [
            (
                item,
                TallyForm(
                    prefix=f"t{item.pk}",
                    initial={"agree": item.paper_agree, "disagree": item.paper_disagree},
                ),
            )
            for item in items
        ]
    if session.is_closed and run:
        waiting = [
            item
            for item in items
            if item.result == ItemResult.APPROVED
            and item.nomination.state == NominationState.APPROVED
        ]
        if waiting:
            chair = (
                council.members.filter(role=MemberRole.CHAIR, active=True)
                .select_related("user")
                .first()
            )
            context["waiting_decision"] = waiting
            context["decisions_form"] = DraftDecisionsForm(
                initial={
                    "decision_date": max(clock.today(), session.held_on),
                    "signer_name": chair.user.full_name if chair else "",
                    "signer_title": "CHỦ TỊCH",
                }
            )
    in_decision = [item for item in items if item.nomination.decision_line_id]
    context["in_decision"] = in_decision
    return render(request, "councils/session.html", context)


def _run_action(request: Request, pk: int) -> Any:
    session = get_session_or_404(request.user, pk)
    if not can_run(request.user, session.council):
        raise PermissionDenied
    return session


@login_required
@require_POST
def agenda_add(request: Request, pk: int) -> HttpResponse:
    session = _run_action(request, pk)
    candidates = services.agenda_candidates(session)
    ready = Nomination.objects.filter(pk__in=[n.pk for n, problem in candidates if not problem])
    # Any appraised nomination of the year may be posted; the service says why one may not go.
    form = AgendaForm(
        request.POST,
        ready=Nomination.objects.filter(
            year=session.year,
            state__in=(NominationState.APPRAISED, NominationState.DISCLOSED),
        )
        | ready,
    )
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("councils:session", pk)
    attempt(
        request,
        lambda: services.add_to_agenda(
            session, list(form.cleaned_data["nominations"]), actor=request.user
        ),
        success=lambda items: _("%(count)s nominations put on the agenda.") % {"count": len(items)},
    )
    return redirect("councils:session", pk)


@login_required
@require_POST
def agenda_remove(request: Request, pk: int) -> HttpResponse:
    item = get_item_or_404(request.user, pk)
    if not can_run(request.user, item.session.council):
        raise PermissionDenied
    attempt(request, lambda: services.remove_from_agenda(item, actor=request.user))
    return redirect("councils:session", item.session_id)


@login_required
@require_POST
def session_open(request: Request, pk: int) -> HttpResponse:
    session = _run_action(request, pk)
    form = OpenForm(request.POST, members=services.active_members(session.council))
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("councils:session", pk)
    notes = {m.pk: form.cleaned_data.get(f"note_{m.pk}", "") for m in form.members}
    attempt(
        request,
        lambda: services.open_session(
            session,
            present=[m.pk for m in form.cleaned_data["present"]],
            notes=notes,
            actor=request.user,
        ),
        success=_("The session is open: members can vote."),
    )
    return redirect("councils:session", pk)


@login_required
@require_POST
def ballot(request: Request, pk: int) -> HttpResponse:
    session = get_session_or_404(request.user, pk)
    items = list(
        session.items.select_related("nomination", "nomination__person", "nomination__unit")
    )
    form = BallotForm(request.POST, items=items)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("councils:session", pk)
    attempt(
        request,
        lambda: services.cast_ballot(session, user=request.user, choices=form.choices()),
        success=lambda count: (
            _("Your ballot has been recorded (%(count)s nominations).") % {"count": count}
        ),
    )
    return redirect("councils:session", pk)


@login_required
@require_POST
def tally(request: Request, pk: int) -> HttpResponse:
    item = get_item_or_404(request.user, pk)
    if not can_run(request.user, item.session.council):
        raise PermissionDenied
    form = TallyForm(request.POST, prefix=f"t{item.pk}")
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("councils:session", item.session_id)
    attempt(
        request,
        lambda: services.enter_tally(
            item,
            agree=form.cleaned_data["agree"],
            disagree=form.cleaned_data["disagree"],
            actor=request.user,
        ),
        success=_("The tally has been saved."),
    )
    return redirect("councils:session", item.session_id)


@login_required
@require_POST
def session_close(request: Request, pk: int) -> HttpResponse:
    session = _run_action(request, pk)
    attempt(
        request,
        lambda: services.close_session(session, actor=request.user),
        success=_("The session is closed and the results are recorded."),
    )
    return redirect("councils:session", pk)


@login_required
def minutes_docx(request: Request, pk: int) -> HttpResponse:
    session = get_session_or_404(request.user, pk)
    return docx_response(minutes(session), f"Bien ban {session.title}")


@login_required
@require_POST
def decisions_draft(request: Request, pk: int) -> HttpResponse:
    session = _run_action(request, pk)
    form = DraftDecisionsForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("councils:session", pk)
    attempt(
        request,
        lambda: services.draft_decisions(
            session,
            decision_date=form.cleaned_data["decision_date"],
            signer_name=form.cleaned_data["signer_name"],
            signer_title=form.cleaned_data["signer_title"],
            actor=request.user,
        ),
        success=lambda decisions: (
            _("%(count)s draft decisions have been made from the approved list.")
            % {"count": len(decisions)}
        ),
    )
    return redirect("councils:session", pk)
