"""Forms of the decisions pages. They check the input; the services check the state."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdkt.common.security import PDF, UploadRejected, check_uploaded_file
from tdkt.common.text import clean_text
from tdkt.decisions.enums import CHAIR, VICE_CHAIR, DecisionKind, DecisionStatus
from tdkt.decisions.models import Decision, DecisionLine

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
SIGNER_TITLES = [(CHAIR, CHAIR), (VICE_CHAIR, VICE_CHAIR)]


class SignerTitleField(forms.CharField):
    """The authority line, typed or picked from the usual two (a datalist in the page)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Signer's authority line"))
        kwargs.setdefault("max_length", 150)
        kwargs.setdefault(
            "help_text",
            _("“CHỦ TỊCH”, or “KT. CHỦ TỊCH / PHÓ CHỦ TỊCH” when a vice-chair signs."),
        )
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"list": "signer-titles", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        return clean_text(super().clean(value)).upper()


class FilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "—"), *DecisionStatus.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", "—"), *DecisionKind.choices]
    )

    def filter(self, decisions: QuerySet[Decision]) -> QuerySet[Decision]:
        if not self.is_valid():
            return decisions
        data = self.cleaned_data
        if data.get("year"):
            decisions = decisions.filter(decision_date__year=data["year"])
        if data.get("status"):
            decisions = decisions.filter(status=data["status"])
        if data.get("kind"):
            decisions = decisions.filter(kind=data["kind"])
        return decisions


class DraftForm(forms.Form):
    """The header of a draft: its date, signer, summary and the lines before the articles."""

    decision_date = forms.DateField(label=_("Decision date"), widget=DATE_WIDGET)
    signer_name = forms.CharField(label=_("Signer"), max_length=150)
    signer_title = SignerTitleField()
    summary = forms.CharField(label=_("Summary"), max_length=300)
    proposal = forms.CharField(
        label=_("Proposal line"),
        max_length=500,
        required=False,
        help_text=_("Empty: the council's proposal in the standard wording."),
    )
    extra_bases = forms.CharField(
        label=_("Further legal bases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One “Căn cứ …” line each, e.g. the province's regulation on emulation."),
    )

    @classmethod
    def for_decision(cls, decision: Decision, data: Any = None) -> DraftForm:
        return cls(
            data,
            initial={
                "decision_date": decision.decision_date,
                "signer_name": decision.signer_name,
                "signer_title": decision.signer_title,
                "summary": decision.summary,
                "proposal": decision.proposal,
                "extra_bases": decision.extra_bases,
            },
        )


class SignForm(forms.Form):
    decision_date = forms.DateField(label=_("Date signed"), widget=DATE_WIDGET)
    number = forms.IntegerField(
        label=_("Number"),
        required=False,
        min_value=1,
        max_value=99999,
        help_text=_("Empty: the next free number of the year."),
    )


class RevokeForm(forms.Form):
    lines = forms.ModelMultipleChoiceField(
        label=_("Awards to revoke"),
        queryset=DecisionLine.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    decision_date = forms.DateField(label=_("Date of the revocation"), widget=DATE_WIDGET)
    signer_name = forms.CharField(label=_("Signer"), max_length=150)
    signer_title = SignerTitleField()

    def __init__(self, *args: Any, lines: QuerySet[DecisionLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["lines"]
        field.queryset = lines  # type: ignore[attr-defined]
        field.label_from_instance = lambda line: (  # type: ignore[attr-defined]
            f"{line.number}. {line.display_name}"
            + (f" – {line.position_and_unit}" if line.position_and_unit else "")
        )


class VerifyPdfForm(forms.Form):
    """The public page's upload: one PDF (by content), checked against the issued file."""

    file = forms.FileField(label=_("PDF file to check"))

    def __init__(self, *args: Any, max_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        try:
            check_uploaded_file(upload, {PDF}, max_bytes=self.max_bytes)
        except UploadRejected as exc:
            raise forms.ValidationError(str(exc), code="rejected") from exc
        upload.seek(0)
        return bytes(upload.read())
