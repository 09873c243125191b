"""The minutes of a closed session as a Word document, block by block (documents.md §3)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from docx import Document

from tdkt.councils import services
from tdkt.councils.documents import RESULT_HEADERS, minutes
from tdkt.councils.enums import BallotMethod, Choice
from tdkt.councils.models import Council, CouncilSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def voting(council: Council, appraised: Any, secretariat_user: Any) -> CouncilSession:
    """An online session, five of the six members present having voted, not yet closed."""
    session = services.create_session(
        council,
        title="Phiên họp xét khen thưởng năm 2018",
        year=2018,
        held_on=dt.date(2019, 1, 8),
        start_time=dt.time(14, 0),
        place="Hội trường UBND quận",
        ballot_method=BallotMethod.ONLINE,
        actor=secretariat_user,
    )
    services.add_to_agenda(
        session, list(appraised.nominations.order_by("order")), actor=secretariat_user
    )
    members = services.active_members(council)
    absent = members[-1]
    services.open_session(
        session,
        present=[m.pk for m in members if m != absent],
        notes={absent.pk: "có ý kiến bằng văn bản"},
        actor=secretariat_user,
    )
    items = list(session.items.order_by("order"))
    for index, member in enumerate(members[:5]):
        choices = {item.pk: Choice.AGREE for item in items}
        if index < 2:
            choices[items[2].pk] = Choice.DISAGREE
        services.cast_ballot(session, user=member.user, choices=choices)
    return session


@pytest.fixture
def closed(voting: CouncilSession, secretariat_user: Any) -> CouncilSession:
    return services.close_session(voting, actor=secretariat_user, end_time=dt.time(16, 30))


def _text(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def test_minutes_blocks(closed: CouncilSession) -> None:
    document = Document(io.BytesIO(minutes(closed)))
    lines = _text(document)
    header = [p.text for cell in document.tables[0].rows[0].cells for p in cell.paragraphs]

    assert "UBND QUẬN CẨM LỆ" in header
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in header
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header
    assert lines[0] == "BIÊN BẢN"
    assert lines[1] == "Họp Hội đồng Thi đua - Khen thưởng quận xét đề nghị khen thưởng năm 2018"
    assert "Thời gian: 14 giờ 00 phút, ngày 08/01/2019." in lines
    assert "Địa điểm: Hội trường UBND quận." in lines
    assert "Chủ trì: Đ/c Huỳnh Đức Thịnh – Chủ tịch UBND quận – Chủ tịch Hội đồng." in lines
    assert "Thư ký: Đ/c Lê Thị Thư – Chuyên viên Phòng Nội vụ – Thư ký Hội đồng." in lines
    assert (
        "Hội đồng có 07 thành viên, có mặt 06, vắng 01 (Đ/c Ủy viên Số 5, có ý kiến bằng văn bản)."
        in lines
    )
    assert (
        "Hội đồng thống nhất đề nghị Chủ tịch Ủy ban nhân dân quận Cẩm Lệ xem xét, khen thưởng:"
        " Lao động tiên tiến: 02 trường hợp." in lines
    )
    assert (
        "Cuộc họp kết thúc vào hồi 16 giờ 30 phút cùng ngày; biên bản đã được thông qua trước"
        " Hội đồng./." in lines
    )


def test_minutes_result_table(closed: CouncilSession) -> None:
    document = Document(io.BytesIO(minutes(closed)))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")

    rows = [[cell.text for cell in row.cells] for row in table.rows]

    assert rows[0] == RESULT_HEADERS
    assert rows[1] == [
        "1",
        "Nguyễn Thị Ánh",
        "Công chức văn hóa – xã hội, Phường Hòa Thọ Đông",
        "Lao động tiên tiến",
        "5/7",
        "71,4",
        "Đạt",
    ]
    assert [row[4:] for row in rows[2:]] == [["5/7", "71,4", "Đạt"], ["3/7", "42,9", "Không đạt"]]


def test_minutes_before_closing_conclude_nothing(voting: CouncilSession) -> None:
    document = Document(io.BytesIO(minutes(voting)))
    lines = _text(document)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")

    assert (
        "Hội đồng chưa kết thúc bỏ phiếu; kết quả và kết luận được ghi khi phiên họp kết thúc."
        in lines
    )
    concluded = ("Hội đồng thống nhất", "Không có trường hợp", "Cuộc họp kết thúc")
    assert not any(line.startswith(concluded) for line in lines)
    assert [[cell.text for cell in row.cells][4:] for row in table.rows[1:]] == [["", "", ""]] * 3


def test_minutes_signatures(closed: CouncilSession) -> None:
    document = Document(io.BytesIO(minutes(closed)))
    cells = list(document.tables[-1].rows[0].cells)

    left = [p.text for p in cells[0].paragraphs if p.text]
    right = [p.text for p in cells[1].paragraphs if p.text]

    assert left == ["THƯ KÝ", "Lê Thị Thư"]
    assert right == ["CHỦ TỊCH HỘI ĐỒNG", "Huỳnh Đức Thịnh"]


def test_minutes_download_for_members_only(
    closed: CouncilSession, council: Council, unit_officer: Any, client: Client
) -> None:
    member = services.active_members(council)[1].user
    client.force_login(unit_officer)
    outsider = client.get(f"/councils/sessions/{closed.pk}/minutes.docx")
    client.force_login(member)
    inside = client.get(f"/councils/sessions/{closed.pk}/minutes.docx")

    assert outsider.status_code == 404
    assert inside.status_code == 200
    assert inside["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
