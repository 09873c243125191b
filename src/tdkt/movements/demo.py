"""Demo data of the movements app: what Cẩm Lệ district launched, pledged and scored.

`load()` runs after the demo units are in the database (tdkt/demo/units.py codes) and creates,
through the services (so every row has its audit entry):

* the 2018 regular movement and the movements named at the district's 2017 review
  conference (Directive 29 "5 xây, 3 chống", the key works of Notice 343, budget revenue above
  plan, "Thành phố 4 an", following Hồ Chí Minh's example, "Toàn dân bảo vệ an ninh Tổ quốc",
  administrative reform, "Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư", the
  "Vì người nghèo" fund, "5 không, 3 có"), with registrations and reminders;
* the 2018 pledges signed with every ward on 12/01/2018, with targets and the figures
  reported for Q1–Q3 2018 (one ward late in Q3);
* the six-ward cluster's 2017 pledge, its score sheet scored, reviewed by the group head and
  ranked, and the leader put forward for the city's emulation flag.

Deterministic: no randomness, no dependence on today's date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from tdkt.movements import services
from tdkt.movements.enums import Direction, MovementKind, ReportFrequency
from tdkt.movements.models import Movement, MovementTarget, Pledge
from tdkt.organisations.enums import GroupKind, GroupRole
from tdkt.organisations.models import EmulationGroup, EmulationGroupMembership, Unit

DISTRICT = "cam-le"
WARD_CODES = (
    "cam-le-khue-trung",
    "cam-le-hoa-phat",
    "cam-le-hoa-an",
    "cam-le-hoa-tho-tay",
    "cam-le-hoa-tho-dong",
    "cam-le-hoa-xuan",
)
CHAIR = "Huỳnh Đức Thịnh"
VICE_CHAIR = "Võ Ngọc Lan"
# Invented chairs of the ward People's Committees (any likeness is a coincidence).
WARD_CHAIRS = {
    "cam-le-khue-trung": "Nguyễn Văn Thành",
    "cam-le-hoa-phat": "Trần Thị Thu Hằng",
    "cam-le-hoa-an": "Lê Văn Phúc",
    "cam-le-hoa-tho-tay": "Phạm Minh Tuấn",
    "cam-le-hoa-tho-dong": "Đặng Thị Kim Oanh",
    "cam-le-hoa-xuan": "Hồ Văn Sơn",
}
SIGNING_PLACE = "Hội trường UBND quận Cẩm Lệ"
REGULAR_2018 = "Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2018"
REGULAR_2017 = "Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2017"

PURPOSE = (
    "Động viên cán bộ, công chức, viên chức, người lao động và Nhân dân trên địa bàn quận thi"
    " đua hoàn thành thắng lợi các chỉ tiêu kinh tế - xã hội, quốc phòng - an ninh năm {year}\n"
    "Phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến, nhân tố mới trong các phong trào"
    " thi đua"
)
REQUIREMENTS = (
    "Thi đua phải thiết thực, hiệu quả, tránh hình thức; gắn với nhiệm vụ chính trị của từng"
    " cơ quan, đơn vị, địa phương\n"
    "Khen thưởng kịp thời, chính xác, công khai, công bằng"
)
KEY_TASKS = (
    "Thi đua thực hiện Chỉ thị số 29-CT/TU của Ban Thường vụ Thành ủy về “5 xây, 3 chống”",
    "Thi đua hoàn thành các công trình, phần việc trọng điểm theo Thông báo số 343",
    "Thi đua thu ngân sách trên địa bàn vượt dự toán được giao",
    "Thi đua xây dựng “Thành phố 4 an”: an ninh trật tự, an toàn giao thông, an toàn thực"
    " phẩm, an sinh xã hội",
    "Thi đua đẩy mạnh cải cách hành chính, nâng cao chỉ số hài lòng của người dân",
)

# (name, kind, plan number, plan date, theme, key tasks)
CAMPAIGNS: tuple[tuple[str, str, str, dt.date, str, tuple[str, ...]], ...] = (
    ("Thực hiện Chỉ thị số 29-CT/TU của Ban Thường vụ Thành ủy về “5 xây, 3 chống”",
     MovementKind.CAMPAIGN, "06/KH-UBND", dt.date(2018, 1, 8), "5 xây, 3 chống",
     ("Xây dựng nếp sống văn minh đô thị, chống lấn chiếm vỉa hè, lòng đường",
      "Xây dựng môi trường xanh - sạch - đẹp, chống xả rác bừa bãi")),
    ("Thi đua hoàn thành các công trình, phần việc trọng điểm năm 2018 theo Thông báo số 343",
     MovementKind.CAMPAIGN, "07/KH-UBND", dt.date(2018, 1, 10), "",
     ("Hoàn thành giải phóng mặt bằng các dự án trọng điểm đúng tiến độ",)),
    ("Thi đua thu ngân sách nhà nước trên địa bàn vượt dự toán năm 2018",
     MovementKind.CAMPAIGN, "08/KH-UBND", dt.date(2018, 1, 15), "",
     ("Chống thất thu, thu hồi nợ đọng thuế",)),
    ("Thi đua xây dựng “Thành phố 4 an”", MovementKind.CAMPAIGN, "09/KH-UBND",
     dt.date(2018, 1, 18), "An ninh trật tự, an toàn giao thông, an toàn thực phẩm, an sinh xã hội",
     ("Kéo giảm tai nạn giao thông trên cả 3 tiêu chí",)),
    ("Đẩy mạnh việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
     MovementKind.REGULAR, "10/KH-UBND", dt.date(2018, 1, 22), "",
     ("Xây dựng và nhân rộng các mô hình, điển hình làm theo gương Bác",)),
    ("Toàn dân bảo vệ an ninh Tổ quốc", MovementKind.REGULAR, "11/KH-UBND", dt.date(2018, 1, 25),
     "", ("Xây dựng tổ dân phố an toàn về an ninh trật tự",)),
    ("Thi đua đẩy mạnh cải cách hành chính năm 2018", MovementKind.CAMPAIGN, "12/KH-UBND",
     dt.date(2018, 2, 1), "", ("Giải quyết hồ sơ đúng và trước hạn; không để hồ sơ trễ hẹn",)),
    ("Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư", MovementKind.REGULAR,
     "13/KH-UBND", dt.date(2018, 2, 5), "",
     ("Nâng cao tỷ lệ gia đình văn hóa, tổ dân phố văn hóa",)),
    ("Hưởng ứng Quỹ “Vì người nghèo” năm 2018", MovementKind.CAMPAIGN, "14/KH-UBND",
     dt.date(2018, 2, 8), "", ("Vận động ủng hộ Quỹ “Vì người nghèo” các cấp",)),
    ("Thực hiện Chương trình “Thành phố 5 không, 3 có”", MovementKind.REGULAR, "15/KH-UBND",
     dt.date(2018, 2, 12), "5 không, 3 có",
     ("Không có hộ đói, không có người lang thang xin ăn, không có người nghiện ma túy ngoài"
      " cộng đồng",)),
)  # fmt: skip

# 2018 pledge targets: (key, name, unit of measure, direction, weight, plans per ward, Q3
# share of the plan reached per ward); the ward order is WARD_CODES.
TARGETS_2018: tuple[tuple[str, str, str, str, str, tuple[int, ...], tuple[str, ...]], ...] = (
    ("thu-ngan-sach", "Thu ngân sách trên địa bàn", "triệu đồng", Direction.HIGHER, "3",
     (62000, 48000, 55000, 51000, 58000, 70000), ("0.81", "0.74", "0.69", "0.78", "0.83", "0.72")),
    ("giam-ho-ngheo", "Số hộ nghèo giảm trong năm", "hộ", Direction.HIGHER, "2",
     (30, 26, 28, 24, 27, 35), ("0.70", "0.65", "0.61", "0.75", "0.70", "0.54")),
    ("gia-dinh-van-hoa", "Tỷ lệ hộ gia đình đạt danh hiệu “Gia đình văn hóa”", "%",
     Direction.HIGHER, "1", (95, 94, 95, 93, 95, 92),
     ("0.98", "0.99", "0.97", "1.00", "0.99", "0.97")),
    ("vi-pham-do-thi", "Số vụ vi phạm trật tự đô thị", "vụ", Direction.LOWER, "2",
     (40, 45, 42, 48, 38, 55), ("0.55", "0.80", "0.71", "0.62", "0.68", "0.90")),
    ("ho-so-dung-han", "Tỷ lệ hồ sơ hành chính giải quyết đúng hạn", "%", Direction.HIGHER, "2",
     (100, 100, 100, 100, 100, 100), ("0.99", "0.98", "1.00", "0.97", "1.00", "0.96")),
    ("quy-vi-nguoi-ngheo", "Vận động Quỹ “Vì người nghèo”", "triệu đồng", Direction.HIGHER, "1",
     (250, 200, 220, 180, 240, 260), ("0.76", "0.70", "0.85", "0.66", "0.80", "0.62")),
)  # fmt: skip
LEVEL_TARGETS = {"gia-dinh-van-hoa", "ho-so-dung-han"}  # a level, not a running total
QUARTERS = (("q1", dt.date(2018, 4, 6)), ("q2", dt.date(2018, 7, 9)), ("q3", dt.date(2018, 10, 8)))
LATE_WARD = "cam-le-hoa-xuan"  # reports Q3 after the 10/10 due date

# 2017 cluster: plans and year actuals per ward (WARD_CODES order).
TARGETS_2017: tuple[tuple[str, str, str, str, tuple[int, ...], tuple[int, ...]], ...] = (
    ("thu-ngan-sach", "Thu ngân sách trên địa bàn", "triệu đồng", Direction.HIGHER,
     (58000, 45000, 52000, 48000, 55000, 66000), (63800, 46350, 54600, 51840, 56100, 67980)),
    ("giam-ho-ngheo", "Số hộ nghèo giảm trong năm", "hộ", Direction.HIGHER,
     (32, 28, 30, 25, 29, 38), (35, 28, 33, 26, 30, 36)),
    ("vi-pham-do-thi", "Số vụ vi phạm trật tự đô thị", "vụ", Direction.LOWER,
     (45, 50, 46, 52, 42, 60), (38, 49, 41, 50, 40, 63)),
    ("ho-so-dung-han", "Tỷ lệ hồ sơ hành chính giải quyết đúng hạn", "%", Direction.HIGHER,
     (100, 100, 100, 100, 100, 100), (99, 98, 100, 97, 99, 96)),
)  # fmt: skip
# Score sheet 2017: (name, max points, target key or "" for hand-scored).
CRITERIA_2017 = (
    ("Thu ngân sách trên địa bàn", "25", "thu-ngan-sach"),
    ("Giảm hộ nghèo", "15", "giam-ho-ngheo"),
    ("Trật tự đô thị (số vụ vi phạm)", "15", "vi-pham-do-thi"),
    ("Cải cách hành chính (hồ sơ đúng hạn)", "15", "ho-so-dung-han"),
    ("Xây dựng đời sống văn hóa, thực hiện “5 không, 3 có”", "15", ""),
    ("Công tác thi đua, khen thưởng", "15", ""),
)
# Hand-scored criteria: (self score, the head's reviewed score) per ward, for the two criteria.
HAND_SCORES_2017 = (
    (("14.5", "14"), ("14", "14")),
    (("13.5", "13"), ("13.5", "13")),
    (("14", "14"), ("13.5", "13.5")),
    (("13", "12.5"), ("13", "12.5")),
    (("14.5", "14"), ("14.5", "14")),
    (("13", "13"), ("14", "13.5")),
)


def _actor() -> Any:
    from tdkt.accounts.models import User

    return User.objects.filter(username="thuky").first()


def _units(year_units: dict[str, Unit] | None) -> dict[str, Unit]:
    wanted = (DISTRICT, *WARD_CODES)
    found = dict(year_units or {})
    missing = [code for code in wanted if code not in found]
    if missing:
        found.update({u.code: u for u in Unit.objects.filter(code__in=missing)})
    absent = [code for code in wanted if code not in found]
    if absent:
        raise LookupError(f"Thiếu đơn vị mẫu: {', '.join(absent)} (chạy tdkt demo load trước)")
    return found


def _ward_cluster(year: int, units: dict[str, Unit]) -> EmulationGroup:
    """The six-ward cluster of the year; made as the demo generator would if absent."""
    district = units[DISTRICT]
    group = EmulationGroup.objects.filter(
        year=year, convener=district, kind=GroupKind.CLUSTER
    ).first()
    if group is not None:
        return group
    group = EmulationGroup.objects.create(
        year=year, kind=GroupKind.CLUSTER, name="Cụm thi đua các phường", convener=district
    )
    turn = (year - 2017) % len(WARD_CODES)
    for index, code in enumerate(WARD_CODES):
        role = (
            GroupRole.HEAD
            if index == turn
            else GroupRole.DEPUTY
            if index == (turn + 1) % len(WARD_CODES)
            else GroupRole.MEMBER
        )
        EmulationGroupMembership.objects.create(group=group, unit=units[code], role=role)
    return group


def _movement(
    units: dict[str, Unit],
    wards: list[Unit],
    *,
    name: str,
    kind: str,
    year: int,
    number: str,
    date: dt.date,
    theme: str = "",
    tasks: tuple[str, ...] = (),
    targets: tuple[tuple[str, str, str, str], ...] = (),
    actor: Any,
) -> Movement:
    movement = services.save_movement(
        Movement(
            name=name,
            kind=kind,
            year=year,
            launched_by=units[DISTRICT],
            starts_on=date,
            ends_on=dt.date(year, 12, 31),
            registration_deadline=dt.date(year, 3, 31),
            review_on=dt.date(year + 1, 1, 12),
            theme=theme,
            purpose=PURPOSE.format(year=year),
            requirements=REQUIREMENTS,
            signer_name=VICE_CHAIR,
            recipients="UBND thành phố Đà Nẵng (b/c);\nBan Thi đua - Khen thưởng thành phố;\n"
            "TT Quận ủy, TT HĐND quận (b/c);\nCác cơ quan, đơn vị, UBND các phường;\nLưu: VT, NV.",
        ),
        wards,
        actor=actor,
    )
    for task in tasks:
        services.add_key_task(movement, task, actor=actor)
    for target_name, measure, plan, direction in targets:
        services.add_movement_target(
            MovementTarget(
                movement=movement,
                name=target_name,
                unit_of_measure=measure,
                planned_value=Decimal(plan),
                direction=direction,
            ),
            actor=actor,
        )
    return services.launch_movement(movement, plan_number=number, plan_date=date, actor=actor)


def _signers(pledge: Pledge, units: dict[str, Unit]) -> dict[int, str]:
    names = {units[code].pk: WARD_CHAIRS[code] for code in WARD_CODES}
    names[units[DISTRICT].pk] = CHAIR
    return {s.unit_id: names[s.unit_id] for s in pledge.signatories.all()}


def _load_2018(units: dict[str, Unit], wards: list[Unit], actor: Any) -> None:
    regular = _movement(
        units, wards, name=REGULAR_2018, kind=MovementKind.REGULAR, year=2018,
        number="05/KH-UBND", date=dt.date(2018, 1, 5),
        theme="Đoàn kết, kỷ cương, sáng tạo, hiệu quả", tasks=KEY_TASKS,
        targets=(
            ("Thu ngân sách trên địa bàn", "triệu đồng", "1250000", Direction.HIGHER),
            ("Số hộ nghèo giảm trong năm", "hộ", "170", Direction.HIGHER),
            ("Tỷ lệ hồ sơ hành chính giải quyết đúng hạn", "%", "100", Direction.HIGHER),
            ("Số vụ tai nạn giao thông", "vụ", "25", Direction.LOWER),
        ),
        actor=actor,
    )  # fmt: skip
    for name, kind, number, date, theme, tasks in CAMPAIGNS:
        _movement(
            units, wards, name=name, kind=kind, year=2018, number=number, date=date,
            theme=theme, tasks=tasks, actor=actor,
        )  # fmt: skip

    # Registrations: four wards in time, one late, one reminded and still missing.
    for index, code in enumerate(WARD_CODES[:5]):
        ward = units[code]
        entries: list[tuple[str, Any]] = [
            ("tap_the_ldxs" if index % 2 == 0 else "tap_the_ldtt", None)
        ]
        person = services.people_of_unit(ward, 2018).order_by("sort_key").first()
        if person is not None:
            entries.append(("cstd_co_so", person))
        day = dt.date(2018, 4, 6) if index == 4 else dt.date(2018, 3, 20 + index)
        services.register(regular, ward, entries, actor=actor, today=day)
    for code in WARD_CODES[4:]:
        services.remind(
            regular, units[code], kind="registration",
            message="Đề nghị phường gửi bản đăng ký thi đua năm 2018 trước ngày 31/3/2018.",
            actor=actor,
        )  # fmt: skip

    # The pledges signed with every ward at the conference, and Q1–Q3 figures.
    for index, code in enumerate(WARD_CODES):
        ward = units[code]
        pledge = services.create_pledge(
            Pledge(
                movement=regular,
                title="Bản giao ước thi đua năm 2018",
                unit=ward,
                purpose=f"Phường {ward.short_name} và quận thống nhất các chỉ tiêu thi đua"
                " năm 2018\n"
                "Tạo động lực hoàn thành thắng lợi nhiệm vụ chính trị của địa phương",
                commitments="Thực hiện nghiêm Chỉ thị 29-CT/TU về “5 xây, 3 chống” và Chương"
                " trình “Thành phố 5 không, 3 có”",
                report_frequency=ReportFrequency.QUARTER,
            ),
            actor=actor,
        )
        for key, name, measure, direction, weight, plans, _shares in TARGETS_2018:
            services.add_pledge_target(
                pledge, unit=ward, key=key, name=name, unit_of_measure=measure,
                planned_value=Decimal(plans[index]), direction=direction,
                weight=Decimal(weight), actor=actor,
            )  # fmt: skip
        services.sign_pledge(
            pledge, signed_on=dt.date(2018, 1, 12), signed_place=SIGNING_PLACE,
            signers=_signers(pledge, units), actor=actor,
        )  # fmt: skip
        targets = {t.key: t for t in pledge.targets.all()}
        for step, (period, reported_on) in enumerate(QUARTERS, start=1):
            values = {}
            for key, _name, _measure, _direction, _weight, plans, shares in TARGETS_2018:
                share = Decimal(shares[index])
                if key in LEVEL_TARGETS:
                    fraction = share - Decimal("0.01") * (3 - step)
                else:
                    fraction = share * step / 3
                values[targets[key].pk] = (Decimal(plans[index]) * fraction).quantize(Decimal(1))
            if code == LATE_WARD and period == "q3":
                reported_on = dt.date(2018, 10, 15)
            services.report_progress(pledge, ward, period, values, actor=actor, today=reported_on)


def _load_2017(units: dict[str, Unit], wards: list[Unit], actor: Any) -> None:
    regular = _movement(
        units, wards, name=REGULAR_2017, kind=MovementKind.REGULAR, year=2017,
        number="04/KH-UBND", date=dt.date(2017, 1, 6), tasks=KEY_TASKS[:3], actor=actor,
    )  # fmt: skip
    cluster = _ward_cluster(2017, units)
    pledge = services.create_pledge(
        Pledge(
            movement=regular,
            title="Bản giao ước thi đua năm 2017",
            group=cluster,
            purpose="Các phường trong Cụm đoàn kết, hỗ trợ nhau hoàn thành xuất sắc nhiệm vụ"
            " năm 2017\nLàm cơ sở chấm điểm, bình xét, suy tôn đơn vị dẫn đầu Cụm",
            commitments="100% phường trong Cụm hoàn thành tốt nhiệm vụ trở lên\n"
            "100% cán bộ, công chức phường hoàn thành tốt nhiệm vụ trở lên",
            report_frequency=ReportFrequency.YEAR,
        ),
        actor=actor,
    )
    for key, name, measure, direction, plans, _actuals in TARGETS_2017:
        for index, code in enumerate(WARD_CODES):
            services.add_pledge_target(
                pledge, unit=units[code], key=key, name=name, unit_of_measure=measure,
                planned_value=Decimal(plans[index]), direction=direction, actor=actor,
            )  # fmt: skip
    services.sign_pledge(
        pledge, signed_on=dt.date(2017, 1, 10), signed_place=SIGNING_PLACE,
        signers=_signers(pledge, units), actor=actor,
    )  # fmt: skip
    for index, code in enumerate(WARD_CODES):
        targets = {t.key: t.pk for t in pledge.targets.filter(unit=units[code])}
        values = {targets[key]: Decimal(actuals[index]) for key, *_rest, actuals in TARGETS_2017}
        services.report_progress(
            pledge, units[code], "year", values, actor=actor, today=dt.date(2018, 1, 8)
        )

    sheet = services.create_score_sheet(
        pledge, title="Bảng chấm điểm thi đua Cụm các phường năm 2017", actor=actor
    )
    hand = []
    for name, points, key in CRITERIA_2017:
        criterion = services.add_criterion(
            sheet, name=name, max_points=Decimal(points), target_key=key, actor=actor
        )
        if not key:
            hand.append(criterion)
    services.open_score_sheet(sheet, actor=actor)
    for index, code in enumerate(WARD_CODES):
        scores = HAND_SCORES_2017[index]
        services.self_score(
            sheet,
            units[code],
            {c.pk: Decimal(s[0]) for c, s in zip(hand, scores, strict=True)},
            actor=actor,
        )
        services.review_scores(
            sheet,
            units[code],
            {c.pk: Decimal(s[1]) for c, s in zip(hand, scores, strict=True)},
            actor=actor,
        )
    services.rank_group(sheet, actor=actor)
    services.propose_leader(
        sheet, award_code="co_thi_dua_tinh",
        note="Đơn vị dẫn đầu Cụm thi đua các phường năm 2017, đề nghị UBND thành phố tặng"
        " Cờ thi đua.",
        actor=actor,
    )  # fmt: skip
    services.close_movement(regular, actor=actor)


def load(year_units: dict[str, Unit] | None = None) -> None:
    """Create the demo movements, pledges, reports and the ranked 2017 cluster (once)."""
    units = _units(year_units)
    if Movement.objects.filter(launched_by=units[DISTRICT], name=REGULAR_2018).exists():
        return  # already loaded
    wards = [units[code] for code in WARD_CODES]
    actor = _actor()
    with transaction.atomic():
        _load_2017(units, wards, actor)
        _load_2018(units, wards, actor)
