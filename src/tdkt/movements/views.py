"""Pages of movements, registrations, pledges, progress and group scoring.

Each view: scope lookup (404 outside it) → permission (403) → form → one service call through
`common.actions.attempt` → message → redirect. Services raise MovementError with the user's
message; nothing is saved then.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import get_unit_or_404, unit_in_scope, units_for
from tdkt.common import clock
from tdkt.common.actions import attempt, posted, report_form_errors
from tdkt.documents.http import docx_response
from tdkt.documents.numbers import decimal_vi
from tdkt.movements import charts, services
from tdkt.movements.documents import launch_plan, pledge_document
from tdkt.movements.enums import (
    REPORT_CLOSE_DAYS,
    REPORT_DUE_DAYS,
    Period,
    SheetStatus,
    SignatoryRole,
)
from tdkt.movements.forms import (
    CriterionForm,
    KeyTaskForm,
    LaunchForm,
    MovementForm,
    PledgeForm,
    PledgeTargetForm,
    ProposalForm,
    RegistrationForm,
    ReminderForm,
    ReportForm,
    ScoresForm,
    ScoreSheetForm,
    SignForm,
    TargetForm,
)
from tdkt.movements.legal import registration_is_legal_condition
from tdkt.movements.models import (
    KeyTask,
    Movement,
    MovementTarget,
    Pledge,
    PledgeTarget,
    ProgressReport,
    ScoreEntry,
)
from tdkt.movements.permissions import can_act_for, can_manage, can_review, group_head
from tdkt.movements.queries import (
    current_pledges,
    get_movement_or_404,
    get_pledge_or_404,
    get_sheet_or_404,
    late_reports,
    leader_nomination,
    movement_completion,
    movements_for,
    pledge_progress,
    registration_overview,
    reminders_for_unit,
    scope_unit_ids,
    unit_completion,
)
from tdkt.movements.scoring import CAP

Request = Any  # an HttpRequest whose user is a tdkt User


def _require_manage(request: Request) -> None:
    if not can_manage(request.user):
        raise PermissionDenied


def _percent(share: Decimal | None) -> str:
    return "—" if share is None else f"{round(share * 100)} %"


# -- movements -----------------------------------------------------------------------------


def _form_page(
    request: Request, form: Any, title: Any, back_url: str, groups_year: int | None = None
) -> HttpResponse:
    """The one form page every movement, pledge and score-sheet form is shown on; a form that
    chooses an emulation group links to the year's groups (`groups_year`)."""
    return render(
        request,
        "movements/form.html",
        {"form": form, "title": title, "back_url": back_url, "groups_year": groups_year},
    )


@login_required
def movement_list(request: Request) -> HttpResponse:
    movements = movements_for(request.user).select_related("launched_by").order_by("-year", "name")
    year = request.GET.get("year", "")
    if year.isdigit():
        movements = movements.filter(year=int(year))
    return render(
        request,
        "movements/list.html",
        {
            "movements": movements,
            "year": year,
            "can_manage": can_manage(request.user),
            "late": late_reports(request.user, clock.today())[:50],
        },
    )


def _movement_form(request: Request, movement: Movement | None) -> HttpResponse:
    _require_manage(request)
    units = units_for(request.user)
    form = MovementForm(request.POST or None, instance=movement, units=units)
    if posted(request, form) and (
        saved := attempt(
            request,
            lambda: services.save_movement(
                form.save(commit=False), form.cleaned_data["covered_units"], actor=request.user
            ),
            form=form,
            success=_("The movement has been saved."),
        )
    ):
        return redirect("movements:detail", saved.value.pk)
    return _form_page(
        request,
        form,
        _("Edit the movement") if movement else _("Launch a new movement"),
        (
            reverse("movements:detail", args=[movement.pk])
            if movement
            else reverse("movements:list")
        ),
    )


@login_required
def movement_create(request: Request) -> HttpResponse:
    return _movement_form(request, None)


