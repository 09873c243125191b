"""Forms of the emulation-group pages. Unit fields offer only units in the user's scope, so a
forged POST naming another unit is a form error before any service is called."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdkt.awards.forms import ScopedUnitChoiceField, ScopedUnitsField
from tdkt.common import clock
from tdkt.common.text import clean_text
from tdkt.organisations.enums import GroupKind
from tdkt.organisations.models import EmulationGroup, Unit
from tdkt.organisations.services import GroupInput

FIRST_YEAR = 2000


def _year_field(**kwargs: Any) -> forms.IntegerField:
    field = forms.IntegerField(
        label=_("Year"), min_value=FIRST_YEAR, max_value=clock.today().year + 1, **kwargs
    )
    field.localize = False  # "2026", not "2.026"
    return field


class GroupForm(forms.Form):
    year = forms.IntegerField()  # replaced in __init__: its bounds depend on today
    kind = forms.ChoiceField(label=_("Kind"), choices=GroupKind.choices)
    name = forms.CharField(label=_("Name"), max_length=255)
    convener = ScopedUnitChoiceField(label=_("Convening body"), queryset=Unit.objects.none())
    members = ScopedUnitsField(
        label=_("Member units"),
        queryset=Unit.objects.none(),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several units."),
    )
    head = ScopedUnitChoiceField(
        label=_("Group head for the year"), queryset=Unit.objects.none(), required=False
    )
    deputies = ScopedUnitsField(
        label=_("Deputy heads"), queryset=Unit.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, units: QuerySet[Unit], group: EmulationGroup | None = None, **kwargs: Any
    ) -> None:
        if group is not None:
            roles = dict(group.memberships.values_list("unit_id", "role"))
            kwargs.setdefault(
                "initial",
                {
                    "year": group.year,
                    "kind": group.kind,
                    "name": group.name,
                    "convener": group.convener_id,
                    "members": list(roles),
                    "head": next((u for u, r in roles.items() if r == "head"), None),
                    "deputies": [u for u, r in roles.items() if r == "deputy"],
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["year"] = _year_field(initial=clock.today().year)
        self.order_fields(["kind", "name", "year"])
        for name in ("convener", "members", "head", "deputies"):
            self.fields[name].queryset = units  # type: ignore[attr-defined]

    def clean_name(self) -> str:
        return clean_text(self.cleaned_data["name"])

    def to_input(self) -> GroupInput:
        data = self.cleaned_data
        return GroupInput(
            year=data["year"],
            kind=data["kind"],
            name=data["name"],
            convener=data["convener"],
            members=list(data["members"]),
            head=data["head"],
            deputies=list(data["deputies"]),
        )


class CarryOverForm(forms.Form):
    year = forms.IntegerField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"] = _year_field(
            initial=clock.today().year, help_text=_("The year the groups are copied into.")
        )
