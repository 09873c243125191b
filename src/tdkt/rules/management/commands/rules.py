"""`tdkt rules check FILE [--format json|text]`, `tdkt rules test PATH` and
`tdkt rules evaluate --year Y [--unit CODE] [--decision-date D] [--format json|text]`.

check:    judge one case file; exit 0 when judged, 2 (message on stderr) when the file is invalid.
test:     run every case file under PATH that has an `expect:` block; exit 1 on any failure; the
          last line is "N passed, M failed".
evaluate: judge every person and unit of a year (of a unit and the units under it) for every
          yearly title, store the run (replacing the last one of the same year and units) and
          print the counts per title; exit 2 with a message on stderr when it cannot run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tdkt.rules.cases import CaseFileError, case_files, mismatches, read_case
from tdkt.rules.loader import get_rulebook
from tdkt.rules.report import judgement_dict, judgement_text


class Command(BaseCommand):
    help = "Judge rule case files against the legal regimes (check) or run them as tests (test)."
    requires_system_checks: list[str] = []  # no database, nothing else to check

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="judge one case file")
        check.add_argument("file")
        check.add_argument("--format", choices=["json", "text"], default="text")
        test = sub.add_parser("test", help="run every case file with an expect: block")
        test.add_argument("path")
        evaluate = sub.add_parser("evaluate", help="judge and store a whole year")
        evaluate.add_argument("--year", type=int, required=True)
        evaluate.add_argument("--unit", help="code of the unit (with the units under it)")
        evaluate.add_argument(
            "--decision-date", help="YYYY-MM-DD; default: 15 January of the next year"
        )
        evaluate.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "check":
            self._check(options["file"], options["format"])
        elif options["action"] == "evaluate":
            from tdkt.rules.evaluation.command import evaluate_command

            output = evaluate_command(
                options["year"], options["unit"], options["decision_date"], options["format"]
            )
            if output.error:
                self.stderr.write(output.error)
                raise SystemExit(2)
            self.stdout.write(output.text)
        else:
            self._test(Path(options["path"]))

    def _check(self, file: str, output: str) -> None:
        book = get_rulebook()
        try:
            case = read_case(file, book)
        except CaseFileError as exc:
            self.stderr.write(f"Tệp tình huống không hợp lệ: {exc}")
            raise SystemExit(2) from exc
        judgement = case.judge(book)
        if output == "json":
            self.stdout.write(json.dumps(judgement_dict(judgement), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(judgement_text(case, judgement, book))

    def _test(self, path: Path) -> None:
        if not path.exists():
            self.stderr.write(f"Không có tệp hay thư mục {path}")
            raise SystemExit(2)
        book = get_rulebook()
        passed = failed = 0
        for file in case_files(path):
            try:
                case = read_case(file, book)
            except CaseFileError as exc:
                failed += 1
                self.stdout.write(f"LỖI {file}\n  {exc}")
                continue
            if case.expect is None:
                continue
            problems = mismatches(case, case.judge(book))
            if problems:
                failed += 1
                self.stdout.write(f"SAI {file}")
                for problem in problems:
                    self.stdout.write(f"  - {problem}")
            else:
                passed += 1
                self.stdout.write(f"ĐẠT {file}")
        if passed + failed == 0:
            self.stderr.write(f"Không có tệp tình huống nào có khối expect trong {path}")
            failed_any = True
        else:
            failed_any = failed > 0
        self.stdout.write(f"{passed} passed, {failed} failed")
        if failed_any:
            raise SystemExit(1)
