"""Pages of decisions, their Word and PDF, certificates, and the public verification page.

Each view: scope lookup (404 outside it) → permission (403) → form → one service call →
message → redirect. Services raise DecisionError with the user's message; nothing is saved
then.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from tdkt.awards.enums import AwardStatus
from tdkt.common import clock
from tdkt.common.security import client_ip
from tdkt.decisions import batches, services, signing, verification
from tdkt.decisions.documents import bases, decision_docx, proposal
from tdkt.decisions.documents import number_text as document_number
from tdkt.decisions.enums import CHAIR, VICE_CHAIR, BatchStatus, DecisionStatus
from tdkt.decisions.forms import DraftForm, FilterForm, RevokeForm, SignForm, VerifyPdfForm
from tdkt.decisions.models import CertificateBatch, Decision, DecisionLine, SignedPdf
from tdkt.decisions.permissions import can_draft, can_sign
from tdkt.decisions.queries import (
    CERTIFICATE_AWARDS,
    decisions_for,
    get_decision_or_404,
    latest_batch,
    lines_of,
    list_rows,
    sections,
    totals,
)
from tdkt.documents.http import ascii_filename, docx_response
from tdkt.documents.pdf import ConversionError, soffice_binary
from tdkt.rules.money import amount_in_words

Request = Any  # an HttpRequest whose user is a tdkt User
PAGE_SIZE = 50


@login_required
def decision_list(request: Request) -> HttpResponse:
    form = FilterForm(request.GET or None)
    decisions = list_rows(form.filter(decisions_for(request.user)))
    page = Paginator(decisions.order_by("-decision_date", "-number", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "decisions/list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def _certificate_note(decision: Decision, lines: list[DecisionLine]) -> str:
    """Why a decision prints no certificate, when it prints none."""
    if decision.is_revocation:
        return ""
    if any(line.award_code in CERTIFICATE_AWARDS for line in lines):
        return ""
    if all(line.award_code == "lao_dong_tien_tien" for line in lines):
        return _(
            "The title “Lao động tiên tiến” has no certificate: it is recognised by the decision"
            " itself, with its reward money (Ministry of Home Affairs, 14/11/2023)."
        )
    return _(
        "The awards of this decision have no printed certificate in tdkt: it prints the merit"
        " certificate (Giấy khen) and the grassroots emulation fighter's certificate"
        " (Decree 98/2023, Article 104)."
    )


@login_required
def decision_detail(request: Request, pk: int) -> HttpResponse:
    decision = get_decision_or_404(request.user, pk)
    lines = list(lines_of(decision).select_related("revoked_award", "award_record"))
    total = totals(lines)
    batch = latest_batch(decision)
    revocations = decisions_for(request.user).filter(
        lines__revoked_award__decision_line__decision=decision
    )
    context = {
        "decision": decision,
        "number_text": document_number(decision),
        "sections": sections(decision, lines),
        "totals": total,
        "total_in_words": amount_in_words(total.amount_vnd) if total.priced else "",
        "bases": bases(decision),
        "proposal": proposal(decision),
        "can_draft": can_draft(request.user),
        "can_sign": can_sign(request.user, decision.issuer),
        "certificate_note": _certificate_note(decision, lines),
        "has_certificates": decision.is_signed
        and not decision.is_revocation
        and any(line.award_code in CERTIFICATE_AWARDS for line in lines),
        "batch": batch,
        "batch_status": batches.status(batch) if batch else None,
        "pdf_available": soffice_binary() is not None,
        "signed_pdf": SignedPdf.objects.filter(decision=decision).first(),
        "signing_on": signing.configured(),
        "revoked_count": sum(
            1
            for line in lines
            if line.award_record is not None and line.award_record.status == AwardStatus.REVOKED
        ),
        "revocations": revocations.distinct().order_by("decision_date"),
        "draft_form": DraftForm.for_decision(decision) if not decision.is_signed else None,
        "sign_form": SignForm(initial={"decision_date": decision.decision_date})
        if not decision.is_signed
        else None,
    }
    return render(request, "decisions/detail.html", context)


@login_required
def decision_docx_view(request: Request, pk: int) -> HttpResponse:
    decision = get_decision_or_404(request.user, pk)
    return docx_response(decision_docx(decision), f"Quyết định {document_number(decision)}")


@login_required
def decision_pdf_view(request: Request, pk: int) -> HttpResponseBase:
    decision = get_decision_or_404(request.user, pk)
    try:
        data = services.issued_pdf(decision, actor=request.user)
    except ConversionError:
        messages.error(
            request,
            _(
                "The PDF could not be made: LibreOffice is not installed on the server. Download"
                " the Word file instead, or ask the administrator to install"
                " libreoffice-writer-nogui."
            ),
        )
        return redirect("decisions:detail", decision.pk)
    except services.DecisionError as exc:
        messages.error(request, str(exc))
        return redirect("decisions:detail", decision.pk)
    response = HttpResponse(data, content_type="application/pdf")
    name = ascii_filename(f"Quyết định {document_number(decision)}", "pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _require_draft_rights(request: Request) -> None:
    if not can_draft(request.user):
        raise PermissionDenied


@login_required
@require_POST
def decision_edit(request: Request, pk: int) -> HttpResponse:
    decision = get_decision_or_404(request.user, pk)
    _require_draft_rights(request)
    form = DraftForm(request.POST)
    if form.is_valid():
        try:
            services.update_draft(decision, actor=request.user, **form.cleaned_data)
        except services.DecisionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The draft has been saved."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            text = " ".join(str(error) for error in errors)
            messages.error(request, f"{label}: {text}" if label else text)
    return redirect("decisions:detail", decision.pk)


@login_required
@require_POST
def decision_delete(request: Request, pk: int) -> HttpResponse:
    decision = get_decision_or_404(request.user, pk)
    _require_draft_rights(request)
    try:
        services.delete_draft(decision, actor=request.user)
    except services.DecisionError as exc:
        messages.error(request, str(exc))
        return redirect("decisions:detail", decision.pk)
    messages.success(request, _("The draft has been deleted."))
    return redirect("decisions:list")


@login_required
@require_POST
def decision_sign(request: Request, pk: int) -> HttpResponse:
    decision = get_decision_or_404(request.user, pk)
    form = SignForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return redirect("decisions:detail", decision.pk)
    try:
        signed = services.sign_decision(
            decision,
            actor=request.user,
            number=form.cleaned_data["number"],
            decision_date=form.cleaned_data["decision_date"],
        )
    except services.DecisionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Decision %(number)s has been signed and written into the award register.")
            % {"number": signed.number_text},
        )
    return redirect("decisions:detail", decision.pk)


@login_required
def decision_revoke(request: Request, pk: int) -> HttpResponse:
    decision = get_decision_or_404(request.user, pk)
    _require_draft_rights(request)
    if not decision.is_signed or decision.is_revocation:
        raise Http404
    granted = lines_of(decision).filter(award_record__status=AwardStatus.GRANTED)
    form = RevokeForm(
        request.POST or None,
        lines=granted,
        initial={
            "decision_date": clock.today(),
            "signer_name": decision.signer_name,
            "signer_title": decision.signer_title,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            revocation = services.revoke_awards(
                awards=list(data["lines"]),
                reason=data["reason"],
                decision_date=data["decision_date"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                actor=request.user,
                issuer=decision.issuer,
                issuer_name=decision.issuer_name,
                symbol=decision.symbol,
            )
        except services.DecisionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("The revocation has been drafted; it takes effect when the signer signs it."),
            )
            return redirect("decisions:detail", revocation.pk)
    return render(
        request,
        "decisions/revoke.html",
        {"decision": decision, "form": form, "titles": (CHAIR, VICE_CHAIR)},
    )


# -- certificates ----------------------------------------------------------------------------


def _batch_or_404(request: Request, pk: int, batch_pk: int) -> CertificateBatch:
    decision = get_decision_or_404(request.user, pk)
    return get_object_or_404(CertificateBatch, pk=batch_pk, decision=decision)


@login_required
@require_POST
def certificates_start(request: Request, pk: int) -> HttpResponse:
    decision = get_decision_or_404(request.user, pk)
    _require_draft_rights(request)
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        batch = batches.start_batch(
            decision,
            actor=request.user,
            base_url=batches.public_base_url(request.build_absolute_uri("/")),
        )
    except services.DecisionError as exc:
        if wants_json:
            return JsonResponse({"error": str(exc)}, status=400)
        messages.error(request, str(exc))
        return redirect("decisions:detail", decision.pk)
    if wants_json:
        payload = batches.status(batch)
        payload["status_url"] = reverse(
            "decisions:certificates_status", args=[decision.pk, batch.pk]
        )
        return JsonResponse(payload, status=202)
    messages.info(
        request, _("The certificates are being made; this page shows when they are ready.")
    )
    return redirect(reverse("decisions:detail", args=[decision.pk]) + "#certificates")


@never_cache
@login_required
@require_GET
def certificates_status(request: Request, pk: int, batch_pk: int) -> JsonResponse:
    batch = _batch_or_404(request, pk, batch_pk)
    return JsonResponse(batches.status(batch))


@login_required
@require_GET
def certificates_download(request: Request, pk: int, batch_pk: int) -> FileResponse:
    batch = _batch_or_404(request, pk, batch_pk)
    if batch.status != BatchStatus.DONE or not batch.file:
        raise Http404
    try:
        handle = batch.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=ascii_filename(f"Giấy khen {batch.decision.number_text}", "pdf"),
        content_type="application/pdf",
    )


# -- public ------------------------------------------------------------------------------------


def _verified_line(token: str) -> DecisionLine | None:
    return (
        DecisionLine.objects.filter(
            token=token,
            decision__status=DecisionStatus.SIGNED,
            award_record__isnull=False,
        )
        .select_related("decision", "award_record")
        .first()
    )


def _verify_page(
    request: Request,
    line: DecisionLine,
    *,
    form: VerifyPdfForm | None = None,
    upload: verification.UploadResult | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    award = line.award_record
    assert award is not None
    row = verification.signed_pdf_of(line.decision)
    if row is not None and form is None:
        form = VerifyPdfForm(max_bytes=verification.PUBLIC_PDF_MAX_BYTES)
    return render(
        request,
        "decisions/verify.html",
        {
            "line": line,
            "decision": line.decision,
            "revoked": award.status == AwardStatus.REVOKED,
            "award": award,
            "pdf": verification.stored_facts(row) if row is not None else None,
            "pdf_form": form if row is not None else None,
            "upload": upload,
            "refusal": refusal,
            "max_pdf_bytes": verification.PUBLIC_PDF_MAX_BYTES,
        },
        status=status,
    )


@never_cache
@require_GET
def verify(request: Request, token: str) -> HttpResponse:
    """Is this certificate genuine, and still valid? No login; only what the certificate
    itself shows (name, award, decision, register number), never other personal data. When
    the decision's PDF was digitally signed, also the signature and the form that checks a
    copy of the PDF."""
    line = _verified_line(token)
    if line is None:
        return render(request, "decisions/verify.html", {"line": None}, status=404)
    return _verify_page(request, line)


@never_cache
@require_POST
def verify_pdf(request: Request, token: str) -> HttpResponse:
    """The upload of a PDF to compare with the decision's issued file (CSRF-protected,
    size-limited, PDF by content, rate-limited per address)."""
    line = _verified_line(token)
    row = verification.signed_pdf_of(line.decision) if line is not None else None
    if line is None or row is None:
        raise Http404
    if verification.over_upload_limit(client_ip(request)):
        limit, window = verification.upload_limit()
        refusal = _(
            "Too many files were checked from your connection (at most %(limit)s in"
            " %(minutes)s minutes); please try again later."
        ) % {"limit": limit, "minutes": max(1, window // 60)}
        return _verify_page(request, line, refusal=refusal, status=429)
    form = VerifyPdfForm(request.POST, request.FILES, max_bytes=verification.PUBLIC_PDF_MAX_BYTES)
    if not form.is_valid():
        return _verify_page(request, line, form=form, status=400)
    upload = verification.compare_upload(form.cleaned_data["file"], row)
    return _verify_page(request, line, upload=upload)
