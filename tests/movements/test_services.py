"""Services: launch, register, remind, pledge, sign, freeze, version, report, score, rank."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.common.actions import RefusedError
from tdkt.common.models import AuditEntry
from tdkt.movements import services
from tdkt.movements.enums import MovementStatus, Period, PledgeStatus, SheetStatus, SignatoryRole
from tdkt.movements.models import (
    FrozenError,
    LeaderProposal,
    Pledge,
    PledgeSignatory,
    PledgeTarget,
    ProgressReport,
    Registration,
    ScoreEntry,
)
from tdkt.movements.queries import leader_nomination
from tdkt.movements.services import MovementError
from tdkt.nominations import services as nomination_services
from tdkt.nominations.enums import DossierKind, DossierState
from tdkt.nominations.models import Dossier, Nomination

pytestmark = pytest.mark.django_db


def _actions(obj) -> list[str]:  # type: ignore[no-untyped-def]
    return list(
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


# -- launch --------------------------------------------------------------------------------


def test_launch_movement_sets_plan_and_status_and_audits(launched):
    assert launched.status == MovementStatus.LAUNCHED
    assert launched.plan_number == "05/KH-UBND"
    assert launched.plan_date == dt.date(2018, 1, 5)
    assert _actions(launched) == [
        "movements.movement.created",
        "movements.movement.task_added",
        "movements.movement.target_added",
        "movements.movement.launched",
    ]


@pytest.mark.parametrize("number", ["5 KH-UBND", "KH-UBND", "05/kh ubnd/", ""])
def test_launch_movement_with_malformed_number_changes_nothing(movement, secretariat_user, number):
    with pytest.raises(MovementError):
        services.launch_movement(
            movement, plan_number=number, plan_date=dt.date(2018, 1, 5), actor=secretariat_user
        )

    movement.refresh_from_db()
    assert (movement.status, movement.plan_number) == (MovementStatus.DRAFT, "")


def test_launched_movement_plan_cannot_be_changed(launched, secretariat_user):
    launched.name = "Đổi tên"

    with pytest.raises(MovementError):
        services.save_movement(launched, [], actor=secretariat_user)
    with pytest.raises(MovementError):
        services.add_key_task(launched, "Thêm việc", actor=secretariat_user)

    launched.refresh_from_db()
    assert launched.name.startswith("Thi đua thực hiện")
    assert launched.key_tasks.count() == 1


# -- registration --------------------------------------------------------------------------


def test_register_unit_and_person_records_entries(launched, tree, unit_officer):
    registration = services.register(
        launched,
        tree.ward_a,
        [("tap_the_ldtt", None), ("cstd_co_so", tree.anh)],
        actor=unit_officer,
        today=dt.date(2018, 3, 1),
    )

    assert sorted((e.award_code, e.person_id) for e in registration.entries.all()) == [
        ("cstd_co_so", tree.anh.pk),
        ("tap_the_ldtt", None),
    ]
    assert registration.is_late is False
    assert _actions(registration) == ["movements.registration.created"]


def test_register_after_deadline_is_accepted_and_flagged_late(launched, tree, unit_officer):
    registration = services.register(
        launched,
        tree.ward_a,
        [("tap_the_ldtt", None)],
        actor=unit_officer,
        today=dt.date(2018, 4, 2),
    )

    assert registration.is_late is True


def test_register_again_replaces_entries(launched, tree, unit_officer):
    services.register(launched, tree.ward_a, [("tap_the_ldtt", None)], actor=unit_officer)
    services.register(launched, tree.ward_a, [("tap_the_ldxs", None)], actor=unit_officer)

    registration = Registration.objects.get(movement=launched, unit=tree.ward_a)
    assert [e.award_code for e in registration.entries.all()] == ["tap_the_ldxs"]


def test_register_person_of_other_unit_changes_nothing(launched, tree, unit_officer):
    with pytest.raises(MovementError):
        services.register(launched, tree.ward_a, [("cstd_co_so", tree.binh)], actor=unit_officer)

    assert Registration.objects.count() == 0


def test_register_individual_title_for_unit_is_refused(launched, tree, unit_officer):
    with pytest.raises(MovementError):
        services.register(launched, tree.ward_a, [("lao_dong_tien_tien", None)], actor=unit_officer)

    assert Registration.objects.count() == 0


def test_register_for_draft_movement_is_refused(movement, tree, unit_officer):
    with pytest.raises(MovementError):
        services.register(movement, tree.ward_a, [("tap_the_ldtt", None)], actor=unit_officer)


def test_remind_records_reminder_with_audit(launched, tree, secretariat_user):
    reminder = services.remind(
        launched,
        tree.ward_b,
        kind="registration",
        message="Đề nghị đăng ký trước 31/3",
        actor=secretariat_user,
    )

    assert (reminder.unit, reminder.message) == (tree.ward_b, "Đề nghị đăng ký trước 31/3")
    assert _actions(reminder) == ["movements.reminder.sent"]


# -- pledges -------------------------------------------------------------------------------


def test_group_pledge_signatories_head_first_then_launching_body(
    launched, cluster, tree, secretariat_user, draft_group_pledge
):
    pledge = draft_group_pledge(launched, cluster, secretariat_user)

    rows = [(s.unit, s.role) for s in pledge.signatories.all()]

    assert rows == [
        (tree.ward_a, SignatoryRole.HEAD),
        (tree.ward_b, SignatoryRole.MEMBER),
        (tree.district, SignatoryRole.LAUNCHING),
    ]
    assert pledge.signatories.first().authority == (
        "TM. ỦY BAN NHÂN DÂN / PHƯỜNG HÒA THỌ ĐÔNG / CHỦ TỊCH"
    )


def test_add_target_for_every_signatory_creates_one_row_per_member(
    launched, cluster, tree, secretariat_user, draft_group_pledge
):
    pledge = draft_group_pledge(launched, cluster, secretariat_user)

    rows = sorted((t.key, t.unit.name) for t in pledge.targets.all())

    assert rows == [
        ("so-vu-vi-pham-trat-tu-do-thi", "Phường Hòa Thọ Đông"),
        ("so-vu-vi-pham-trat-tu-do-thi", "Phường Khuê Trung"),
        ("thu-ngan-sach", "Phường Hòa Thọ Đông"),
        ("thu-ngan-sach", "Phường Khuê Trung"),
    ]


def test_sign_pledge_records_date_place_signers(group_pledge, tree):
    assert group_pledge.status == PledgeStatus.SIGNED
    assert group_pledge.signed_on == dt.date(2018, 1, 12)
    assert group_pledge.signed_place == "Hội trường UBND quận Cẩm Lệ"
    assert [s.signer_name for s in group_pledge.signatories.all()] == [
        "Người ký 1",
        "Người ký 2",
        "Người ký 3",
    ]
    assert _actions(group_pledge)[-1] == "movements.pledge.signed"


def test_sign_without_targets_for_a_member_is_refused(launched, tree, secretariat_user, sign):
    pledge = services.create_pledge(
        Pledge(movement=launched, title="Bản giao ước", unit=tree.ward_b, purpose="Mục đích"),
        actor=secretariat_user,
    )

    with pytest.raises(MovementError):
        sign(pledge, secretariat_user)

    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.DRAFT
    assert set(pledge.signatories.values_list("signer_name", flat=True)) == {""}


def test_signed_pledge_refuses_service_edit_and_keeps_values(group_pledge, secretariat_user):
    target = group_pledge.targets.first()

    with pytest.raises(MovementError):
        services.update_pledge_target(target, {"planned_value": Decimal(1)}, actor=secretariat_user)
    with pytest.raises(MovementError):
        services.add_pledge_target(
            group_pledge,
            unit=None,
            name="Mới",
            unit_of_measure="%",
            planned_value=Decimal(1),
            direction="higher",
            actor=secretariat_user,
        )
    with pytest.raises(MovementError):
        services.remove_pledge_target(target, actor=secretariat_user)

    assert PledgeTarget.objects.get(pk=target.pk).planned_value == Decimal("100")
    assert group_pledge.targets.count() == 4


def test_signed_pledge_rows_refuse_direct_database_changes(group_pledge):
    target = group_pledge.targets.first()
    signatory = group_pledge.signatories.first()
    group_pledge.title = "Sửa"
    target.planned_value = Decimal(1)
    signatory.signer_name = "Người khác"

    for change in (
        group_pledge.save,
        group_pledge.delete,
        target.save,
        target.delete,
        signatory.save,
        lambda: Pledge.objects.filter(pk=group_pledge.pk).update(title="Sửa"),
        lambda: PledgeTarget.objects.filter(pk=target.pk).update(planned_value=1),
        lambda: PledgeSignatory.objects.filter(pledge=group_pledge).delete(),
    ):
        with pytest.raises(FrozenError):
            change()

    fresh = Pledge.objects.get(pk=group_pledge.pk)
    assert fresh.title == "Bản giao ước thi đua năm 2018"
    assert PledgeTarget.objects.get(pk=target.pk).planned_value == Decimal("100")


def test_revise_signed_pledge_makes_new_draft_version_and_keeps_old(group_pledge, secretariat_user):
    new = services.revise_pledge(group_pledge, actor=secretariat_user)

    assert (new.version, new.previous, new.status) == (2, group_pledge, PledgeStatus.DRAFT)
    assert new.targets.count() == 4
    assert Pledge.objects.get(pk=group_pledge.pk).status == PledgeStatus.SIGNED
    services.update_pledge_target(
        new.targets.first(), {"planned_value": Decimal(120)}, actor=secretariat_user
    )
    assert sorted(group_pledge.targets.values_list("planned_value", flat=True)) == [
        Decimal(10),
        Decimal(10),
        Decimal(100),
        Decimal(100),
    ]
    with pytest.raises(MovementError):
        services.revise_pledge(group_pledge, actor=secretariat_user)


def test_current_version_is_newest_signed(group_pledge, secretariat_user, sign):
    new = services.revise_pledge(group_pledge, actor=secretariat_user)
    assert services.current_version(group_pledge) == group_pledge

    sign(new, secretariat_user)

    assert services.current_version(group_pledge) == new


# -- progress ------------------------------------------------------------------------------


def test_report_progress_stores_values_and_replaces_on_second_report(
    group_pledge, tree, unit_officer, report_all
):
    report_all(group_pledge, tree.ward_a, "q3", "70", "4", unit_officer)
    report_all(group_pledge, tree.ward_a, "q3", "75", "4", unit_officer)

    values = sorted(
        ProgressReport.objects.filter(target__unit=tree.ward_a, period="q3").values_list(
            "actual_value", flat=True
        )
    )
    assert values == [Decimal(4), Decimal(75)]


def test_report_for_closed_period_changes_nothing(group_pledge, tree, unit_officer):
    target = group_pledge.targets.filter(unit=tree.ward_a).first()

    with pytest.raises(MovementError) as error:
        services.report_progress(
            group_pledge,
            tree.ward_a,
            "q1",
            {target.pk: Decimal(5)},
            actor=unit_officer,
            today=dt.date(2018, 5, 16),
        )

    assert "15/05/2018" in str(error.value)
    assert ProgressReport.objects.count() == 0


def test_report_for_period_not_started_is_refused(group_pledge, tree, unit_officer):
    target = group_pledge.targets.filter(unit=tree.ward_a).first()

    with pytest.raises(MovementError):
        services.report_progress(
            group_pledge,
            tree.ward_a,
            "q4",
            {target.pk: Decimal(5)},
            actor=unit_officer,
            today=dt.date(2018, 9, 30),
        )

    assert ProgressReport.objects.count() == 0


def test_report_on_other_units_target_is_refused(group_pledge, tree, unit_officer):
    target_b = group_pledge.targets.filter(unit=tree.ward_b).first()

    with pytest.raises(MovementError):
        services.report_progress(
            group_pledge, tree.ward_a, "q3", {target_b.pk: Decimal(5)}, actor=unit_officer
        )

    assert ProgressReport.objects.count() == 0


def test_report_with_evidence_stores_file_under_generated_name(group_pledge, tree, unit_officer):
    target = group_pledge.targets.filter(unit=tree.ward_a).first()
    upload = SimpleUploadedFile(
        "Báo cáo quý 3.pdf", b"%PDF-1.4 test", content_type="application/pdf"
    )

    [report] = services.report_progress(
        group_pledge,
        tree.ward_a,
        "q3",
        {target.pk: Decimal(5)},
        evidence={target.pk: upload},
        actor=unit_officer,
    )

    assert report.evidence_name == "Báo cáo quý 3.pdf"
    assert report.evidence.name == f"movements/evidence/{group_pledge.pk}/{target.pk}-q3.pdf"
    with report.evidence.open("rb") as stored:
        assert stored.read() == b"%PDF-1.4 test"


# -- scoring -------------------------------------------------------------------------------


@pytest.fixture
def scored(group_pledge, tree, secretariat_user, unit_officer, other_ward_officer, report_all):  # type: ignore[no-untyped-def]
    """An open sheet: two target criteria (30 and 20 points) and one by hand (50)."""
    report_all(group_pledge, tree.ward_a, "q3", "120", "5", unit_officer)
    report_all(group_pledge, tree.ward_b, "q3", "100", "10", other_ward_officer)
    sheet = services.create_score_sheet(group_pledge, actor=secretariat_user)
    revenue = services.add_criterion(
        sheet,
        name="Thu ngân sách",
        max_points=Decimal(30),
        target_key="thu-ngan-sach",
        actor=secretariat_user,
    )
    order = services.add_criterion(
        sheet,
        name="Trật tự đô thị",
        max_points=Decimal(20),
        target_key="so-vu-vi-pham-trat-tu-do-thi",
        actor=secretariat_user,
    )
    manual = services.add_criterion(
        sheet, name="Công tác cải cách hành chính", max_points=Decimal(50), actor=secretariat_user
    )
    services.open_score_sheet(sheet, actor=secretariat_user)
    return sheet, revenue, order, manual


def test_open_sheet_scores_target_criteria_by_formula(
    scored, tree, secretariat_user, unit_officer, other_ward_officer
):
    sheet, revenue, order, _manual = scored

    scores = {
        (e.unit.name, e.criterion.name): e.auto_score
        for e in ScoreEntry.objects.filter(criterion__in=[revenue, order]).select_related(
            "unit", "criterion"
        )
    }

    # A: 120/100 = 1.2 → 30; 10/5 = 2 capped 1.2 → 20. B: 100/100 = 1 → 25; 10/10 = 1 → 16.67.
    assert scores == {
        ("Phường Hòa Thọ Đông", "Thu ngân sách"): Decimal("30.00"),
        ("Phường Hòa Thọ Đông", "Trật tự đô thị"): Decimal("20.00"),
        ("Phường Khuê Trung", "Thu ngân sách"): Decimal("25.00"),
        ("Phường Khuê Trung", "Trật tự đô thị"): Decimal("16.67"),
    }
    assert sheet.status == SheetStatus.OPEN


def test_score_above_maximum_changes_nothing(
    scored, tree, secretariat_user, unit_officer, other_ward_officer
):
    sheet, _r, _o, manual = scored

    with pytest.raises(MovementError) as error:
        services.self_score(sheet, tree.ward_a, {manual.pk: Decimal("50.5")}, actor=unit_officer)

    assert "50" in str(error.value)
    assert ScoreEntry.objects.get(criterion=manual, unit=tree.ward_a).self_score is None


def test_automatic_criterion_cannot_be_scored_by_hand(
    scored, tree, secretariat_user, unit_officer, other_ward_officer
):
    sheet, revenue, _o, _m = scored

    with pytest.raises(MovementError):
        services.review_scores(sheet, tree.ward_b, {revenue.pk: Decimal(1)}, actor=unit_officer)

    assert ScoreEntry.objects.get(criterion=revenue, unit=tree.ward_b).reviewed_score is None


def test_rank_needs_every_manual_score_reviewed(
    scored, tree, secretariat_user, unit_officer, other_ward_officer
):
    sheet, _r, _o, manual = scored
    services.self_score(sheet, tree.ward_b, {manual.pk: Decimal(50)}, actor=other_ward_officer)

    with pytest.raises(MovementError) as error:
        services.rank_group(sheet, actor=unit_officer)

    assert "Phường Hòa Thọ Đông, Phường Khuê Trung" in str(error.value)
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.OPEN


def test_reviewed_score_is_final_and_ranking_uses_it(
    scored, tree, secretariat_user, unit_officer, other_ward_officer
):
    sheet, _r, _o, manual = scored
    services.self_score(sheet, tree.ward_b, {manual.pk: Decimal(50)}, actor=other_ward_officer)
    services.review_scores(sheet, tree.ward_b, {manual.pk: Decimal(40)}, actor=unit_officer)
    services.review_scores(sheet, tree.ward_a, {manual.pk: Decimal(45)}, actor=unit_officer)

    results = services.rank_group(sheet, actor=unit_officer)

    assert [(r.rank, r.unit.name, r.total, r.criteria_at_max) for r in results] == [
        (1, "Phường Hòa Thọ Đông", Decimal("95.00"), 2),
        (2, "Phường Khuê Trung", Decimal("81.67"), 0),
    ]


def test_propose_leader_records_rank_one_for_flag(
    scored, tree, secretariat_user, unit_officer, other_ward_officer
):
    sheet, _r, _o, manual = scored
    for unit in (tree.ward_a, tree.ward_b):
        services.review_scores(sheet, unit, {manual.pk: Decimal(40)}, actor=unit_officer)
    services.rank_group(sheet, actor=unit_officer)

    proposal = services.propose_leader(sheet, award_code="co_thi_dua_tinh", actor=secretariat_user)

    assert (proposal.unit, proposal.award_code) == (tree.ward_a, "co_thi_dua_tinh")
    with pytest.raises(MovementError):
        services.propose_leader(sheet, award_code="co_thi_dua_tinh", actor=secretariat_user)
    assert LeaderProposal.objects.count() == 1


def test_propose_leader_for_individual_title_is_refused(
    scored, tree, secretariat_user, unit_officer, other_ward_officer
):
    sheet, *_rest = scored

    with pytest.raises(MovementError):
        services.propose_leader(sheet, award_code="lao_dong_tien_tien", actor=secretariat_user)

    assert LeaderProposal.objects.count() == 0


def test_report_period_choice_outside_frequency_is_refused(group_pledge, tree, unit_officer):
    target = group_pledge.targets.filter(unit=tree.ward_a).first()

    with pytest.raises(MovementError):
        services.report_progress(
            group_pledge, tree.ward_a, Period.H1, {target.pk: Decimal(1)}, actor=unit_officer
        )


# -- the leader into nominations -----------------------------------------------------------


@pytest.fixture
def proposal(scored, tree, secretariat_user, unit_officer, other_ward_officer):  # type: ignore[no-untyped-def]
    sheet, _r, _o, manual = scored
    for unit in (tree.ward_a, tree.ward_b):
        services.review_scores(sheet, unit, {manual.pk: Decimal(40)}, actor=unit_officer)
    services.rank_group(sheet, actor=unit_officer)
    return services.propose_leader(sheet, award_code="co_thi_dua_tinh", actor=secretariat_user)


def test_nominate_leader_adds_it_to_a_dossier_of_the_launching_body(
    proposal, tree, secretariat_user
):
    nomination = services.nominate_leader(proposal, actor=secretariat_user)

    dossier = nomination.dossier
    assert (dossier.unit, dossier.year, dossier.kind, dossier.state) == (
        tree.district,
        2018,
        DossierKind.YEARLY,
        DossierState.DRAFT,
    )
    assert (nomination.unit, nomination.person, nomination.award_code) == (
        tree.ward_a,
        None,
        "co_thi_dua_tinh",
    )
    assert nomination.achievement == (
        "Dẫn đầu Cụm thi đua các phường năm 2018: xếp thứ nhất với 90 điểm theo"
        " Bảng chấm điểm thi đua năm 2018 – Cụm thi đua các phường."
    )
    assert leader_nomination(proposal) == nomination
    assert _actions(proposal)[-1] == "movements.leaderproposal.nominated"


def test_nominate_leader_uses_the_dossier_being_prepared_and_refuses_twice(
    proposal, tree, secretariat_user
):
    prepared = nomination_services.create_dossier(
        unit=tree.district, kind=DossierKind.YEARLY, year=2018, title="Khen thưởng năm 2018",
        actor=secretariat_user,
    )  # fmt: skip
    services.nominate_leader(proposal, actor=secretariat_user)
    audit_before = AuditEntry.objects.count()

    with pytest.raises(MovementError) as error:
        services.nominate_leader(proposal, actor=secretariat_user)

    assert "Khen thưởng năm 2018" in str(error.value)
    assert [n.dossier_id for n in Nomination.objects.all()] == [prepared.pk]
    assert Dossier.objects.count() == 1
    assert AuditEntry.objects.count() == audit_before


def test_nominate_leader_refused_by_nominations_leaves_no_dossier(
    proposal, tree, secretariat_user, unit_officer
):
    # The ward's officer cannot make a dossier for the district: nothing is left behind.
    with pytest.raises(RefusedError):
        services.nominate_leader(proposal, actor=unit_officer)

    assert Dossier.objects.count() == 0
    assert leader_nomination(proposal) is None
