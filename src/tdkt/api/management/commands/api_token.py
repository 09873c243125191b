"""`tdkt api_token USERNAME [--write] [--name NAME] [--days N]`: make an API token for a user
from the command line (for an integration set up by the administrator, or for CI) and print
its secret once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.api.services import TokenError, create_token


class Command(BaseCommand):
    help = "Tạo mã truy cập API cho một người dùng và in mã ra (chỉ một lần)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="tên đăng nhập của người dùng")
        parser.add_argument("--write", action="store_true", help="cho phép ghi (mặc định chỉ đọc)")
        parser.add_argument("--name", default="Dòng lệnh", help="tên gợi nhớ của mã")
        parser.add_argument("--days", type=int, default=0, help="hết hạn sau số ngày này")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"Không có người dùng đang hoạt động tên {options['username']}.")
        expires = None
        if options["days"] > 0:
            expires = timezone.now() + dt.timedelta(days=options["days"])
        try:
            _token, key = create_token(
                user, name=options["name"], write=options["write"], expires_at=expires
            )
        except TokenError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(key)
