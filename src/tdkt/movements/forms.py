"""Forms of the movements pages. They check the input; the services check the state."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdkt.awards.catalogue import AWARD_KINDS, COLLECTIVE, INDIVIDUAL
from tdkt.awards.forms import ScopedUnitChoiceField, ScopedUnitsField
from tdkt.common.security import UploadRejected, check_zip
from tdkt.common.text import clean_text
from tdkt.documents.numbers import decimal_vi
from tdkt.movements.enums import PERIODS_OF, Direction, Period, ReminderKind
from tdkt.movements.models import Movement, Pledge, PledgeTarget, ScoreCriterion
from tdkt.movements.services import LEADER_AWARDS
from tdkt.organisations.models import EmulationGroup, Unit
from tdkt.people.models import Person

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
MAX_EVIDENCE_BYTES = getattr(settings, "TDKT_MAX_EVIDENCE_BYTES", 10 * 1024 * 1024)
# Evidence files accepted, told apart by their first bytes, not by their name.
EVIDENCE_KINDS = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}


def parse_number(raw: str) -> Decimal:
    """A number as officers type it: "1.250.000", "1250000", "95,5", "95.5", "1.250,75".

    A dot followed by groups of three digits is a thousands separator; a comma is the decimal
    mark; with no comma, a single dot not followed by groups of three is a decimal point.
    """
    text = clean_text(raw).replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif GROUPED.match(text):
        text = text.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise ValueError(raw)
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(raw) from exc


class NumberField(forms.CharField):
    """A decimal typed the Vietnamese way; the error says what was typed and what is expected."""

    def __init__(
        self,
        *args: Any,
        min_value: Decimal | None = None,
        max_value: Decimal | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)
        self.min_value = min_value
        self.max_value = max_value

    def prepare_value(self, value: Any) -> Any:
        return decimal_vi(value) if isinstance(value, Decimal) else value

    def clean(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        try:
            number = parse_number(text)
        except ValueError:
            raise forms.ValidationError(
                _(
                    "“%(value)s” is not a number. Write digits only, with a comma before"
                    " decimals (for example 1.250.000 or 95,5)."
                ),
                code="invalid",
                params={"value": text},
            ) from None
        if abs(number) >= Decimal(10) ** 14:
            raise forms.ValidationError(_("This number is too large."), code="max_value")
        if self.min_value is not None and number < self.min_value:
            raise forms.ValidationError(
                _("The value must be at least %(min)s."),
                code="min_value",
                params={"min": decimal_vi(self.min_value)},
            )
        if self.max_value is not None and number > self.max_value:
            raise forms.ValidationError(
                _("The value %(value)s is above the maximum of %(max)s."),
                code="max_value",
                params={"value": decimal_vi(number), "max": decimal_vi(self.max_value)},
            )
        return number


def validate_evidence(upload: UploadedFile) -> None:
    """Size within the limit, and content that is what the file's extension says it is."""
    if upload.size is not None and upload.size > MAX_EVIDENCE_BYTES:
        raise forms.ValidationError(
            _("The file %(name)s is %(size)s MB; evidence files may be at most %(max)s MB."),
            params={
                "name": upload.name,
                "size": f"{upload.size / 1048576:.1f}".replace(".", ","),
                "max": MAX_EVIDENCE_BYTES // 1048576,
            },
        )
    name = (upload.name or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    signatures = EVIDENCE_KINDS.get(extension)
    if signatures is None:
        raise forms.ValidationError(
            _(
                "Evidence must be a PDF, an image (PNG, JPEG) or an office document"
                " (Word, Excel); %(name)s is not."
            ),
            params={"name": upload.name},
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in signatures):
        raise forms.ValidationError(
            _("The content of %(name)s is not a %(kind)s file; upload the real document."),
            params={"name": upload.name, "kind": extension.upper()},
        )
    if head.startswith(b"PK\x03\x04"):  # an office document: no zip bomb, no macros
        try:
            check_zip(upload.name or "", upload.read())
        except UploadRejected as exc:
            raise forms.ValidationError(str(exc)) from exc
        finally:
            upload.seek(0)


class MovementForm(forms.ModelForm):
    launched_by = ScopedUnitChoiceField(label=_("Launching body"), queryset=Unit.objects.none())
    covered_units = ScopedUnitsField(
        label=_("Units covered"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    class Meta:
        model = Movement
        fields = [
            "name",
            "kind",
            "year",
            "launched_by",
            "covered_units",
            "starts_on",
            "ends_on",
            "registration_deadline",
            "review_on",
            "theme",
            "purpose",
            "requirements",
            "preamble",
            "rewards_text",
            "implementation_text",
            "place",
            "signer_authority",
            "signer_name",
            "recipients",
        ]
        widgets = {
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "registration_deadline": DATE_WIDGET,
            "review_on": DATE_WIDGET,
            "year": forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "requirements": forms.Textarea(attrs={"rows": 3}),
            "preamble": forms.Textarea(attrs={"rows": 3}),
            "rewards_text": forms.Textarea(attrs={"rows": 3}),
            "implementation_text": forms.Textarea(attrs={"rows": 3}),
            "signer_authority": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "purpose": _("One point a line; each becomes a bullet of the plan."),
            "preamble": _("Leave empty to cite the law and decree in force on the plan's date."),
            "signer_authority": _(
                "One line each, e.g. TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH."
            ),
            "recipients": _("One recipient a line (Nơi nhận)."),
        }

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["launched_by"].queryset = units  # type: ignore[attr-defined]
        self.fields["covered_units"].queryset = units  # type: ignore[attr-defined]
        self.fields["year"].localize = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The movement cannot end before it starts."))
        deadline = data.get("registration_deadline")
        if deadline and ends and deadline > ends:
            self.add_error(
                "registration_deadline", _("The registration deadline is after the movement ends.")
            )
        year = data.get("year")
        if year and starts and not starts.year <= year <= (ends or starts).year:
            self.add_error("year", _("The year must fall within the movement's dates."))
        return data


class KeyTaskForm(forms.Form):
    text = forms.CharField(label=_("Key task"), max_length=500)


class TargetForm(forms.Form):
    name = forms.CharField(label=_("Target"), max_length=300)
    unit_of_measure = forms.CharField(label=_("Unit of measure"), max_length=60)
    planned_value = NumberField(label=_("Planned value"))
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Direction.choices, initial=Direction.HIGHER
    )
    weight = NumberField(
        label=_("Weight"), initial=Decimal(1), min_value=Decimal("0.01"), max_value=Decimal(1000)
    )

    def clean_name(self) -> str:
        return clean_text(self.cleaned_data["name"])


class PledgeTargetForm(TargetForm):
    unit = forms.ChoiceField(label=_("For"), required=False)

    def __init__(self, *args: Any, units: list[Unit] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            cast(forms.ChoiceField, self.fields["unit"]).choices = [
                ("", _("Every signatory")),
                *((str(u.pk), u.name) for u in units),
            ]
            self._units = {str(u.pk): u for u in units}

    def chosen_unit(self) -> Unit | None:
        return self._units.get(self.cleaned_data.get("unit") or "")


class LaunchForm(forms.Form):
    plan_number = forms.CharField(
        label=_("Plan number"), max_length=40, help_text=_("For example 05/KH-UBND.")
    )
    plan_date = forms.DateField(label=_("Plan date"), widget=DATE_WIDGET)


class RegistrationForm(forms.Form):
    """The titles a unit registers for itself, and one choice per person of the unit."""

    unit_titles = forms.MultipleChoiceField(
        label=_("Titles for the unit"), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(
        self,
        *args: Any,
        people: list[Person],
        initial_entries: Sequence[tuple[str, int | None]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        collective = [
            (k.code, k.name_vi)
            for k in sorted(AWARD_KINDS.values(), key=lambda k: k.rank)
            if COLLECTIVE in k.recipients and k.is_title
        ]
        individual = [
            (k.code, k.name_vi)
            for k in sorted(AWARD_KINDS.values(), key=lambda k: -k.rank)
            if INDIVIDUAL in k.recipients and k.is_title
        ]
        self.fields["unit_titles"].choices = collective  # type: ignore[attr-defined]
        self.fields["unit_titles"].initial = [
            code for code, person in initial_entries if person is None
        ]
        self.people = people
        chosen = {person: code for code, person in initial_entries if person is not None}
        for person in people:
            self.fields[f"person_{person.pk}"] = forms.ChoiceField(
                label=person.full_name,
                required=False,
                choices=[("", "—"), *individual],
                initial=chosen.get(person.pk, ""),
            )

    def entries(self) -> list[tuple[str, Person | None]]:
        rows: list[tuple[str, Person | None]] = [
            (code, None) for code in self.cleaned_data["unit_titles"]
        ]
        for person in self.people:
            code = self.cleaned_data.get(f"person_{person.pk}")
            if code:
                rows.append((code, person))
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_bound and not self.errors and not self.entries():
            raise forms.ValidationError(_("Choose at least one title to register for."))
        return data

    def person_fields(self) -> list[Any]:
        return [self[f"person_{p.pk}"] for p in self.people]


class ReminderForm(forms.Form):
    kind = forms.ChoiceField(label=_("About"), choices=ReminderKind.choices)
    message = forms.CharField(label=_("Message"), required=False, max_length=500)


class PledgeForm(forms.ModelForm):
    unit = ScopedUnitChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    group = forms.ModelChoiceField(
        label=_("Emulation group"), queryset=EmulationGroup.objects.none(), required=False
    )

    class Meta:
        model = Pledge
        fields = [
            "title",
            "unit",
            "group",
            "purpose",
            "commitments",
            "implementation",
            "report_frequency",
            "number",
            "place",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "commitments": forms.Textarea(attrs={"rows": 3}),
            "implementation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(
        self, *args: Any, units: QuerySet[Unit], groups: QuerySet[EmulationGroup], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("unit")) == bool(data.get("group")):
            raise forms.ValidationError(_("Choose either one unit or one emulation group."))
        return data


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE_WIDGET)
    signed_place = forms.CharField(label=_("Signed at"), max_length=200)

    def __init__(self, *args: Any, signatories: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.signatories = signatories
        for signatory in signatories:
            self.fields[f"signer_{signatory.unit_id}"] = forms.CharField(
                label=_("Signer for %(unit)s") % {"unit": signatory.unit.name},
                max_length=150,
                initial=signatory.signer_name,
            )

    def signers(self) -> dict[int, str]:
        return {s.unit_id: self.cleaned_data[f"signer_{s.unit_id}"] for s in self.signatories}


class ReportForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"))

    def __init__(
        self, *args: Any, pledge: Pledge, targets: list[PledgeTarget], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["period"]).choices = [
            (p, Period(p).label) for p in PERIODS_OF[pledge.report_frequency]
        ]
        self.targets = targets
        for target in targets:
            self.fields[f"value_{target.pk}"] = NumberField(
                label=f"{target.name} ({target.unit_of_measure})", required=False
            )
            self.fields[f"note_{target.pk}"] = forms.CharField(
                label=_("Note"), required=False, max_length=500
            )
            self.fields[f"evidence_{target.pk}"] = forms.FileField(
                label=_("Evidence"), required=False, validators=[validate_evidence]
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not self.values():
            raise forms.ValidationError(_("Enter at least one actual value."))
        return data

    def values(self) -> dict[int, Decimal]:
        return {
            t.pk: self.cleaned_data[f"value_{t.pk}"]
            for t in self.targets
            if self.cleaned_data.get(f"value_{t.pk}") is not None
        }

    def notes(self) -> dict[int, str]:
        return {
            t.pk: clean_text(self.cleaned_data.get(f"note_{t.pk}", ""))
            for t in self.targets
            if self.cleaned_data.get(f"value_{t.pk}") is not None
        }

    def evidence(self) -> dict[int, UploadedFile]:
        return {
            t.pk: self.cleaned_data[f"evidence_{t.pk}"]
            for t in self.targets
            if self.cleaned_data.get(f"evidence_{t.pk}")
        }

    def rows(self) -> list[tuple[PledgeTarget, Any, Any, Any]]:
        return [
            (t, self[f"value_{t.pk}"], self[f"note_{t.pk}"], self[f"evidence_{t.pk}"])
            for t in self.targets
        ]


class ScoreSheetForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=300)
    max_points = NumberField(
        label=_("Maximum points"), min_value=Decimal("0.01"), max_value=Decimal(1000)
    )
    target_key = forms.ChoiceField(label=_("Scored from target"), required=False)

    def __init__(self, *args: Any, targets: list[PledgeTarget], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keys: dict[str, str] = {}
        for target in targets:
            keys.setdefault(target.key, target.name)
        self.fields["target_key"].choices = [("", _("Scored by hand")), *keys.items()]  # type: ignore[attr-defined]


class ScoresForm(forms.Form):
    """One field per hand-scored criterion, each limited to the criterion's maximum."""

    def __init__(
        self,
        *args: Any,
        criteria: list[ScoreCriterion],
        initial_scores: dict[int, Decimal | None],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = [c for c in criteria if not c.is_automatic]
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = NumberField(
                label=criterion.name,
                min_value=Decimal(0),
                max_value=criterion.max_points,
                initial=initial_scores.get(criterion.pk),
                help_text=_("Maximum %(max)s points") % {"max": decimal_vi(criterion.max_points)},
            )

    def scores(self) -> dict[int, Decimal]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}


class ProposalForm(forms.Form):
    award_code = forms.ChoiceField(
        label=_("Proposed for"),
        choices=[(code, AWARD_KINDS[code].name_vi) for code in LEADER_AWARDS],
        initial="co_thi_dua_tinh",
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
