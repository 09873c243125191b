"""The form of the share goals page. It checks the input; the service checks who may set it."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.scope import units_for
from tdkt.awards.forms import ScopedUnitChoiceField
from tdkt.common.text import clean_text
from tdkt.organisations.models import Unit
from tdkt.reports.enums import ShareMeasure
from tdkt.reports.services import ReportError, parse_year, percent_message

# "30", "12,5", "12.5", "30 %": a whole number up to three digits and at most one decimal.
PERCENT = re.compile(r"^(\d{1,3})(?:[.,](\d))?%?$")


def parse_percent(raw: Any) -> Decimal:
    """A percentage as typed, 0–100 with at most one decimal; ValueError otherwise."""
    match = PERCENT.match(clean_text(str(raw or "")).replace(" ", ""))
    if match is None:
        raise ValueError(raw)
    value = Decimal(f"{match[1]}.{match[2] or 0}")
    if value > 100:
        raise ValueError(raw)
    return value


class ShareGoalForm(forms.Form):
    unit = ScopedUnitChoiceField(label=_("Body setting the goal"), queryset=Unit.objects.none())
    measure = forms.ChoiceField(label=_("Measure"), choices=ShareMeasure.choices)
    percent = forms.CharField(
        label=_("Goal (%)"),
        max_length=10,
        help_text=_("From 0 to 100, e.g. 30 or 12,5."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
    )
    from_year = forms.CharField(
        label=_("From the year"),
        max_length=4,
        help_text=_("The goal applies from this year until a later goal replaces it."),
        widget=forms.NumberInput(attrs={"min": 1945, "max": 2100}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Historic units too: the district's goals of 2017 stay its own after 2025.
        self.fields["unit"].queryset = units_for(user)  # type: ignore[attr-defined]

    def clean_percent(self) -> Decimal:
        try:
            return parse_percent(self.cleaned_data["percent"])
        except ValueError as exc:
            raise forms.ValidationError(percent_message(), code="invalid") from exc

    def clean_from_year(self) -> int:
        try:
            return parse_year(self.cleaned_data["from_year"])
        except ReportError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc
