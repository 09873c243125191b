"""`tdkt backup` / `tdkt restore`: a round trip brings back every row and every uploaded file
byte for byte; a damaged or tampered archive is refused before anything is touched."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tdkt.awards.models import AwardRecord
from tdkt.common.backup import (
    BackupError,
    backup,
    media_files,
    read_manifest,
    restore,
    table_counts,
)
from tdkt.people.models import Person
from tdkt.people.services import update_person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    (root / "nominations" / "2024").mkdir(parents=True)
    (root / "nominations" / "2024" / "báo-cáo thành tích.pdf").write_bytes(
        b"%PDF-1.7\n" + bytes(range(256)) * 50
    )
    (root / "movements" / "evidence").mkdir(parents=True)
    (root / "movements" / "evidence" / "ảnh.png").write_bytes(
        b"\x89PNG\r\n\x1a\n" + b"\x00\xff" * 3000
    )
    (root / "empty.txt").write_bytes(b"")
    return root


def hashes(root: Path) -> dict[str, str]:
    return {rel: hashlib.sha256(path.read_bytes()).hexdigest() for rel, path in media_files(root)}


def rows() -> list[tuple[object, ...]]:
    people = list(
        Person.objects.order_by("id").values_list("id", "full_name", "citizen_id", "birth_date")
    )
    awards = list(
        AwardRecord.objects.order_by("id").values_list("id", "award_code", "decision_number")
    )
    return people + awards


def test_round_trip_restores_rows_and_files_byte_for_byte(tree, unit_officer, media, tmp_path):
    anh = Person.objects.get(pk=tree.anh.pk)
    anh.recruited_on = dt.date(2008, 9, 1)
    update_person(anh, actor=unit_officer)
    before_files, before_counts, before_rows = hashes(media), table_counts(), rows()
    archive = tmp_path / "sao-luu.tar.gz"

    summary = backup(archive)
    # Everything changes after the backup: rows added and edited, files removed, edited, added.
    Person.objects.create(full_name="Người Mới Thêm", gender="nam")
    Person.objects.filter(pk=tree.binh.pk).update(full_name="Tên Đã Sửa")
    (media / "empty.txt").unlink()
    (media / "movements" / "evidence" / "ảnh.png").write_bytes(b"changed")
    (media / "extra.bin").write_bytes(b"new file")
    restore(archive)

    assert summary.media_files == 3
    assert summary.rows == sum(before_counts.values())
    assert hashes(media) == before_files
    assert table_counts() == before_counts
    assert rows() == before_rows
    assert before_counts["common_auditentry"] >= 1


def test_manifest_lists_checksums_and_counts(tree, media, tmp_path):
    archive = tmp_path / "b.tar.gz"
    backup(archive)

    manifest = read_manifest(archive)

    assert manifest["format"] == "tdkt-backup"
    assert manifest["tables"]["people_person"] == 2
    assert manifest["files"]["media/empty.txt"] == {
        "sha256": hashlib.sha256(b"").hexdigest(),
        "size": 0,
    }
    assert "common.0002_audit_append_only" in manifest["migrations"]


def _rewrite(archive: Path, target: Path, change: dict[str, bytes]) -> None:
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as out:
        for info in source:
            data = source.extractfile(info).read()  # type: ignore[union-attr]
            data = change.get(info.name, data)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
        for name, data in change.items():
            if name not in source.getnames():
                extra = tarfile.TarInfo(name)
                extra.size = len(data)
                out.addfile(extra, io.BytesIO(data))


def test_tampered_file_is_refused_and_nothing_is_restored(tree, media, tmp_path):
    archive, tampered = tmp_path / "b.tar.gz", tmp_path / "t.tar.gz"
    backup(archive)
    _rewrite(archive, tampered, {"media/empty.txt": b"forged"})
    Person.objects.create(full_name="Người Sau Sao Lưu", gender="nam")

    with pytest.raises(BackupError, match=re.escape("media/empty.txt")):
        restore(tampered)

    assert Person.objects.count() == 3
    assert (media / "empty.txt").read_bytes() == b""


def test_unlisted_member_such_as_a_path_escape_is_refused(tree, media, tmp_path):
    archive, tampered = tmp_path / "b.tar.gz", tmp_path / "t.tar.gz"
    backup(archive)
    _rewrite(archive, tampered, {"../../etc/evil": b"x"})

    with pytest.raises(BackupError, match="mục lạ"):
        restore(tampered)


def test_commands_round_trip(tree, media, tmp_path, capsys):
    archive = tmp_path / "lenh.tar.gz"
    call_command("backup", str(archive))
    Person.objects.create(full_name="Người Sau Sao Lưu", gender="nam")

    call_command("restore", str(archive), "--noinput")

    out = capsys.readouterr().out
    assert "Đã sao lưu vào" in out
    assert "Đã khôi phục" in out
    assert Person.objects.count() == 2


def test_restore_command_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "x.tar.gz"
    bogus.write_bytes(b"not a tarball")

    with pytest.raises(CommandError, match="Không đọc được tệp sao lưu"):
        call_command("restore", str(bogus), "--noinput")
