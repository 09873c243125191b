"""A run's verdicts as an Excel workbook.

The headers are fixed Vietnamese, like the columns of an official list, whatever language the
interface is shown in; the verdict texts are Vietnamese already (messages.yaml). People come in
Vietnamese name order (Person.sort_key). A cell that a spreadsheet would read as a formula (text
starting with =, +, -, @) is written as plain text, so a name typed as "=HYPERLINK(...)" stays a
name.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from tdkt.common.formatting import short_date
from tdkt.rules.evaluation.queries import TitleLine
from tdkt.rules.models import EvaluationQuota, EvaluationRun, EvaluationVerdict

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
VERDICT_HEADERS = [
    "STT", "Họ và tên / Tập thể", "Đơn vị", "Danh hiệu", "Kết quả", "Điều kiện chưa đạt",
    "Căn cứ", "Cần xem xét", "Ghi chú", "Tiền thưởng (đồng)",
]  # fmt: skip
QUOTA_HEADERS = [
    "STT", "Đơn vị", "Danh hiệu", "Số người đủ điều kiện", "Số tối đa được tặng",
    "Số người làm căn cứ tính tỷ lệ", "Vượt",
]  # fmt: skip
SUMMARY_HEADERS = ["Danh hiệu", "Đủ điều kiện", "Chưa đủ điều kiện", "Những điều cần xem xét chung"]
ELIGIBLE = "Có thể được tặng"
NOT_ELIGIBLE = "Chưa đủ điều kiện"
WIDTHS = {"A": 6, "B": 30, "C": 34, "D": 26, "E": 18, "F": 70, "G": 50, "H": 50, "I": 30, "J": 16}


def safe(sheet: Worksheet, value: Any, *, bold: bool = False, wrap: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"  # text, never a formula
        cell.quotePrefix = True  # and it stays text when someone edits it
    if bold:
        cell.font = Font(bold=True)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _row(sheet: Worksheet, values: Iterable[Any], *, bold: bool = False) -> list[WriteOnlyCell]:
    return [
        safe(sheet, value, bold=bold, wrap=isinstance(value, str) and "\n" in value)
        for value in values
    ]


def _note(note: dict[str, Any], names: dict[str, str]) -> str:
    if note.get("kind") == "due_next_year":
        title = names.get(note["title"], note["title"])
        return (
            f"Đã đạt {title} {note['streak']} năm liên tục; nếu đạt năm {note['next_year']}"
            f" thì đủ {note['count']} năm liên tục"
        )
    return ""


def run_workbook(
    run: EvaluationRun,
    verdicts: Iterable[EvaluationVerdict],
    quotas: Iterable[EvaluationQuota],
    titles: list[TitleLine],
) -> bytes:
    book = Workbook(write_only=True)
    names = {entry["award"]: entry["name"] for entry in run.titles}
    scope = run.unit.name if run.unit is not None else "Tất cả đơn vị"

    sheet = book.create_sheet("Kết quả xét")
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width
    sheet.append(
        _row(sheet, [f"KẾT QUẢ XÉT ĐIỀU KIỆN DANH HIỆU THI ĐUA NĂM {run.year}"], bold=True)
    )
    sheet.append(_row(sheet, [f"Đơn vị: {scope}"]))
    sheet.append(
        _row(
            sheet,
            [
                f"Ngày quyết định: {short_date(run.decision_date)} · Quy định áp dụng: {run.regime}"
                f" · Lương cơ sở: {run.base_salary_vnd:,} đồng".replace(",", ".")
            ],
        )
    )
    sheet.append([])
    sheet.append(_row(sheet, VERDICT_HEADERS, bold=True))
    for number, verdict in enumerate(verdicts, start=1):
        subject = verdict.person.full_name if verdict.person is not None else verdict.unit.name
        sheet.append(
            _row(
                sheet,
                [
                    number,
                    subject,
                    verdict.unit.name,
                    names.get(verdict.award_code, verdict.award_code),
                    ELIGIBLE if verdict.eligible else NOT_ELIGIBLE,
                    "\n".join(item["message"] for item in verdict.failed),
                    "\n".join(dict.fromkeys(item["citation"] for item in verdict.failed)),
                    "\n".join(verdict.needs_review),
                    "\n".join(filter(None, (_note(note, names) for note in verdict.notes))),
                    verdict.reward_vnd,
                ],
            )
        )

    summary = book.create_sheet("Tổng hợp")
    summary.column_dimensions["A"].width = 30
    summary.column_dimensions["D"].width = 100
    summary.append(_row(summary, SUMMARY_HEADERS, bold=True))
    for line in titles:
        summary.append(
            _row(summary, [line.name, line.eligible, line.not_eligible, "\n".join(line.review)])
        )

    quota_sheet = book.create_sheet("Tỷ lệ tối đa")
    quota_sheet.column_dimensions["B"].width = 40
    quota_sheet.column_dimensions["C"].width = 26
    quota_sheet.append(_row(quota_sheet, QUOTA_HEADERS, bold=True))
    for number, quota in enumerate(quotas, start=1):
        quota_sheet.append(
            _row(
                quota_sheet,
                [
                    number,
                    quota.unit.name,
                    names.get(quota.award_code, quota.award_code),
                    quota.eligible,
                    quota.limit,
                    quota.base_count,
                    quota.over,
                ],
            )
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
