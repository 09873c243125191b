"""The legal rules page, and the stored whole-year evaluations: list, run, verdicts, Excel."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.scope import units_for
from tdkt.rules.evaluation.export import run_workbook
from tdkt.rules.evaluation.queries import (
    decorate,
    get_run_or_404,
    run_quotas,
    run_verdicts,
    runs_for,
    title_lines,
)
from tdkt.rules.evaluation.service import EvaluationError, run_evaluation
from tdkt.rules.forms import EvaluationForm, VerdictFilterForm
from tdkt.rules.loader import get_rulebook
from tdkt.rules.models import EvaluationRun, EvaluationVerdict
from tdkt.rules.pages import rules_overview

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def rules_page(request: HttpRequest) -> HttpResponse:
    return render(request, "legal_rules/rules.html", {"o": rules_overview(get_rulebook())})


@login_required
def evaluation_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = None
    if user.can_edit_records:
        form = EvaluationForm(
            request.POST or None, units=units_for(user), everything=user.sees_everything
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                run, _result = run_evaluation(
                    form.cleaned_data["year"],
                    decision_date=form.cleaned_data["decision_date"],
                    unit=form.cleaned_data["unit"],
                    user=user,
                )
            except EvaluationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("The year %(year)s has been evaluated: %(people)s people, %(units)s units.")
                    % {"year": run.year, "people": run.people, "units": run.units},
                )
                return redirect("legal_rules:evaluation", run.pk)
    runs = runs_for(user).order_by("-year", "-created_at")
    return render(request, "legal_rules/evaluations.html", {"form": form, "runs": runs})


def _filtered(
    request: HttpRequest, run: EvaluationRun
) -> tuple[VerdictFilterForm, dict[str, Any] | None]:
    """The filter form and its values; None when a filter is invalid (then nothing is shown,
    never more)."""
    user: Any = request.user
    in_run = units_for(user).filter(
        pk__in=EvaluationVerdict.objects.filter(run=run).values("unit_id")
    )
    form = VerdictFilterForm(request.GET or None, run=run, units=in_run)
    if not form.is_bound:
        return form, {}
    if not form.is_valid():
        return form, None
    return form, {
        "award": form.cleaned_data["award"],
        "outcome": form.cleaned_data["outcome"],
        "unit": form.cleaned_data["unit"],
        "query": form.cleaned_data["q"],
    }


@login_required
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    run = get_run_or_404(user, pk)
    form, filters = _filtered(request, run)
    verdicts = run_verdicts(user, run, **(filters or {}))
    if filters is None:
        verdicts = verdicts.none()
    page = Paginator(verdicts, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    decorate(page.object_list, run)
    quotas = run_quotas(user, run, (filters or {}).get("unit"))
    return render(
        request,
        "legal_rules/evaluation.html",
        {
            "run": run,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "titles": title_lines(user, run),
            "quotas_over": [q for q in quotas if q.over],
            "quotas_within": [q for q in quotas if not q.over],
        },
    )


@login_required
def evaluation_export(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    run = get_run_or_404(user, pk)
    _form, filters = _filtered(request, run)
    verdicts = run_verdicts(user, run, **(filters or {}))
    if filters is None:
        verdicts = verdicts.none()
    content = run_workbook(
        run,
        verdicts.iterator(chunk_size=5000),
        run_quotas(user, run, (filters or {}).get("unit")),
        title_lines(user, run),
    )
    scope = run.unit.code if run.unit is not None else "tat-ca"
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="ket-qua-xet-danh-hieu-{run.year}-{scope}.xlsx"'
    )
    return response
