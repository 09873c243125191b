"""Sending a generated document to the browser."""

from __future__ import annotations

from django.http import HttpResponse

from tdkt.common.text import fold
from tdkt.documents.layout import DOCX_CONTENT_TYPE


def ascii_filename(text: str, extension: str) -> str:
    """ "Kế hoạch 05/KH-UBND" -> "ke-hoach-05-kh-ubnd.docx": safe in every browser and OS."""
    stem = "".join(ch if ch.isalnum() else "-" for ch in fold(text))
    stem = "-".join(part for part in stem.split("-") if part)[:80] or "van-ban"
    return f"{stem}.{extension}"


def docx_response(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{ascii_filename(name, "docx")}"'
    return response
