"""A 2018 movement of Quận Cẩm Lệ over the two wards of the shared `tree`, a cluster of the two
wards (ward A heads it), and helpers that take each to the next state through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from tdkt.common import clock
from tdkt.movements import services
from tdkt.movements.enums import Direction, MovementKind
from tdkt.movements.models import Movement, MovementTarget, Pledge
from tdkt.organisations.enums import GroupKind, GroupRole
from tdkt.organisations.models import EmulationGroup, EmulationGroupMembership

YEAR = 2018
TODAY = dt.date(2018, 10, 20)  # Q3 2018 is due (10/10) and still open (14/11)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def movement(tree: SimpleNamespace, secretariat_user: Any) -> Movement:
    draft = Movement(
        name="Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2018",
        kind=MovementKind.REGULAR,
        year=YEAR,
        launched_by=tree.district,
        starts_on=dt.date(2018, 1, 5),
        ends_on=dt.date(2018, 12, 31),
        registration_deadline=dt.date(2018, 3, 31),
        review_on=dt.date(2019, 1, 15),
        theme="Đoàn kết, kỷ cương, sáng tạo, hiệu quả",
        purpose="Động viên cán bộ, công chức thi đua hoàn thành thắng lợi các chỉ tiêu năm 2018\n"
        "Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến",
        requirements="Thi đua thiết thực, hiệu quả, tránh hình thức",
        signer_name="Lê Văn Hòa",
    )
    saved = services.save_movement(draft, [tree.ward_a, tree.ward_b], actor=secretariat_user)
    services.add_key_task(
        saved, "Thi đua hoàn thành vượt mức thu ngân sách", actor=secretariat_user
    )
    services.add_movement_target(
        MovementTarget(
            movement=saved,
            name="Thu ngân sách trên địa bàn",
            unit_of_measure="triệu đồng",
            planned_value=Decimal("1250000"),
            direction=Direction.HIGHER,
            weight=Decimal(2),
        ),
        actor=secretariat_user,
    )
    return saved


@pytest.fixture
def launched(movement: Movement, secretariat_user: Any) -> Movement:
    return services.launch_movement(
        movement, plan_number="05/KH-UBND", plan_date=dt.date(2018, 1, 5), actor=secretariat_user
    )


@pytest.fixture
def cluster(tree: SimpleNamespace) -> EmulationGroup:
    group = EmulationGroup.objects.create(
        year=YEAR, kind=GroupKind.CLUSTER, name="Cụm thi đua các phường", convener=tree.district
    )
    EmulationGroupMembership.objects.create(group=group, unit=tree.ward_a, role=GroupRole.HEAD)
    EmulationGroupMembership.objects.create(group=group, unit=tree.ward_b, role=GroupRole.MEMBER)
    return group


def draft_group_pledge(launched: Movement, cluster: EmulationGroup, actor: Any) -> Pledge:
    pledge = services.create_pledge(
        Pledge(
            movement=launched,
            title="Bản giao ước thi đua năm 2018",
            group=cluster,
            purpose="Các phường trong Cụm thi đua hoàn thành xuất sắc nhiệm vụ năm 2018",
        ),
        actor=actor,
    )
    services.add_pledge_target(
        pledge,
        unit=None,
        name="Thu ngân sách",
        unit_of_measure="triệu đồng",
        planned_value=Decimal("100"),
        direction=Direction.HIGHER,
        actor=actor,
    )
    services.add_pledge_target(
        pledge,
        unit=None,
        name="Số vụ vi phạm trật tự đô thị",
        unit_of_measure="vụ",
        planned_value=Decimal("10"),
        direction=Direction.LOWER,
        actor=actor,
    )
    return pledge


def sign(pledge: Pledge, actor: Any) -> Pledge:
    names = {s.unit_id: f"Người ký {s.order}" for s in pledge.signatories.all()}
    return services.sign_pledge(
        pledge,
        signed_on=dt.date(2018, 1, 12),
        signed_place="Hội trường UBND quận Cẩm Lệ",
        signers=names,
        actor=actor,
    )


@pytest.fixture(name="draft_group_pledge")
def draft_group_pledge_fixture() -> Any:
    return draft_group_pledge


@pytest.fixture(name="sign")
def sign_fixture() -> Any:
    return sign


@pytest.fixture(name="report_all")
def report_all_fixture() -> Any:
    return report_all


@pytest.fixture
def group_pledge(launched: Movement, cluster: EmulationGroup, secretariat_user: Any) -> Pledge:
    """Signed, with two targets per ward: revenue (higher) and violations (lower)."""
    return sign(draft_group_pledge(launched, cluster, secretariat_user), secretariat_user)


def report_all(
    pledge: Pledge, unit: Any, period: str, revenue: str, violations: str, actor: Any
) -> None:
    targets = {t.key: t.pk for t in pledge.targets.filter(unit=unit)}
    services.report_progress(
        pledge,
        unit,
        period,
        {
            targets["thu-ngan-sach"]: Decimal(revenue),
            targets["so-vu-vi-pham-trat-tu-do-thi"]: Decimal(violations),
        },
        actor=actor,
    )
