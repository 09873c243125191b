"""Word to PDF with LibreOffice (headless), for printing and for looking at a generated page.

Each conversion runs with its own throw-away LibreOffice profile (-env:UserInstallation), so
conversions never share or lock a user's profile and may run side by side.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


class ConversionError(RuntimeError):
    """LibreOffice is missing or could not convert the document."""


def soffice_binary() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, *, timeout: float = 120) -> bytes:
    """The PDF of a .docx given as bytes."""
    binary = soffice_binary()
    if binary is None:
        raise ConversionError(
            "LibreOffice (soffice) is not installed:"
            " apt-get install libreoffice-writer-nogui fonts-liberation2"
        )
    with tempfile.TemporaryDirectory(prefix="tdkt-soffice-") as tmp:
        folder = Path(tmp)
        source = folder / "document.docx"
        source.write_bytes(docx)
        profile = folder / "profile"
        command = [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(f"LibreOffice did not finish within {timeout} s") from exc
        target = folder / "document.pdf"
        if result.returncode != 0 or not target.exists():
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()
            raise ConversionError(f"LibreOffice could not convert the document: {detail}")
        return target.read_bytes()
