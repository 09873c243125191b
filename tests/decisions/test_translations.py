"""Every message of the decisions app has its Vietnamese line in docs/i18n, and a refusal comes
out in Vietnamese once the tables are in the catalogue.

The first test runs Django's makemessages over a copy of the package (the real catalogue is
never touched); the second builds a catalogue from the tables alone in a temporary folder and
puts it ahead of the real one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import translation

from tdkt.decisions import services
from tdkt.decisions.services import DecisionError

ROOT = Path(__file__).resolve().parents[2]
polib = pytest.importorskip("polib")


def _tables() -> dict[str, str]:
    entries: dict[str, str] = {}
    for path in sorted((ROOT / "docs/i18n").glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                key, text = line.split("\t", 1)
                entries[key] = text
    return entries


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="xgettext is not installed")
def test_every_msgid_has_a_vietnamese_line(tmp_path):
    shutil.copytree(ROOT / "src/tdkt/decisions", tmp_path / "decisions")
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

    keys = [f"{e.msgctxt}|{e.msgid}" if e.msgctxt else e.msgid for e in catalogue]
    assert [key for key in keys if key not in tables] == []
    assert not any(e.msgid_plural for e in catalogue)  # the merge tool fills no plural forms


@pytest.fixture
def vietnamese(tmp_path):  # type: ignore[no-untyped-def]
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "vi"}
    for key, text in _tables().items():
        context, _sep, msgid = key.rpartition("|")
        catalogue.append(polib.POEntry(msgctxt=context or None, msgid=msgid, msgstr=text))
    folder = tmp_path / "vi" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue.save_as_mofile(str(folder / "django.mo"))
    from django.conf import settings

    with (
        override_settings(LOCALE_PATHS=[str(tmp_path), *settings.LOCALE_PATHS]),
        translation.override("vi"),
    ):
        yield


@pytest.mark.django_db
def test_a_refusal_reads_in_vietnamese(tree, draft, signer, vietnamese):
    services.sign_decision(draft("lao_dong_tien_tien", [tree.anh]), actor=signer, number=15)
    second = draft("giay_khen_ct_huyen", [tree.binh])

    with pytest.raises(DecisionError) as used:
        services.sign_decision(second, actor=signer, number=15)
    with pytest.raises(DecisionError) as unknown:
        draft("khong_co_ma_nay", [tree.anh])

    assert str(used.value) == (
        "Số 15/QĐ-UBND đã được dùng cho một quyết định khác của Quận Cẩm Lệ trong năm 2018;"
        " chưa thay đổi gì. Để trống ô số để lấy số tiếp theo còn trống."
    )
    assert str(unknown.value) == (
        "“khong_co_ma_nay” không có trong danh mục danh hiệu, hình thức khen thưởng; chưa lưu gì."
    )
