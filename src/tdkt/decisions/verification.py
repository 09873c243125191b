"""What the public verification page says about a decision's signed PDF, and the check of a PDF
a visitor uploads there: is it the issued file, unchanged?

Two independent tests: the SHA-256 of the bytes against the one recorded when the PDF was
signed (equal only for the very file issued), and pyHanko's validation of the signature (is
what was signed unchanged?). Trust in the signer is the certificate's fingerprint compared with
the certificate tdkt is set up to sign with; no chain to a root is claimed (docs/decisions.md).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tdkt.common.security import over_limit
from tdkt.decisions import signing
from tdkt.decisions.models import Decision, SignedPdf

logger = logging.getLogger(__name__)

PUBLIC_PDF_MAX_BYTES = 10 * 1024 * 1024

# What an uploaded file turned out to be.
ISSUED = "issued"
MODIFIED = "modified"
APPENDED = "appended"
SAME_SIGNER = "same-signer"
OTHER_SIGNER = "other-signer"
UNSIGNED = "unsigned"
UNREADABLE = "unreadable"

VERDICTS: dict[str, tuple[Promise, Promise]] = {
    ISSUED: (
        _("This is the issued file, unchanged"),
        _(
            "Its SHA-256 is the one recorded when the decision's PDF was signed, and its"
            " digital signature is intact."
        ),
    ),
    MODIFIED: (
        _("This file was changed after it was signed"),
        _(
            "It carries a digital signature, but its content no longer matches what was signed."
            " It is not the issued file; do not rely on it."
        ),
    ),
    APPENDED: (
        _("Something was added to this file after it was signed"),
        _(
            "The signed part is unchanged, but content was appended to the file after signing"
            " (an annotation, a form field or another signature). It is not the issued file."
        ),
    ),
    SAME_SIGNER: (
        _("Signed with the same certificate, but not this decision's PDF"),
        _(
            "The file is signed with the certificate that signed this decision and has not"
            " been changed since, but its SHA-256 differs from the issued file's: it is"
            " another signed document (perhaps another decision)."
        ),
    ),
    OTHER_SIGNER: (
        _("Signed with another certificate: not the issued file"),
        _(
            "The file's signature is intact, but it was made with a different certificate from"
            " the one that signed this decision, and its SHA-256 differs from the issued file's."
        ),
    ),
    UNSIGNED: (
        _("Not the issued file"),
        _(
            "The file carries no digital signature and its SHA-256 differs from the issued"
            " file's. It may be a copy printed or exported again, or a different document."
        ),
    ),
    UNREADABLE: (
        _("The file could not be read"),
        _(
            "It starts like a PDF but could not be read as one; it may be damaged. It is not"
            " the issued file."
        ),
    ),
}
BAD_VERDICTS = frozenset({MODIFIED, APPENDED, UNREADABLE})


@dataclass(frozen=True)
class StoredFacts:
    """The page's account of the stored, signed PDF."""

    row: SignedPdf
    present: bool  # the file is still in the server's storage
    hash_matches: bool  # its SHA-256 is still the recorded one
    check: signing.SignatureCheck
    # True/False: the signer's certificate is / is not the one configured now; None: none is.
    configured_certificate: bool | None

    @property
    def intact(self) -> bool:
        return self.present and self.hash_matches and self.check.good


@dataclass(frozen=True)
class UploadResult:
    verdict: str
    sha256: str
    check: signing.SignatureCheck

    @property
    def title(self) -> Promise:
        return VERDICTS[self.verdict][0]

    @property
    def explanation(self) -> Promise:
        return VERDICTS[self.verdict][1]

    @property
    def good(self) -> bool:
        return self.verdict == ISSUED

    @property
    def bad(self) -> bool:
        return self.verdict in BAD_VERDICTS


def signed_pdf_of(decision: Decision) -> SignedPdf | None:
    return SignedPdf.objects.filter(decision=decision).first()


def _configured_fingerprint() -> str | None:
    try:
        who = signing.identity()
    except signing.SigningConfigError as exc:
        logger.error("Signing certificate unusable: %s", exc)
        return None
    return who.certificate.fingerprint if who is not None else None


def stored_facts(row: SignedPdf) -> StoredFacts:
    """Read the stored file again and validate it now (a few milliseconds): a file altered on
    the server's disk shows as such."""
    try:
        with row.file.open("rb") as handle:
            data = bytes(handle.read())
    except (FileNotFoundError, ValueError):
        logger.error("Signed PDF of decision %s is missing", row.decision_id)
        data = b""
    configured = _configured_fingerprint()
    return StoredFacts(
        row=row,
        present=bool(data),
        hash_matches=bool(data) and signing.sha256(data) == row.sha256,
        check=signing.check_pdf(data) if data else signing.NOT_READABLE,
        configured_certificate=None
        if configured is None
        else configured == row.certificate_fingerprint,
    )


def compare_upload(data: bytes, row: SignedPdf) -> UploadResult:
    """What an uploaded PDF is, measured against the decision's issued file."""
    digest = signing.sha256(data)
    check = signing.check_pdf(data)
    if not check.readable:
        verdict = UNREADABLE
    elif not check.signed:
        verdict = UNSIGNED
    elif not check.intact:
        verdict = MODIFIED
    elif not check.whole_file:
        verdict = APPENDED
    elif digest == row.sha256:
        verdict = ISSUED
    elif check.certificate is not None and (
        check.certificate.fingerprint == row.certificate_fingerprint
    ):
        verdict = SAME_SIGNER
    else:
        verdict = OTHER_SIGNER
    return UploadResult(verdict=verdict, sha256=digest, check=check)


# -- rate limit of the upload form ------------------------------------------------------------


def upload_limit() -> tuple[int, int]:
    """(uploads, seconds) allowed per address."""
    return (
        int(getattr(settings, "TDKT_VERIFY_UPLOADS", 10)),
        int(getattr(settings, "TDKT_VERIFY_WINDOW_SECONDS", 600)),
    )


def over_upload_limit(address: str) -> bool:
    """Count one upload from `address`; True when it goes over the window's limit. The cache
    must be shared between processes (TDKT_CACHE) for the limit to hold across them."""
    limit, window = upload_limit()
    return over_limit(f"tdkt:verify-pdf:{address}", limit, window)
