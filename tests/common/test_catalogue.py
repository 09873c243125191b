"""The Vietnamese catalogue is complete and compiled: every msgid has a translation, none is
fuzzy, and the .mo that Django reads says the same as the .po that people review."""

from pathlib import Path

import polib
import pytest

pytestmark = pytest.mark.unit

PO = Path(__file__).resolve().parents[2] / "src/tdkt/locale/vi/LC_MESSAGES/django.po"


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
