"""The launch plan (documents.md §8) and the pledge (§9) as Word documents."""

from __future__ import annotations

from collections import OrderedDict
from decimal import Decimal

from tdkt.common.formatting import long_date, short_date
from tdkt.documents.bases import basis_lines
from tdkt.documents.bodies import committee_name, issuing_body_lines, place_name
from tdkt.documents.layout import Header, OfficialDocument, Signature
from tdkt.documents.numbers import decimal_vi
from tdkt.movements.enums import Direction, ReportFrequency, SignatoryRole
from tdkt.movements.legal import registration_is_legal_condition
from tdkt.movements.models import Movement, Pledge, PledgeTarget, TargetFields

ROLE_SUFFIX = {SignatoryRole.HEAD: " – Cụm trưởng", SignatoryRole.DEPUTY: " – Cụm phó"}
FREQUENCY_TEXT: dict[str, str] = {
    ReportFrequency.QUARTER: "hằng quý, trước ngày 10 của tháng đầu quý sau",
    ReportFrequency.HALF: "6 tháng một lần, trước ngày 10 của tháng sau kỳ báo cáo",
    ReportFrequency.YEAR: "cuối năm, trước ngày 10 tháng 01 năm sau",
}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def plan_summary(movement: Movement) -> str:
    """ "Phát động phong trào thi đua …" from the movement's name and year."""
    name = movement.name
    if name.lower().startswith("thi đua"):
        summary = f"Phát động phong trào {_lower_first(name)}"
    elif name.lower().startswith("phong trào"):
        summary = f"Phát động {_lower_first(name)}"
    elif "“" in name:
        # A name that quotes its slogan ("… về “5 xây, 3 chống”") is not quoted again.
        summary = f"Phát động phong trào thi đua {_lower_first(name)}"
    else:
        summary = f"Phát động phong trào thi đua “{name}”"
    if str(movement.year) not in summary:
        summary += f" năm {movement.year}"
    return summary


def target_sentence(target: TargetFields) -> str:
    """ "Thu ngân sách: đạt 1.250.000 triệu đồng" / "Số vụ tai nạn: không vượt quá 3 vụ"."""
    verb = "không vượt quá" if target.direction == Direction.LOWER else "đạt"
    return f"{target.name}: {verb} {quantity(target.planned_value, target.unit_of_measure)}"


def quantity(value: Decimal, unit_of_measure: str) -> str:
    """ "1.250.000 triệu đồng", "95%": a percent sign follows the number without a space."""
    gap = "" if unit_of_measure == "%" else " "
    return f"{decimal_vi(value)}{gap}{unit_of_measure}"


def _item(text: str, last: bool) -> str:
    """A numbered line of the plan ends with ";", the last one with ".", as the bulleted
    purpose and requirements do, unless the text already ends in punctuation."""
    if not text or text[-1] in ".;:!?…":
        return text
    return text + ("." if last else ";")


def _lines(text: str) -> list[str]:
    return [line for line in (text or "").splitlines() if line.strip()]


