"""`tdkt demo load [--reset] [--seed N]` and `tdkt demo logins`.

The demo is Cẩm Lệ district of Đà Nẵng, 2015–2018 (docs/demo.md). Its output is written in
Vietnamese for the officer who tries the system.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.accounts.models import User
from tdkt.common.formatting import group_thousands
from tdkt.config import env_bool
from tdkt.demo.checks import DemoCheckError
from tdkt.demo.generator import DEFAULT_SEED, DEMO_PASSWORD, USERS
from tdkt.demo.loader import DemoError, load
from tdkt.nominations.demo import COUNCIL_MEMBERS, OFFICERS


class Command(BaseCommand):
    help = (
        "Demo dataset (Cẩm Lệ district, 2015–2018). `load`: build it in the database, "
        "`--reset` first wipes units, people, awards, groups, imports, audit and all users but "
        "superusers. `logins`: print one demo login per role, then the other demo accounts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load_parser = sub.add_parser("load", help="build the demo dataset")
        load_parser.add_argument(
            "--reset", action="store_true", help="wipe the domain tables first"
        )
        load_parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
        )
        sub.add_parser("logins", help="print the demo logins")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            self._load(seed=options["seed"], reset=options["reset"])
        else:
            self._logins()

    def _load(self, *, seed: int, reset: bool) -> None:
        if env_bool("TDKT_PRODUCTION", False):
            raise CommandError(
                "Không nạp dữ liệu mẫu trên hệ thống đang dùng thật (TDKT_PRODUCTION=1)."
            )
        try:
            summary = load(seed, reset=reset)
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        except DemoCheckError as exc:
            raise CommandError(f"Dữ liệu mẫu không được ghi. {exc}") from exc
        seconds = f"{summary.seconds:.1f}".replace(".", ",")
        self.stdout.write(
            f"Đã nạp dữ liệu mẫu quận Cẩm Lệ (hạt giống {summary.seed}) trong {seconds} giây:"
            f" {group_thousands(summary.units)} đơn vị, {group_thousands(summary.people)} cá nhân,"
            f" {group_thousands(summary.service_periods)} quá trình công tác,"
            f" {group_thousands(summary.year_records)} kết quả xếp loại,"
            f" {group_thousands(summary.awards)} khen thưởng, {summary.users} tài khoản."
            " Tự kiểm tra: đạt."
        )

    def _logins(self) -> None:
        existing = set(
            User.objects.filter(username__in=[u.username for u in USERS]).values_list(
                "username", flat=True
            )
        )
        missing = [u.username for u in USERS if u.username not in existing]
        if missing:
            raise CommandError(
                "Chưa có tài khoản dùng thử (" + ", ".join(missing) + "). Chạy trước:"
                " tdkt demo load --reset"
            )
        self.stdout.write(
            f"Tài khoản dùng thử, mật khẩu chung “{DEMO_PASSWORD}” (chỉ dùng cho dữ liệu mẫu,"
            " không dùng trên hệ thống thật):"
        )
        for user in USERS:
            self.stdout.write(f"  {user.label}: {user.username} / {DEMO_PASSWORD}")
        # The officers and council members the 2018 round adds (nominations' demo), same password;
        # named, so that a real account in the same database is never printed as a demo one.
        others = (
            User.objects.filter(username__in=[row[0] for row in (*COUNCIL_MEMBERS, *OFFICERS)])
            .select_related("unit")
            .order_by("username")
        )
        if others:
            self.stdout.write("Các tài khoản khác của dữ liệu mẫu, cùng mật khẩu:")
            for other in others:
                where = f" ({other.unit.name})" if other.unit else ""
                self.stdout.write(
                    f"  {other.full_name} – {other.position}{where}: {other.username}"
                )
