"""What an uploaded attachment really is, judged by its content, not by its name.

The shared upload checks (tdkt.common.security: size, real type by content, zip bombs, Office
macros) decide whether the bytes are a PDF, Word (.docx), Excel (.xlsx), JPEG or PNG file. On
top of them, a file whose name claims one type while its content is another is refused: a
"report.pdf" that is really a spreadsheet is not what the dossier says it holds.
"""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from tdkt.common.security import (
    DOCX,
    JPEG,
    KIND_LABELS,
    PDF,
    PNG,
    XLSX,
    UploadRejected,
    check_upload,
)

ACCEPTED = (PDF, DOCX, XLSX, JPEG, PNG)
EXTENSIONS = {
    ".pdf": PDF,
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".png": PNG,
}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


class AttachmentRejectedError(ValueError):
    """The upload is refused; the message says why, for the user."""


def max_attachment_bytes() -> int:
    return int(getattr(settings, "TDKT_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_BYTES))


def check_attachment(name: str, content: bytes) -> str:
    """The file type of an acceptable attachment, or AttachmentRejectedError with the reason."""
    try:
        actual = check_upload(name, content, ACCEPTED, max_bytes=max_attachment_bytes())
    except UploadRejected as exc:
        raise AttachmentRejectedError(str(exc)) from exc
    claimed = EXTENSIONS.get(PurePath(name).suffix.lower())
    if claimed is None:
        raise AttachmentRejectedError(
            _(
                "“%(name)s” has no file extension of an accepted kind (.pdf, .docx, .xlsx, .jpg,"
                " .png); rename it to what it is and upload it again."
            )
            % {"name": name}
        )
    if actual != claimed:
        raise AttachmentRejectedError(
            _(
                "“%(name)s” is named as a %(claimed)s file but its content is %(actual)s;"
                " nothing was saved."
            )
            % {"name": name, "claimed": KIND_LABELS[claimed], "actual": KIND_LABELS[actual]}
        )
    return actual