def launch_plan(movement: Movement) -> bytes:
    """KẾ HOẠCH phát động phong trào thi đua, blocks I–VI of documents.md §8."""
    body = movement.launched_by
    committee = committee_name(body)
    doc = OfficialDocument(title=f"Kế hoạch {movement.plan_number}".strip())
    doc.header(
        Header(
            issuing_body=issuing_body_lines(body),
            number=movement.plan_number,
            place=movement.place or place_name(body),
            date=movement.plan_date,
        )
    )
    doc.title("KẾ HOẠCH", plan_summary(movement))

    preamble = _lines(movement.preamble) or [
        *basis_lines(movement.plan_date or movement.starts_on),
        f"{committee} ban hành Kế hoạch {_lower_first(plan_summary(movement))} như sau:",
    ]
    for line in preamble:
        doc.paragraph(line, italic=line.startswith("Căn cứ"))

    doc.heading("I. MỤC ĐÍCH, YÊU CẦU")
    doc.subheading("1. Mục đích")
    doc.paragraphs(movement.purpose, bullet="- ")
    if movement.requirements:
        doc.subheading("2. Yêu cầu")
        doc.paragraphs(movement.requirements, bullet="- ")

    doc.heading("II. CHỦ ĐỀ, NỘI DUNG THI ĐUA")
    if movement.theme:
        doc.paragraph(f"1. Chủ đề: “{movement.theme}”.")
        doc.paragraph("2. Nội dung thi đua:")
    tasks = list(movement.key_tasks.all())
    for number, task in enumerate(tasks, start=1):
        prefix = f"{'2.' if movement.theme else ''}{number}."
        doc.paragraph(f"{prefix} {_item(task.text, number == len(tasks))}")

    section = 3
    targets = list(movement.targets.all())
    if targets:
        doc.heading("III. CHỈ TIÊU THI ĐUA")
        doc.table(
            ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Trọng số"],
            [
                [
                    str(i),
                    t.name + (" (*)" if t.direction == Direction.LOWER else ""),
                    t.unit_of_measure,
                    decimal_vi(t.planned_value),
                    decimal_vi(t.weight),
                ]
                for i, t in enumerate(targets, start=1)
            ],
            [1.4, 7.0, 2.8, 2.8, 2.4],
            align=["c", "l", "c", "r", "c"],
        )
        if any(t.direction == Direction.LOWER for t in targets):
            doc.paragraph(
                "(*) Chỉ tiêu càng thấp càng tốt: kết quả không vượt quá kế hoạch là đạt.",
                italic=True,
            )
        section = 4
    roman = {3: "III", 4: "IV", 5: "V", 6: "VI"}

    doc.heading(f"{roman[section]}. HÌNH THỨC, THỜI GIAN")
    if movement.plan_date:
        doc.paragraph(f"- Phát động: {long_date(movement.plan_date)}.")
    doc.paragraph(
        f"- Thời gian thực hiện: từ {long_date(movement.starts_on)}"
        f" đến {long_date(movement.ends_on)}."
    )
    if movement.registration_deadline:
        rule = registration_is_legal_condition(movement.registration_deadline)
        text = (
            f"- Đăng ký thi đua: các đơn vị gửi bản đăng ký danh hiệu thi đua về cơ quan thường"
            f" trực trước {long_date(movement.registration_deadline)}."
        )
        if rule is not None and not rule.required:
            text += (
                f" Việc đăng ký để theo dõi, tổ chức phong trào; không phải điều kiện xét tặng"
                f" danh hiệu ({rule.citation})."
            )
        doc.paragraph(text)
    if movement.review_on:
        doc.paragraph(f"- Tổng kết: dự kiến vào {long_date(movement.review_on)}.")

    doc.heading(f"{roman[section + 1]}. KHEN THƯỞNG")
    doc.paragraphs(
        movement.rewards_text
        or (
            f"Trên cơ sở kết quả phong trào, {committee} xem xét, khen thưởng hoặc đề nghị cấp"
            " trên khen thưởng các tập thể, cá nhân có thành tích tiêu biểu, xuất sắc theo quy"
            " định; kinh phí khen thưởng trích từ Quỹ Thi đua, Khen thưởng."
        )
    )

    doc.heading(f"{roman[section + 2]}. TỔ CHỨC THỰC HIỆN")
    doc.paragraphs(
        movement.implementation_text
        or (
            "1. Cơ quan thường trực Hội đồng Thi đua - Khen thưởng hướng dẫn, theo dõi, đôn đốc"
            " và tổng hợp kết quả thực hiện Kế hoạch này.\n"
            "2. Các đơn vị xây dựng kế hoạch, tổ chức phát động phong trào, đăng ký thi đua và"
            " báo cáo kết quả thực hiện các chỉ tiêu hằng quý, trước ngày 10 của tháng đầu quý sau."
        )
    )
    doc.paragraph(f"Trên đây là Kế hoạch {_lower_first(plan_summary(movement))} của {committee}./.")
    doc.closing(
        _lines(movement.recipients) or ["Các đơn vị trong phạm vi phát động;", "Lưu: VT."],
        Signature(tuple(_lines(movement.signer_authority)), movement.signer_name),
    )
    return doc.to_bytes()


def _target_groups(
    targets: list[PledgeTarget], unit_order: dict[int, int]
) -> OrderedDict[str, list[PledgeTarget]]:
    """Targets by key, in the pledge's order; within a key, the signatories' order."""
    groups: OrderedDict[str, list[PledgeTarget]] = OrderedDict()
    for target in sorted(targets, key=lambda t: (t.order, t.key, unit_order.get(t.unit_id, 0))):
        groups.setdefault(target.key, []).append(target)
    return groups


