"""Fill the Vietnamese catalogue from the per-area translation tables in docs/i18n/*.tsv.

Each line of a table is `msgid<TAB>Vietnamese`, or `context|msgid<TAB>Vietnamese` for a msgid
with pgettext context. Run after `tdkt makemessages`; entries already translated in the .po are
kept unless a table gives a different text. Usage: python tools/merge_translations.py
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "src/tdkt/locale/vi/LC_MESSAGES/django.po"


def load_tables() -> dict[tuple[str | None, str], str]:
    table: dict[tuple[str | None, str], str] = {}
    for path in sorted((ROOT / "docs/i18n").glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            if "\t" not in line:
                sys.exit(f"{path.name}:{number}: no TAB between msgid and translation")
            source, target = line.split("\t", 1)
            context: str | None = None
            if "|" in source:  # msgids never contain "|"; a context always precedes it
                context, source = source.split("|", 1)
            table[(context, source)] = unicodedata.normalize("NFC", target.strip())
    return table


def main() -> None:
    po = polib.pofile(str(PO))
    table = load_tables()
    filled = 0
    for entry in po:
        key = (entry.msgctxt, entry.msgid)
        text = table.get(key) or (table.get((None, entry.msgid)) if entry.msgctxt is None else None)
        if text and text != entry.msgstr:
            entry.msgstr = text
            filled += 1
        if text and "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.metadata["Language"] = "vi"
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()
    po.save_as_mofile(str(PO.with_suffix(".mo")))
    missing = [e.msgid for e in po if not e.msgstr and not e.obsolete]
    print(f"{filled} entries filled; {len(missing)} still untranslated")
    for msgid in missing:
        print(f"  missing: {msgid!r}")


if __name__ == "__main__":
    main()
