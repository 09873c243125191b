"""Query-string filters of the API lists that have no page of their own; the people list and the
register reuse their pages' filter forms. Unit filters offer only the user's units: a unit
outside the scope is an invalid value, never a wider answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdkt.awards.catalogue import AWARD_KINDS
from tdkt.awards.forms import ScopedUnitChoiceField
from tdkt.common.enums import Grade
from tdkt.organisations.enums import UnitKind
from tdkt.organisations.models import Unit

YEAR_BOUNDS = {"min_value": 1945, "max_value": 2100}


class ScopedFilterForm(forms.Form):
    unit = ScopedUnitChoiceField(required=False, queryset=Unit.objects.none())

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class UnitFilterForm(ScopedFilterForm):
    kind = forms.ChoiceField(required=False, choices=[("", ""), *UnitKind.choices])
    active = forms.NullBooleanField(required=False)


class YearRecordFilterForm(ScopedFilterForm):
    year = forms.IntegerField(required=False, **YEAR_BOUNDS)  # type: ignore[arg-type]
    person = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    grade = forms.ChoiceField(required=False, choices=[("", ""), *Grade.choices])


class VerdictFilterForm(ScopedFilterForm):
    year = forms.IntegerField(required=False, **YEAR_BOUNDS)  # type: ignore[arg-type]
    person = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    award_code = forms.ChoiceField(
        required=False, choices=[("", ""), *((code, code) for code in sorted(AWARD_KINDS))]
    )
    eligible = forms.NullBooleanField(required=False)


class DossierFilterForm(ScopedFilterForm):
    year = forms.IntegerField(required=False, **YEAR_BOUNDS)  # type: ignore[arg-type]
    state = forms.CharField(required=False, max_length=12)
    award_code = forms.ChoiceField(
        required=False, choices=[("", ""), *((code, code) for code in sorted(AWARD_KINDS))]
    )
    person = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


class DecisionFilterForm(ScopedFilterForm):
    year = forms.IntegerField(required=False, **YEAR_BOUNDS)  # type: ignore[arg-type]
    status = forms.CharField(required=False, max_length=10)
    award_code = forms.ChoiceField(
        required=False, choices=[("", ""), *((code, code) for code in sorted(AWARD_KINDS))]
    )
    decision_number = forms.RegexField(
        required=False,
        regex=r"^\s*\d{1,9}\s*(/.*)?$",
        max_length=60,
        error_messages={"invalid": _("Write a decision number such as 12/QĐ-UBND.")},
    )
