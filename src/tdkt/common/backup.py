"""One-file backups of a tdkt installation: the database and every uploaded file.

The archive is a .tar.gz holding
  manifest.json       format, date, database kind, migrations, row count of every table,
                      and the SHA-256 and size of every other member;
  database/...        SQLite: a consistent copy made with SQLite's online backup API
                      (sqlite3.Connection.backup, safe while the app runs);
                      PostgreSQL: a pg_dump custom-format dump (consistent by itself);
  media/...           the files under MEDIA_ROOT, byte for byte.

Restoring checks every checksum before it touches anything, then replaces the database
(SQLite backup API into the live file; pg_restore --clean in one transaction for PostgreSQL)
and swaps the media folder in with a rename, and finally compares the row counts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import connections

FORMAT = "tdkt-backup"
VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/tdkt.sqlite3"
PG_MEMBER = "database/tdkt.pgdump"
MEDIA_PREFIX = "media/"
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is for the operator."""


@dataclass
class BackupSummary:
    path: Path
    vendor: str
    tables: int
    rows: int
    media_files: int
    media_bytes: int
    archive_bytes: int


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(relative POSIX path, absolute path) of every regular file under root, sorted."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root).as_posix(), path


def table_counts(using: str = "default") -> dict[str, int]:
    """Row count of every table of an installed model."""
    connection = connections[using]
    tables = sorted(connection.introspection.django_table_names(only_existing=True))
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = int(cursor.fetchone()[0])
    return counts


def _applied_migrations(using: str) -> list[str]:
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _pg_env_args(using: str) -> tuple[dict[str, str], list[str]]:
    params = connections[using].settings_dict
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    args = []
    if params.get("HOST"):
        args += ["-h", str(params["HOST"])]
    if params.get("PORT"):
        args += ["-p", str(params["PORT"])]
    if params.get("USER"):
        args += ["-U", str(params["USER"])]
    return env, args


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise BackupError(
            f"Không tìm thấy lệnh {command[0]}: cài gói postgresql-client (cùng phiên bản với"
            " máy chủ PostgreSQL)."
        ) from exc
    if result.returncode != 0:
        raise BackupError(f"{command[0]} thất bại: {result.stderr.strip()[-2000:]}")


def _dump_database(target: Path, using: str) -> str:
    connection = connections[using]
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        source = connection.connection
        destination = sqlite3.connect(str(target))
        try:
            source.backup(destination)  # the online backup API: a consistent copy
        finally:
            destination.close()
        return SQLITE_MEMBER
    if vendor == "postgresql":
        env, args = _pg_env_args(using)
        name = str(connection.settings_dict["NAME"])
        _run(["pg_dump", "-Fc", "--no-owner", "--no-acl", *args, "-f", str(target), name], env)
        return PG_MEMBER
    raise BackupError(f"Không sao lưu được cơ sở dữ liệu loại {vendor}.")


def backup(path: Path | str, *, using: str = "default") -> BackupSummary:
    """Write the database and the media files to one .tar.gz archive at `path`."""
    path = Path(path)
    media_root = Path(settings.MEDIA_ROOT)
    vendor = connections[using].vendor
    with tempfile.TemporaryDirectory(prefix="tdkt-backup-") as work:
        dump = Path(work) / "database"
        member = _dump_database(dump, using)
        counts = table_counts(using)
        files: dict[str, dict[str, Any]] = {
            member: {"sha256": sha256_file(dump), "size": dump.stat().st_size}
        }
        media = list(media_files(media_root))
        for relative, absolute in media:
            files[MEDIA_PREFIX + relative] = {
                "sha256": sha256_file(absolute),
                "size": absolute.stat().st_size,
            }
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "vendor": vendor,
            "database": member,
            "migrations": _applied_migrations(using),
            "tables": counts,
            "files": files,
        }
        partial = path.with_name(path.name + ".partial")
        path.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(dt.datetime.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=member, recursive=False)
            for relative, absolute in media:
                archive.add(absolute, arcname=MEDIA_PREFIX + relative, recursive=False)
        partial.replace(path)  # a crash never leaves a half-written archive under the name
    return BackupSummary(
        path=path,
        vendor=vendor,
        tables=len(counts),
        rows=sum(counts.values()),
        media_files=len(media),
        media_bytes=sum(files[MEDIA_PREFIX + r]["size"] for r, _ in media),
        archive_bytes=path.stat().st_size,
    )