@login_required
def movement_edit(request: Request, pk: int) -> HttpResponse:
    movement = get_movement_or_404(request.user, pk)
    if not movement.is_draft:
        messages.error(
            request, _("This movement has been launched; its plan can no longer be changed.")
        )
        return redirect("movements:detail", pk)
    return _movement_form(request, movement)


@login_required
def movement_detail(request: Request, pk: int) -> HttpResponse:
    movement = get_movement_or_404(request.user, pk)
    user = request.user
    unit_ids = scope_unit_ids(user)
    manage = can_manage(user)
    overview = registration_overview(movement, None if manage else unit_ids)
    pledges = list(movement.pledges.select_related("unit", "group").order_by("title", "version"))
    if not manage and unit_ids is not None:
        visible = {
            p.pk for p in pledges if p.unit_id in unit_ids or p.launching_body_id in unit_ids
        }
        visible |= {
            p.pk
            for p in pledges
            if p.group_id and p.group.memberships.filter(unit_id__in=unit_ids).exists()  # type: ignore[union-attr]
        }
        pledges = [p for p in pledges if p.pk in visible]
    completion = movement_completion(movement)
    rule = registration_is_legal_condition(movement.registration_deadline or movement.starts_on)
    context = {
        "movement": movement,
        "can_manage": manage,
        "overview": overview,
        "registered": sum(1 for row in overview if row.registered),
        "pledges": pledges,
        "in_force": {p.pk for p in current_pledges(movement)},
        "reminders": reminders_for_unit(movement, unit_ids) if not manage else [],
        "registration_rule": rule,
        "completion_chart": charts.gauge(
            _("Overall completion of the movement's pledged targets"),
            completion,
            _percent(completion),
        ),
        "has_completion": completion is not None,
        "task_form": KeyTaskForm(),
        "target_form": TargetForm(),
        "launch_form": LaunchForm(initial={"plan_date": clock.today()}),
        "remind_form": ReminderForm(),
        "today": clock.today(),
    }
    return render(request, "movements/detail.html", context)


def _draft_action(request: Request, pk: int) -> Movement:
    _require_manage(request)
    return get_movement_or_404(request.user, pk)


@login_required
@require_POST
def task_add(request: Request, pk: int) -> HttpResponse:
    movement = _draft_action(request, pk)
    form = KeyTaskForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.add_key_task(movement, form.cleaned_data["text"], actor=request.user),
        )
    else:
        messages.error(request, _("Write the key task."))
    return redirect("movements:detail", pk)


@login_required
@require_POST
def task_remove(request: Request, pk: int) -> HttpResponse:
    task = get_object_or_404(KeyTask, pk=pk)
    movement = _draft_action(request, task.movement_id)
    attempt(request, lambda: services.remove_key_task(task, actor=request.user))
    return redirect("movements:detail", movement.pk)


@login_required
def movement_target_add(request: Request, pk: int) -> HttpResponse:
    movement = _draft_action(request, pk)
    form = TargetForm(request.POST or None)

    def add() -> None:
        data = form.cleaned_data
        target = MovementTarget(
            movement=movement,
            name=data["name"],
            unit_of_measure=data["unit_of_measure"],
            planned_value=data["planned_value"],
            direction=data["direction"],
            weight=data["weight"] or Decimal(1),
        )
        services.add_movement_target(target, actor=request.user)

    if posted(request, form) and attempt(
        request, add, form=form, success=_("The target has been added.")
    ):
        return redirect("movements:detail", pk)
    return _form_page(
        request,
        form,
        _("Add a target to %(name)s") % {"name": movement.name},
        reverse("movements:detail", args=[pk]),
    )


@login_required
@require_POST
def movement_target_remove(request: Request, pk: int) -> HttpResponse:
    target = get_object_or_404(MovementTarget, pk=pk)
    movement = _draft_action(request, target.movement_id)
    attempt(request, lambda: services.remove_movement_target(target, actor=request.user))
    return redirect("movements:detail", movement.pk)


