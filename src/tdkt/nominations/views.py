"""Pages of dossiers: preparing and submitting (unit officer), appraising and publishing lists
(secretariat), tracking (both), and the public disclosure pages (no login).

Each view: scope lookup (404 outside it) → permission (403) → form → one service call through
`common.actions.attempt` → message → redirect. Services raise NominationError with the user's
message; nothing is saved then.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import people_for, units_for
from tdkt.common import clock
from tdkt.common.actions import attempt, posted, report_form_errors
from tdkt.common.security import client_ip
from tdkt.documents.http import docx_response
from tdkt.nominations import antispam, services
from tdkt.nominations.documents import memo
from tdkt.nominations.enums import (
    DossierKind,
    DossierState,
    NominationState,
)
from tdkt.nominations.forms import (
    AppraisalForm,
    AttachmentForm,
    CommentForm,
    DisclosureForm,
    DossierEditForm,
    DossierForm,
    ImportForm,
    NominationEditForm,
    NominationForm,
    VersionForm,
)
from tdkt.nominations.importing import TEMPLATE_NAME, import_nominations, template_bytes
from tdkt.nominations.judging import judge_dossier, regime_on
from tdkt.nominations.models import Disclosure, Dossier, PublicComment
from tdkt.nominations.permissions import can_prepare, can_read_comments, is_secretariat
from tdkt.nominations.queries import (
    appraisal_queue,
    dossiers_for,
    get_attachment_or_404,
    get_dossier_or_404,
    get_nomination_or_404,
    history,
    nominations_ready,
    open_disclosures,
    progress,
    public_rows,
)
from tdkt.nominations.services import Appraisal

Request = Any  # an HttpRequest whose user is a tdkt User
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_secretariat(request: Request) -> None:
    if not is_secretariat(request.user):
        raise PermissionDenied


def _require_preparer(request: Request, dossier: Dossier) -> None:
    if not can_prepare(request.user, dossier.unit):
        raise PermissionDenied


def _version(request: Request) -> int | None:
    form = VersionForm(request.POST)
    if not form.is_valid():
        return -1  # refused by the lock: a page without its version never overwrites
    return int(form.cleaned_data["version"])


# -- dossiers ------------------------------------------------------------------------------


@login_required
def dossier_list(request: Request) -> HttpResponse:
    services.sync_with_decisions()
    dossiers = dossiers_for(request.user).order_by("-year", "-id")
    state = request.GET.get("state", "")
    if state in DossierState.values:
        dossiers = dossiers.filter(state=state)
    year = request.GET.get("year", "")
    if year.isdigit():
        dossiers = dossiers.filter(year=int(year))
    rows = [(dossier, progress(dossier)) for dossier in dossiers[:200]]
    return render(
        request,
        "nominations/list.html",
        {
            "rows": rows,
            "states": DossierState.choices,
            "state": state,
            "year": year,
            "can_create": request.user.can_edit_records,
            "is_secretariat": is_secretariat(request.user),
        },
    )


@login_required
def dossier_create(request: Request) -> HttpResponse:
    if not request.user.can_edit_records:
        raise PermissionDenied
    units = units_for(request.user)
    initial = {
        "year": clock.today().year,
        "kind": DossierKind.YEARLY,
        "unit": request.user.unit_id,
    }
    form = DossierForm(request.POST or None, units=units, initial=initial)
    if posted(request, form) and (
        created := attempt(
            request,
            lambda: services.create_dossier(
                unit=form.cleaned_data["unit"],
                kind=form.cleaned_data["kind"],
                year=form.cleaned_data["year"],
                title=form.cleaned_data["title"],
                decision_date=form.cleaned_data["decision_date"],
                movement=form.cleaned_data["movement"],
                note=form.cleaned_data["note"],
                memo_number=form.cleaned_data["memo_number"],
                actor=request.user,
            ),
            form=form,
            success=_("The dossier has been created; add its nominations."),
        )
    ):
        return redirect("nominations:detail", created.value.pk)
    return render(
        request,
        "nominations/form.html",
        {"form": form, "title": _("New dossier"), "back_url": reverse("nominations:list")},
    )


@login_required
def dossier_edit(request: Request, pk: int) -> HttpResponse:
    dossier = get_dossier_or_404(request.user, pk)
    _require_preparer(request, dossier)
    form = DossierEditForm(
        request.POST or None,
        units=units_for(request.user),
        initial={
            "version": dossier.version,
            "kind": dossier.kind,
            "title": dossier.title,
            "decision_date": dossier.decision_date,
            "movement": dossier.movement_id,
            "memo_number": dossier.memo_number,
            "note": dossier.note,
        },
    )
    if posted(request, form) and attempt(
        request,
        lambda: services.update_dossier(
            dossier,
            version=form.cleaned_data["version"],
            actor=request.user,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            decision_date=form.cleaned_data["decision_date"] or dossier.decision_date,
            movement=form.cleaned_data["movement"],
            memo_number=form.cleaned_data["memo_number"],
            note=form.cleaned_data["note"],
        ),
        form=form,
        success=_("The dossier has been saved."),
    ):
        return redirect("nominations:detail", pk)
    return render(
        request,
        "nominations/form.html",
        {
            "form": form,
            "title": _("Edit the dossier"),
            "back_url": reverse("nominations:detail", args=[pk]),
        },
    )


def _candidates(request: Request, dossier: Dossier) -> tuple[Any, Any]:
    """People who worked in the dossier's unit during its year, and its collectives."""
    first, last = dt.date(dossier.year, 1, 1), dt.date(dossier.year, 12, 31)
    people = (
        people_for(request.user)
        .filter(
            Q(service_periods__end_on__isnull=True) | Q(service_periods__end_on__gte=first),
            service_periods__unit__path__startswith=dossier.unit.path,
            service_periods__start_on__lte=last,
        )
        .distinct()
        .order_by("sort_key", "id")
    )
    units = units_for(request.user).filter(path__startswith=dossier.unit.path)
    return people, units


