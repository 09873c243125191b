"""Forms of the people pages: the list's filters and entering a person's records by hand."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdkt.awards.catalogue import AWARD_KINDS, INDIVIDUAL
from tdkt.awards.forms import FIRST_YEAR, ScopedUnitChoiceField
from tdkt.common import clock
from tdkt.common.enums import Gender, Grade
from tdkt.common.text import clean_text
from tdkt.organisations.models import Unit
from tdkt.people.enums import Category
from tdkt.people.models import Person, ServicePeriod, YearRecord

CITIZEN_ID = re.compile(r"^\d{12}$")
EARLIEST_BIRTH = dt.date(1900, 1, 1)
DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
INVALID_DATE = _("This is not a real date: enter day, month and year, for example 05/01/1980.")


def _year_bounds_error(year: int) -> forms.ValidationError | None:
    last = clock.today().year + 1
    if FIRST_YEAR <= year <= last:
        return None
    return forms.ValidationError(
        _("The year must be between %(first)s and %(last)s."),
        params={"first": FIRST_YEAR, "last": last},
    )


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or citizen ID"), required=False, max_length=150)
    unit = ScopedUnitChoiceField(
        label=_("Unit (and units under it)"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("All units"),
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *Category.choices]
    )
    gender = forms.ChoiceField(
        label=_("Gender"), required=False, choices=[("", _("All")), *Gender.choices]
    )
    grade = forms.ChoiceField(
        label=_("Grade"), required=False, choices=[("", _("Any grade")), *Grade.choices]
    )
    grade_year = forms.IntegerField(
        label=_("in the year"), required=False, min_value=FIRST_YEAR, max_value=2100
    )
    award = forms.ChoiceField(label=_("Has the award"), required=False)
    award_year = forms.IntegerField(
        label=_("for the year"), required=False, min_value=FIRST_YEAR, max_value=2100
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        cast(forms.ChoiceField, self.fields["award"]).choices = [("", _("Any award"))] + [
            (kind.code, kind.name_vi)
            for kind in sorted(AWARD_KINDS.values(), key=lambda k: k.rank)
            if INDIVIDUAL in kind.recipients
        ]

    def clean_q(self) -> str:
        return clean_text(self.cleaned_data["q"])


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["full_name", "gender", "birth_date", "citizen_id", "recruited_on"]
        widgets = {"birth_date": DATE_WIDGET, "recruited_on": DATE_WIDGET}
        error_messages = {
            "birth_date": {"invalid": INVALID_DATE},
            "recruited_on": {"invalid": INVALID_DATE},
        }

    def clean_full_name(self) -> str:
        name = clean_text(self.cleaned_data["full_name"])
        if len(name.split(" ")) < 2:
            raise forms.ValidationError(
                _("Enter the full name: family name, middle name(s) and given name.")
            )
        return name

    def clean_citizen_id(self) -> str | None:
        raw = clean_text(self.cleaned_data.get("citizen_id")).replace(" ", "").replace(".", "")
        if not raw:
            return None
        if not CITIZEN_ID.match(raw):
            raise forms.ValidationError(
                _("A citizen ID has exactly 12 digits; “%(value)s” has %(count)s characters."),
                params={"value": raw, "count": len(raw)},
            )
        # Named without saying whose: the other person may be outside the user's scope.
        if Person.objects.filter(citizen_id=raw).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("The citizen ID %(value)s is already recorded for another person."),
                params={"value": raw},
            )
        return raw

    def clean_birth_date(self) -> dt.date | None:
        born: dt.date | None = self.cleaned_data.get("birth_date")
        if born is not None and not EARLIEST_BIRTH <= born <= clock.today():
            raise forms.ValidationError(
                _("The date of birth must be between 01/01/1900 and today.")
            )
        return born

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        born, recruited = data.get("birth_date"), data.get("recruited_on")
        if born and recruited and recruited <= born:
            self.add_error("recruited_on", _("The start of service must come after the birth."))
        return data


class ServicePeriodForm(forms.ModelForm):
    unit = ScopedUnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())

    class Meta:
        model = ServicePeriod
        fields = ["unit", "position", "category", "is_frontline", "is_leader", "start_on", "end_on"]
        widgets = {"start_on": DATE_WIDGET, "end_on": DATE_WIDGET}
        error_messages = {
            "start_on": {"invalid": INVALID_DATE},
            "end_on": {"invalid": INVALID_DATE},
        }

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean_position(self) -> str:
        return clean_text(self.cleaned_data["position"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_on"), data.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", _("The end of a service period cannot come before its start."))
        return data


class YearRecordForm(forms.ModelForm):
    unit = ScopedUnitChoiceField(
        label=_("Unit in that year"), required=False, queryset=Unit.objects.none()
    )

    class Meta:
        model = YearRecord
        fields = ["year", "unit", "grade", "leave_kind", "leave_days", "note"]

    def __init__(self, *args: Any, units: QuerySet[Unit], person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        error = _year_bounds_error(year)
        if error is not None:
            raise error
        taken = YearRecord.objects.filter(person=self.person, year=year).exclude(
            pk=self.instance.pk
        )
        if taken.exists():
            raise forms.ValidationError(
                _("%(year)s already has a yearly record for this person: edit that one instead."),
                params={"year": year},
            )
        return year

    def clean_note(self) -> str:
        return clean_text(self.cleaned_data["note"])

    def clean_leave_days(self) -> int:
        days: int = self.cleaned_data["leave_days"] or 0
        if days > 366:
            raise forms.ValidationError(_("A year has at most 366 days of leave."))
        return days

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("leave_days") and not data.get("leave_kind"):
            self.add_error("leave_kind", _("Say what kind of leave the days were."))
        return data