@login_required
@require_POST
def movement_launch(request: Request, pk: int) -> HttpResponse:
    movement = _draft_action(request, pk)
    form = LaunchForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("movements:detail", pk)
    attempt(
        request,
        lambda: services.launch_movement(
            movement,
            plan_number=form.cleaned_data["plan_number"],
            plan_date=form.cleaned_data["plan_date"],
            actor=request.user,
        ),
        success=_("The movement has been launched; units can now register."),
    )
    return redirect("movements:detail", pk)


@login_required
@require_POST
def movement_close(request: Request, pk: int) -> HttpResponse:
    movement = _draft_action(request, pk)
    attempt(request, lambda: services.close_movement(movement, actor=request.user))
    return redirect("movements:detail", pk)


@login_required
def plan_docx(request: Request, pk: int) -> HttpResponse:
    movement = get_movement_or_404(request.user, pk)
    return docx_response(launch_plan(movement), f"Ke hoach {movement.plan_number or movement.name}")


# -- registration --------------------------------------------------------------------------


@login_required
def register_unit(request: Request, pk: int, unit_pk: int) -> HttpResponse:
    movement = get_movement_or_404(request.user, pk)
    unit = get_unit_or_404(request.user, unit_pk)
    if not can_act_for(request.user, unit):
        raise PermissionDenied
    if not movement.covered_units.filter(pk=unit.pk).exists():
        raise Http404
    existing = movement.registrations.filter(unit=unit).prefetch_related("entries").first()
    initial_entries = (
        [(e.award_code, e.person_id) for e in existing.entries.all()] if existing else []
    )
    people = list(services.people_of_unit(unit, movement.year).order_by("sort_key"))
    form = RegistrationForm(
        request.POST or None,
        people=people,
        initial_entries=initial_entries,
        initial={"note": existing.note if existing else ""},
    )
    if posted(request, form) and (
        done := attempt(
            request,
            lambda: services.register(
                movement, unit, form.entries(), note=form.cleaned_data["note"], actor=request.user
            ),
            form=form,
        )
    ):
        if done.value.is_late:
            messages.warning(
                request, _("Registered after the deadline; it is recorded and shown as late.")
            )
        else:
            messages.success(request, _("The registration has been recorded."))
        return redirect("movements:detail", pk)
    return render(
        request,
        "movements/register.html",
        {
            "movement": movement,
            "unit": unit,
            "form": form,
            "rule": registration_is_legal_condition(
                movement.registration_deadline or movement.starts_on
            ),
        },
    )


@login_required
@require_POST
def remind_unit(request: Request, pk: int, unit_pk: int) -> HttpResponse:
    _require_manage(request)
    movement = get_movement_or_404(request.user, pk)
    unit = get_unit_or_404(request.user, unit_pk)
    form = ReminderForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.remind(
                movement,
                unit,
                kind=form.cleaned_data["kind"],
                message=form.cleaned_data["message"],
                actor=request.user,
            ),
            success=_("Reminder recorded for %(unit)s.") % {"unit": unit.name},
        )
    else:
        messages.error(request, _("Choose what the reminder is about."))
    return redirect("movements:detail", pk)


# -- pledges -------------------------------------------------------------------------------


@login_required
def pledge_create(request: Request, pk: int) -> HttpResponse:
    _require_manage(request)
    movement = get_movement_or_404(request.user, pk)
    form = PledgeForm(
        request.POST or None,
        units=movement.covered_units.filter(pk__in=units_for(request.user).values("pk")),
        groups=services.group_for_pledge_choices(movement),
        initial={"title": f"Bản giao ước thi đua năm {movement.year}"},
    )
    if posted(request, form):
        pledge = form.save(commit=False)
        pledge.movement = movement
        pledge.year = movement.year
        if attempt(
            request,
            lambda: services.create_pledge(pledge, actor=request.user),
            form=form,
            success=_("The pledge has been drafted; add its targets, then sign it."),
        ):
            return redirect("movements:pledge", pledge.pk)
    return _form_page(
        request,
        form,
        _("New pledge for %(name)s") % {"name": movement.name},
        reverse("movements:detail", args=[pk]),
        groups_year=movement.year,
    )


