"""`tdkt report`: the JSON shape for scripts, files, and exit status 2 with a Vietnamese message."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from openpyxl import load_workbook

from tdkt.reports.management.commands.report import Command

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

JSON_KEYS = {
    "year", "unit", "totals", "money_vnd", "money_by_award", "unpriced", "revoked", "by_sector",
    "by_unit_kind", "by_category", "by_gender", "frontline", "leaders", "previous_years",
}  # fmt: skip


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_report_year_json_prints_the_documented_shape(register: SimpleNamespace) -> None:
    data = json.loads(_run("year", "2024", "--unit", "hoa-tho-dong", "--format", "json"))

    assert set(data) == JSON_KEYS
    assert data["year"] == 2024
    assert data["unit"] == {"code": "hoa-tho-dong", "name": "Phường Hòa Thọ Đông"}
    assert data["totals"] == {
        "cstd_co_so": {"individual": 1, "collective": 0},
        "lao_dong_tien_tien": {"individual": 2, "collective": 0},
        "tap_the_ldtt": {"individual": 0, "collective": 1},
    }
    assert data["frontline"] == {"lao_dong_tien_tien": 1}
    assert data["by_sector"] == {
        "state": {
            "cstd_co_so": {"individual": 1, "collective": 0},
            "lao_dong_tien_tien": {"individual": 2, "collective": 0},
            "tap_the_ldtt": {"individual": 0, "collective": 1},
        }
    }
    assert data["previous_years"] == {
        "2023": {
            "bang_khen_thu_tuong": {"individual": 1, "collective": 0},
            "cstd_co_so": {"individual": 1, "collective": 0},
            "tap_the_ldtt": {"individual": 0, "collective": 1},
        },
        "2022": {
            "cstd_co_so": {"individual": 1, "collective": 0},
            "tap_the_ldtt": {"individual": 0, "collective": 1},
        },
    }


def test_report_year_json_is_stable_text(register: SimpleNamespace) -> None:
    first = _run("year", "2024", "--format", "json")

    assert first == _run("year", "2024", "--format", "json")
    assert "Phường" not in first  # the whole register: no unit
    assert json.loads(first)["unit"] is None


def test_report_year_text_is_vietnamese(register: SimpleNamespace) -> None:
    lines = _run("year", "2024", "--format", "text").splitlines()

    assert lines[0] == "Kết quả khen thưởng năm 2024 – toàn bộ sổ khen thưởng"
    assert "  Lao động tiên tiến: tập thể 0, cá nhân 4" in lines
    assert "Tiền thưởng: 1.560.000 đồng" in lines


def test_report_year_writes_word_and_excel_files(register: SimpleNamespace, tmp_path: Path) -> None:
    docx, xlsx = tmp_path / "bc.docx", tmp_path / "bc.xlsx"

    _run("year", "2024", "--unit", "cam-le", "--format", "docx", "--output", str(docx))
    _run("year", "2024", "--format", "xlsx", "--output", str(xlsx))

    assert "BÁO CÁO" in [p.text for p in Document(str(docx)).paragraphs]
    assert load_workbook(xlsx).sheetnames == ["Tổng hợp", "Chi tiết"]


def test_report_forms_writes_the_forms(register: SimpleNamespace, tmp_path: Path) -> None:
    target = tmp_path / "bieu.xlsx"

    _run("forms", "2024", "--form", "0602", "--form", "0603", "--output", str(target))

    assert load_workbook(target).sheetnames == ["Biểu 0602", "Biểu 0603"]


def test_report_due_json_lists_the_runs(register: SimpleNamespace) -> None:
    data = json.loads(_run("due", "2024", "--format", "json"))

    group = next(g for g in data["groups"] if g["higher"] == "cstd_cap_tinh")
    assert [r["name"] for r in group["due"]] == ["Lê Thị Em"]
    assert [(r["name"], r["first_year"]) for r in group["ready"]] == [("Võ Văn Dũng", 2022)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["year", "2030"], "Năm 2030 chưa có dữ liệu khen thưởng."),
        (["year", "2024", "--unit", "khong-co"], "Không có đơn vị mã 'khong-co'."),
        (
            ["year", "2024", "--format", "pdf"],
            "Định dạng không hỗ trợ: 'pdf'. Chọn một trong: json, text, xlsx, docx.",
        ),
        (
            ["year", "hai-nghin"],
            "Năm không hợp lệ: 'hai-nghin'. Nhập năm từ 1945 đến 2100, ví dụ 2017.",
        ),
        (["year", "2024", "--format", "docx"], "Định dạng docx cần --output TỆP để ghi kết quả."),
        (
            ["forms", "2024", "--form", "0699", "--output", "x.xlsx"],
            "Không có biểu 0699. Các biểu: 0601, 0602, 0603, 0604, 0605.",
        ),
    ],
)  # fmt: skip
def test_report_bad_input_exits_2_with_a_message(
    register: SimpleNamespace, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError) as raised:
        _run(*args)

    assert raised.value.returncode == 2
    assert str(raised.value) == message


def test_report_bad_input_from_the_command_line_goes_to_stderr(
    register: SimpleNamespace, capsys: Any
) -> None:
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["tdkt", "report", "year", "2030"])

    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == "CommandError: Năm 2030 chưa có dữ liệu khen thưởng."
