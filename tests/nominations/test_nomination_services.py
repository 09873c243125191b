"""Preparing, submitting and appraising dossiers through the services: what is refused, with
which message, and that a refusal leaves nothing behind."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from tdkt.common.models import AuditEntry
from tdkt.nominations import services
from tdkt.nominations.enums import DossierState, NominationState
from tdkt.nominations.models import Dossier, Nomination
from tdkt.nominations.services import Appraisal, NominationError
from tests.nominations.round2018 import YEAR, make_dossier, nominate, submit

pytestmark = pytest.mark.django_db


def test_create_dossier_records_audit(round2018: SimpleNamespace, unit_officer: Any) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)

    assert (dossier.state, dossier.version, dossier.year) == (DossierState.DRAFT, 1, 2018)
    assert dossier.decision_date == dt.date(2019, 1, 15)
    entry = AuditEntry.objects.get(object_type="nominations.dossier", object_id=str(dossier.pk))
    assert (entry.action, entry.actor) == ("nominations.dossier.created", unit_officer)


def test_create_dossier_default_decision_date(
    round2018: SimpleNamespace, unit_officer: Any
) -> None:
    dossier = services.create_dossier(
        unit=round2018.ward_a, kind="yearly", year=YEAR, title="Hồ sơ", actor=unit_officer
    )

    assert dossier.decision_date == dt.date(2019, 1, 15)


def test_create_dossier_outside_scope_refused(
    round2018: SimpleNamespace, unit_officer: Any
) -> None:
    with pytest.raises(NominationError) as caught:
        make_dossier(round2018.ward_b, unit_officer)

    assert str(caught.value) == (
        "Đơn vị “Phường Khuê Trung” không thuộc các đơn vị bạn quản lý; chưa có gì được lưu."
    )
    assert Dossier.objects.count() == 0


def test_create_dossier_decision_before_year_refused(
    round2018: SimpleNamespace, unit_officer: Any
) -> None:
    with pytest.raises(NominationError) as caught:
        make_dossier(round2018.ward_a, unit_officer, decision_date=dt.date(2017, 12, 31))

    assert str(caught.value) == ("Ngày dự kiến quyết định 31/12/2017 trước năm thành tích 2018.")


def test_add_nomination_fills_unit_and_position(
    round2018: SimpleNamespace, unit_officer: Any
) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)

    nomination = nominate(dossier, unit_officer, round2018.anh)

    assert nomination.unit == round2018.ward_a
    assert nomination.position == "Công chức văn hóa – xã hội"
    assert (nomination.year, nomination.state, nomination.order) == (2018, "draft", 1)
    dossier.refresh_from_db()
    assert dossier.version == 2


def test_add_nomination_award_unknown_to_regime_refused(
    round2018: SimpleNamespace, unit_officer: Any
) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)

    with pytest.raises(NominationError) as caught:
        nominate(dossier, unit_officer, round2018.anh, award="giay_khen")

    assert str(caught.value) == (
        "“Giấy khen” không phải là danh hiệu thi đua, hình thức khen thưởng theo quy định áp"
        " dụng cho ngày 15/01/2019 (Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Nghị định"
        " 91/2017/NĐ-CP); hãy chọn danh hiệu, hình thức khác hoặc sửa ngày dự kiến quyết định."
    )
    assert caught.value.field == "award"
    assert Nomination.objects.count() == 0
    dossier.refresh_from_db()
    assert dossier.version == 1


def test_add_nomination_collective_award_for_person_refused(
    round2018: SimpleNamespace, unit_officer: Any
) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)

    with pytest.raises(NominationError) as caught:
        nominate(dossier, unit_officer, round2018.anh, award="tap_the_ldtt")

    assert str(caught.value) == "“Tập thể lao động tiên tiến” không xét tặng cho cá nhân."
    assert Nomination.objects.count() == 0


def test_add_nomination_person_of_other_unit_refused(
    round2018: SimpleNamespace, secretariat_user: Any
) -> None:
    dossier = make_dossier(round2018.ward_a, secretariat_user)

    with pytest.raises(NominationError) as caught:
        nominate(dossier, secretariat_user, round2018.binh)

    assert str(caught.value) == (
        "Trần Văn Bình không thuộc Phường Hòa Thọ Đông, đơn vị lập hồ sơ này."
    )


def test_add_nomination_twice_refused(round2018: SimpleNamespace, unit_officer: Any) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    nominate(dossier, unit_officer, round2018.anh)

    with pytest.raises(NominationError) as caught:
        nominate(dossier, unit_officer, round2018.anh)

    assert str(caught.value) == (
        "Nguyễn Thị Ánh đã được đề nghị “Lao động tiên tiến” năm 2018"
        " (hồ sơ “Đề nghị khen thưởng tổng kết năm 2018”)."
    )
    assert Nomination.objects.count() == 1


def test_add_collective_nomination(round2018: SimpleNamespace, unit_officer: Any) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)

    nomination = services.add_nomination(
        dossier, version=1, actor=unit_officer, award_code="tap_the_ldtt", unit=round2018.ward_a
    )

    assert nomination.is_collective
    assert nomination.subject_name == "Phường Hòa Thọ Đông"
    assert nomination.workplace == "Quận Cẩm Lệ"


def test_submit_empty_dossier_refused(round2018: SimpleNamespace, unit_officer: Any) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)

    with pytest.raises(NominationError) as caught:
        submit(dossier, unit_officer)

    assert str(caught.value) == (
        "Chưa có gì để gửi: hãy thêm đề nghị (hoặc sửa đề nghị bị trả lại) trước."
    )
    dossier.refresh_from_db()
    assert (dossier.state, dossier.version) == (DossierState.DRAFT, 1)


def test_submit_then_editing_refused(round2018: SimpleNamespace, unit_officer: Any) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    nominate(dossier, unit_officer, round2018.anh)
    submit(dossier, unit_officer)
    dossier.refresh_from_db()

    with pytest.raises(NominationError) as caught:
        nominate(dossier, unit_officer, round2018.staff[0])

    assert str(caught.value) == (
        "Hồ sơ đang ở trạng thái “Đã gửi thẩm định”; chỉ sửa được khi đang chuẩn bị hoặc khi"
        " bị trả lại để bổ sung."
    )
    assert dossier.submitted_at is not None
    assert dossier.memo_date == dt.date(2018, 12, 10)


def test_appraise_stores_verdict(
    round2018: SimpleNamespace, unit_officer: Any, secretariat_user: Any
) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    ldtt = nominate(dossier, unit_officer, round2018.anh)
    fighter = nominate(dossier, unit_officer, round2018.anh, award="cstd_co_so")
    # Seven more advanced workers: 15 % of 8 leaves room for one grassroots fighter.
    others = [nominate(dossier, unit_officer, person) for person in round2018.staff]
    submit(dossier, unit_officer)
    dossier.refresh_from_db()

    services.appraise_dossier(
        dossier,
        {
            ldtt.pk: Appraisal(accept=True),
            fighter.pk: Appraisal(accept=True, note="Xem lại"),
            **{n.pk: Appraisal(accept=True) for n in others},
        },
        version=dossier.version,
        actor=secretariat_user,
    )

    ldtt.refresh_from_db()
    fighter.refresh_from_db()
    assert ldtt.verdict_eligible is True
    assert ldtt.verdict["regime"] == "r2017"
    assert ldtt.verdict["decision_date"] == "2019-01-15"
    assert ldtt.verdict["reward_vnd"] == 420000  # 0,3 × 1.390.000, rounded up
    assert fighter.verdict_eligible is False
    assert [f["condition"] for f in fighter.verdict["failed"]] == ["initiative"]
    assert fighter.verdict["assumed"] == ["Lao động tiên tiến"]
    assert fighter.appraisal_note == "Xem lại"
    assert fighter.appraised_by == secretariat_user
    dossier.refresh_from_db()
    assert dossier.state == DossierState.APPRAISED


def test_appraise_return_without_reason_refused(
    round2018: SimpleNamespace, unit_officer: Any, secretariat_user: Any
) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    nomination = nominate(dossier, unit_officer, round2018.anh)
    submit(dossier, unit_officer)
    dossier.refresh_from_db()

    with pytest.raises(NominationError) as caught:
        services.appraise_dossier(
            dossier,
            {nomination.pk: Appraisal(accept=False, reason="  ")},
            version=dossier.version,
            actor=secretariat_user,
        )

    assert str(caught.value) == "Hãy ghi lý do trả lại đề nghị của Nguyễn Thị Ánh."
    nomination.refresh_from_db()
    assert (nomination.state, nomination.verdict) == (NominationState.SUBMITTED, {})


def test_appraise_missing_decision_refused(
    round2018: SimpleNamespace, unit_officer: Any, secretariat_user: Any
) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    nominate(dossier, unit_officer, round2018.anh)
    nominate(dossier, unit_officer, round2018.staff[0])
    submit(dossier, unit_officer)
    dossier.refresh_from_db()

    with pytest.raises(NominationError) as caught:
        services.appraise_dossier(dossier, {}, version=dossier.version, actor=secretariat_user)

    assert str(caught.value) == (
        "Hãy quyết định đối với từng đề nghị trước khi kết thúc thẩm định; còn 2 đề nghị."
    )


def test_update_nomination_changes_award(round2018: SimpleNamespace, unit_officer: Any) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    nomination = nominate(dossier, unit_officer, round2018.anh)
    dossier.refresh_from_db()

    services.update_nomination(
        nomination,
        version=dossier.version,
        actor=unit_officer,
        award_code="giay_khen_ct_huyen",
        achievement="Có thành tích xuất sắc",
        position="Công chức",
    )

    nomination.refresh_from_db()
    assert (nomination.award_code, nomination.position) == ("giay_khen_ct_huyen", "Công chức")
    entry = AuditEntry.objects.filter(action="nominations.nomination.changed").get()
    assert entry.data["fields"]["award_code"] == "giay_khen_ct_huyen"
