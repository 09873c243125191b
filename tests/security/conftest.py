"""One object of every kind a page or endpoint takes by id, built for ward A and for ward B of
the shared `tree`, so the permission matrix can try every URL on both sides."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from tdkt.accounts.enums import Role
from tdkt.api.services import create_token
from tdkt.common import clock
from tdkt.organisations.enums import GroupKind, GroupRole, UnitKind
from tdkt.organisations.models import EmulationGroup, EmulationGroupMembership, Unit
from tdkt.people.models import ServicePeriod, YearRecord
from tdkt.reports.services import set_share_goal


def _movement_side(ward: Unit, members: list[Unit], actor: Any) -> dict[str, Any]:
    from tdkt.movements import services
    from tdkt.movements.enums import Direction, MovementKind
    from tdkt.movements.models import Movement, MovementTarget, Pledge

    draft = Movement(
        name=f"Phong trào thi đua năm 2018 của {ward.name}",
        kind=MovementKind.REGULAR,
        year=2018,
        launched_by=ward,
        starts_on=dt.date(2018, 1, 5),
        ends_on=dt.date(2018, 12, 31),
        registration_deadline=dt.date(2018, 3, 31),
        review_on=dt.date(2019, 1, 15),
        theme="Đoàn kết, sáng tạo",
        purpose="Hoàn thành nhiệm vụ năm 2018",
        requirements="Thiết thực, hiệu quả",
        signer_name="Lê Văn Hòa",
    )
    movement = services.save_movement(draft, members, actor=actor)
    task = services.add_key_task(movement, "Hoàn thành thu ngân sách", actor=actor)
    target = services.add_movement_target(
        MovementTarget(
            movement=movement,
            name="Thu ngân sách",
            unit_of_measure="triệu đồng",
            planned_value=Decimal("1000"),
            direction=Direction.HIGHER,
            weight=Decimal(1),
        ),
        actor=actor,
    )
    launched = services.launch_movement(
        movement, plan_number="05/KH-UBND", plan_date=dt.date(2018, 1, 5), actor=actor
    )
    group = EmulationGroup.objects.create(
        year=2018, kind=GroupKind.CLUSTER, name=f"Cụm thi đua {ward.name}", convener=ward
    )
    EmulationGroupMembership.objects.create(group=group, unit=members[0], role=GroupRole.HEAD)
    EmulationGroupMembership.objects.create(group=group, unit=members[1], role=GroupRole.MEMBER)
    pledge = services.create_pledge(
        Pledge(movement=launched, title="Giao ước thi đua 2018", group=group, purpose="Thi đua"),
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
    names = {s.unit_id: f"Người ký {s.order}" for s in pledge.signatories.all()}
    pledge = services.sign_pledge(
        pledge,
        signed_on=dt.date(2018, 1, 12),
        signed_place="Hội trường",
        signers=names,
        actor=actor,
    )
    pledge_target = pledge.targets.filter(unit=members[0]).first()
    services.report_progress(
        pledge, members[0], "q3", {pledge_target.pk: Decimal("80")}, actor=actor
    )
    sheet = services.create_score_sheet(pledge, actor=actor)
    return {
        "movement": launched,
        "key_task": task,
        "movement_target": target,
        "pledge": pledge,
        "pledge_target": pledge_target,
        "progress_report": pledge_target.reports.first(),
        "score_sheet": sheet,
        "member_unit": members[0],
        "emulation_group": group,
    }


def _nomination_side(ward: Unit, person: Any, officer: Any, member: Any) -> dict[str, Any]:
    from tdkt.councils.models import AgendaItem, Council, CouncilMember, CouncilSession
    from tdkt.decisions.models import CertificateBatch
    from tdkt.decisions.services import LineInput, draft_decision
    from tdkt.nominations.enums import AttachmentKind, DayUnit, DossierKind
    from tdkt.nominations.models import Attachment, Disclosure, Dossier, Nomination

    dossier = Dossier.objects.create(
        unit=ward,
        kind=DossierKind.YEARLY,
        year=2024,
        title=f"Đề nghị khen thưởng năm 2024 của {ward.name}",
        decision_date=dt.date(2025, 1, 15),
        created_by=officer,
    )
    nomination = Nomination.objects.create(
        dossier=dossier, person=person, unit=ward, award_code="lao_dong_tien_tien", year=2024
    )
    attachment = Attachment.objects.create(
        dossier=dossier,
        kind=AttachmentKind.ACHIEVEMENT_REPORT,
        file=f"nominations/{dossier.pk}/bao-cao.pdf",
        original_name="bao-cao.pdf",
        file_type="pdf",
        size=9,
    )
    disclosure = Disclosure.objects.create(
        title=f"Công khai danh sách của {ward.name}",
        unit=ward,
        year=2024,
        published_on=dt.date(2024, 12, 1),
        days=5,
        day_unit=DayUnit.WORKING_DAYS,
        starts_on=dt.date(2024, 12, 2),
        ends_on=dt.date(2024, 12, 6),
    )
    council = Council.objects.create(name=f"Hội đồng Thi đua – Khen thưởng {ward.name}", unit=ward)
    CouncilMember.objects.create(council=council, user=member)
    session = CouncilSession.objects.create(
        council=council,
        title="Phiên họp xét khen thưởng 2024",
        year=2024,
        held_on=dt.date(2025, 1, 5),
    )
    item = AgendaItem.objects.create(session=session, nomination=nomination)
    decision = draft_decision(
        issuer=ward,
        award_code="lao_dong_tien_tien",
        year=2024,
        decision_date=dt.date(2025, 1, 15),
        signer_name="Nguyễn Văn Ký",
        signer_title="CHỦ TỊCH",
        lines=[LineInput(person=person)],
        actor=officer,
    )
    batch = CertificateBatch.objects.create(decision=decision)
    return {
        "dossier": dossier,
        "nomination": nomination,
        "attachment": attachment,
        "disclosure": disclosure,
        "council": council,
        "session": session,
        "agenda_item": item,
        "decision": decision,
        "certificate_batch": batch,
    }


def _side(
    tree: SimpleNamespace, ward: Unit, person: Any, officer: Any, manager: Any, make: Any
) -> SimpleNamespace:
    from tdkt.imports.models import ImportBatch
    from tdkt.rules.evaluation.service import run_evaluation
    from tdkt.rules.models import EvaluationVerdict

    tag = ward.code
    members = [
        make.unit(f"Tổ dân phố 1 {ward.name}", UnitKind.NEIGHBOURHOOD, ward, code=f"{tag}-t1"),
        make.unit(f"Tổ dân phố 2 {ward.name}", UnitKind.NEIGHBOURHOOD, ward, code=f"{tag}-t2"),
    ]
    member = make.user(f"thanhvien-{tag}", Role.COUNCIL_MEMBER, ward, full_name=f"Thành viên {tag}")
    # As the evaluation page does it (the clock is frozen in 2018).
    run, _result = run_evaluation(2017, unit=ward, user=manager)
    token, _key = create_token(officer, name=f"token {tag}", write=False)
    objects: dict[str, Any] = {
        "unit": ward,
        "person": person,
        "service_period": ServicePeriod.objects.filter(person=person).first(),
        "year_record": YearRecord.objects.create(
            person=person, year=2023, unit=ward, grade="hoan_thanh"
        ),
        "award": getattr(tree, "anh_award" if ward == tree.ward_a else "binh_award"),
        "import_batch": ImportBatch.objects.create(
            kind="people", file_name="can-bo.xlsx", uploaded_by=officer, unit=ward, status="done"
        ),
        "evaluation_run": run,
        "verdict": run.verdicts.first()
        or EvaluationVerdict.objects.create(
            run=run, award_code="lao_dong_tien_tien", person=person, unit=ward, eligible=True
        ),
        "token": token,
        "share_goal": set_share_goal(ward, "frontline", Decimal("30"), 2017, actor=manager),
    }
    objects.update(_movement_side(ward, members, manager))
    objects.update(_nomination_side(ward, person, officer, member))
    return SimpleNamespace(**objects)


@pytest.fixture
def world(  # type: ignore[no-untyped-def]
    tree,
    secretariat_user,
    unit_officer,
    other_ward_officer,
    unit_factory,
    user_factory,
    monkeypatch,
):
    """Ward A's and ward B's objects: world.a.person, world.b.decision ..."""
    make = SimpleNamespace(unit=unit_factory, user=user_factory)
    monkeypatch.setattr(clock, "today", lambda: dt.date(2018, 10, 20))
    a = _side(tree, tree.ward_a, tree.anh, unit_officer, secretariat_user, make)
    b = _side(tree, tree.ward_b, tree.binh, other_ward_officer, secretariat_user, make)
    monkeypatch.undo()
    return SimpleNamespace(a=a, b=b)


@pytest.fixture
def ward_b_objects(world):  # type: ignore[no-untyped-def]
    return world.b