@login_required
def dossier_detail(request: Request, pk: int) -> HttpResponse:
    services.sync_with_decisions()
    dossier = get_dossier_or_404(request.user, pk)
    user = request.user
    judgement = judge_dossier(dossier)
    nominations = list(
        dossier.nominations.select_related("person", "unit", "unit__parent", "disclosure")
        .prefetch_related("attachments")
        .order_by("order", "id")
    )
    preparer = can_prepare(user, dossier.unit)
    editable = preparer and dossier.is_editable
    context: dict[str, Any] = {
        "dossier": dossier,
        "rows": [
            (n, judgement.by_nomination.get(n.pk), judgement.quota_of.get(n.pk))
            for n in nominations
        ],
        "judgement": judgement,
        "progress": progress(dossier),
        "editable": editable,
        "can_submit": preparer and dossier.state in (DossierState.DRAFT, DossierState.RETURNED),
        "can_appraise": is_secretariat(user) and dossier.state == DossierState.SUBMITTED,
        "comments": [],
        "attachments": dossier.attachments.filter(nomination__isnull=True),
    }
    if can_read_comments(user):
        context["comments"] = list(
            PublicComment.objects.filter(nomination__dossier=dossier)
            .select_related("nomination", "nomination__person", "nomination__unit")
            .order_by("-received_at")
        )
        context["show_comments"] = True
    if editable:
        people, units = _candidates(request, dossier)
        context["nomination_form"] = NominationForm(
            people=people,
            units=units,
            regime=judgement.regime,
            decision_date=dossier.decision_date,
            initial={"version": dossier.version},
        )
        context["import_form"] = ImportForm(initial={"version": dossier.version})
        context["attachment_form"] = AttachmentForm(dossier=dossier)
    return render(request, "nominations/detail.html", context)


