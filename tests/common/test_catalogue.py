"""The Vietnamese catalogue is complete and compiled: every msgid has a translation, none is
fuzzy, and the .mo that Django reads says the same as the .po that people review."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

pytestmark = pytest.mark.unit

SRC = Path(__file__).resolve().parents[2] / "src/tdkt"
PO = SRC / "locale/vi/LC_MESSAGES/django.po"


def test_every_msgid_is_translated_and_none_is_fuzzy():
    po = polib.pofile(str(PO))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_source():
    po = polib.pofile(str(PO))
    mo = polib.mofile(str(PO.with_suffix(".mo")))
    source = {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries()}
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo if e.msgid}
    assert compiled == source


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="xgettext is not installed")
def test_every_msgid_in_the_code_is_in_the_catalogue(tmp_path):
    """makemessages over a copy of the whole package (the real catalogue is never touched):
    every msgid the code and templates use must already be in the committed .po, translated.
    A new string without its Vietnamese line fails here, whatever app it is in."""
    shutil.copytree(SRC, tmp_path / "tdkt", ignore=shutil.ignore_patterns("locale", "bench"))
    (tmp_path / "tdkt/locale").mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tdkt.test_settings",
        "PYTHONPATH": str(SRC.parent),
    }
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "vi", "--no-location"],
        cwd=tmp_path / "tdkt",
        env=env,
        check=True,
        capture_output=True,
    )
    used = polib.pofile(str(tmp_path / "tdkt/locale/vi/LC_MESSAGES/django.po"))
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO)).translated_entries()}
    missing = sorted(
        f"{e.msgctxt}|{e.msgid}" if e.msgctxt else e.msgid
        for e in used
        if (e.msgctxt, e.msgid) not in committed
    )
    assert missing == []
