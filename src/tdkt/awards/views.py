"""The award register: list, one award, and recording a past award on a person or a unit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.scope import (
    awards_for,
    get_person_or_404,
    get_unit_or_404,
    unit_in_scope,
    units_for,
)
from tdkt.awards.forms import RecordAwardForm, RegisterFilterForm
from tdkt.awards.services import AwardError, record_past_award
from tdkt.organisations.models import Unit
from tdkt.people.models import Person

PAGE_SIZE = 50


@login_required
def register(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = RegisterFilterForm(request.GET or None, units=units_for(user))  # type: ignore[arg-type]
    awards = awards_for(user)  # type: ignore[arg-type]
    if form.is_bound:
        awards = form.filter(awards)
    awards = awards.select_related("person", "unit", "unit_at_award").order_by(
        "-year", "-decision_date", "decision_number", "id"
    )
    page = Paginator(awards, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "awards/register.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
def award_detail(request: HttpRequest, pk: int) -> HttpResponse:
    award = get_object_or_404(
        awards_for(request.user).select_related("person", "unit", "unit_at_award"),  # type: ignore[arg-type]
        pk=pk,
    )
    return render(
        request,
        "awards/detail.html",
        {
            "award": award,
            "unit_link": award.unit_id is not None and unit_in_scope(request.user, award.unit),  # type: ignore[arg-type]
        },
    )


def _record(
    request: HttpRequest, *, person: Person | None = None, unit: Unit | None = None
) -> HttpResponse:
    if not request.user.can_edit_records:  # type: ignore[union-attr]
        raise PermissionDenied
    units = units_for(request.user)  # type: ignore[arg-type]
    initial = {}
    if person is not None:
        current = person.current_service()
        if current is not None and unit_in_scope(request.user, current.unit):  # type: ignore[arg-type]
            initial["unit_at_award"] = current.unit_id
    form = RecordAwardForm(
        request.POST or None, units=units, person=person, unit=unit, initial=initial
    )
    back = (
        redirect("people:detail", person.pk)
        if person is not None
        else redirect("organisations:detail", unit.pk)  # type: ignore[union-attr]
    )
    if request.method == "POST" and form.is_valid():
        try:
            award = record_past_award(form.save(), actor=request.user)
        except AwardError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Recorded: %(award)s %(year)s.")
                % {"award": award.award_name, "year": award.year},
            )
            return back
    return render(
        request,
        "awards/record.html",
        {"form": form, "person": person, "unit": unit, "back_url": back.url},
    )


@login_required
def record_for_person(request: HttpRequest, person_pk: int) -> HttpResponse:
    return _record(request, person=get_person_or_404(request.user, person_pk))  # type: ignore[arg-type]


@login_required
def record_for_unit(request: HttpRequest, unit_pk: int) -> HttpResponse:
    return _record(request, unit=get_unit_or_404(request.user, unit_pk))  # type: ignore[arg-type]
