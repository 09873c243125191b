"""Forms of the nominations pages. Choices are limited to the user's scope; a value outside it
(a forged POST) is refused with a message that says so, and nothing is saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from tdkt.awards.catalogue import AWARD_KINDS
from tdkt.common import clock
from tdkt.common.formatting import short_date
from tdkt.movements.models import Movement
from tdkt.nominations.antispam import HONEYPOT_FIELD
from tdkt.nominations.enums import AttachmentKind, DayUnit, DossierKind
from tdkt.nominations.models import Dossier, Nomination
from tdkt.nominations.validators import max_attachment_bytes
from tdkt.organisations.models import Unit
from tdkt.people.models import Person
from tdkt.rules.regime import Regime

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
OUT_OF_SCOPE = _("This choice is not among the units and people you manage.")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return "— " * max(0, obj.depth - 1) + obj.name


class VersionForm(forms.Form):
    """Carries the dossier version the page was built from (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DossierForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Proposing unit"),
        queryset=Unit.objects.none(),
        error_messages={"invalid_choice": OUT_OF_SCOPE},
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=DossierKind.choices)
    year = forms.IntegerField(label=_("Year of achievement"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=300)
    decision_date = forms.DateField(
        label=_("Expected decision date"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_(
            "Chooses the legal rules and base salary the nominations are judged by; empty means"
            " 15 January of the following year."
        ),
    )
    movement = forms.ModelChoiceField(
        label=_("Movement (campaign dossiers)"),
        queryset=Movement.objects.none(),
        required=False,
    )
    memo_number = forms.CharField(label=_("Submission memo number"), max_length=40, required=False)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["movement"].queryset = Movement.objects.filter(  # type: ignore[attr-defined]
            Q(launched_by__in=units) | Q(covered_units__in=units)
        ).distinct()


class DossierEditForm(DossierForm, VersionForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The unit and the year are what the nominations were checked against: fixed.
        del self.fields["unit"]
        del self.fields["year"]


def award_choices(regime: Regime | None, kind: str | None = None) -> list[tuple[str, str]]:
    if regime is None:
        return []
    codes = [
        code
        for code, rule in regime.awards.items()
        if code in AWARD_KINDS and (kind is None or kind in rule.awarded_to)
    ]
    codes.sort(key=lambda code: AWARD_KINDS[code].rank)  # higher awards first
    return [("", "---------"), *((code, regime.awards[code].name_vi) for code in codes)]


class AwardField(forms.ChoiceField):
    def __init__(self, regime: Regime | None, decision_date: dt.date, **kwargs: Any) -> None:
        regime_name = regime.name_vi if regime else "—"
        super().__init__(
            label=_("Award proposed"),
            choices=award_choices(regime),
            error_messages={
                "invalid_choice": _(
                    "“%%(value)s” is not a title or award form of the rules in force on"
                    " %(date)s (%(regime)s)."
                )
                % {"date": short_date(decision_date), "regime": regime_name}
            },
            **kwargs,
        )


class NominationForm(VersionForm):
    INDIVIDUAL, COLLECTIVE = "individual", "collective"
    subject_kind = forms.ChoiceField(
        label=_("Candidate"),
        choices=[(INDIVIDUAL, _("A person")), (COLLECTIVE, _("A collective"))],
        widget=forms.RadioSelect,
        initial=INDIVIDUAL,
    )
    person = forms.ModelChoiceField(
        label=_("Person nominated"),
        queryset=Person.objects.none(),
        required=False,
        error_messages={"invalid_choice": OUT_OF_SCOPE},
    )
    collective = UnitChoiceField(
        label=_("Collective nominated"),
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": OUT_OF_SCOPE},
    )
    position = forms.CharField(
        label=_("Position"),
        max_length=150,
        required=False,
        help_text=_("Empty means the position stored for the person."),
    )
    achievement = forms.CharField(
        label=_("Summary of achievements"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )

    def __init__(
        self,
        *args: Any,
        people: QuerySet[Person],
        units: QuerySet[Unit],
        regime: Regime | None,
        decision_date: dt.date,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["collective"].queryset = units  # type: ignore[attr-defined]
        self.fields["award_code"] = AwardField(regime, decision_date)
        self.order_fields(["subject_kind", "person", "collective", "award_code"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("subject_kind") == self.COLLECTIVE:
            data["person"] = None
            if not data.get("collective") and "collective" not in self.errors:
                self.add_error("collective", _("Choose the collective."))
        else:
            data["collective"] = None
            if not data.get("person") and "person" not in self.errors:
                self.add_error("person", _("Choose the person."))
        return data


class NominationEditForm(VersionForm):
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    achievement = forms.CharField(
        label=_("Summary of achievements"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )

    def __init__(
        self, *args: Any, regime: Regime | None, decision_date: dt.date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award_code"] = AwardField(regime, decision_date)
        self.order_fields(["award_code", "position", "achievement"])


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=AttachmentKind.choices)
    nomination = forms.ModelChoiceField(
        label=_("For the nomination of"),
        queryset=Nomination.objects.none(),
        required=False,
        empty_label=_("(the whole dossier)"),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (.docx), Excel (.xlsx), JPEG or PNG; checked by its content."),
    )

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = dossier.nominations.select_related(  # type: ignore[attr-defined]
            "person", "unit"
        )
        self.fields["file"].help_text = _(
            "PDF, Word (.docx), Excel (.xlsx), JPEG or PNG, at most %(limit)s; checked by its"
            " content."
        ) % {"limit": filesizeformat(max_attachment_bytes())}

    def content(self) -> bytes:
        upload = self.cleaned_data["file"]
        return b"".join(upload.chunks())


class ImportForm(VersionForm):
    file = forms.FileField(label=_("Excel file (.xlsx) or CSV"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.TDKT_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; at most %(limit)s are accepted.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.TDKT_MAX_UPLOAD_BYTES),
                }
            )
        return upload


class AppraisalForm(VersionForm):
    """One accept/return choice (and a reason) per submitted nomination."""

    ACCEPT, RETURN = "accept", "return"
    note = forms.CharField(
        label=_("Note to the unit"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, nominations: list[Nomination], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nominations = nominations
        for nomination in nominations:
            self.fields[f"decision_{nomination.pk}"] = forms.ChoiceField(
                label=nomination.subject_name,
                choices=[(self.ACCEPT, _("Accept")), (self.RETURN, _("Return to the unit"))],
                widget=forms.RadioSelect,
            )
            self.fields[f"reason_{nomination.pk}"] = forms.CharField(
                label=_("Reason for returning"), required=False, max_length=1000
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for nomination in self.nominations:
            if (
                data.get(f"decision_{nomination.pk}") == self.RETURN
                and not (data.get(f"reason_{nomination.pk}") or "").strip()
            ):
                self.add_error(f"reason_{nomination.pk}", _("Give the reason the unit will read."))
        return data

    def rows(self) -> list[tuple[Nomination, Any, Any]]:
        return [(n, self[f"decision_{n.pk}"], self[f"reason_{n.pk}"]) for n in self.nominations]


class DisclosureForm(forms.Form):
    title = forms.CharField(label=_("Title of the list"), max_length=300)
    unit = UnitChoiceField(
        label=_("Publishing body"),
        queryset=Unit.objects.none(),
        error_messages={"invalid_choice": OUT_OF_SCOPE},
    )
    published_on = forms.DateField(label=_("Published on"), widget=DATE_WIDGET)
    days = forms.IntegerField(label=_("Length of the period"), min_value=1, max_value=90)
    day_unit = forms.ChoiceField(label=_("Counted in"), choices=DayUnit.choices)
    nominations = forms.ModelMultipleChoiceField(
        label=_("Nominations"),
        queryset=Nomination.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, units: QuerySet[Unit], ready: QuerySet[Nomination], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["nominations"].queryset = ready  # type: ignore[attr-defined]
        self.fields["nominations"].label_from_instance = lambda n: (  # type: ignore[attr-defined]
            f"{n.subject_name} – {n.award_name} ({n.dossier.unit.name})"
        )
        self.initial.setdefault("published_on", clock.today())
        self.initial.setdefault("days", 5)
        self.initial.setdefault("day_unit", DayUnit.WORKING_DAYS)


class CommentForm(forms.Form):
    nomination = forms.TypedChoiceField(
        label=_("Your comment is about"), required=False, coerce=int, empty_value=None
    )
    author_name = forms.CharField(label=_("Your name (optional)"), max_length=150, required=False)
    contact = forms.CharField(label=_("Phone or e-mail (optional)"), max_length=150, required=False)
    text = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 5}), max_length=3000
    )

    def __init__(self, *args: Any, rows: list[dict[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nomination"].choices = [  # type: ignore[attr-defined]
            ("", _("The whole list")),
            *((row["id"], f"{row['name']} – {row['award']}") for row in rows),
        ]
        # The honeypot: hidden from people by the page's style, left empty by them.
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
