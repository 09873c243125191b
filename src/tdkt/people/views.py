"""People: the list with search and filters, a person's page, and entering records by hand."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.scope import get_person_or_404, people_for, scope_path, units_for
from tdkt.people.forms import PeopleFilterForm, PersonForm, ServicePeriodForm, YearRecordForm
from tdkt.people.models import Person, ServicePeriod, YearRecord
from tdkt.people.queries import filter_people, person_page, with_current_service
from tdkt.people.services import (
    PeopleError,
    create_person,
    save_service_period,
    save_year_record,
    update_person,
)
from tdkt.rules.evaluation.queries import person_verdicts

PAGE_SIZE = 50


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = PeopleFilterForm(request.GET or None, units=units_for(user))
    people = people_for(user)
    if form.is_bound:
        if form.is_valid():
            people = filter_people(people, query=form.cleaned_data["q"], **_filters(form))
        else:
            # An invalid filter (such as a unit outside the scope) shows nobody, never more.
            people = people.none()
    people = with_current_service(people).order_by("sort_key", "id")
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    prefix = scope_path(user) or ""
    for person in page.object_list:
        path = person.current_unit_path  # type: ignore[attr-defined]
        person.current_unit_linked = bool(path) and path.startswith(prefix)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "people/list.html",
        {"form": form, "page": page, "query": query.urlencode(), "offset": page.start_index()},
    )


def _filters(form: PeopleFilterForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "unit": data["unit"],
        "category": data["category"],
        "gender": data["gender"],
        "grade": data["grade"],
        "grade_year": data["grade_year"],
        "award": data["award"],
        "award_year": data["award_year"],
    }


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_or_404(request.user, pk)  # type: ignore[arg-type]
    return render(
        request,
        "people/detail.html",
        {
            "p": person_page(request.user, person),  # type: ignore[arg-type]
            "year_verdicts": person_verdicts(request.user, person),  # type: ignore[arg-type]
        },
    )


def _editor(request: HttpRequest) -> Any:
    if not request.user.can_edit_records:  # type: ignore[union-attr]
        raise PermissionDenied
    return request.user


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    user = _editor(request)
    units = units_for(user).filter(valid_to__isnull=True)
    initial_unit = request.GET.get("unit")
    person_form = PersonForm(request.POST or None, prefix="person")
    period_form = ServicePeriodForm(
        request.POST or None,
        prefix="service",
        units=units,
        initial={"unit": initial_unit} if initial_unit and initial_unit.isdigit() else None,
    )
    if request.method == "POST" and person_form.is_valid() and period_form.is_valid():
        try:
            person = create_person(
                person_form.save(commit=False), period_form.save(commit=False), actor=user
            )
        except PeopleError as exc:
            person_form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(name)s has been added.") % {"name": person.full_name})
            return redirect("people:detail", person.pk)
    return render(
        request,
        "people/person_form.html",
        {"person_form": person_form, "period_form": period_form, "person": None},
    )


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _editor(request)
    person = get_person_or_404(user, pk)
    form = PersonForm(request.POST or None, instance=person, prefix="person")
    if request.method == "POST" and form.is_valid():
        try:
            update_person(form.save(commit=False), actor=user)
        except PeopleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("people:detail", person.pk)
    return render(
        request,
        "people/person_form.html",
        {"person_form": form, "period_form": None, "person": person},
    )


def _record_form(
    request: HttpRequest,
    person: Person,
    form: ServicePeriodForm | YearRecordForm,
    save: Any,
    title: str,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.person = person
        try:
            save(obj, actor=request.user)
        except PeopleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("people:detail", person.pk)
    return render(
        request, "people/record_form.html", {"form": form, "person": person, "title": title}
    )


@login_required
def service_period_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _editor(request)
    person = get_person_or_404(user, pk)
    form = ServicePeriodForm(request.POST or None, units=units_for(user))
    return _record_form(request, person, form, save_service_period, _("Add a service period"))


@login_required
def service_period_edit(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    user = _editor(request)
    person = get_person_or_404(user, pk)
    units = units_for(user)
    # Only periods in a unit of the user's scope may be changed; others are not even shown.
    period = ServicePeriod.objects.filter(
        pk=period_pk, person=person, unit__in=units.values("pk")
    ).first()
    if period is None:
        raise Http404
    form = ServicePeriodForm(request.POST or None, instance=period, units=units)
    return _record_form(request, person, form, save_service_period, _("Edit a service period"))


@login_required
def year_record_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _editor(request)
    person = get_person_or_404(user, pk)
    current = person.current_service()
    units = units_for(user)
    initial = {}
    if current is not None and units.filter(pk=current.unit_id).exists():
        initial["unit"] = current.unit_id
    form = YearRecordForm(request.POST or None, units=units, person=person, initial=initial)
    return _record_form(request, person, form, save_year_record, _("Add a yearly record"))


@login_required
def year_record_edit(request: HttpRequest, pk: int, record_pk: int) -> HttpResponse:
    user = _editor(request)
    person = get_person_or_404(user, pk)
    year_record = YearRecord.objects.filter(pk=record_pk, person=person).first()
    if year_record is None:
        raise Http404
    units = units_for(user)
    if year_record.unit_id is not None and not units.filter(pk=year_record.unit_id).exists():
        raise Http404
    form = YearRecordForm(request.POST or None, instance=year_record, units=units, person=person)
    return _record_form(request, person, form, save_year_record, _("Edit a yearly record"))