@login_required
@require_POST
def nomination_add(request: Request, pk: int) -> HttpResponse:
    dossier = get_dossier_or_404(request.user, pk)
    _require_preparer(request, dossier)
    people, units = _candidates(request, dossier)
    form = NominationForm(
        request.POST,
        people=people,
        units=units,
        regime=regime_on(dossier.decision_date),
        decision_date=dossier.decision_date,
    )
    if not form.is_valid():
        report_form_errors(request, form, labelled=True)
        return redirect("nominations:detail", pk)
    data = form.cleaned_data
    attempt(
        request,
        lambda: services.add_nomination(
            dossier,
            version=data["version"],
            actor=request.user,
            award_code=data["award_code"],
            person=data["person"],
            unit=data["collective"],
            achievement=data["achievement"],
            position=data["position"],
        ),
        success=lambda nomination: (
            _("%(who)s has been added for “%(award)s”.")
            % {"who": nomination.subject_name, "award": nomination.award_name}
        ),
    )
    return redirect("nominations:detail", pk)


@login_required
def nomination_edit(request: Request, pk: int) -> HttpResponse:
    nomination = get_nomination_or_404(request.user, pk)
    dossier = nomination.dossier
    _require_preparer(request, dossier)
    form = NominationEditForm(
        request.POST or None,
        regime=regime_on(dossier.decision_date),
        decision_date=dossier.decision_date,
        initial={
            "version": dossier.version,
            "award_code": nomination.award_code,
            "position": nomination.position,
            "achievement": nomination.achievement,
        },
    )
    if posted(request, form) and attempt(
        request,
        lambda: services.update_nomination(
            nomination,
            version=form.cleaned_data["version"],
            actor=request.user,
            award_code=form.cleaned_data["award_code"],
            achievement=form.cleaned_data["achievement"],
            position=form.cleaned_data["position"],
        ),
        form=form,
        success=_("The nomination has been saved."),
    ):
        return redirect("nominations:detail", dossier.pk)
    return render(
        request,
        "nominations/form.html",
        {
            "form": form,
            "title": _("Nomination of %(who)s") % {"who": nomination.subject_name},
            "back_url": reverse("nominations:detail", args=[dossier.pk]),
            "nomination": nomination,
        },
    )


@login_required
@require_POST
def nomination_remove(request: Request, pk: int) -> HttpResponse:
    nomination = get_nomination_or_404(request.user, pk)
    _require_preparer(request, nomination.dossier)
    attempt(
        request,
        lambda: services.remove_nomination(
            nomination, version=_version(request), actor=request.user
        ),
        success=_("The nomination has been removed."),
    )
    return redirect("nominations:detail", nomination.dossier_id)


@login_required
@require_POST
def dossier_submit(request: Request, pk: int) -> HttpResponse:
    dossier = get_dossier_or_404(request.user, pk)
    _require_preparer(request, dossier)
    attempt(
        request,
        lambda: services.submit_dossier(dossier, version=_version(request), actor=request.user),
        success=_("The dossier has been sent to the secretariat."),
    )
    return redirect("nominations:detail", pk)


@login_required
@require_POST
def import_list(request: Request, pk: int) -> HttpResponse:
    dossier = get_dossier_or_404(request.user, pk)
    _require_preparer(request, dossier)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        report_form_errors(request, form, labelled=True)
        return redirect("nominations:detail", pk)
    upload = form.cleaned_data["file"]
    outcome = import_nominations(
        dossier,
        file_name=upload.name,
        content=b"".join(upload.chunks()),
        version=form.cleaned_data["version"],
        actor=request.user,
    )
    if outcome.ok:
        messages.success(
            request, _("%(count)s nominations have been imported.") % {"count": outcome.created}
        )
        return redirect("nominations:detail", pk)
    return render(
        request,
        "nominations/import_errors.html",
        {"dossier": dossier, "errors": outcome.errors, "file_name": upload.name},
    )


@login_required
def import_template(request: Request) -> HttpResponse:
    if not request.user.can_edit_records:
        raise PermissionDenied
    units = list(units_for(request.user).order_by("path").values_list("code", "name")[:5000])
    response = HttpResponse(template_bytes(units), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_NAME}"'
    return response


