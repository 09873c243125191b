"""The minutes of a council session (biên bản họp Hội đồng Thi đua – Khen thưởng) as a Word
document, in the blocks of documents.md §3, through the shared documents layer."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone

from tdkt.common.formatting import short_date
from tdkt.councils.enums import BallotMethod, MemberRole, SessionState
from tdkt.councils.models import CouncilMember, CouncilSession
from tdkt.councils.queries import result_rows
from tdkt.documents.bodies import LOCALITY_KINDS, committee_name, place_name
from tdkt.documents.layout import Header, OfficialDocument, Signature
from tdkt.documents.numbers import decimal_vi

RESULT_HEADERS = [
    "STT",
    "Tên cá nhân/tập thể",
    "Chức vụ, đơn vị",
    "Danh hiệu/hình thức đề nghị",
    "Số phiếu đồng ý/Tổng số thành viên",
    "Tỷ lệ %",
    "Kết quả",
]
DEFAULT_PROCEEDINGS = (
    "Chủ trì cuộc họp quán triệt tiêu chuẩn các danh hiệu thi đua, hình thức khen thưởng theo"
    " quy định.",
    "Thư ký Hội đồng báo cáo tổng hợp đề nghị của các đơn vị và kết quả thẩm định của cơ quan"
    " thường trực.",
    "Các thành viên Hội đồng thảo luận, cho ý kiến đối với từng trường hợp.",
)


def _time(value: dt.time | None) -> str:
    return f"{value.hour:02d} giờ {value.minute:02d} phút" if value else ""


def _name(member: CouncilMember | None) -> str:
    if member is None:
        return ""
    return member.user.full_name or member.user.username


def _member_line(member: CouncilMember) -> str:
    title = member.title or member.get_role_display()
    return f"Đ/c {_name(member)} – {title}"


def _level(unit_name: str) -> str:
    """ "Quận Cẩm Lệ" -> "quận" (the council's level word in the title)."""
    return unit_name.split(" ", 1)[0].lower() if unit_name else ""


def minutes(session: CouncilSession) -> bytes:
    council = session.council
    body = council.unit
    members = list(
        council.members.filter(active=True).select_related("user").order_by("order", "id")
    )
    attendance = {a.member_id: a for a in session.attendance.all()}
    chair = next((m for m in members if m.role == MemberRole.CHAIR), None)
    secretary = next((m for m in members if m.role == MemberRole.SECRETARY), None)
    parent = (f"UBND {body.name}".upper(),) if body.kind in LOCALITY_KINDS else (body.name.upper(),)
    level = _level(body.name) if body.kind in LOCALITY_KINDS else ""
    doc = OfficialDocument(title=f"Biên bản họp {council.name}")
    doc.header(
        Header(
            parent_body=parent,
            issuing_body=("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",),
            number=session.minutes_number,
            place=place_name(body),
            date=session.held_on,
        )
    )
    council_words = " ".join(("Hội đồng Thi đua - Khen thưởng", level)).strip()
    doc.title("BIÊN BẢN", f"Họp {council_words} xét đề nghị khen thưởng năm {session.year}")
    when = _time(session.start_time)
    doc.paragraph(
        f"Thời gian: {when + ', ' if when else ''}ngày {short_date(session.held_on)}.", indent=False
    )
    if session.place:
        doc.paragraph(f"Địa điểm: {session.place}.", indent=False)
    if chair is not None:
        doc.paragraph(f"Chủ trì: {_member_line(chair)}.", indent=False)
    if secretary is not None:
        doc.paragraph(f"Thư ký: {_member_line(secretary)}.", indent=False)

    absent = [m for m in members if m.pk in attendance and not attendance[m.pk].present]
    total = session.members_total or len(members)
    present = session.members_present if session.members_total else total - len(absent)
    line = f"Hội đồng có {total:02d} thành viên, có mặt {present:02d}, vắng {total - present:02d}"
    if absent:
        reasons = "; ".join(
            f"Đ/c {_name(m)}" + (f", {attendance[m.pk].note}" if attendance[m.pk].note else "")
            for m in absent
        )
        line += f" ({reasons})"
    doc.paragraph(line + ".", indent=False)
    for number, member in enumerate(members, start=1):
        doc.paragraph(f"{number}. {_member_line(member)}.", indent=False)

    doc.heading("NỘI DUNG CUỘC HỌP")
    lines = [text for text in session.proceedings.splitlines() if text] or list(DEFAULT_PROCEEDINGS)
    for number, text in enumerate(lines, start=1):
        doc.paragraph(f"{number}. {text}")
    if session.ballot_method == BallotMethod.ONLINE:
        method = (
            "Hội đồng biểu quyết bằng hình thức bỏ phiếu kín trên hệ thống tdkt; phiếu của từng"
            " thành viên được ghi nhận tách biệt với nội dung lựa chọn, bảo đảm bí mật."
        )
    else:
        method = (
            "Hội đồng biểu quyết bằng hình thức bỏ phiếu kín; Ban kiểm phiếu kiểm phiếu và"
            " Thư ký tổng hợp kết quả."
        )
    doc.paragraph(f"{len(lines) + 1}. {method}")

    doc.heading("KẾT QUẢ BỎ PHIẾU")
    rows = result_rows(session)
    doc.table(
        RESULT_HEADERS,
        [
            [
                str(row.number),
                row.name,
                row.position_unit,
                row.award,
                f"{row.agree}/{row.base_count}" if row.agree is not None else "",
                decimal_vi(row.share) if row.share is not None else "",
                "" if row.approved is None else ("Đạt" if row.approved else "Không đạt"),
            ]
            for row in rows
        ],
        [1.2, 3.5, 3.5, 3.0, 2.3, 1.5, 1.5],  # “STT” in 11 pt bold on one line
        align=["c", "l", "l", "l", "c", "c", "c"],
        size=11,
    )
    thresholds = sorted({(row.award, row.threshold) for row in rows if row.threshold})
    for award, threshold in thresholds:
        doc.paragraph(f"Tỷ lệ phiếu đồng ý cần đạt đối với {award}: {threshold}.", italic=True)

    doc.heading("KẾT LUẬN")
    approved = Counter(row.award for row in rows if row.approved)
    decider = f"Chủ tịch {committee_name(body)}"
    if session.state != SessionState.CLOSED:
        # A draft printed before the count: no result may be read into it.
        doc.paragraph(
            "Hội đồng chưa kết thúc bỏ phiếu; kết quả và kết luận được ghi khi phiên họp kết thúc."
        )
    elif approved:
        parts = "; ".join(f"{award}: {count:02d} trường hợp" for award, count in approved.items())
        doc.paragraph(f"Hội đồng thống nhất đề nghị {decider} xem xét, khen thưởng: {parts}.")
    else:
        doc.paragraph("Không có trường hợp nào đạt tỷ lệ phiếu đồng ý theo quy định.")
    end = session.end_time
    if end is None and session.closed_at is not None:
        end = timezone.localtime(session.closed_at).time()
    if session.state == SessionState.CLOSED:
        doc.paragraph(
            f"Cuộc họp kết thúc vào hồi {_time(end) or '... giờ ... phút'} cùng ngày; biên bản"
            " đã được thông qua trước Hội đồng./."
        )
    doc.signature_grid(
        [
            Signature(("THƯ KÝ",), _name(secretary)),
            Signature(("CHỦ TỊCH HỘI ĐỒNG",), _name(chair)),
        ],
        per_row=2,
    )
    return doc.to_bytes()
