"""Printing a decision's certificates: one PDF with a page per recipient, made in a background
thread while the page polls a small JSON status.

Progress is kept in this process's memory (page by page) and in the database (every
`SAVE_EVERY` pages, and at the end), so a poll answered by another worker process still moves.
The file goes under MEDIA_ROOT/certificates/ and is served only through the scoped download view.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.awards.enums import AwardStatus
from tdkt.common.audit import record
from tdkt.config import env
from tdkt.decisions import certificates, wording
from tdkt.decisions.documents import authority_line
from tdkt.decisions.enums import BatchStatus
from tdkt.decisions.models import CertificateBatch, Decision, DecisionLine
from tdkt.decisions.queries import certificate_lines
from tdkt.decisions.services import DecisionError
from tdkt.documents.bodies import place_name
from tdkt.documents.http import ascii_filename
from tdkt.documents.layout import place_and_date

logger = logging.getLogger("tdkt.decisions")

SAVE_EVERY = 100
STALE_AFTER = dt.timedelta(minutes=15)
FOLDER = "certificates"
TITLES = {"cstd_co_so": ("TẶNG DANH HIỆU", "CHIẾN SĨ THI ĐUA CƠ SỞ")}
DEFAULT_TITLE = ("TẶNG", "GIẤY KHEN")

_progress: dict[int, int] = {}
_progress_lock = threading.Lock()


def public_base_url(request_base: str) -> str:
    """Where the QR codes lead: TDKT_PUBLIC_URL (the address the public reaches) when set,
    else the address the secretariat used to ask for the print."""
    return (env("TDKT_PUBLIC_URL") or request_base).rstrip("/")


def verify_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}{reverse('verify:certificate', args=[token])}"


def certificate_texts(
    decision: Decision, lines: Iterable[DecisionLine], base_url: str
) -> list[certificates.CertificateText]:
    """What each certificate of the decision says; what all share is worked out once."""
    pattern = verify_url(base_url, "TOKEN")  # one URL reversal for the whole print
    shared = {
        "authority": authority_line(decision),
        "decision_line": wording.certificate_decision_line(
            decision.number_text, decision.decision_date
        ),
        "place_date": place_and_date(place_name(decision.issuer), decision.decision_date),
        "signer_lines": decision.authority_lines,
        "signer_name": decision.signer_name,
    }
    texts = []
    for line in lines:
        verb, title = TITLES.get(line.award_code, DEFAULT_TITLE)
        texts.append(
            certificates.CertificateText(
                verb=verb,
                title=title,
                name=line.display_name,
                position=line.position_and_unit,
                achievement=line.achievement,
                register_line=f"Số sổ vàng: {line.number:02d}",
                verify_url=pattern.replace("TOKEN", line.token) if line.token else "",
                **shared,  # type: ignore[arg-type]
            )
        )
    return texts


def certificate_text(
    decision: Decision, line: DecisionLine, base_url: str
) -> certificates.CertificateText:
    return certificate_texts(decision, [line], base_url)[0]


def printable_lines(decision: Decision) -> list[DecisionLine]:
    """The lines that get a certificate, leaving out awards revoked since."""
    return list(certificate_lines(decision).exclude(award_record__status=AwardStatus.REVOKED))


def start_batch(decision: Decision, *, actor: Any, base_url: str) -> CertificateBatch:
    """Ask for the certificates of a signed decision; the work starts once this commits. A
    print already under way for the decision is returned instead of starting a second one."""
    if not decision.is_signed:
        raise DecisionError(
            _("Certificates are printed from a signed decision; this one is still a draft.")
        )
    lines = printable_lines(decision)
    if not lines:
        raise DecisionError(_("No recipient of this decision receives a printed certificate."))
    with transaction.atomic():
        running = (
            CertificateBatch.objects.select_for_update()
            .filter(
                decision=decision,
                status__in=[BatchStatus.PENDING, BatchStatus.RUNNING],
                created_at__gte=timezone.now() - STALE_AFTER,
            )
            .first()
        )
        if running is not None:
            return running
        batch = CertificateBatch.objects.create(
            decision=decision,
            total=len(lines),
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(
            decision,
            "decisions.certificates.requested",
            actor=actor,
            data={"batch": batch.pk, "pages": len(lines)},
        )
        transaction.on_commit(lambda: launch(batch.pk, base_url))
    return batch


def launch(batch_id: int, base_url: str) -> None:
    """Run the print in a daemon thread (tests replace this with a direct call)."""
    thread = threading.Thread(
        target=run_batch,
        args=(batch_id, base_url),
        kwargs={"own_connection": True},
        name=f"certificates-{batch_id}",
        daemon=True,
    )
    thread.start()


def run_batch(batch_id: int, base_url: str, *, own_connection: bool = False) -> CertificateBatch:
    """Draw the batch's PDF; the batch ends DONE with its file, or FAILED with the reason."""
    if own_connection:
        close_old_connections()
    batch = CertificateBatch.objects.select_related("decision__issuer").get(pk=batch_id)
    try:
        decision = batch.decision
        lines = printable_lines(decision)
        CertificateBatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.RUNNING, total=len(lines), done=0
        )
        items = certificate_texts(decision, lines, base_url)
        folder = Path(settings.MEDIA_ROOT) / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        stem = ascii_filename(f"giay-khen {decision.number_text} {batch.pk}", "pdf")
        target = folder / stem

        def progress(done: int) -> None:
            with _progress_lock:
                _progress[batch.pk] = done
            if done % SAVE_EVERY == 0:
                CertificateBatch.objects.filter(pk=batch.pk).update(done=done)

        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                certificates.render(
                    items, out, progress=progress, title=f"Giấy khen {decision.number_text}"
                )
            os.replace(temporary, target)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        batch.refresh_from_db()
        batch.file.name = f"{FOLDER}/{stem}"
        batch.status = BatchStatus.DONE
        batch.done = batch.total = len(items)
        batch.finished_at = timezone.now()
        batch.save(update_fields=["file", "status", "done", "total", "finished_at"])
        _remove_older_prints(batch)
    except Exception as exc:  # the user must learn that the print failed, whatever the cause
        logger.exception("certificate batch %s failed", batch_id)
        CertificateBatch.objects.filter(pk=batch_id).update(
            status=BatchStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        batch.refresh_from_db()
    finally:
        with _progress_lock:
            _progress.pop(batch_id, None)
        if own_connection:
            connection.close()
    return batch


def _remove_older_prints(batch: CertificateBatch) -> None:
    """Keep only the newest PDF of a decision: a reprint replaces the previous file."""
    older = CertificateBatch.objects.filter(decision_id=batch.decision_id, pk__lt=batch.pk)
    for previous in older.exclude(file=""):
        previous.file.delete(save=False)
        CertificateBatch.objects.filter(pk=previous.pk).update(file="")


def status(batch: CertificateBatch) -> dict[str, Any]:
    """What the progress bar shows."""
    with _progress_lock:
        live = _progress.get(batch.pk)
    done = max(batch.done, live or 0)
    if batch.status == BatchStatus.DONE:
        done = batch.total
    percent = (
        100
        if batch.status == BatchStatus.DONE
        else (min(99, done * 100 // batch.total) if batch.total else 0)
    )
    return {
        "id": batch.pk,
        "status": batch.status,
        "label": str(batch.get_status_display()),
        "done": done,
        "total": batch.total,
        "percent": percent,
        "error": batch.error,
        "download": (
            reverse("decisions:certificates_download", args=[batch.decision_id, batch.pk])
            if batch.status == BatchStatus.DONE and batch.file
            else ""
        ),
    }