@login_required
@require_POST
def attachment_add(request: Request, pk: int) -> HttpResponse:
    dossier = get_dossier_or_404(request.user, pk)
    _require_preparer(request, dossier)
    form = AttachmentForm(request.POST, request.FILES, dossier=dossier)
    if not form.is_valid():
        report_form_errors(request, form, labelled=True)
        return redirect("nominations:detail", pk)
    attempt(
        request,
        lambda: services.add_attachment(
            dossier,
            kind=form.cleaned_data["kind"],
            name=form.cleaned_data["file"].name,
            content=form.content(),
            nomination=form.cleaned_data["nomination"],
            actor=request.user,
        ),
        success=_("The document has been attached."),
    )
    return redirect("nominations:detail", pk)


@login_required
def attachment_download(request: Request, pk: int) -> FileResponse:
    attachment = get_attachment_or_404(request.user, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)


@login_required
@require_POST
def attachment_remove(request: Request, pk: int) -> HttpResponse:
    attachment = get_attachment_or_404(request.user, pk)
    dossier = attachment.dossier
    _require_preparer(request, dossier)
    attempt(request, lambda: services.remove_attachment(attachment, actor=request.user))
    return redirect("nominations:detail", dossier.pk)


@login_required
def memo_docx(request: Request, pk: int) -> HttpResponse:
    dossier = get_dossier_or_404(request.user, pk)
    return docx_response(memo(dossier), f"To trinh {dossier.memo_number or dossier.pk}")


@login_required
def dossier_history(request: Request, pk: int) -> HttpResponse:
    dossier = get_dossier_or_404(request.user, pk)
    return render(
        request,
        "nominations/history.html",
        {"dossier": dossier, "entries": history(dossier), "progress": progress(dossier)},
    )


# -- appraisal ----------------------------------------------------------------------------


@login_required
def queue(request: Request) -> HttpResponse:
    _require_secretariat(request)
    services.sync_with_decisions()
    return render(
        request,
        "nominations/queue.html",
        {
            "dossiers": appraisal_queue(),
            "ready": nominations_ready()[:500],
            "disclosures": open_disclosures(),
        },
    )


@login_required
def appraise(request: Request, pk: int) -> HttpResponse:
    _require_secretariat(request)
    dossier = get_dossier_or_404(request.user, pk)
    submitted = list(
        dossier.nominations.filter(state=NominationState.SUBMITTED)
        .select_related("person", "unit", "unit__parent")
        .prefetch_related("attachments")
        .order_by("order", "id")
    )
    form = AppraisalForm(
        request.POST or None, nominations=submitted, initial={"version": dossier.version}
    )
    if posted(request, form):
        data = form.cleaned_data
        decisions = {
            n.pk: Appraisal(
                accept=data[f"decision_{n.pk}"] == AppraisalForm.ACCEPT,
                reason=data[f"reason_{n.pk}"],
            )
            for n in submitted
        }
        if attempt(
            request,
            lambda: services.appraise_dossier(
                dossier, decisions, version=data["version"], actor=request.user, note=data["note"]
            ),
            form=form,
        ):
            dossier.refresh_from_db()
            if dossier.state == DossierState.RETURNED:
                messages.warning(request, _("The dossier has been returned to the unit."))
            else:
                messages.success(request, _("The dossier has been appraised."))
            return redirect("nominations:detail", pk)
    judgement = judge_dossier(dossier)
    rows = [
        (n, decision, reason, judgement.by_nomination.get(n.pk), judgement.quota_of.get(n.pk))
        for n, decision, reason in form.rows()
    ]
    return render(
        request,
        "nominations/appraise.html",
        {"dossier": dossier, "form": form, "judgement": judgement, "rows": rows},
    )


# -- public disclosure (secretariat side) ---------------------------------------------------


