from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.common import clock
from tdkt.common.text import clean_text


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Province HR system”."),
    )
    write = forms.TypedChoiceField(
        label=_("Scope"),
        choices=[("0", _("Read only")), ("1", _("Read and write"))],
        coerce=lambda value: value == "1",
        initial="0",
        widget=forms.RadioSelect,
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text=_("Leave empty for a token that works until it is revoked."),
    )

    def __init__(self, *args: object, can_write: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not can_write:
            self.fields["write"].choices = [("0", _("Read only"))]  # type: ignore[attr-defined]

    def clean_name(self) -> str:
        return clean_text(self.cleaned_data["name"])

    def clean_expires_on(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("expires_on")
        if day is not None and day <= clock.today():
            raise forms.ValidationError(_("The expiry date must be in the future."))
        return day
