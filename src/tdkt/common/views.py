"""The dashboard: the year at a glance, within the user's scope."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tdkt.common.queries import dashboard as dashboard_figures


def parse_year(raw: str | None) -> int | None:
    """A year typed in a URL, or None when it is not a plausible year."""
    text = (raw or "").strip()
    if not (text.isascii() and text.isdigit()):  # "²".isdigit() too, and int() refuses it
        return None
    year = int(text)
    return year if 1945 <= year <= 2100 else None


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    figures = dashboard_figures(request.user, parse_year(request.GET.get("year")))  # type: ignore[arg-type]
    return render(request, "common/dashboard.html", {"d": figures})