@login_required
def disclosure_create(request: Request) -> HttpResponse:
    _require_secretariat(request)
    ready = nominations_ready()
    year = request.GET.get("year") or request.POST.get("year")
    if year and str(year).isdigit():
        ready = ready.filter(year=int(year))
    form = DisclosureForm(
        request.POST or None,
        units=units_for(request.user),
        ready=ready,
        initial={"unit": request.user.unit_id},
    )
    if posted(request, form) and (
        published := attempt(
            request,
            lambda: services.open_disclosure(
                list(form.cleaned_data["nominations"]),
                title=form.cleaned_data["title"],
                unit=form.cleaned_data["unit"],
                published_on=form.cleaned_data["published_on"],
                days=form.cleaned_data["days"],
                day_unit=form.cleaned_data["day_unit"],
                actor=request.user,
            ),
            form=form,
            success=_("The list has been published for comments."),
        )
    ):
        return redirect("nominations:disclosure", published.value.pk)
    return render(
        request,
        "nominations/form.html",
        {
            "form": form,
            "title": _("Publish a list for comments"),
            "back_url": reverse("nominations:queue"),
        },
    )


@login_required
def disclosure_list(request: Request) -> HttpResponse:
    if not can_read_comments(request.user):
        raise PermissionDenied
    return render(
        request,
        "nominations/disclosures.html",
        {"disclosures": Disclosure.objects.select_related("unit")[:200], "today": clock.today()},
    )


@login_required
def disclosure_detail(request: Request, pk: int) -> HttpResponse:
    if not can_read_comments(request.user):
        raise PermissionDenied
    disclosure = get_object_or_404(Disclosure, pk=pk)
    return render(
        request,
        "nominations/disclosure.html",
        {
            "disclosure": disclosure,
            "nominations": disclosure.nominations.select_related("person", "unit", "dossier"),
            "comments": disclosure.comments.select_related("nomination"),
            "can_close": is_secretariat(request.user),
            "today": clock.today(),
        },
    )


@login_required
@require_POST
def disclosure_close(request: Request, pk: int) -> HttpResponse:
    _require_secretariat(request)
    disclosure = get_object_or_404(Disclosure, pk=pk)
    attempt(
        request,
        lambda: services.close_disclosure(disclosure, actor=request.user),
        success=_("The list has been closed."),
    )
    return redirect("nominations:disclosure", pk)


# -- public pages (no login) ----------------------------------------------------------------


def public_index(request: Request) -> HttpResponse:
    return render(
        request,
        "nominations/public_index.html",
        {"disclosures": open_disclosures(), "today": clock.today()},
    )


def public_detail(request: Request, pk: int) -> HttpResponse:
    disclosure = get_object_or_404(open_disclosures(), pk=pk)
    rows = public_rows(disclosure)
    form = CommentForm(request.POST or None, rows=rows)
    status = 200
    if request.method == "POST":
        problem = ""
        if request.POST.get(antispam.HONEYPOT_FIELD):
            problem = _("Your comment could not be accepted.")
        else:
            problem = antispam.token_problem(request.POST.get("token", ""), disclosure.pk)
        if not problem and antispam.over_rate_limit(client_ip(request) or "unknown"):
            problem = antispam.rate_limited_message()
            status = 429
        if problem:
            form.add_error(None, problem)
            if status == 200:
                status = 400
        elif form.is_valid() and attempt(
            request,
            lambda: services.post_comment(
                disclosure,
                text=form.cleaned_data["text"],
                author_name=form.cleaned_data["author_name"],
                contact=form.cleaned_data["contact"],
                nomination_id=form.cleaned_data["nomination"],
            ),
            form=form,
            success=_("Thank you: your comment has been sent to the secretariat."),
        ):
            return redirect("disclosure:detail", pk)
        else:
            status = 400
    return render(
        request,
        "nominations/public_detail.html",
        {
            "disclosure": disclosure,
            "rows": rows,
            "form": form,
            "today": clock.today(),
            "ended": disclosure.has_ended(clock.today()),
            # A fresh token on every page, so a refused form is timed afresh when resent.
            "token": antispam.form_token(disclosure.pk),
        },
        status=status,
    )