@login_required
def pledge_detail(request: Request, pk: int) -> HttpResponse:
    pledge = get_pledge_or_404(request.user, pk)
    user = request.user
    manage = can_manage(user)
    unit_ids = None if manage else scope_unit_ids(user)
    rows = pledge_progress(pledge, unit_ids)
    signatories = list(pledge.signatories.select_related("unit"))
    own_units = [
        s.unit
        for s in signatories
        if s.role != SignatoryRole.LAUNCHING and can_act_for(user, s.unit)
    ]
    bars = charts.target_bars(
        [
            (
                f"{row.target.name} – {row.target.unit.short_name or row.target.unit.name}"
                if pledge.group_id
                else row.target.name,
                row.ratio,
                (
                    f"{decimal_vi(row.latest.actual_value)} / "
                    f"{decimal_vi(row.target.planned_value)} {row.target.unit_of_measure}"
                    if row.latest
                    else _("not reported")
                ),
            )
            for row in rows
        ]
    )
    comparison = unit_completion(pledge, unit_ids) if pledge.group_id else []
    versions = []
    cursor: Pledge | None = pledge
    while cursor is not None and cursor.previous_id:
        cursor = Pledge.objects.get(pk=cursor.previous_id)
        versions.append(cursor)
    newer = Pledge.objects.filter(previous=pledge).first()
    context = {
        "pledge": pledge,
        "can_manage": manage,
        "rows": rows,
        "signatories": signatories,
        "own_units": own_units,
        "progress_chart": charts.bar_chart(
            _("Progress of each target against its plan"), bars, plan_at=1 / CAP
        )
        if bars
        else "",
        "comparison_chart": charts.bar_chart(
            _("Completion of the pledged targets, unit by unit"),
            [
                charts.Bar(
                    u.short_name or u.name, share, _percent(share), charts.ratio_colour(share)
                )
                for u, share in comparison
            ],
        )
        if comparison
        else "",
        "target_form": PledgeTargetForm(units=services.reporting_units(pledge)),
        "older": versions,
        "newer": newer,
        "sheets": list(pledge.score_sheets.all()),
        "periods": [
            (p.value, p.label) for p in Period if any(p.value in row.reports for row in rows)
        ],
    }
    return render(request, "movements/pledge.html", context)


def _editable_pledge(request: Request, pk: int) -> Pledge:
    _require_manage(request)
    return get_pledge_or_404(request.user, pk)


@login_required
def pledge_target_add(request: Request, pk: int) -> HttpResponse:
    pledge = _editable_pledge(request, pk)
    form = PledgeTargetForm(request.POST or None, units=services.reporting_units(pledge))

    def add() -> None:
        data = form.cleaned_data
        services.add_pledge_target(
            pledge,
            unit=form.chosen_unit(),
            name=data["name"],
            unit_of_measure=data["unit_of_measure"],
            planned_value=data["planned_value"],
            direction=data["direction"],
            weight=data["weight"] or Decimal(1),
            actor=request.user,
        )

    if posted(request, form) and attempt(
        request, add, form=form, success=_("The target has been added.")
    ):
        return redirect("movements:pledge", pk)
    return _form_page(
        request, form, _("Add a target to the pledge"), reverse("movements:pledge", args=[pk])
    )


