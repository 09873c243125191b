"""Units: the tree with search, and one unit's page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tdkt.accounts.scope import get_unit_or_404, units_for
from tdkt.organisations.queries import unit_page, unit_tree
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