def _safe_member_name(name: str) -> bool:
    pure = PurePosixPath(name)
    return not pure.is_absolute() and ".." not in pure.parts and name == pure.as_posix()


def read_manifest(path: Path | str) -> dict[str, Any]:
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise BackupError("Tệp sao lưu không có manifest.json.")
            manifest: dict[str, Any] = json.loads(member.read().decode())
    except (tarfile.TarError, OSError, KeyError, ValueError) as exc:
        raise BackupError(f"Không đọc được tệp sao lưu {path}: {exc}") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError("Tệp này không phải bản sao lưu tdkt (hoặc của phiên bản khác).")
    return manifest


def _extract_verified(path: Path, manifest: dict[str, Any], target: Path) -> None:
    """Extract every member the manifest lists into target, checking name, size and hash;
    anything else in the archive (or a missing member) refuses the whole restore."""
    expected: dict[str, dict[str, Any]] = manifest["files"]
    seen = set()
    with tarfile.open(path, "r:gz") as archive:
        for info in archive:
            if info.name == MANIFEST:
                continue
            if info.name not in expected or not info.isfile() or not _safe_member_name(info.name):
                raise BackupError(f"Tệp sao lưu có mục lạ: {info.name}; không khôi phục.")
            source = archive.extractfile(info)
            if source is None:
                raise BackupError(f"Không đọc được {info.name} trong tệp sao lưu.")
            destination = target / info.name
            destination.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with destination.open("wb") as out:
                while chunk := source.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            want = expected[info.name]
            if digest.hexdigest() != want["sha256"] or destination.stat().st_size != want["size"]:
                raise BackupError(f"Tổng kiểm tra của {info.name} không khớp: tệp sao lưu hỏng.")
            seen.add(info.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"Tệp sao lưu thiếu {len(missing)} mục, ví dụ {missing[0]}.")


def _restore_database(dump: Path, manifest: dict[str, Any], using: str) -> None:
    connection = connections[using]
    if connection.vendor == "sqlite":
        if connection.in_atomic_block:
            raise BackupError("Không khôi phục được giữa một giao dịch đang mở.")
        connection.ensure_connection()
        source = sqlite3.connect(str(dump))
        try:
            # Page by page into the live database (file or memory), under its write lock.
            source.backup(connection.connection)
        finally:
            source.close()
        return
    env, args = _pg_env_args(using)
    name = str(connection.settings_dict["NAME"])
    connection.close()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-acl",
            "--single-transaction",
            "--exit-on-error",
            *args,
            "-d",
            name,
            str(dump),
        ],
        env,
    )


def _swap_media(extracted: Path, media_root: Path) -> None:
    """Put the restored media folder in place of the current one with renames, so the folder
    is never half old and half new; the old one is removed afterwards."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d%H%M%S%f")
    incoming = media_root.with_name(f".{media_root.name}.restoring-{stamp}")
    shutil.move(str(extracted), str(incoming))
    old = media_root.with_name(f".{media_root.name}.old-{stamp}")
    if media_root.exists():
        media_root.rename(old)
    incoming.rename(media_root)
    if old.exists():
        shutil.rmtree(old)


def restore(path: Path | str, *, using: str = "default") -> dict[str, Any]:
    """Replace the database and the media files with those of the archive at `path`."""
    path = Path(path)
    manifest = read_manifest(path)
    vendor = connections[using].vendor
    if manifest["vendor"] != vendor:
        raise BackupError(
            f"Bản sao lưu là của {manifest['vendor']}, cơ sở dữ liệu đang dùng là {vendor}:"
            " không khôi phục chéo được (dùng `tdkt dumpdata`/`loaddata` để chuyển)."
        )
    media_root = Path(settings.MEDIA_ROOT)
    # Work next to MEDIA_ROOT, so the final swap is a rename on one file system.
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".tdkt-restore-", dir=media_root.parent) as work:
        target = Path(work)
        _extract_verified(path, manifest, target)
        _restore_database(target / manifest["database"], manifest, using)
        media = target / "media"
        media.mkdir(exist_ok=True)
        _swap_media(media, media_root)
    counts = table_counts(using)
    different = {
        table: (count, counts.get(table))
        for table, count in manifest["tables"].items()
        if counts.get(table) != count
    }
    if different:
        table, (want, got) = next(iter(different.items()))
        raise BackupError(
            f"Sau khi khôi phục, số dòng của {len(different)} bảng không khớp"
            f" (ví dụ {table}: {got} thay vì {want})."
        )
    return manifest