@login_required
def pledge_target_edit(request: Request, pk: int) -> HttpResponse:
    target = get_object_or_404(PledgeTarget, pk=pk)
    pledge = _editable_pledge(request, target.pledge_id)
    initial = {
        "name": target.name,
        "unit_of_measure": target.unit_of_measure,
        "planned_value": target.planned_value,
        "direction": target.direction,
        "weight": target.weight,
    }
    form = PledgeTargetForm(request.POST or None, initial=initial)
    if posted(request, form) and attempt(
        request,
        lambda: services.update_pledge_target(target, form.cleaned_data, actor=request.user),
        form=form,
        success=_("The target has been changed."),
    ):
        return redirect("movements:pledge", pledge.pk)
    return _form_page(
        request,
        form,
        _("Change the target of %(unit)s") % {"unit": target.unit.name},
        reverse("movements:pledge", args=[pledge.pk]),
    )


@login_required
@require_POST
def pledge_target_remove(request: Request, pk: int) -> HttpResponse:
    target = get_object_or_404(PledgeTarget, pk=pk)
    pledge = _editable_pledge(request, target.pledge_id)
    attempt(request, lambda: services.remove_pledge_target(target, actor=request.user))
    return redirect("movements:pledge", pledge.pk)


@login_required
def pledge_sign(request: Request, pk: int) -> HttpResponse:
    pledge = _editable_pledge(request, pk)
    signatories = list(pledge.signatories.select_related("unit"))
    form = SignForm(
        request.POST or None,
        signatories=signatories,
        initial={"signed_on": clock.today(), "signed_place": pledge.signed_place},
    )
    if posted(request, form) and attempt(
        request,
        lambda: services.sign_pledge(
            pledge,
            signed_on=form.cleaned_data["signed_on"],
            signed_place=form.cleaned_data["signed_place"],
            signers=form.signers(),
            actor=request.user,
        ),
        form=form,
        success=_("The signing has been recorded; the pledge is now frozen."),
    ):
        return redirect("movements:pledge", pk)
    return _form_page(
        request,
        form,
        _("Record the signing of %(title)s") % {"title": pledge.title},
        reverse("movements:pledge", args=[pk]),
    )


@login_required
@require_POST
def pledge_revise(request: Request, pk: int) -> HttpResponse:
    pledge = _editable_pledge(request, pk)
    revised = attempt(
        request,
        lambda: services.revise_pledge(pledge, actor=request.user),
        success=lambda new: (
            _("Version %(version)s has been drafted; the signed version is kept.")
            % {"version": new.version}
        ),
    )
    return redirect("movements:pledge", revised.value.pk if revised else pk)


@login_required
def pledge_docx(request: Request, pk: int) -> HttpResponse:
    pledge = get_pledge_or_404(request.user, pk)
    return docx_response(
        pledge_document(pledge), f"Giao uoc {pledge.year} {pledge.party_name} v{pledge.version}"
    )


# -- progress ------------------------------------------------------------------------------


@login_required
def report(request: Request, pk: int, unit_pk: int) -> HttpResponse:
    pledge = get_pledge_or_404(request.user, pk)
    unit = get_unit_or_404(request.user, unit_pk)
    if not can_act_for(request.user, unit):
        raise PermissionDenied
    targets = list(pledge.targets.filter(unit=unit))
    if not targets:
        raise Http404
    form = ReportForm(request.POST or None, request.FILES or None, pledge=pledge, targets=targets)
    if posted(request, form) and attempt(
        request,
        lambda: services.report_progress(
            pledge,
            unit,
            form.cleaned_data["period"],
            form.values(),
            notes=form.notes(),
            evidence=form.evidence(),
            actor=request.user,
        ),
        form=form,
        success=_("The figures have been recorded."),
    ):
        return redirect("movements:pledge", pk)
    return render(request, "movements/report.html", {"pledge": pledge, "unit": unit, "form": form})


@login_required
def evidence(request: Request, pk: int) -> HttpResponseBase:
    report = get_object_or_404(
        ProgressReport.objects.select_related("target__unit", "target__pledge"), pk=pk
    )
    get_pledge_or_404(request.user, report.target.pledge_id)
    if not (can_manage(request.user) or can_act_for(request.user, report.target.unit)):
        raise Http404
    if not report.evidence:
        raise Http404
    return FileResponse(
        report.evidence.open("rb"),
        as_attachment=True,
        filename=report.evidence_name or report.evidence.name.rsplit("/", 1)[-1],
    )


