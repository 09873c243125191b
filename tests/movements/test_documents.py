"""The launch plan and the pledge as Word documents: blocks, texts and fonts; one rendered."""

from __future__ import annotations

import io
import os
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

from tdkt.documents.pdf import docx_to_pdf, soffice_binary
from tdkt.movements import services
from tdkt.movements.documents import launch_plan, plan_summary, pledge_document
from tdkt.movements.enums import Direction
from tdkt.movements.models import Pledge

pytestmark = pytest.mark.django_db


def _texts(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in doc.paragraphs if p.text.strip()]


def _cell_lines(cell) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in cell.paragraphs if p.text.strip()]


def test_plan_summary_from_movement_name(launched):
    assert plan_summary(launched) == (
        "Phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển"
        " kinh tế - xã hội năm 2018"
    )


@pytest.mark.parametrize(
    ("name", "summary"),
    [
        (
            "Thực hiện Chỉ thị số 29-CT/TU về “5 xây, 3 chống”",
            "Phát động phong trào thi đua thực hiện Chỉ thị số 29-CT/TU về “5 xây, 3 chống”"
            " năm 2018",
        ),
        (
            "Toàn dân bảo vệ an ninh Tổ quốc",
            "Phát động phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” năm 2018",
        ),
        ("Phong trào “Vì người nghèo”", "Phát động phong trào “Vì người nghèo” năm 2018"),
    ],
)
def test_plan_summary_never_quotes_a_quotation_again(launched, name, summary):
    launched.name = name

    assert plan_summary(launched) == summary


def test_key_tasks_end_as_list_items(movement, secretariat_user):
    services.add_key_task(movement, "Thi đua xây dựng “Thành phố 4 an”", actor=secretariat_user)
    services.add_key_task(movement, "Thi đua cải cách hành chính.", actor=secretariat_user)
    texts = _texts(Document(io.BytesIO(launch_plan(movement))))

    assert [t for t in texts if t.startswith("2.") and t[2].isdigit()] == [
        "2.1. Thi đua hoàn thành vượt mức thu ngân sách;",
        "2.2. Thi đua xây dựng “Thành phố 4 an”;",
        "2.3. Thi đua cải cách hành chính.",
    ]


def test_percent_target_has_no_space_before_the_sign(launched, cluster, secretariat_user):
    pledge = services.create_pledge(
        Pledge(movement=launched, title="Bản giao ước", unit=cluster.memberships.first().unit,
               purpose="Hoàn thành nhiệm vụ"),
        actor=secretariat_user,
    )  # fmt: skip
    services.add_pledge_target(
        pledge, unit=None, name="Tỷ lệ hồ sơ giải quyết đúng hạn", unit_of_measure="%",
        planned_value=Decimal("95.5"), direction=Direction.HIGHER, actor=secretariat_user,
    )  # fmt: skip
    texts = _texts(Document(io.BytesIO(pledge_document(pledge))))

    assert "1. Tỷ lệ hồ sơ giải quyết đúng hạn: đạt 95,5%." in texts


def test_launch_plan_blocks_in_order(launched):
    doc = Document(io.BytesIO(launch_plan(launched)))
    texts = _texts(doc)
    header = doc.tables[0]

    assert _cell_lines(header.cell(0, 0)) == ["ỦY BAN NHÂN DÂN", "QUẬN CẨM LỆ"]
    assert _cell_lines(header.cell(1, 0)) == ["Số: 05/KH-UBND"]
    assert _cell_lines(header.cell(1, 1)) == ["Cẩm Lệ, ngày 05 tháng 01 năm 2018"]
    assert texts[0] == "KẾ HOẠCH"
    assert texts[1] == plan_summary(launched)
    assert texts[2].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    headings = [t for t in texts if t[:3] in {"I. ", "II.", "III", "IV.", "V. ", "VI."}]
    assert headings == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. CHỦ ĐỀ, NỘI DUNG THI ĐUA",
        "III. CHỈ TIÊU THI ĐUA",
        "IV. HÌNH THỨC, THỜI GIAN",
        "V. KHEN THƯỞNG",
        "VI. TỔ CHỨC THỰC HIỆN",
    ]
    assert (
        "- Động viên cán bộ, công chức thi đua hoàn thành thắng lợi các chỉ tiêu năm 2018;" in texts
    )
    assert "- Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến." in texts
    assert "1. Chủ đề: “Đoàn kết, kỷ cương, sáng tạo, hiệu quả”." in texts
    assert "2.1. Thi đua hoàn thành vượt mức thu ngân sách." in texts
    assert any("trước ngày 31 tháng 3 năm 2018" in t for t in texts)


