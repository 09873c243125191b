"""Building import files for tests: workbooks like our templates, CSV text."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook

PEOPLE_HEADERS = [
    "STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Ngày tuyển dụng", "Đơn vị",
    "Chức vụ", "Đối tượng", "Lao động trực tiếp", "Từ ngày", "Đến ngày",
]  # fmt: skip
YEAR_HEADERS = [
    "STT", "Số CCCD", "Họ và tên", "Ngày sinh", "Năm", "Xếp loại", "Loại nghỉ", "Số ngày nghỉ",
    "Hình thức kỷ luật", "Ngày quyết định kỷ luật", "Tên sáng kiến, đề tài", "Phạm vi ảnh hưởng",
]  # fmt: skip
AWARD_HEADERS = [
    "STT", "Số CCCD", "Họ và tên", "Ngày sinh", "Đơn vị", "Danh hiệu, hình thức khen thưởng",
    "Năm", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành", "Số vào sổ", "Trạng thái",
    "Số quyết định thu hồi", "Ngày thu hồi",
]  # fmt: skip


def xlsx(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str = "Cán bộ",
    title: bool = True,
) -> bytes:
    """A workbook like our templates: title on row 1, headers on row 3 (or row 1 without title)."""
    workbook = Workbook()
    data = workbook.active
    assert data is not None
    data.title = sheet
    if title:
        data.append(["DANH SÁCH"])
        data.append([])
    data.append(list(headers))
    for row in rows:
        data.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(headers: Sequence[str], rows: Sequence[Sequence[Any]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue()
