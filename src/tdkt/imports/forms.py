from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tdkt.common.security import CSV, XLSX, UploadRejected, check_upload
from tdkt.imports import reading
from tdkt.imports.models import ImportKind


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of data"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("An Excel workbook (.xlsx) or a CSV file."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,.txt"}),
    )
    valid_only = forms.BooleanField(
        label=_("Import only the valid rows"),
        required=False,
        help_text=_("Without this, nothing is written unless every row of the file is valid."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.TDKT_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                gettext("The file is larger than %(size)s MB.") % {"size": limit // (1024 * 1024)}
            )
        content = upload.read()
        try:
            reading.sniff(content)
        except reading.FileRejectedError as exc:
            raise forms.ValidationError(exc.message) from exc
        try:  # the checks every upload gets: real type, zip bombs, Office macros
            check_upload(upload.name, content, (XLSX, CSV), max_bytes=limit)
        except UploadRejected as exc:
            raise forms.ValidationError(str(exc)) from exc
        self.content = content
        return upload
