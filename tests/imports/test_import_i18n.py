"""Every text of the import pages and messages has a Vietnamese translation waiting in
docs/i18n/*.tsv (merged into the .po file later), with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "tdkt" / "imports"
_GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext"}
_PGETTEXT = {"pgettext", "pgettext_lazy"}
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _python_msgids(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        literals = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if node.func.id in _GETTEXT and literals:
            found.append(literals[0])
        elif node.func.id in _PGETTEXT and len(literals) >= 2:
            found.append(f"{literals[0]}|{literals[1]}")
    return found


def _template_msgids(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    found = re.findall(r'{%\s*translate\s+"([^"]+)"', text)
    blocks = re.findall(
        r"{%\s*blocktranslate trimmed\s*%}(.*?){%\s*endblocktranslate\s*%}", text, re.S
    )
    for block in blocks:
        found.append(re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", " ".join(block.split())))
    return found


def _msgids() -> set[str]:
    ids: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if "migrations" not in path.parts:
            ids.update(_python_msgids(path))
    for path in SOURCE.rglob("*.html"):
        ids.update(_template_msgids(path))
    return ids


def _translations() -> dict[str, str]:
    pairs: dict[str, str] = {}
    for path in sorted((ROOT / "docs" / "i18n").glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                msgid, _tab, vietnamese = line.partition("\t")
                pairs.setdefault(msgid, vietnamese)
    return pairs


def test_import_msgids_found() -> None:
    ids = _msgids()
    assert "The citizen ID must have exactly 12 digits." in ids
    assert "Template: %(label)s" in ids
    assert "import kind|Past awards" in ids


def test_every_import_msgid_has_a_vietnamese_translation() -> None:
    translations = _translations()
    missing = sorted(msgid for msgid in _msgids() if not translations.get(msgid))
    assert missing == []


def test_import_translations_keep_placeholders() -> None:
    translations = _translations()
    wrong = [
        msgid
        for msgid in _msgids()
        if sorted(_PLACEHOLDER.findall(msgid))
        != sorted(_PLACEHOLDER.findall(translations.get(msgid, "")))
    ]
    assert wrong == []
