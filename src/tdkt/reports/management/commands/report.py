"""`tdkt report year 2017 [--unit CODE] [--format json|text|xlsx|docx] [--output FILE]`
`tdkt report forms 2018 [--unit CODE] [--form 0602 ...] --output FILE`
`tdkt report due 2017 [--unit CODE] [--format json|text]`

The same figures as the report pages, over the whole register (or a unit's subtree). Bad input
(a year that is not one, a year without data, an unknown unit or format) ends with exit status 2
and a message on stderr.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.awards.catalogue import COLLECTIVE, INDIVIDUAL, award_name
from tdkt.common.formatting import group_thousands
from tdkt.reports import excel, word
from tdkt.reports.queries import AwardFilter, Selection, YearFigures, award_details, year_figures
from tdkt.reports.register import BOTH_STATUSES, due_for_higher
from tdkt.reports.services import ReportError, document_unit, selection_for_code
from tdkt.reports.statforms import FORM_CODES, fill_forms

FORMATS = {
    "year": ("json", "text", "xlsx", "docx"),
    "forms": ("xlsx",),
    "due": ("json", "text"),
}
BINARY = {"xlsx", "docx"}


def fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = (
        "Reports from the award register: `year` (the year report), `forms` (the Ministry's"
        " statistical forms 0601–0605), `due` (who is due for a higher award)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="report", required=True)
        for name, text in (
            ("year", "the year's figures"),
            ("forms", "the statistical forms of a year (1 Dec – 30 Nov)"),
            ("due", "runs of consecutive titles up to a year"),
        ):
            command = sub.add_parser(name, help=text)
            command.add_argument("year", help="the year, e.g. 2017")
            command.add_argument("--unit", help="code of a unit: report only its subtree")
            command.add_argument(
                "--format", default=FORMATS[name][0], help=f"one of {', '.join(FORMATS[name])}"
            )
            command.add_argument("--output", help="file to write (required for xlsx and docx)")
            if name == "forms":
                command.add_argument(
                    "--form", action="append", help=f"only these forms ({', '.join(FORM_CODES)})"
                )

    def handle(self, *args: Any, **options: Any) -> None:
        report = options["report"]
        fmt = str(options["format"]).lower()
        if fmt not in FORMATS[report]:
            raise fail(
                f"Định dạng không hỗ trợ: {options['format']!r}."
                f" Chọn một trong: {', '.join(FORMATS[report])}."
            )
        raw = str(options["year"]).strip()
        if not raw.isdigit() or not 1945 <= int(raw) <= 2100:
            raise fail(f"Năm không hợp lệ: {raw!r}. Nhập năm từ 1945 đến 2100, ví dụ 2017.")
        year = int(raw)
        if fmt in BINARY and options.get("output") in (None, "", "-"):
            raise fail(f"Định dạng {fmt} cần --output TỆP để ghi kết quả.")
        try:
            selection = selection_for_code(options.get("unit"))
        except ReportError as exc:
            raise fail(str(exc)) from exc
        if report == "year":
            self._year(selection, year, fmt, options.get("output"))
        elif report == "forms":
            codes = tuple(options.get("form") or FORM_CODES)
            unknown = [code for code in codes if code not in FORM_CODES]
            if unknown:
                raise fail(
                    f"Không có biểu {', '.join(unknown)}. Các biểu: {', '.join(FORM_CODES)}."
                )
            data = excel.forms_workbook(fill_forms(selection, year, codes))
            self._write(options["output"], data)
        else:
            self._due(selection, year, fmt)

    def _write(self, output: str | None, data: bytes | str) -> None:
        if output in (None, "", "-") and isinstance(data, str):
            self.stdout.write(data)
            return
        path = Path(str(output))
        try:
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data + "\n", encoding="utf-8")
        except OSError as exc:
            raise fail(f"Không ghi được tệp {path}: {exc.strerror}.") from exc
        self.stderr.write(f"Đã ghi {path}.")

    def _year(self, selection: Selection, year: int, fmt: str, output: str | None) -> None:
        figures = year_figures(selection, year)
        if figures.is_empty:
            raise fail(f"Năm {year} chưa có dữ liệu khen thưởng.")
        if fmt == "json":
            self._write(output, json.dumps(figures.to_json(), ensure_ascii=False, sort_keys=True))
        elif fmt == "text":
            self._write(output, "\n".join(year_text(figures)))
        elif fmt == "xlsx":
            details = award_details(selection, AwardFilter(years=(year,), statuses=BOTH_STATUSES))
            self._write(output, excel.year_workbook(figures, details))
        else:
            try:
                unit = document_unit(selection)
            except ReportError as exc:
                raise fail("Báo cáo Word cần chọn đơn vị: --unit MÃ_ĐƠN_VỊ.") from exc
            self._write(output, word.year_document(figures, unit))

    def _due(self, selection: Selection, year: int, fmt: str) -> None:
        report = due_for_higher(selection, year)
        if fmt == "json":
            payload = {
                "year": report.year,
                "regime": report.regime,
                "groups": [
                    {
                        "higher": g.higher,
                        "title": g.title,
                        "needed": g.needed,
                        "kind": g.kind,
                        "due": [_run(s) for s in g.due],
                        "ready": [_run(s) for s in g.ready],
                    }
                    for g in report.groups
                ],
                "collective_runs": {
                    title: [_run(s) for s in runs] for title, runs in report.collective_runs
                },
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, sort_keys=True))
            return
        for group in report.groups:
            for label, runs in (("sắp đủ", group.due), ("đã đủ", group.ready)):
                for run in runs:
                    self.stdout.write(
                        f"{group.higher_name} ({label} {group.needed} năm {group.title_name}):"
                        f" {_name(run)}, {run.first_year}–{run.last_year}"
                    )


def _name(run: Any) -> str:
    return run.recipient.name if run.is_collective else run.recipient.full_name


def _run(run: Any) -> dict[str, Any]:
    return {
        "id": run.recipient.pk,
        "name": _name(run),
        "first_year": run.first_year,
        "last_year": run.last_year,
        "has_higher": run.has_higher,
    }


def year_text(f: YearFigures) -> list[str]:
    where = f.unit.name if f.unit is not None else "toàn bộ sổ khen thưởng"
    lines = [f"Kết quả khen thưởng năm {f.year} – {where}"]
    for code in f.codes:
        counts = f.totals.get(code)
        if counts:
            lines.append(
                f"  {award_name(code)}: tập thể {counts[COLLECTIVE]}, cá nhân {counts[INDIVIDUAL]}"
            )
    lines.append(f"Cộng: tập thể {f.collective_total}, cá nhân {f.individual_total}")
    lines.append(f"Tiền thưởng: {group_thousands(f.money_vnd)} đồng")
    for year, by_award in f.previous_years.items():
        total = sum(sum(c.values()) for c in by_award.values())
        lines.append(f"Năm {year}: {total} lượt khen thưởng")
    return lines
