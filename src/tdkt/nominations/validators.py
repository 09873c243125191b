"""What an uploaded attachment really is, judged by its content, not by its name.

Accepted: PDF, Word (.docx), Excel (.xlsx), JPEG and PNG. Office files are zip packages; one that
carries macros (a vbaProject.bin part, or a macro-enabled content type) is refused whatever it
is called. A file whose name claims one type and whose content is another is refused too.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF, DOCX, XLSX, JPEG, PNG = "pdf", "docx", "xlsx", "jpeg", "png"
TYPE_LABELS = {PDF: "PDF", DOCX: "Word (.docx)", XLSX: "Excel (.xlsx)", JPEG: "JPEG", PNG: "PNG"}
EXTENSIONS = {
    ".pdf": PDF,
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".png": PNG,
}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_CONTENT_TYPES = "[Content_Types].xml"
_MAX_CONTENT_TYPES_BYTES = 1024 * 1024


class AttachmentRejected(ValueError):
    """The upload is refused; the message says why, for the user."""


def max_attachment_bytes() -> int:
    return int(getattr(settings, "TDKT_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_BYTES))


def _office_type(content: bytes) -> str | None:
    """docx / xlsx for an Office package, None for any other zip; refuses macros."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            if _CONTENT_TYPES not in names:
                return None
            if any(PurePath(name).name.lower() == "vbaproject.bin" for name in names):
                raise AttachmentRejected(_macro_message())
            info = archive.getinfo(_CONTENT_TYPES)
            if info.file_size > _MAX_CONTENT_TYPES_BYTES:
                return None
            declared = archive.read(_CONTENT_TYPES).decode("utf-8", errors="replace").lower()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError):
        return None
    if "macroenabled" in declared or "vbaproject" in declared:
        raise AttachmentRejected(_macro_message())
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def _macro_message() -> str:
    return _(
        "Office files with macros are not accepted; save the document as a plain .docx or"
        " .xlsx file and upload it again."
    )


def detect_type(content: bytes) -> str | None:
    """The file type the bytes show, or None when they are none of the accepted ones."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"PK\x03\x04"):
        return _office_type(content)
    return None


def check_attachment(name: str, content: bytes) -> str:
    """The file type of an acceptable upload, or AttachmentRejected with the reason."""
    if not content:
        raise AttachmentRejected(_("The file “%(name)s” is empty.") % {"name": name})
    limit = max_attachment_bytes()
    if len(content) > limit:
        raise AttachmentRejected(
            _("The file “%(name)s” is %(size)s; at most %(limit)s are accepted.")
            % {"name": name, "size": filesizeformat(len(content)), "limit": filesizeformat(limit)}
        )
    claimed = EXTENSIONS.get(PurePath(name).suffix.lower())
    if claimed is None:
        raise AttachmentRejected(
            _("“%(name)s” is not an accepted kind of file: upload PDF, Word (.docx), Excel (.xlsx), JPEG or PNG.")
            % {"name": name}
        )
    actual = detect_type(content)
    if actual is None:
        raise AttachmentRejected(
            _(
                "The content of “%(name)s” is not a %(claimed)s file; it may be damaged or of"
                " another kind. Nothing was saved."
            )
            % {"name": name, "claimed": TYPE_LABELS[claimed]}
        )
    if actual != claimed:
        raise AttachmentRejected(
            _("“%(name)s” is named as a %(claimed)s file but its content is %(actual)s.")
            % {"name": name, "claimed": TYPE_LABELS[claimed], "actual": TYPE_LABELS[actual]}
        )
    return actual
