"""Report pages and downloads. Bad input (a year that is not one, a unit outside the viewer's
scope, a year without data, an unknown form) is a message on the page, never an error page."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import units_for
from tdkt.awards.forms import RegisterFilterForm
from tdkt.awards.models import AwardRecord
from tdkt.common import clock
from tdkt.common.actions import attempt, posted
from tdkt.documents.http import ascii_filename, docx_response
from tdkt.organisations.models import Unit
from tdkt.people.models import Person
from tdkt.reports import excel, word
from tdkt.reports.dashboards import dashboard
from tdkt.reports.forms import ShareGoalForm
from tdkt.reports.models import ShareGoal
from tdkt.reports.queries import AwardFilter, Selection, award_details
from tdkt.reports.register import BOTH_STATUSES, due_for_higher, person_awards, register_awards
from tdkt.reports.services import (
    ReportError,
    can_set_goals,
    document_unit,
    parse_year,
    remove_share_goal,
    selection_for,
    set_share_goal,
    year_report,
)
from tdkt.reports.statforms import FORM_CODES, fill_forms
from tdkt.reports.tables import year_tables

REGISTER_PAGE = 500
YEAR_FORMATS = ("docx", "xlsx", "json")


class UnknownFormatError(ReportError):
    """A download address naming no format the year report has."""


def _xlsx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{ascii_filename(name, "xlsx")}"'
    return response


def _units(user: Any) -> list[tuple[str, str]]:
    """(id, label) of the units the viewer may choose, indented by depth so the tree shows."""
    units = list(units_for(user).only("pk", "name", "depth", "valid_to", "path"))
    top = min((u.depth for u in units), default=0)
    return [
        (str(u.pk), "\u2003" * min(u.depth - top, 8) + u.name + (" †" if u.valid_to else ""))
        for u in units
    ]


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    context.setdefault("units", _units(request.user))
    selection = context.get("selection")
    chosen = request.GET.get("unit", "")
    if not chosen and selection is not None and selection.unit is not None:
        chosen = str(selection.unit.pk)
    context.setdefault("unit_param", chosen)
    year = context.get("year_param") or context.get("year") or ""
    context.setdefault("year_value", str(year))
    name = template.split(".")[0]
    context.setdefault("section", {"person_register": "register"}.get(name, name))
    return render(request, f"reports/{template}", context, status=status)


def _selection_and_year(
    request: HttpRequest, default_year: int | None = None
) -> tuple[Selection, int]:
    selection = selection_for(request.user, request.GET.get("unit"))  # type: ignore[arg-type]
    raw = request.GET.get("year") or (str(default_year) if default_year else "")
    return selection, parse_year(raw)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {}
    try:
        selection = selection_for(request.user, request.GET.get("unit"))  # type: ignore[arg-type]
        year = parse_year(request.GET["year"]) if request.GET.get("year") else None
        context["d"] = dashboard(request.user, selection, year)  # type: ignore[arg-type]
        context["selection"] = selection
        context["can_set_goals"] = can_set_goals(request.user)
    except ReportError as exc:
        context["error"] = str(exc)
    return _page(request, "home.html", context)


def _year_context(request: HttpRequest) -> tuple[dict[str, Any], Any]:
    context: dict[str, Any] = {"year_param": request.GET.get("year", "")}
    if not request.GET.get("year"):
        return context, None
    selection, year = _selection_and_year(request)
    figures = year_report(selection, year)
    context.update(selection=selection, f=figures, year=year, **year_tables(figures))
    return context, figures


@login_required
def year(request: HttpRequest) -> HttpResponse:
    try:
        context, _figures = _year_context(request)
    except ReportError as exc:
        context = {"error": str(exc), "year_param": request.GET.get("year", "")}
    return _page(request, "year.html", context)


@login_required
def year_download(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        if fmt not in YEAR_FORMATS:
            # A typed address such as year/pdf/: the year page says which files there are.
            raise UnknownFormatError(
                _("Unknown format: %(format)s. The year report downloads as Word, Excel or JSON.")
                % {"format": fmt}
            )
        context, figures = _year_context(request)
        if figures is None:
            raise ReportError(_("Choose a year."))
        selection: Selection = context["selection"]
        if fmt == "docx":
            unit = document_unit(selection)
            data = word.year_document(figures, unit)
            return docx_response(data, word.document_name(figures))
        if fmt == "xlsx":
            details = award_details(
                selection, AwardFilter(years=(figures.year,), statuses=BOTH_STATUSES)
            )
            return _xlsx(excel.year_workbook(figures, details), word.document_name(figures))
        return HttpResponse(  # json
            json.dumps(figures.to_json(), ensure_ascii=False, sort_keys=True, indent=2),
            content_type="application/json; charset=utf-8",
        )
    except ReportError as exc:
        context = {"error": str(exc), "year_param": request.GET.get("year", "")}
        status = 404 if isinstance(exc, UnknownFormatError) else 200
        return _page(request, "year.html", context, status=status)


def _forms_context(request: HttpRequest) -> dict[str, Any]:
    codes = tuple(request.GET.getlist("form")) or FORM_CODES
    unknown = [code for code in codes if code not in FORM_CODES]
    if unknown:
        raise ReportError(_("Unknown statistical form: %(form)s.") % {"form": ", ".join(unknown)})
    selection, year = _selection_and_year(request, default_year=clock.today().year)
    return {"selection": selection, "year": year, "forms": fill_forms(selection, year, codes)}


@login_required
def forms(request: HttpRequest) -> HttpResponse:
    try:
        context = _forms_context(request)
    except ReportError as exc:
        context = {"error": str(exc)}
    context["year_param"] = request.GET.get("year", "")
    return _page(request, "forms.html", context)


@login_required
def forms_download(request: HttpRequest) -> HttpResponse:
    try:
        context = _forms_context(request)
    except ReportError as exc:
        return _page(
            request, "forms.html", {"error": str(exc), "year_param": request.GET.get("year", "")}
        )
    name = f"Bieu thong ke TDKT nam {context['year']}"
    return _xlsx(excel.forms_workbook(context["forms"]), name)


def _register_context(request: HttpRequest) -> dict[str, Any]:
    selection = selection_for(request.user, request.GET.get("unit"))  # type: ignore[arg-type]
    data = request.GET.copy()
    data.pop("unit", None)
    data.pop("page", None)
    # The register's own filters (decision number, name, year, award, status) are reused.
    form = RegisterFilterForm(data, units=Unit.objects.none())
    awards = register_awards(selection)
    awards = form.filter(awards) if form.is_bound else awards
    return {"selection": selection, "form": form, "awards": awards}


@login_required
def register(request: HttpRequest) -> HttpResponse:
    try:
        context = _register_context(request)
    except ReportError as exc:
        return _page(request, "register.html", {"error": str(exc)})
    awards = context["awards"]
    from django.core.paginator import Paginator

    page = Paginator(awards, REGISTER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context.update(page=page, query=query.urlencode())
    return _page(request, "register.html", context)


@login_required
def register_download(request: HttpRequest) -> HttpResponse:
    try:
        context = _register_context(request)
    except ReportError as exc:
        return _page(request, "register.html", {"error": str(exc)})
    selection: Selection = context["selection"]
    where = selection.unit.name if selection.unit else _("the whole register")
    data = excel.register_workbook(
        "SỔ THEO DÕI KHEN THƯỞNG", where, context["awards"].iterator(chunk_size=2000)
    )
    return _xlsx(data, f"So theo doi khen thuong {where}")


def _person(request: HttpRequest, pk: int) -> Person | None:
    from tdkt.accounts.scope import people_for

    return people_for(request.user).filter(pk=pk).first()  # type: ignore[arg-type]


@login_required
def person_register(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    if person is None:
        return _page(
            request,
            "person_register.html",
            {"error": _("This person is outside the units you are responsible for.")},
            status=404,
        )
    awards: list[AwardRecord] = list(person_awards(person))
    return _page(request, "person_register.html", {"person": person, "awards": awards})


@login_required
def person_register_download(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    if person is None:
        return _page(
            request,
            "person_register.html",
            {"error": _("This person is outside the units you are responsible for.")},
            status=404,
        )
    data = excel.register_workbook(
        "SỔ THEO DÕI KHEN THƯỞNG CÁ NHÂN", person.full_name, person_awards(person)
    )
    return _xlsx(data, f"So theo doi khen thuong {person.full_name}")


@login_required
def due(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"year_param": request.GET.get("year", "")}
    try:
        selection, year = _selection_and_year(request, default_year=clock.today().year - 1)
        context.update(selection=selection, year=year, report=due_for_higher(selection, year))
    except ReportError as exc:
        context["error"] = str(exc)
    return _page(request, "due.html", context)


def _goals_url(unit_id: Any) -> str:
    url = reverse("reports:goals")
    return f"{url}?unit={unit_id}" if unit_id else url


@login_required
def goals(request: HttpRequest) -> HttpResponse:
    """The share goals the bodies in the viewer's scope (and those above the viewer's unit)
    set themselves; the secretariat sets them here."""
    user: Any = request.user
    allowed = can_set_goals(user)
    chosen = request.GET.get("unit", "")
    initial = {"unit": chosen if chosen.isdigit() else user.unit_id}
    form = ShareGoalForm(request.POST or None, user=user, initial=initial)
    context: dict[str, Any] = {"form": form, "can_set": allowed}
    status = 200
    if request.method == "POST" and not allowed:
        # A forged POST: nothing is read from it, nothing changes.
        context["error"] = _("Only the emulation secretariat may set the goals.")
        status = 403
    elif allowed and posted(request, form):
        data = form.cleaned_data
        if attempt(
            request,
            lambda: set_share_goal(
                data["unit"], data["measure"], data["percent"], data["from_year"], actor=user
            ),
            form=form,
            success=_("The goal has been saved."),
        ):
            return redirect(_goals_url(data["unit"].pk))
    above = user.unit.path.split(".") if user.unit_id else []
    visible = Q(unit__in=units_for(user)) | Q(unit_id__in=[int(p) for p in above if p])
    context["goals"] = (
        ShareGoal.objects.filter(visible)
        .select_related("unit")
        .order_by("unit__path", "measure", "-from_year")
    )
    return _page(request, "goals.html", context, status=status)


@login_required
@require_POST
def goal_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    goal = get_object_or_404(ShareGoal.objects.filter(unit__in=units_for(user)), pk=pk)
    # A refusal (not the secretariat) becomes the message shown on the goals page.
    attempt(
        request,
        lambda: remove_share_goal(goal, actor=user),
        success=_("The goal has been removed."),
    )
    return redirect(_goals_url(goal.unit_id))