def pledge_document(pledge: Pledge) -> bytes:
    """BẢN GIAO ƯỚC THI ĐUA (documents.md §9): members, I. Mục đích, II. Nội dung giao ước,
    III. Tổ chức thực hiện, one signature cell per signatory (the group head first)."""
    launching = pledge.launching_body
    movement = pledge.movement
    signatories = list(pledge.signatories.select_related("unit"))
    if pledge.group_id:
        header = Header(
            parent_body=issuing_body_lines(launching),
            issuing_body=(pledge.group.name.upper(),),  # type: ignore[union-attr]
            number=pledge.number,
            place=pledge.place or place_name(launching),
            date=pledge.signed_on,
        )
    else:
        header = Header(
            issuing_body=issuing_body_lines(launching),
            number=pledge.number,
            place=pledge.place or place_name(launching),
            date=pledge.signed_on,
        )
    doc = OfficialDocument(title=pledge.title)
    doc.header(header)
    if pledge.group_id:
        doc.title(pledge.title.upper(), pledge.group.name.upper(), summary_rule=False)  # type: ignore[union-attr]
    else:
        doc.title(
            pledge.title.upper(),
            f"Giữa {committee_name(launching)} và {committee_name(pledge.unit)}",  # type: ignore[arg-type]
        )

    plan = (
        f"Kế hoạch số {movement.plan_number} {long_date(movement.plan_date)} của"
        f" {committee_name(movement.launched_by)} về {_lower_first(plan_summary(movement))}"
        if movement.plan_number
        else f"phong trào {movement.name}"
    )
    doc.paragraph(f"Thực hiện {plan};")
    doc.paragraph(
        "Các đơn vị có tên dưới đây thống nhất ký kết giao ước thi đua"
        f" năm {pledge.year} với các nội dung sau:"
    )
    doc.subheading("Các đơn vị ký kết:")
    for number, signatory in enumerate(signatories, start=1):
        suffix = ROLE_SUFFIX.get(signatory.role, "")
        if signatory.role == SignatoryRole.LAUNCHING:
            suffix = " – Cơ quan phát động"
        doc.paragraph(f"{number}. {committee_name(signatory.unit)}{suffix};")

    doc.heading("I. MỤC ĐÍCH")
    doc.paragraphs(pledge.purpose, bullet="- ")

    doc.heading("II. NỘI DUNG GIAO ƯỚC")
    doc.paragraphs(pledge.commitments, bullet="- ")
    targets = list(pledge.targets.select_related("unit"))
    doc.paragraph(
        "Các đơn vị giao ước thực hiện các chỉ tiêu sau:"
        if pledge.group_id
        else "Đơn vị giao ước thực hiện các chỉ tiêu sau:"
    )
    for number, (_key, rows) in enumerate(
        _target_groups(targets, {s.unit_id: s.order for s in signatories}).items(), start=1
    ):
        first = rows[0]
        plans = {(r.planned_value, r.direction, r.unit_of_measure) for r in rows}
        if len(plans) == 1:
            doc.paragraph(f"{number}. {target_sentence(first)}.")
        else:
            doc.paragraph(f"{number}. {first.name} ({first.unit_of_measure}), theo từng đơn vị:")
            doc.table(
                ["STT", "Đơn vị", "Kế hoạch"],
                [
                    [str(i), committee_name(r.unit), decimal_vi(r.planned_value)]
                    for i, r in enumerate(rows, start=1)
                ],
                [1.4, 10.6, 4.0],
                align=["c", "l", "r"],
            )

    doc.heading("III. TỔ CHỨC THỰC HIỆN")
    doc.paragraphs(
        pledge.implementation
        or (
            f"1. Các đơn vị báo cáo kết quả thực hiện các chỉ tiêu"
            f" {FREQUENCY_TEXT[pledge.report_frequency]}.\n"
            + (
                "2. Cuối năm, Cụm tổ chức chấm điểm, bình xét, suy tôn đơn vị dẫn đầu đề nghị"
                " cấp trên khen thưởng."
                if pledge.group_id
                else "2. Cuối năm, các bên đánh giá kết quả thực hiện giao ước."
            )
        )
    )
    where = f" tại {pledge.signed_place}" if pledge.signed_place else ""
    when = f" ngày {short_date(pledge.signed_on)}" if pledge.signed_on else ""
    doc.paragraph(
        f"Bản giao ước được ký kết{where}{when}, lập thành {len(signatories):02d} bản,"
        " mỗi đơn vị giữ 01 bản./."
    )
    cells = [Signature(s.authority_lines, s.signer_name, blank_lines=3) for s in signatories]
    doc.signature_grid(cells, per_row=2 if len(cells) in (2, 4) else 3)
    return doc.to_bytes()
