"""Units: the tree with search, one unit's page, and the year's emulation groups."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import get_unit_or_404, units_for
from tdkt.common import clock
from tdkt.common.actions import attempt, posted, report_form_errors
from tdkt.common.views import parse_year
from tdkt.organisations import queries, services
from tdkt.organisations.forms import CarryOverForm, GroupForm
from tdkt.organisations.permissions import can_change_group, can_manage_groups
from tdkt.organisations.queries import (
    get_group_or_404,
    group_page,
    group_years,
    unit_page,
    unit_tree,
)
from tdkt.organisations.services import carry_over_source
from tdkt.rules.evaluation.queries import unit_verdicts


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    current_only = request.GET.get("current") == "1"
    roots = unit_tree(units_for(request.user), query, current_only=current_only)  # type: ignore[arg-type]
    return render(
        request,
        "organisations/tree.html",
        {
            "roots": roots,
            "q": query,
            "current_only": current_only,
            "searching": bool(query.strip()),
        },
    )


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_or_404(request.user, pk)  # type: ignore[arg-type]
    return render(
        request,
        "organisations/detail.html",
        {
            "p": unit_page(request.user, unit),  # type: ignore[arg-type]
            "year_verdicts": unit_verdicts(request.user, unit),  # type: ignore[arg-type]
        },
    )


# -- emulation groups ----------------------------------------------------------------------


def _year_param(request: HttpRequest) -> int | None:
    """?year=2018; the current year when absent; every year with ?year=all."""
    value = request.GET.get("year", "")
    if value == "all":
        return None
    return parse_year(value) or clock.today().year


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    year = _year_param(request)
    years = group_years(user)  # type: ignore[arg-type]
    manage = can_manage_groups(user)
    return render(
        request,
        "organisations/groups.html",
        {
            "rows": queries.group_list(user, year),  # type: ignore[arg-type]
            "year": year,
            "years": sorted({*years, clock.today().year}, reverse=True),
            "can_manage": manage,
            "carry_form": CarryOverForm(initial={"year": year or clock.today().year}),
            "source_year": carry_over_source(user, year or clock.today().year) if manage else None,
        },
    )


@login_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_group_or_404(request.user, pk)  # type: ignore[arg-type]
    return render(
        request,
        "organisations/group.html",
        {
            "p": group_page(request.user, group),  # type: ignore[arg-type]
            "can_change": can_change_group(request.user, group),
        },
    )


def _group_form_page(request: HttpRequest, form: GroupForm, title: str, back: str) -> HttpResponse:
    return render(
        request, "organisations/group_form.html", {"form": form, "title": title, "back_url": back}
    )


@login_required
def group_create(request: HttpRequest) -> HttpResponse:
    if not can_manage_groups(request.user):
        raise PermissionDenied
    form = GroupForm(request.POST or None, units=units_for(request.user))  # type: ignore[arg-type]
    if posted(request, form) and (
        made := attempt(
            request,
            lambda: services.create_group(form.to_input(), actor=request.user),
            form=form,
            success=_("The emulation group has been created."),
        )
    ):
        return redirect("organisations:group", made.value.pk)
    return _group_form_page(
        request, form, _("New emulation group"), reverse("organisations:groups")
    )


@login_required
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_group_or_404(request.user, pk)  # type: ignore[arg-type]
    if not can_change_group(request.user, group):
        raise PermissionDenied
    form = GroupForm(request.POST or None, units=units_for(request.user), group=group)  # type: ignore[arg-type]
    if posted(request, form) and attempt(
        request,
        lambda: services.update_group(group, form.to_input(), actor=request.user),
        form=form,
        success=_("The emulation group has been saved."),
    ):
        return redirect("organisations:group", pk)
    return _group_form_page(
        request,
        form,
        _("Edit %(group)s") % {"group": group},
        reverse("organisations:group", args=[pk]),
    )


@login_required
@require_POST
def group_carry_over(request: HttpRequest) -> HttpResponse:
    if not can_manage_groups(request.user):
        raise PermissionDenied
    form = CarryOverForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form, labelled=True)
        return redirect("organisations:groups")
    year = form.cleaned_data["year"]
    attempt(
        request,
        lambda: services.carry_over_groups(year, actor=request.user),
        success=lambda done: (
            _(
                "Carried over from %(source)s into %(year)s: %(copied)s group(s) copied,"
                " %(existing)s already there, %(small)s left out with fewer than two units"
                " still in operation."
            )
            % {
                "source": done.source_year,
                "year": year,
                "copied": len(done.copied),
                "existing": done.existing,
                "small": done.too_small,
            }
        ),
    )
    return redirect(f"{reverse('organisations:groups')}?year={year}")
