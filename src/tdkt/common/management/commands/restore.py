"""`tdkt restore FILE`: replace the database and the uploaded files with a backup's."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.common.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu và các tệp đã tải lên từ một tệp sao lưu của `tdkt backup`."
        " Mọi dữ liệu hiện có bị thay thế."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp sao lưu (.tar.gz) do `tdkt backup` tạo")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="không hỏi xác nhận",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = read_manifest(options["file"])
            if options["interactive"]:
                answer = input(
                    f"Bản sao lưu ngày {manifest['created_at']} ({manifest['vendor']},"
                    f" {sum(manifest['tables'].values())} dòng, {len(manifest['files']) - 1} tệp)"
                    " sẽ THAY THẾ toàn bộ dữ liệu hiện có. Gõ 'dong y' để tiếp tục: "
                )
                if answer.strip().lower() not in {"dong y", "đồng ý"}:
                    raise CommandError("Đã hủy; không có gì thay đổi.")
            restore(options["file"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Đã khôi phục: {sum(manifest['tables'].values())} dòng trong"
            f" {len(manifest['tables'])} bảng, {len(manifest['files']) - 1} tệp; số dòng khớp"
            " với bản sao lưu."
        )
