"""Forms of the legal-rules pages: running a whole-year evaluation, filtering its verdicts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdkt.common import clock
from tdkt.organisations.models import Unit
from tdkt.rules.evaluation.queries import ELIGIBLE, NOT_ELIGIBLE
from tdkt.rules.evaluation.service import FIRST_YEAR
from tdkt.rules.models import EvaluationRun


def _tree_label(unit: Unit) -> str:
    label = f"{'· ' * unit.depth}{unit.name}"
    return f"{label} ({_('historic')})" if unit.valid_to else label


class EvaluationForm(forms.Form):
    year = forms.IntegerField(label=_("Year to judge"))
    decision_date = forms.DateField(
        label=_("Decision date"),
        required=False,
        help_text=_(
            "It selects the legal regime and the base salary; by default 15 January of the"
            " following year."
        ),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    unit = forms.ModelChoiceField(
        label=_("Units (with the units under them)"), queryset=Unit.objects.none()
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], everything: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        last = clock.today().year
        self.fields["year"].widget.attrs.update({"min": FIRST_YEAR, "max": last})
        self.fields["year"].initial = last - 1
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        # Historic units too: a past year is judged in the units of that year.
        unit.queryset = units.order_by("path")
        unit.label_from_instance = _tree_label  # type: ignore[method-assign,assignment]
        unit.required = not everything
        unit.empty_label = _("All units") if everything else None  # type: ignore[assignment]

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        last = clock.today().year
        if not FIRST_YEAR <= year <= last:
            raise forms.ValidationError(
                _("The year to judge must be between %(first)s and %(last)s."),
                params={"first": FIRST_YEAR, "last": last},
            )
        return int(year)


class VerdictFilterForm(forms.Form):
    award = forms.ChoiceField(label=_("Title"), required=False)
    outcome = forms.ChoiceField(
        label=_("Result"),
        required=False,
        choices=[
            ("", _("Eligible or not")),
            (ELIGIBLE, _("May receive it")),
            (NOT_ELIGIBLE, _("Not eligible")),
        ],
    )
    unit = forms.ModelChoiceField(
        label=_("Unit (and units under it)"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("All units"),
    )
    q = forms.CharField(label=_("Name"), required=False, max_length=100)

    def __init__(self, *args: Any, run: EvaluationRun, units: QuerySet[Unit], **kwargs: Any):
        super().__init__(*args, **kwargs)
        award = self.fields["award"]
        assert isinstance(award, forms.ChoiceField)
        award.choices = [("", _("All titles")), *((t["award"], t["name"]) for t in run.titles)]
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = units.order_by("path")
        unit.label_from_instance = _tree_label  # type: ignore[method-assign,assignment]