@login_required
def late(request: Request) -> HttpResponse:
    return render(
        request,
        "movements/late.html",
        {
            "late": late_reports(request.user, clock.today()),
            "due_days": REPORT_DUE_DAYS,
            "close_days": REPORT_CLOSE_DAYS,
        },
    )


# -- group scoring -------------------------------------------------------------------------


@login_required
def sheet_create(request: Request, pk: int) -> HttpResponse:
    pledge = _editable_pledge(request, pk)
    form = ScoreSheetForm(request.POST or None)
    if posted(request, form) and (
        made := attempt(
            request,
            lambda: services.create_score_sheet(
                pledge, title=form.cleaned_data["title"], actor=request.user
            ),
            form=form,
        )
    ):
        return redirect("movements:sheet", made.value.pk)
    return _form_page(
        request,
        form,
        _("New score sheet for %(group)s") % {"group": pledge.party_name},
        reverse("movements:pledge", args=[pk]),
    )


@login_required
def sheet_detail(request: Request, pk: int) -> HttpResponse:
    sheet = get_sheet_or_404(request.user, pk)
    user = request.user
    criteria = list(sheet.criteria.all())
    entries = ScoreEntry.objects.filter(criterion__sheet=sheet).select_related("unit")
    table: dict[int, dict[int, ScoreEntry]] = {}
    units = {}
    for entry in entries:
        table.setdefault(entry.unit_id, {})[entry.criterion_id] = entry
        units[entry.unit_id] = entry.unit
    members = sorted(units.values(), key=lambda u: u.sort_key)
    grid = [
        (unit, [table[unit.pk].get(c.pk) for c in criteria], can_act_for(user, unit))
        for unit in members
    ]
    results = list(sheet.results.select_related("unit"))
    top = max((r.total for r in results), default=Decimal(0))
    total_max = sum((c.max_points for c in criteria), Decimal(0))
    chart = (
        charts.bar_chart(
            _("Total points of each member"),
            [
                charts.Bar(
                    r.unit.short_name or r.unit.name,
                    r.total / total_max if total_max else Decimal(0),
                    f"{decimal_vi(r.total)} / {decimal_vi(total_max)}",
                    charts.GOOD if r.rank == 1 else "#0b5cad",
                )
                for r in results
            ],
        )
        if results
        else ""
    )
    proposal = getattr(sheet, "proposal", None)
    nomination = leader_nomination(proposal) if proposal else None
    context = {
        "sheet": sheet,
        "criteria": criteria,
        "grid": grid,
        "results": results,
        "top": top,
        "total_max": total_max,
        "chart": chart,
        "can_manage": can_manage(user),
        "can_review": can_review(user, sheet),
        "head": group_head(sheet),
        "criterion_form": CriterionForm(targets=list(sheet.pledge.targets.all())),
        "proposal_form": ProposalForm(),
        "proposal": proposal,
        "nomination": nomination,
        # A member ward sees that the leader was nominated, but opens only dossiers in its scope.
        "nomination_linked": nomination is not None
        and unit_in_scope(user, nomination.dossier.unit),
        "SheetStatus": SheetStatus,
    }
    return render(request, "movements/sheet.html", context)


@login_required
def criterion_add(request: Request, pk: int) -> HttpResponse:
    _require_manage(request)
    sheet = get_sheet_or_404(request.user, pk)
    form = CriterionForm(request.POST or None, targets=list(sheet.pledge.targets.all()))
    if posted(request, form) and attempt(
        request,
        lambda: services.add_criterion(
            sheet,
            name=form.cleaned_data["name"],
            max_points=form.cleaned_data["max_points"],
            target_key=form.cleaned_data["target_key"],
            actor=request.user,
        ),
        form=form,
    ):
        return redirect("movements:sheet", pk)
    return _form_page(request, form, _("Add a criterion"), reverse("movements:sheet", args=[pk]))


