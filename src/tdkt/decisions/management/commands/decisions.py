"""`tdkt decisions make-signing-key FILE [--name "UBND phường …"] [--days 1095] [--force]`"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.decisions import signing

DEFAULT_NAME = "tdkt – chứng thư ký thử"


class Command(BaseCommand):
    help = (
        "Award decisions. `make-signing-key FILE`: a self-signed PKCS#12 signing identity for"
        " testing or a demo (a ward's real certificate comes from its certification authority)."
        " The password is TDKT_SIGNING_P12_PASSWORD, or asked for."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        make = sub.add_parser("make-signing-key", help="write a self-signed PKCS#12 file")
        make.add_argument("file", help="the .p12 file to write")
        make.add_argument("--name", default=DEFAULT_NAME, help="the certificate's common name")
        make.add_argument("--organisation", default="", help="the certificate's organisation")
        make.add_argument("--days", type=int, default=signing.DEFAULT_KEY_DAYS)
        make.add_argument("--force", action="store_true", help="replace an existing file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if path.exists() and not options["force"]:
            raise CommandError(f"{path} đã có; dùng --force để ghi đè.")
        if options["days"] < 1:
            raise CommandError("--days phải lớn hơn 0.")
        password = self._password()
        data = signing.make_pkcs12(
            options["name"], password, organisation=options["organisation"], days=options["days"]
        )
        # Only the owner may read the private key.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as fh:
            fh.write(data)
        path.chmod(0o600)
        facts = signing.load_identity(str(path), password).certificate
        self.stdout.write(f"Đã ghi {path} (chứng thư tự ký của {facts.common_name}).")
        self.stdout.write(f"Dấu vân tay SHA-256: {facts.fingerprint_display}")
        self.stdout.write(
            f"Hiệu lực đến {facts.not_after:%d/%m/%Y}. Đặt TDKT_SIGNING_P12={path.resolve()}"
            " và TDKT_SIGNING_P12_PASSWORD để ký các quyết định."
        )

    def _password(self) -> str:
        configured = str(getattr(settings, "TDKT_SIGNING_P12_PASSWORD", ""))
        if configured:
            return configured
        if not sys.stdin.isatty():
            raise CommandError(
                "Chưa có mật khẩu: đặt TDKT_SIGNING_P12_PASSWORD (hoặc chạy lệnh trong terminal"
                " để nhập)."
            )
        first = getpass.getpass("Mật khẩu cho tệp PKCS#12: ")
        if not first or first != getpass.getpass("Nhập lại mật khẩu: "):
            raise CommandError("Mật khẩu trống hoặc hai lần nhập không khớp.")
        return first
