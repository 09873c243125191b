"""Digital signatures on decision PDFs (PAdES baseline B-B, with pyHanko) and their check.

Off unless TDKT_SIGNING_P12 names a PKCS#12 file (.p12/.pfx). The server is offline, so there is
no timestamp server (B-T) and no revocation data (B-LT): the signing time is the server's own
clock, and trust means "the certificate's fingerprint is the one configured", not a chain to a
root that cannot be checked offline. Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import logging
import os
from dataclasses import dataclass
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)

FIELD_NAME = "ChuKySo"  # the signature field pyHanko adds (visible only in a PDF reader's panel)
DEFAULT_KEY_DAYS = 3 * 365


class SigningConfigError(Exception):
    """The configured PKCS#12 file is missing, unreadable, or the password does not open it.
    str() is the operator's explanation (English, with the path)."""


@dataclass(frozen=True)
class CertificateFacts:
    """What the verification page shows about a signer's certificate."""

    common_name: str
    subject: str
    fingerprint: str  # SHA-256 of the DER certificate, upper-case hex without separators
    not_before: dt.datetime
    not_after: dt.datetime

    @property
    def fingerprint_display(self) -> str:
        """ "AB:CD:…", as certificate viewers print it."""
        return ":".join(self.fingerprint[i : i + 2] for i in range(0, len(self.fingerprint), 2))


@dataclass(frozen=True)
class Identity:
    """A loaded signing key with its certificate."""

    signer: Any  # pyhanko.sign.signers.SimpleSigner
    certificate: CertificateFacts


@dataclass(frozen=True)
class SignatureCheck:
    """pyHanko's verdict on the (first) signature of a PDF."""

    readable: bool  # the bytes are a PDF pyHanko could read
    signed: bool  # it carries a signature
    intact: bool  # the signed bytes hash to the signed digest and the signature verifies
    whole_file: bool  # the signature covers the whole file: nothing was appended after signing
    certificate: CertificateFacts | None = None
    signed_at: dt.datetime | None = None
    reason: str = ""
    location: str = ""

    @property
    def good(self) -> bool:
        return self.signed and self.intact and self.whole_file


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def certificate_facts(cert: Any) -> CertificateFacts:
    """Facts of an asn1crypto x509.Certificate."""
    validity = cert["tbs_certificate"]["validity"]
    common_name = cert.subject.native.get("common_name", "")
    if isinstance(common_name, list):
        common_name = ", ".join(common_name)
    return CertificateFacts(
        common_name=str(common_name),
        subject=cert.subject.human_friendly,
        fingerprint=hashlib.sha256(cert.dump()).hexdigest().upper(),
        not_before=validity["not_before"].native,
        not_after=validity["not_after"].native,
    )


# -- the configured identity ------------------------------------------------------------------


def configured() -> bool:
    return bool(getattr(settings, "TDKT_SIGNING_P12", ""))


def load_identity(path: str, password: str) -> Identity:
    """The key and certificate of a PKCS#12 file, or SigningConfigError saying what is wrong."""
    from pyhanko.sign.signers import SimpleSigner

    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise SigningConfigError(
            f"TDKT_SIGNING_P12: the PKCS#12 file {path!r} cannot be read ({exc.strerror})."
        ) from exc
    try:
        signer = SimpleSigner.load_pkcs12_data(
            data, other_certs=[], passphrase=password.encode() if password else None
        )
    except ValueError as exc:
        raise SigningConfigError(
            f"TDKT_SIGNING_P12: {path!r} could not be opened with TDKT_SIGNING_P12_PASSWORD"
            " (wrong password, or not a PKCS#12 file with a private key)."
        ) from exc
    return Identity(signer=signer, certificate=certificate_facts(signer.signing_cert))


@functools.lru_cache(maxsize=4)
def _cached_identity(path: str, password: str, modified_ns: int) -> Identity:
    return load_identity(path, password)


def identity() -> Identity | None:
    """The configured identity (None when signing is off). Read once per version of the file:
    a replaced file is read again without a restart."""
    if not configured():
        return None
    path = str(settings.TDKT_SIGNING_P12)
    try:
        modified_ns = os.stat(path).st_mtime_ns
    except OSError as exc:
        raise SigningConfigError(
            f"TDKT_SIGNING_P12: the PKCS#12 file {path!r} cannot be read ({exc.strerror})."
        ) from exc
    return _cached_identity(
        path, str(getattr(settings, "TDKT_SIGNING_P12_PASSWORD", "")), modified_ns
    )


# -- signing and checking ---------------------------------------------------------------------


def sign_pdf(pdf: bytes, who: Identity, *, reason: str, location: str, name: str) -> bytes:
    """The PDF with a PAdES B-B signature appended as an incremental update."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=reason,
        location=location,
        name=name or None,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    out = signers.sign_pdf(writer, metadata, signer=who.signer)
    return bytes(out.getbuffer())


NOT_READABLE = SignatureCheck(readable=False, signed=False, intact=False, whole_file=False)
NOT_SIGNED = SignatureCheck(readable=True, signed=False, intact=False, whole_file=False)


def check_pdf(pdf: bytes) -> SignatureCheck:
    """Read the PDF's first signature and validate it: is what was signed unchanged, and does
    the signature cover the whole file? Any file may come from the public, so a file pyHanko
    cannot read is an answer (not readable), never an error."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # a damaged or hostile file: pyHanko raises many kinds of errors
        logger.info("check_pdf: not a readable PDF", exc_info=True)
        return NOT_READABLE
    if not signatures:
        return NOT_SIGNED
    embedded = signatures[0]
    try:
        cert = embedded.signer_cert
        claimed = embedded.self_reported_timestamp
        # Trust is judged by fingerprint (the caller compares it); validating against the
        # signer's own certificate lets pyHanko check the cryptography without a chain.
        context = ValidationContext(
            trust_roots=[cert], allow_fetching=False, moment=claimed or None
        )
        status = validate_pdf_signature(embedded, context)
    except Exception:
        logger.info("check_pdf: the signature could not be validated", exc_info=True)
        return SignatureCheck(readable=True, signed=True, intact=False, whole_file=False)
    sig = embedded.sig_object
    return SignatureCheck(
        readable=True,
        signed=True,
        intact=bool(status.intact and status.valid),
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        certificate=certificate_facts(status.signing_cert),
        signed_at=status.signer_reported_dt,
        reason=str(sig.get("/Reason", "")),
        location=str(sig.get("/Location", "")),
    )


# -- a test identity ----------------------------------------------------------------------------


def make_pkcs12(
    common_name: str,
    password: str,
    *,
    organisation: str = "",
    days: int = DEFAULT_KEY_DAYS,
    now: dt.datetime | None = None,
) -> bytes:
    """A self-signed certificate and its RSA key as PKCS#12 bytes, for tests and demos. A ward's
    real certificate comes from its certification authority, already as a .p12 file."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"))
    name = x509.Name(attributes)
    start = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0) - dt.timedelta(minutes=5)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(password.encode())
        if password
        else serialization.NoEncryption()
    )
    return pkcs12.serialize_key_and_certificates(common_name.encode(), key, cert, None, encryption)
