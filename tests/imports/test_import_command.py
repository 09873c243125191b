from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tdkt.accounts.models import User
from tdkt.imports.models import ImportBatch
from tdkt.people.models import Person
from tests.imports.import_helpers import PEOPLE_HEADERS, xlsx

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROW = [1, "Lê Văn Cường", "Nam", dt.date(1990, 4, 30), "048190000777", None, "khue-trung",
       "Chuyên viên", "Công chức", "Không", dt.date(2014, 9, 1), None]  # fmt: skip


def write(tmp_path: Path, *rows: list[object]) -> Path:
    path = tmp_path / "can-bo.xlsx"
    path.write_bytes(xlsx(PEOPLE_HEADERS, rows))
    return path


def test_command_imports_and_prints_result(tree: SimpleNamespace, tmp_path: Path) -> None:
    out = io.StringIO()

    call_command("import", "people", str(write(tmp_path, ROW)), stdout=out)

    batch = ImportBatch.objects.get()
    assert out.getvalue() == (
        "Đã nhập toàn bộ tệp. Tệp can-bo.xlsx: 1/1 dòng đã ghi, 0 dòng lỗi, bảng mã Unicode "
        f"(lần nhập số {batch.pk}).\n"
    )
    assert Person.objects.filter(citizen_id="048190000777").exists()


def test_command_rejected_file_prints_errors_and_exits_1(
    tree: SimpleNamespace, tmp_path: Path
) -> None:
    bad = [*ROW]
    bad[3], bad[8] = "31/02/2017", "Bộ đội"
    out = io.StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("import", "people", str(write(tmp_path, ROW, bad)), stdout=out)

    assert caught.value.returncode == 1
    lines = out.getvalue().splitlines()
    assert lines[1:] == [
        'Sheet Cán bộ, dòng 5, cột Ngày sinh: "31/02/2017" is not a real date.',
        'Sheet Cán bộ, dòng 5, cột Đối tượng: "Bộ đội" is not in the list. Allowed: Cán bộ, '
        "Công chức, Viên chức, Người lao động, Nông dân, Khác.",
    ]
    assert lines[0].startswith("Tệp bị từ chối, không ghi dữ liệu nào. Tệp can-bo.xlsx: 0/2")
    assert not Person.objects.filter(citizen_id="048190000777").exists()


def test_command_valid_only_and_user_scope(
    tree: SimpleNamespace, unit_officer: User, tmp_path: Path
) -> None:
    mine = [*ROW]
    mine[4], mine[6] = "048190000778", "hoa-tho-dong"
    out = io.StringIO()

    call_command(
        "import",
        "people",
        str(write(tmp_path, ROW, mine)),
        "--valid-only",
        "--user",
        "canbo_a",
        stdout=out,
    )

    assert out.getvalue().splitlines()[1:] == [
        'Sheet Cán bộ, dòng 4, cột Đơn vị: The unit "khue-trung" is outside the units you manage.'
    ]
    assert ImportBatch.objects.get().uploaded_by == unit_officer
    assert list(
        Person.objects.filter(search_key="le van cuong").values_list("citizen_id", flat=True)
    ) == ["048190000778"]


def test_command_refuses_user_who_may_not_edit(
    tree: SimpleNamespace, council_member: User, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="không có quyền nhập dữ liệu"):
        call_command("import", "people", str(write(tmp_path, ROW)), "--user", "hoidong")


def test_command_missing_file(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import", "people", str(tmp_path / "khong-co.xlsx"))
