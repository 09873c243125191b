"""Upload a file, download a template, see what came of an import. Editors only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.scope import units_for
from tdkt.imports.columns import SPECS
from tdkt.imports.forms import ImportForm
from tdkt.imports.models import ImportKind, ImportStatus
from tdkt.imports.queries import batches_for
from tdkt.imports.reading import encoding_label
from tdkt.imports.services import run_import
from tdkt.imports.workbook import build_template, template_name

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_UNITS = 5000


def _require_editor(request: HttpRequest) -> None:
    if not request.user.can_edit_records:  # type: ignore[union-attr]
        raise PermissionDenied


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = run_import(
            form.cleaned_data["kind"],
            upload.name,
            form.content,
            user=request.user,  # type: ignore[arg-type]
            valid_only=form.cleaned_data["valid_only"],
        )
        batch = result.batch
        counts = {"written": batch.rows_written, "total": batch.rows_total}
        if batch.status == ImportStatus.IMPORTED:
            messages.success(request, _("Imported %(written)s of %(total)s rows.") % counts)
        elif batch.status == ImportStatus.PARTIAL:
            messages.warning(
                request,
                _("Imported %(written)s of %(total)s rows; the rows with errors were skipped.")
                % counts,
            )
        else:
            messages.error(request, _("The file was not imported; nothing was written."))
        return redirect("imports:detail", pk=batch.pk)
    kinds = [(value, label) for value, label in ImportKind.choices]
    recent = batches_for(request.user)[:20]  # type: ignore[arg-type]
    return render(request, "imports/upload.html", {"form": form, "kinds": kinds, "batches": recent})


@login_required
def template(request: HttpRequest, kind: str) -> HttpResponse:
    _require_editor(request)
    if kind not in SPECS:
        raise Http404
    units = list(
        units_for(request.user)  # type: ignore[arg-type]
        .order_by("path")
        .values_list("code", "name")[:TEMPLATE_UNITS]
    )
    response = HttpResponse(build_template(kind, units), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{template_name(kind)}"'
    return response


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request)
    batch = get_object_or_404(batches_for(request.user), pk=pk)  # type: ignore[arg-type]
    return render(
        request,
        "imports/detail.html",
        {
            "batch": batch,
            "encoding": encoding_label(batch.detected_encoding) if batch.detected_encoding else "",
            "errors": batch.errors,
        },
    )
