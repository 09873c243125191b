"""Forms of the award register: the register's filters and recording a past award."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tdkt.awards.catalogue import AWARD_KINDS, COLLECTIVE, INDIVIDUAL
from tdkt.awards.enums import AwardMethod, AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.common import clock
from tdkt.common.text import clean_text, fold
from tdkt.organisations.models import Unit
from tdkt.people.models import Person, ServicePeriod

FIRST_YEAR = 1945


class _CachedChoiceIterator(ModelChoiceIterator):
    """Reads the units once per form: a <select> otherwise queries again for its "required"
    attribute, and a page's query count should not depend on how a widget is rendered."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:  # evaluates once, then the queryset's cache
            yield self.choice(obj)


OUT_OF_SCOPE = _("This unit is outside the units you are responsible for.")


class _ScopedUnits:
    """Units among those the user may see (the form sets the queryset), read once per form and
    indented by depth so the tree shows."""

    iterator: type[ModelChoiceIterator] = _CachedChoiceIterator

    def label_from_instance(self, obj: Any) -> str:
        return "\u2003" * min(obj.depth, 8) + obj.name + (" †" if obj.valid_to else "")


class ScopedUnitChoiceField(_ScopedUnits, forms.ModelChoiceField):
    """One unit in the user's scope; a forged POST naming another is a form error."""

    default_error_messages = {"invalid_choice": OUT_OF_SCOPE}


class ScopedUnitsField(_ScopedUnits, forms.ModelMultipleChoiceField):
    """Several units in the user's scope."""

    default_error_messages = {"invalid_choice": OUT_OF_SCOPE, "invalid_pk_value": OUT_OF_SCOPE}


def normalise_decision_number(value: str) -> str:
    """The spelling the register stores: "59/qđ-ubnd " -> "59/QĐ-UBND"."""
    return clean_text(value).upper().replace(" ", "")


class RegisterFilterForm(forms.Form):
    KIND_CHOICES = [
        ("", _("Individual and collective")),
        (INDIVIDUAL, pgettext_lazy("recipient kind", "Individual")),
        (COLLECTIVE, pgettext_lazy("recipient kind", "Collective")),
    ]

    year = forms.IntegerField(label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=2100)
    award = forms.ChoiceField(label=_("Award"), required=False)
    kind = forms.ChoiceField(label=_("Recipient"), required=False, choices=KIND_CHOICES)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *AwardStatus.choices],
    )
    decision = forms.CharField(label=_("Decision number"), required=False, max_length=60)
    name = forms.CharField(label=_("Recipient name"), required=False, max_length=150)
    unit = ScopedUnitChoiceField(
        label=_("Unit (and units under it)"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("All units"),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        cast(forms.ChoiceField, self.fields["award"]).choices = [("", _("All awards"))] + [
            (kind.code, kind.name_vi) for kind in sorted(AWARD_KINDS.values(), key=lambda k: k.rank)
        ]

    def filter(self, awards: QuerySet[AwardRecord]) -> QuerySet[AwardRecord]:
        """The rows matching the filters; none at all when a filter is invalid (for instance a
        unit outside the user's scope), so a typed URL can never widen what is shown."""
        if not self.is_valid():
            return awards.none()
        data = self.cleaned_data
        if data["year"]:
            awards = awards.filter(year=data["year"])
        if data["award"]:
            awards = awards.filter(award_code=data["award"])
        if data["kind"] == INDIVIDUAL:
            awards = awards.filter(person__isnull=False)
        elif data["kind"] == COLLECTIVE:
            awards = awards.filter(unit__isnull=False)
        if data["status"]:
            awards = awards.filter(status=data["status"])
        if data["decision"]:
            wanted = normalise_decision_number(data["decision"])
            awards = awards.filter(
                Q(decision_number__contains=wanted) | Q(revoked_by_number__contains=wanted)
            )
        for word in fold(data["name"]).split():
            awards = awards.filter(
                Q(person__search_key__contains=word) | Q(unit__search_key__contains=word)
            )
        unit = data["unit"]
        if unit is not None:
            # A person's award counts for the unit they were in when it was granted; when that
            # was not recorded, for any unit they served in.
            served = ServicePeriod.objects.filter(unit__path__startswith=unit.path)
            awards = awards.filter(
                Q(unit__path__startswith=unit.path)
                | Q(unit_at_award__path__startswith=unit.path)
                | Q(unit_at_award__isnull=True, person_id__in=served.values("person_id"))
            )
        return awards


class RecordAwardForm(forms.ModelForm):
    """An award granted before tdkt (or outside it), typed in from the paper register."""

    unit_at_award = ScopedUnitChoiceField(
        label=_("Unit at the time"), required=False, queryset=Unit.objects.none()
    )

    class Meta:
        model = AwardRecord
        fields = [
            "award_code",
            "year",
            "method",
            "decision_number",
            "decision_date",
            "issuer",
            "register_number",
            "achievement",
            "amount_vnd",
            "unit_at_award",
        ]
        widgets = {
            "decision_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "achievement": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self,
        *args: Any,
        units: QuerySet[Unit],
        person: Person | None = None,
        unit: Unit | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.recipient_person = person
        self.recipient_unit = unit
        wanted = INDIVIDUAL if person is not None else COLLECTIVE
        cast(forms.ChoiceField, self.fields["award_code"]).choices = [("", "---------")] + [
            (kind.code, kind.name_vi)
            for kind in sorted(AWARD_KINDS.values(), key=lambda k: k.rank)
            if wanted in kind.recipients
        ]
        self.fields["method"].initial = AwardMethod.REGULAR
        if person is None:
            del self.fields["unit_at_award"]
        else:
            self.fields["unit_at_award"].queryset = units  # type: ignore[attr-defined]

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        last = clock.today().year + 1
        if not FIRST_YEAR <= year <= last:
            raise forms.ValidationError(
                _("The year must be between %(first)s and %(last)s."),
                params={"first": FIRST_YEAR, "last": last},
            )
        return year

    def clean_decision_number(self) -> str:
        number = normalise_decision_number(self.cleaned_data["decision_number"])
        if not number:
            raise forms.ValidationError(_("Enter the number of the award decision."))
        return number

    def clean_issuer(self) -> str:
        return clean_text(self.cleaned_data["issuer"])

    def clean_achievement(self) -> str:
        return clean_text(self.cleaned_data["achievement"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decided = data.get("decision_date")
        year = data.get("year")
        if decided and decided > clock.today():
            self.add_error("decision_date", _("The decision date cannot be in the future."))
        if decided and year and decided.year < year:
            self.add_error(
                "decision_date",
                forms.ValidationError(
                    _("A decision for the year %(year)s cannot be dated before that year."),
                    params={"year": year},
                ),
            )
        code, number = data.get("award_code"), data.get("decision_number")
        if code and year and number:
            duplicates = AwardRecord.objects.filter(
                award_code=code, year=year, decision_number=number
            )
            if self.recipient_person is not None:
                duplicates = duplicates.filter(person=self.recipient_person)
            else:
                duplicates = duplicates.filter(unit=self.recipient_unit)
            if duplicates.exists():
                raise forms.ValidationError(
                    _(
                        "This award is already in the register for this recipient, year and"
                        " decision; nothing was saved."
                    )
                )
        return data

    def save(self, commit: bool = False) -> AwardRecord:
        """The unsaved record with its recipient; the service saves it."""
        award: AwardRecord = super().save(commit=False)
        award.person = self.recipient_person
        award.unit = self.recipient_unit
        return award
