"""Web safety shared by every app: the Content-Security-Policy header, the login lockout, and
the checks every uploaded file goes through (size, real type by content, zip bombs, macros),
plus `safe_cell` for values written to CSV or Excel.

The lockout counts failed logins in the audit trail (the database), not in a cache: every
application process on every machine sees the same count, and each failure and lock is on
record for the administrator.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Callable, Collection, Iterator
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.db import connections, transaction
from django.http import HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.common.models import AuditEntry

# --- Content-Security-Policy ---------------------------------------------------------------


class ContentSecurityPolicyMiddleware:
    """Adds settings.TDKT_CSP to every response that has none of its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "TDKT_CSP", "")
        if policy:
            response.headers.setdefault("Content-Security-Policy", policy)
        return response


# --- Login lockout -------------------------------------------------------------------------

LOGIN_OBJECT_TYPE = "accounts.login"
LOGIN_FAILED = "accounts.login.failed"
LOGIN_LOCKED = "accounts.login.locked"
LOGIN_REFUSED = "accounts.login.refused"
LOGIN_SUCCEEDED = "accounts.login.succeeded"


def client_ip(request: HttpRequest | None) -> str:
    """The address the request came from. Behind a reverse proxy (TDKT_BEHIND_PROXY=1) that is
    the last address the proxy appended to X-Forwarded-For; a client cannot forge that one."""
    if request is None:
        return ""
    if getattr(settings, "TDKT_BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1][:45]
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def over_limit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one more event under `key` in the cache; True when the window's count goes over
    `limit`. The cache must be shared between processes (TDKT_CACHE) for the limit to hold
    across them."""
    from django.core.cache import cache

    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count > limit


def _login_key(username: str, ip: str) -> str:
    return hashlib.sha1(f"{username.strip().casefold()}|{ip}".encode()).hexdigest()


def _window() -> dt.timedelta:
    return dt.timedelta(seconds=int(getattr(settings, "TDKT_LOGIN_WINDOW_SECONDS", 900)))


def _limit() -> int:
    return int(getattr(settings, "TDKT_LOGIN_FAILURES", 5))


def locked_until(username: str, ip: str) -> dt.datetime | None:
    """When the (user name, address) pair may try again, or None if it is not locked.

    Locked while the window holds `limit` failures after the last successful login."""
    now = timezone.now()
    entries = AuditEntry.objects.filter(
        object_type=LOGIN_OBJECT_TYPE,
        object_id=_login_key(username, ip),
        created_at__gte=now - _window(),
    )
    last_success = (
        entries.filter(action=LOGIN_SUCCEEDED).order_by("-created_at").values("created_at").first()
    )
    failures = entries.filter(action=LOGIN_FAILED)
    if last_success is not None:
        failures = failures.filter(created_at__gt=last_success["created_at"])
    times = list(failures.order_by("-created_at").values_list("created_at", flat=True)[: _limit()])
    if len(times) < _limit():
        return None
    until: dt.datetime = times[-1] + _window()
    return until if until > now else None


def _login_entry(action: str, username: str, ip: str, actor: Any = None) -> None:
    AuditEntry.objects.create(
        actor=actor,
        action=action,
        object_type=LOGIN_OBJECT_TYPE,
        object_id=_login_key(username, ip),
        object_repr=username[:300],
        data={"username": username[:150], "ip": ip},
    )


def note_login_failure(username: str, ip: str) -> None:
    """Record a failed login; the failure that reaches the limit also records the lock."""
    _login_entry(LOGIN_FAILED, username, ip)
    if locked_until(username, ip) is not None:
        _login_entry(LOGIN_LOCKED, username, ip)


def note_login_success(user: Any, username: str, ip: str) -> None:
    _login_entry(LOGIN_SUCCEEDED, username, ip, actor=user)


def lockout_message(until: dt.datetime) -> str:
    minutes = max(1, -(-int((until - timezone.now()).total_seconds()) // 60))
    return _(
        "Too many failed logins for this account from this computer. For safety, logging in"
        " is locked; try again in %(minutes)s minutes."
    ) % {"minutes": minutes}


class LockoutMixin:
    """For Django's authentication forms: refuse a locked (user name, address) pair before the
    password is even checked, and record every failure and success in the audit trail."""

    request: HttpRequest | None
    cleaned_data: dict[str, Any]

    def clean(self) -> dict[str, Any]:
        username = str(self.cleaned_data.get("username") or "")
        ip = client_ip(self.request)
        if username:
            until = locked_until(username, ip)
            if until is not None:
                _login_entry(LOGIN_REFUSED, username, ip)
                raise forms.ValidationError(lockout_message(until), code="locked")
        try:
            data: dict[str, Any] = super().clean()  # type: ignore[misc]
        except forms.ValidationError:
            if username:
                note_login_failure(username, ip)
            raise
        if username:
            note_login_success(self.get_user(), username, ip)  # type: ignore[attr-defined]
        return data


class LockoutAuthenticationForm(LockoutMixin, AuthenticationForm):
    """The login page's form."""


class LockoutAdminAuthenticationForm(LockoutMixin, AdminAuthenticationForm):
    """Django admin's login form."""


# --- Uploads -------------------------------------------------------------------------------

PDF, DOCX, XLSX, JPEG, PNG, CSV = "pdf", "docx", "xlsx", "jpeg", "png", "csv"
KIND_LABELS = {
    PDF: "PDF",
    DOCX: "Word (.docx)",
    XLSX: "Excel (.xlsx)",
    JPEG: "JPEG",
    PNG: "PNG",
    CSV: "CSV",
}
# Extensions whose content is a macro-enabled Office file, refused whatever is inside.
MACRO_EXTENSIONS = frozenset({".xlsm", ".xltm", ".xlam", ".docm", ".dotm", ".pptm", ".potm"})
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc/.xls: old binary Office
_CONTENT_TYPES = "[Content_Types].xml"
DEFAULT_MAX_UNCOMPRESSED = 200 * 1024 * 1024
DEFAULT_MAX_RATIO = 100
MAX_ZIP_ENTRIES = 10_000
_CHUNK = 1024 * 1024


class UploadRejected(ValueError):  # noqa: N818 (imported under this name by other apps)
    """The upload is refused; str() is the Vietnamese (or chosen-language) reason."""


def max_upload_bytes() -> int:
    return int(getattr(settings, "TDKT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))


def _macro_refusal(name: str) -> UploadRejected:
    return UploadRejected(
        _(
            "“%(name)s” contains macros. Office files with macros are not accepted: save it as"
            " a plain .xlsx or .docx file and upload it again."
        )
        % {"name": name}
    )


def check_zip(name: str, content: bytes) -> list[str]:
    """The member names of a zip upload, after refusing zip bombs and macro-enabled Office files.

    The sizes are counted while decompressing, not read from the headers, which a crafted file
    can fake: the whole may expand to TDKT_MAX_UNCOMPRESSED_BYTES, and to at most
    TDKT_MAX_COMPRESSION_RATIO times the file's size."""
    limit = int(getattr(settings, "TDKT_MAX_UNCOMPRESSED_BYTES", DEFAULT_MAX_UNCOMPRESSED))
    ratio = int(getattr(settings, "TDKT_MAX_COMPRESSION_RATIO", DEFAULT_MAX_RATIO))
    limit = min(limit, max(len(content), 1) * ratio)
    damaged = UploadRejected(
        _("“%(name)s” is damaged or is not a real Office file; nothing was saved.") % {"name": name}
    )
    bomb = UploadRejected(
        _(
            "“%(name)s” expands to far more data than a real document holds (a “zip bomb”);"
            " it was refused."
        )
        % {"name": name}
    )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise bomb
            names = [info.filename for info in infos]
            if any(PurePath(n).name.casefold() == "vbaproject.bin" for n in names):
                raise _macro_refusal(name)
            if sum(info.file_size for info in infos) > limit:
                raise bomb
            total = 0
            for info in infos:
                with archive.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        total += len(chunk)
                        if total > limit:
                            raise bomb
            if _CONTENT_TYPES in names:
                declared = archive.read(_CONTENT_TYPES).decode("utf-8", "replace").casefold()
                if "macroenabled" in declared or "vbaproject" in declared:
                    raise _macro_refusal(name)
    except UploadRejected:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        raise damaged from None
    except (RuntimeError, ValueError):  # encrypted members, bad compression data
        raise damaged from None
    return names


def _looks_like_text(content: bytes) -> bool:
    """Text (CSV) in any of the encodings the importer reads: no NUL byte, unless it is UTF-16
    with its byte-order mark."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return b"\x00" not in content[:8192]


def sniff_kind(name: str, content: bytes) -> str | None:
    """The kind of file the bytes show (one of the constants above), or None."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"PK\x03\x04"):
        names = check_zip(name, content)
        if _CONTENT_TYPES in names:
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
        return None
    if content.startswith(_OLE_SIGNATURE):
        return None
    if _looks_like_text(content):
        return CSV
    return None


def check_upload(
    name: str, content: bytes, kinds: Collection[str], *, max_bytes: int | None = None
) -> str:
    """The kind of an acceptable upload, judged by content, or UploadRejected saying why.

    `kinds` are the kinds this upload may be; the file's name does not make it one of them."""
    name = PurePath(name or "").name or "?"
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    if not content:
        raise UploadRejected(_("The file “%(name)s” is empty.") % {"name": name})
    if len(content) > limit:
        raise UploadRejected(
            _("The file “%(name)s” is %(size)s; at most %(limit)s are accepted.")
            % {"name": name, "size": filesizeformat(len(content)), "limit": filesizeformat(limit)}
        )
    if PurePath(name).suffix.casefold() in MACRO_EXTENSIONS:
        raise _macro_refusal(name)
    kind = sniff_kind(name, content)
    if kind is None or kind not in kinds:
        accepted = ", ".join(KIND_LABELS[k] for k in kinds)
        raise UploadRejected(
            _(
                "The content of “%(name)s” is not an accepted kind of file (%(accepted)s);"
                " the file name does not decide this. Nothing was saved."
            )
            % {"name": name, "accepted": accepted}
        )
    return kind


def check_uploaded_file(
    upload: Any, kinds: Collection[str], *, max_bytes: int | None = None
) -> str:
    """check_upload for a Django UploadedFile; the file is left at its start."""
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise UploadRejected(
            _("The file “%(name)s” is %(size)s; at most %(limit)s are accepted.")
            % {
                "name": PurePath(name).name,
                "size": filesizeformat(size),
                "limit": filesizeformat(limit),
            }
        )
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    return check_upload(name, content, kinds, max_bytes=limit)


# --- Exports -------------------------------------------------------------------------------

# A cell starting with one of these is run as a formula by Excel or LibreOffice (CSV injection);
# the full-width forms are included because some spreadsheets fold them to the ASCII ones.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def safe_cell(value: Any) -> Any:
    """A value that a spreadsheet shows as the text it is: text that would start a formula gets
    a leading apostrophe (which Excel and LibreOffice hide). Numbers, dates and None pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# --- Audit trail maintenance ---------------------------------------------------------------

AUDIT_MAINTENANCE_TABLE = "common_audit_maintenance"


@contextlib.contextmanager
def audit_maintenance(reason: str, using: str = "default") -> Iterator[None]:
    """Inside this block (one transaction) the database lets this connection delete audit
    entries: for wiping a demo database, never for ordinary work. The permission row is
    removed before the transaction commits, so no other connection ever sees it."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        table = connection.ops.quote_name(AUDIT_MAINTENANCE_TABLE)
        cursor.execute(f"INSERT INTO {table} (reason) VALUES (%s)", [reason[:200]])
        yield
        # On an error the rollback removes the row instead.
        cursor.execute(f"DELETE FROM {table}")
