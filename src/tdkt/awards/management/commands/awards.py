"""`tdkt awards count --year 2017 [--format json|text] [--unit CODE]`"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.awards.catalogue import award_name
from tdkt.awards.models import AwardRecord
from tdkt.awards.queries import count_by_award
from tdkt.organisations.models import Unit


class Command(BaseCommand):
    help = (
        "Work with the award register. `count`: granted awards of a year, by award and"
        " recipient kind."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        count = sub.add_parser("count", help="count granted awards of one year")
        count.add_argument("--year", type=int, required=True)
        count.add_argument("--format", choices=["json", "text"], default="text")
        count.add_argument("--unit", help="code of a unit: count only its subtree")

    def handle(self, *args: Any, **options: Any) -> None:
        awards = AwardRecord.objects.all()
        if options.get("unit"):
            try:
                unit = Unit.objects.get(code=options["unit"])
            except Unit.DoesNotExist as exc:
                raise CommandError(f"Không có đơn vị mã {options['unit']!r}.") from exc
            awards = awards.filter(unit_at_award__path__startswith=unit.path)
        counts = count_by_award(options["year"], awards)
        if options["format"] == "json":
            self.stdout.write(json.dumps(counts, ensure_ascii=False, sort_keys=True))
            return
        if not counts:
            self.stdout.write(f"Năm {options['year']}: sổ khen thưởng chưa có khen thưởng nào.")
            return
        for code, row in counts.items():
            self.stdout.write(
                f"{award_name(code)} ({code}): cá nhân {row['individual']},"
                f" tập thể {row['collective']}"
            )
