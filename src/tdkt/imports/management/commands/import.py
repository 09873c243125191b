# ruff: noqa: N999  (the command is `tdkt import`, so the module must be named import.py)
"""`tdkt import KIND FILE [--valid-only] [--user USERNAME]`: import a file from the shell.

Prints the result and every error, one per line ("Sheet X, dòng N, cột C: lý do"); exits with
status 1 when the file is rejected. Without --user the whole tree is in scope (the operator of
the server); with it, that user's scope and permissions apply.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.imports.models import ImportKind, ImportStatus
from tdkt.imports.reading import encoding_label
from tdkt.imports.services import format_error, run_import

_OUTCOME = {
    ImportStatus.IMPORTED: "Đã nhập toàn bộ tệp.",
    ImportStatus.PARTIAL: "Đã nhập các dòng hợp lệ, bỏ qua các dòng lỗi.",
    ImportStatus.REJECTED: "Tệp bị từ chối, không ghi dữ liệu nào.",
}


class Command(BaseCommand):
    help = (
        "Nhập dữ liệu từ tệp Excel (.xlsx) hoặc CSV. KIND: people (cán bộ và quá trình công "
        "tác), year_records (kết quả hằng năm), awards (khen thưởng đã có)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=list(ImportKind.values), help="loại dữ liệu")
        parser.add_argument("file", help="đường dẫn tệp .xlsx hoặc .csv")
        parser.add_argument(
            "--valid-only",
            action="store_true",
            help="chỉ nhập các dòng hợp lệ (mặc định: không ghi gì nếu có dòng lỗi)",
        )
        parser.add_argument(
            "--user", help="tên đăng nhập của người nhập; giới hạn theo đơn vị người đó quản lý"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Không có người dùng “{options['user']}”.")
            if not user.can_edit_records:
                raise CommandError(f"Người dùng “{options['user']}” không có quyền nhập dữ liệu.")
        result = run_import(
            options["kind"],
            path.name,
            path.read_bytes(),
            user=user,
            valid_only=options["valid_only"],
        )
        batch = result.batch
        encoding = encoding_label(batch.detected_encoding) if batch.detected_encoding else "—"
        self.stdout.write(
            f"{_OUTCOME[ImportStatus(batch.status)]} Tệp {batch.file_name}: "
            f"{batch.rows_written}/{batch.rows_total} dòng đã ghi, {batch.rows_failed} dòng lỗi, "
            f"bảng mã {encoding} (lần nhập số {batch.pk})."
        )
        for error in result.errors:
            self.stdout.write(format_error(error))
        if result.rejected:
            raise CommandError(
                f"{len(result.errors)} lỗi (xem ở trên); không ghi dữ liệu nào.", returncode=1
            )
