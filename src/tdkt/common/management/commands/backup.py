"""`tdkt backup FILE`: the database and every uploaded file in one .tar.gz archive."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat

from tdkt.common.backup import BackupError, backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp đã tải lên vào một tệp .tar.gz."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp sao lưu sẽ ghi, ví dụ tdkt-2025-01-31.tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup(options["file"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Đã sao lưu vào {summary.path}: cơ sở dữ liệu {summary.vendor}, {summary.tables}"
            f" bảng, {summary.rows} dòng; {summary.media_files} tệp đính kèm"
            f" ({filesizeformat(summary.media_bytes)}); tệp sao lưu"
            f" {filesizeformat(summary.archive_bytes)}."
        )
