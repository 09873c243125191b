"""Forms of the council pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.common import clock
from tdkt.councils.enums import BallotMethod, Choice
from tdkt.councils.models import AgendaItem, CouncilMember
from tdkt.nominations.models import Nomination

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    year = forms.IntegerField(label=_("Year of achievement"), min_value=2000, max_value=2100)
    held_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("Start time"), widget=TIME_WIDGET, required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    ballot_method = forms.ChoiceField(label=_("Voting"), choices=BallotMethod.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("held_on", clock.today())
        self.initial.setdefault("year", clock.today().year)
        self.initial.setdefault("ballot_method", BallotMethod.ONLINE)


class AgendaForm(forms.Form):
    nominations = forms.ModelMultipleChoiceField(
        label=_("Nominations"),
        queryset=Nomination.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, ready: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = ready  # type: ignore[attr-defined]


class OpenForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Members present"),
        queryset=CouncilMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, members: list[CouncilMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        field.queryset = CouncilMember.objects.filter(  # type: ignore[attr-defined]
            pk__in=[m.pk for m in members]
        ).select_related("user")
        field.label_from_instance = lambda m: f"{m.user} – {m.title or m.get_role_display()}"  # type: ignore[attr-defined]
        self.initial.setdefault("present", [m.pk for m in members])
        self.members = members
        for member in members:
            self.fields[f"note_{member.pk}"] = forms.CharField(
                label=_("If absent: note (e.g. gave a written opinion)"),
                max_length=200,
                required=False,
            )


class BallotForm(forms.Form):
    """A member's secret ballot: agree or disagree for each nomination on the agenda."""

    def __init__(self, *args: Any, items: list[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=str(item.nomination),
                choices=Choice.choices,
                widget=forms.RadioSelect,
                required=False,
            )

    def choices(self) -> dict[int, str]:
        return {
            item.pk: self.cleaned_data[f"item_{item.pk}"]
            for item in self.items
            if self.cleaned_data.get(f"item_{item.pk}")
        }

    def rows(self) -> list[tuple[AgendaItem, Any]]:
        return [(item, self[f"item_{item.pk}"]) for item in self.items]


class TallyForm(forms.Form):
    agree = forms.IntegerField(label=_("Agree"), min_value=0, max_value=999)
    disagree = forms.IntegerField(label=_("Disagree"), min_value=0, max_value=999)


class DraftDecisionsForm(forms.Form):
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE_WIDGET)
    signer_name = forms.CharField(label=_("Signer"), max_length=150)
    signer_title = forms.ChoiceField(
        label=_("Signs as"),
        choices=[
            ("CHỦ TỊCH", "CHỦ TỊCH"),
            ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"),
        ],
    )
