"""Every text of the API and security code has a Vietnamese line in docs/i18n/api.tsv."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    *sorted((ROOT / "src/tdkt/api").glob("*.py")),
    ROOT / "src/tdkt/common/security.py",
    ROOT / "src/tdkt/common/templatetags/audit.py",
]
TEMPLATES = [
    *sorted((ROOT / "src/tdkt/api/templates/api").glob("*.html")),
    ROOT / "src/tdkt/common/templates/common/_history.html",
]
_GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext"}
_PGETTEXT = {"pgettext", "pgettext_lazy"}


def _python_msgids(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        literals = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if node.func.id in _GETTEXT and literals:
            found.add(literals[0])
        elif node.func.id in _PGETTEXT and len(literals) >= 2:
            found.add(f"{literals[0]}|{literals[1]}")
    return found


def _template_msgids(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    found = set(re.findall(r'{% translate "([^"]+)"', text))
    for block in re.findall(
        r"{% blocktranslate trimmed[^%]*%}(.*?){% endblocktranslate %}", text, re.S
    ):
        found.add(" ".join(block.split()).replace("{{ ", "%(").replace(" }}", ")s"))
    return found


def _table() -> dict[str, str]:
    lines = (ROOT / "docs/i18n").glob("*.tsv")
    table = {}
    for path in lines:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "\t" in line and not line.startswith("#"):
                source, target = line.split("\t", 1)
                table[source] = target
    return table


@pytest.mark.parametrize("path", SOURCES + TEMPLATES, ids=lambda p: p.name)
def test_every_msgid_has_a_vietnamese_translation(path):
    msgids = _python_msgids(path) if path.suffix == ".py" else _template_msgids(path)
    table = _table()

    missing = sorted(m for m in msgids if m not in table)

    assert missing == []


def test_translations_keep_their_placeholders():
    pattern = re.compile(r"%\((\w+)\)[sd]")
    for line in (ROOT / "docs/i18n/api.tsv").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            source, target = line.split("\t", 1)
            assert sorted(pattern.findall(source)) == sorted(pattern.findall(target)), line
