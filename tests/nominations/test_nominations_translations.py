"""Every message of the nominations and councils code has its Vietnamese line in docs/i18n.

Runs Django's makemessages over a copy of the two packages (so the real catalogue is never
touched) and checks each msgid against the translation tables the lead merges into the .po.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("nominations", "councils")

pytestmark = pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="xgettext is not installed (apt-get install gettext)"
)


def _tables() -> set[str]:
    keys: set[str] = set()
    for path in (ROOT / "docs/i18n").glob("*.tsv"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                keys.add(line.split("\t", 1)[0])
    return keys


def test_every_msgid_has_a_vietnamese_line(tmp_path):
    polib = pytest.importorskip("polib")
    for package in PACKAGES:
        shutil.copytree(ROOT / "src/tdkt" / package, tmp_path / package)
    (tmp_path / "locale").mkdir()
    (tmp_path / "catalogue_settings.py").write_text(
        "from tdkt.test_settings import *  # noqa: F403\n"
        f"LOCALE_PATHS = [{str(tmp_path / 'locale')!r}]\n",
        encoding="utf-8",
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "catalogue_settings"}
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), env.get("PYTHONPATH", "")])
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "vi", "--no-location"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    catalogue = polib.pofile(str(tmp_path / "locale/vi/LC_MESSAGES/django.po"))
    tables = _tables()

    missing = [
        f"{e.msgctxt}|{e.msgid}" if e.msgctxt else e.msgid
        for e in catalogue
        if (f"{e.msgctxt}|{e.msgid}" if e.msgctxt else e.msgid) not in tables
    ]

    assert missing == []