def test_launch_plan_targets_table_and_signature(launched):
    doc = Document(io.BytesIO(launch_plan(launched)))
    targets, closing = doc.tables[1], doc.tables[2]

    assert [c.text for c in targets.rows[0].cells] == [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kế hoạch",
        "Trọng số",
    ]
    assert [c.text for c in targets.rows[1].cells] == [
        "1",
        "Thu ngân sách trên địa bàn",
        "triệu đồng",
        "1.250.000",
        "2",
    ]
    assert _cell_lines(closing.cell(0, 1)) == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lê Văn Hòa",
    ]
    signer = closing.cell(0, 1).paragraphs[-1].runs[0]
    assert (signer.font.name, signer.font.bold, signer.font.size) == (
        "Times New Roman",
        True,
        Pt(14),
    )


def test_group_pledge_document_blocks_and_signature_cells(group_pledge):
    doc = Document(io.BytesIO(pledge_document(group_pledge)))
    texts = _texts(doc)
    header = doc.tables[0]
    grid = doc.tables[-1]

    assert _cell_lines(header.cell(0, 0)) == [
        "ỦY BAN NHÂN DÂN",
        "QUẬN CẨM LỆ",
        "CỤM THI ĐUA CÁC PHƯỜNG",
    ]
    assert _cell_lines(header.cell(1, 1)) == ["Cẩm Lệ, ngày 12 tháng 01 năm 2018"]
    assert texts[:2] == ["BẢN GIAO ƯỚC THI ĐUA NĂM 2018", "CỤM THI ĐUA CÁC PHƯỜNG"]
    assert "1. Ủy ban nhân dân phường Hòa Thọ Đông – Cụm trưởng;" in texts
    assert "3. Ủy ban nhân dân quận Cẩm Lệ – Cơ quan phát động;" in texts
    assert [
        t for t in texts if t in {"I. MỤC ĐÍCH", "II. NỘI DUNG GIAO ƯỚC", "III. TỔ CHỨC THỰC HIỆN"}
    ] == [
        "I. MỤC ĐÍCH",
        "II. NỘI DUNG GIAO ƯỚC",
        "III. TỔ CHỨC THỰC HIỆN",
    ]
    assert "1. Thu ngân sách: đạt 100 triệu đồng." in texts
    assert "2. Số vụ vi phạm trật tự đô thị: không vượt quá 10 vụ." in texts
    assert (len(grid.rows), len(grid.columns)) == (1, 3)
    assert [_cell_lines(cell) for cell in grid.rows[0].cells] == [
        ["TM. ỦY BAN NHÂN DÂN", "PHƯỜNG HÒA THỌ ĐÔNG", "CHỦ TỊCH", "Người ký 1"],
        ["TM. ỦY BAN NHÂN DÂN", "PHƯỜNG KHUÊ TRUNG", "CHỦ TỊCH", "Người ký 2"],
        ["TM. ỦY BAN NHÂN DÂN", "QUẬN CẨM LỆ", "CHỦ TỊCH", "Người ký 3"],
    ]


@pytest.mark.skipif(
    soffice_binary() is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)",
)
def test_launch_plan_and_pledge_render_to_pdf(launched, group_pledge):
    plan = docx_to_pdf(launch_plan(launched))
    pledge = docx_to_pdf(pledge_document(group_pledge))

    assert plan.startswith(b"%PDF")
    assert pledge.startswith(b"%PDF")
    folder = os.environ.get("TDKT_RENDER_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / "plan.pdf").write_bytes(plan)
        (Path(folder) / "pledge.pdf").write_bytes(pledge)