@login_required
@require_POST
def sheet_open(request: Request, pk: int) -> HttpResponse:
    _require_manage(request)
    sheet = get_sheet_or_404(request.user, pk)
    attempt(
        request,
        lambda: services.open_score_sheet(sheet, actor=request.user),
        success=_("Scoring is open: members score themselves, the group head reviews."),
    )
    return redirect("movements:sheet", pk)


def _scores_page(request: Request, pk: int, unit_pk: int, *, review: bool) -> HttpResponse:
    sheet = get_sheet_or_404(request.user, pk)
    unit = get_object_or_404(
        units_for(request.user) if not review else _member_units(sheet), pk=unit_pk
    )
    if review:
        if not can_review(request.user, sheet):
            raise PermissionDenied
    elif not can_act_for(request.user, unit):
        raise PermissionDenied
    criteria = list(sheet.criteria.all())
    entries = {
        e.criterion_id: e for e in ScoreEntry.objects.filter(criterion__sheet=sheet, unit=unit)
    }
    if not entries:
        raise Http404
    initial = {
        cid: (e.reviewed_score if review and e.reviewed_score is not None else e.self_score)
        for cid, e in entries.items()
    }
    form = ScoresForm(request.POST or None, criteria=criteria, initial_scores=initial)
    action = services.review_scores if review else services.self_score
    if posted(request, form) and attempt(
        request,
        lambda: action(sheet, unit, form.scores(), actor=request.user),
        form=form,
        success=_("The scores have been saved."),
    ):
        return redirect("movements:sheet", pk)
    return render(
        request,
        "movements/scores.html",
        {
            "sheet": sheet,
            "unit": unit,
            "form": form,
            "review": review,
            "criteria": criteria,
            "entries": entries,
        },
    )


def _member_units(sheet: Any) -> Any:
    from tdkt.organisations.models import Unit

    return Unit.objects.filter(group_memberships__group=sheet.group)


@login_required
def score_self(request: Request, pk: int, unit_pk: int) -> HttpResponse:
    return _scores_page(request, pk, unit_pk, review=False)


@login_required
def score_review(request: Request, pk: int, unit_pk: int) -> HttpResponse:
    return _scores_page(request, pk, unit_pk, review=True)


@login_required
@require_POST
def sheet_rank(request: Request, pk: int) -> HttpResponse:
    sheet = get_sheet_or_404(request.user, pk)
    if not can_review(request.user, sheet):
        raise PermissionDenied
    attempt(
        request,
        lambda: services.rank_group(sheet, actor=request.user),
        success=_("The group has been ranked."),
    )
    return redirect("movements:sheet", pk)


@login_required
@require_POST
def sheet_propose(request: Request, pk: int) -> HttpResponse:
    _require_manage(request)
    sheet = get_sheet_or_404(request.user, pk)
    form = ProposalForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.propose_leader(
                sheet,
                award_code=form.cleaned_data["award_code"],
                note=form.cleaned_data["note"],
                actor=request.user,
            ),
            success=_("The group's leader has been put forward."),
        )
    else:
        messages.error(request, _("Choose the award the leader is put forward for."))
    return redirect("movements:sheet", pk)


@login_required
@require_POST
def sheet_nominate(request: Request, pk: int) -> HttpResponse:
    _require_manage(request)
    sheet = get_sheet_or_404(request.user, pk)
    proposal = getattr(sheet, "proposal", None)
    if proposal is None:
        raise Http404
    done = attempt(
        request,
        lambda: services.nominate_leader(proposal, actor=request.user),
        success=_("The leader has been added to a dossier of nominations; prepare it there."),
    )
    if done:
        return redirect("nominations:detail", done.value.dossier_id)
    return redirect("movements:sheet", pk)
