"""Drafting, money, signing (the register), numbering, immutability and revocation, through the
services as the nominations app calls them."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest
from django.db import transaction

from tdkt.accounts.scope import awards_for
from tdkt.awards.enums import AwardSource, AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.common.models import AuditEntry
from tdkt.decisions import services
from tdkt.decisions.enums import CHAIR, VICE_CHAIR, DecisionKind, DecisionStatus
from tdkt.decisions.models import Decision, DecisionLine, FrozenError, NumberCounter
from tdkt.decisions.services import DecisionError, LineInput
from tdkt.rules.money import amount_in_words

pytestmark = pytest.mark.django_db


def _names(decision: Decision) -> list[str]:
    return [line.display_name for line in decision.lines.order_by("number")]


# -- drafting -----------------------------------------------------------------------------


def test_draft_orders_people_the_vietnamese_way_then_numbers_them(tree, staff, draft):
    decision = draft(
        "lao_dong_tien_tien", [tree.binh, staff.uyen, tree.anh, staff.duc, staff.an, staff.an_older]
    )

    assert _names(decision) == [
        "Ông Đặng Văn An",  # born 1970: the older namesake first
        "Ông Đặng Văn An",
        "Bà Nguyễn Thị Ánh",
        "Ông Trần Văn Bình",
        "Ông Dương Minh Đức",
        "Bà Lê Thị Uyên",
    ]
    lines = list(decision.lines.order_by("number"))
    assert [line.number for line in lines] == [1, 2, 3, 4, 5, 6]
    assert lines[0].person == staff.an_older
    assert decision.status == DecisionStatus.DRAFT
    assert decision.number is None
    assert decision.summary == "Về việc tặng danh hiệu “Lao động tiên tiến” năm 2017"


def test_draft_groups_individuals_before_collectives(tree, draft):
    decision = draft("giay_khen_ct_huyen", [tree.ward_b, tree.binh, tree.ward_a, tree.anh])

    rows = [
        (line.number, line.recipient_name, line.unit_id is not None)
        for line in decision.lines.all()
    ]
    assert rows == [
        (1, "Nguyễn Thị Ánh", False),
        (2, "Trần Văn Bình", False),
        (3, "Phường Hòa Thọ Đông", True),
        (4, "Phường Khuê Trung", True),
    ]
    assert decision.summary == "Về việc tặng Giấy khen"


def test_draft_fills_position_and_unit_from_the_service_history(tree, draft):
    decision = draft("lao_dong_tien_tien", [tree.anh])
    line = decision.lines.get()

    assert line.position_text == "Công chức văn hóa – xã hội"
    assert line.unit_text == "Phường Hòa Thọ Đông"
    assert line.unit_at_award == tree.ward_a
    assert line.position_and_unit == "Công chức văn hóa – xã hội, Phường Hòa Thọ Đông"


def test_collective_line_names_its_parent_body(tree, draft):
    line = draft("tap_the_ldtt", [tree.ward_a]).lines.get()

    assert (line.recipient_name, line.unit_text, line.salutation) == (
        "Phường Hòa Thọ Đông",
        "Quận Cẩm Lệ",
        "",
    )


def test_draft_stores_names_in_nfc(tree, draft, person_factory):
    person = person_factory(unicodedata.normalize("NFD", "Phạm Thị Ngọc Ánh"), tree.ward_a)
    line = draft("lao_dong_tien_tien", [person]).lines.get()

    assert line.recipient_name == unicodedata.normalize("NFC", "Phạm Thị Ngọc Ánh")
    assert unicodedata.is_normalized("NFC", line.recipient_name)


# -- money ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("award_code", "collective", "day", "coefficient", "amount"),
    [
        # r2017, base salary 1,300,000 (ND 47/2017): 0.3 × 1,300,000 = 390,000
        ("lao_dong_tien_tien", False, dt.date(2018, 1, 16), "0.3", 390_000),
        ("tap_the_ldtt", True, dt.date(2018, 1, 16), "0.8", 1_040_000),
        ("giay_khen_ct_huyen", True, dt.date(2018, 1, 16), "0.6", 780_000),
        ("cstd_co_so", False, dt.date(2018, 1, 16), "1", 1_300_000),
        # base 1,390,000 from 1/7/2018: 0.3 × 1,390,000 = 417,000, rounded up to 420,000
        ("lao_dong_tien_tien", False, dt.date(2018, 8, 1), "0.3", 420_000),
        # r2014, base 1,150,000: 345,000 rounded up to 350,000
        ("lao_dong_tien_tien", False, dt.date(2016, 1, 20), "0.3", 350_000),
        # r2024, base 1,800,000
        ("lao_dong_tien_tien", False, dt.date(2024, 1, 15), "0.3", 540_000),
    ],
)
def test_line_money_follows_the_regime_of_the_decision_date(
    award_code, collective, day, coefficient, amount
):
    money = services.line_money(award_code, collective, day)

    assert money.coefficient == Decimal(coefficient)
    assert money.amount_vnd == amount


def test_collective_multiplier_applies_to_forms_with_only_an_individual_coefficient():
    # r2017: Bằng khen of the provincial chair, individual 1.0; collectives twice that.
    money = services.line_money("bang_khen_tinh", True, dt.date(2019, 1, 10))

    assert money.coefficient == Decimal("2.0")
    assert money.amount_vnd == 2_780_000


def test_recognitions_without_money_carry_none(tree, draft):
    line = draft("htxs_nhiem_vu", [tree.anh]).lines.get()

    assert (line.coefficient, line.amount_vnd) == (None, None)


def test_each_line_is_priced_and_the_total_reads_in_words(tree, draft):
    decision = draft("giay_khen_ct_huyen", [tree.anh, tree.binh, tree.ward_a])
    amounts = list(decision.lines.order_by("number").values_list("amount_vnd", flat=True))

    assert amounts == [390_000, 390_000, 780_000]
    assert (decision.regime, decision.base_salary_vnd) == ("r2017", 1_300_000)
    assert amount_in_words(sum(amounts)) == "Một triệu năm trăm sáu mươi nghìn đồng"


# -- bad input -----------------------------------------------------------------------------


def test_unknown_award_code_is_refused_and_nothing_is_saved(tree, draft):
    with pytest.raises(DecisionError) as error:
        draft("huan_chuong_bac", [tree.anh])

    assert "huan_chuong_bac" in str(error.value)
    assert Decision.objects.count() == 0
    assert DecisionLine.objects.count() == 0


def test_a_line_with_both_person_and_unit_is_refused(tree, draft):
    with pytest.raises(DecisionError, match="Line 1"):
        draft("giay_khen_ct_huyen", [], lines=[LineInput(person=tree.anh, unit=tree.ward_a)])
    assert Decision.objects.count() == 0


def test_a_person_cannot_receive_a_collective_title(tree, draft):
    with pytest.raises(DecisionError, match="not given to individuals"):
        draft("tap_the_ldtt", [tree.anh])
    assert Decision.objects.count() == 0


def test_the_same_recipient_twice_is_refused(tree, draft):
    with pytest.raises(DecisionError, match="Line 2"):
        draft("lao_dong_tien_tien", [tree.anh, tree.anh])
    assert Decision.objects.count() == 0


def test_a_decision_without_lines_is_refused(tree, draft):
    with pytest.raises(DecisionError):
        draft("lao_dong_tien_tien", [])


def test_a_decision_without_signer_is_refused(tree, draft):
    with pytest.raises(DecisionError):
        draft("lao_dong_tien_tien", [tree.anh], signer_name=" ")


# -- signing -------------------------------------------------------------------------------


def test_signing_writes_one_register_row_per_line_in_the_same_transaction(tree, draft, signer):
    decision = draft("giay_khen_ct_huyen", [tree.binh, tree.anh, tree.ward_a])
    before = AwardRecord.objects.count()

    signed = services.sign_decision(decision, actor=signer)

    assert signed.status == DecisionStatus.SIGNED
    assert signed.number_text == "01/QĐ-UBND"
    assert signed.signed_by == signer
    awards = list(
        AwardRecord.objects.filter(decision_number="01/QĐ-UBND").order_by("register_number")
    )
    assert AwardRecord.objects.count() == before + 3
    assert [(a.register_number, str(a.recipient), a.amount_vnd) for a in awards] == [
        (1, "Nguyễn Thị Ánh", 390_000),
        (2, "Trần Văn Bình", 390_000),
        (3, "Phường Hòa Thọ Đông", 780_000),
    ]
    first = awards[0]
    assert first.source == AwardSource.DECISION
    assert first.issuer == "Chủ tịch UBND quận Cẩm Lệ"
    assert first.decision_date == dt.date(2018, 1, 16)
    assert first.year == 2017
    assert first.unit_at_award == tree.ward_a
    lines = list(signed.lines.order_by("number"))
    assert [line.award_record_id for line in lines] == [a.pk for a in awards]
    assert all(line.token and len(line.token) == 16 for line in lines)
    assert AuditEntry.objects.filter(action="decisions.decision.signed").count() == 1
    assert AuditEntry.objects.filter(action="awards.awardrecord.granted").count() == 3


def test_signing_on_another_date_reprices_the_lines(tree, draft, signer):
    decision = draft("lao_dong_tien_tien", [tree.anh])

    signed = services.sign_decision(decision, actor=signer, decision_date=dt.date(2018, 8, 1))

    assert signed.decision_date == dt.date(2018, 8, 1)
    assert signed.base_salary_vnd == 1_390_000
    assert signed.lines.get().amount_vnd == 420_000
    assert AwardRecord.objects.get(decision_number="01/QĐ-UBND").amount_vnd == 420_000


def test_signing_by_the_secretariat_is_refused_and_nothing_changes(tree, draft, secretariat_user):
    decision = draft("lao_dong_tien_tien", [tree.anh])
    before = AwardRecord.objects.count()

    with pytest.raises(DecisionError, match="Only a signer"):
        services.sign_decision(decision, actor=secretariat_user)

    decision.refresh_from_db()
    assert (decision.status, decision.number) == (DecisionStatus.DRAFT, None)
    assert AwardRecord.objects.count() == before
    assert not NumberCounter.objects.exists()


def test_a_signer_of_another_unit_may_not_sign(tree, draft, ward_signer):
    decision = draft("lao_dong_tien_tien", [tree.anh])

    with pytest.raises(DecisionError):
        services.sign_decision(decision, actor=ward_signer)
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.DRAFT


def test_a_title_already_held_for_the_year_is_refused_at_signing(tree, draft, signer):
    services.sign_decision(draft("lao_dong_tien_tien", [tree.anh]), actor=signer)
    again = draft("lao_dong_tien_tien", [tree.binh, tree.anh])

    with pytest.raises(DecisionError, match="already holds") as error:
        services.sign_decision(again, actor=signer)

    assert "Nguyễn Thị Ánh" in str(error.value)
    assert "01/QĐ-UBND" in str(error.value)
    again.refresh_from_db()
    assert again.status == DecisionStatus.DRAFT
    assert not AwardRecord.objects.filter(decision_number="02/QĐ-UBND").exists()
    assert NumberCounter.objects.get(issuer=tree.district, year=2018).last_number == 1


def test_a_second_merit_certificate_in_a_year_is_allowed(tree, draft, signer):
    services.sign_decision(draft("giay_khen_ct_huyen", [tree.anh]), actor=signer)

    second = services.sign_decision(draft("giay_khen_ct_huyen", [tree.anh]), actor=signer)

    assert second.number_text == "02/QĐ-UBND"


# -- numbering -----------------------------------------------------------------------------


def test_numbers_follow_each_other_within_a_year(tree, draft, signer):
    first = services.sign_decision(draft("lao_dong_tien_tien", [tree.anh]), actor=signer)
    second = services.sign_decision(draft("lao_dong_tien_tien", [tree.binh]), actor=signer)

    assert (first.number_text, second.number_text) == ("01/QĐ-UBND", "02/QĐ-UBND")
    assert NumberCounter.objects.get(issuer=tree.district, year=2018).last_number == 2


def test_numbering_restarts_each_calendar_year(tree, draft, signer):
    services.sign_decision(draft("lao_dong_tien_tien", [tree.anh]), actor=signer)
    services.sign_decision(draft("lao_dong_tien_tien", [tree.binh]), actor=signer)
    next_year = draft(
        "lao_dong_tien_tien", [tree.anh], year=2018, decision_date=dt.date(2019, 1, 10)
    )

    signed = services.sign_decision(next_year, actor=signer)

    assert (signed.number, signed.number_year, signed.number_text) == (1, 2019, "01/QĐ-UBND")


def test_numbering_is_per_issuer(tree, draft, signer, user_factory):
    from tdkt.accounts.enums import Role

    services.sign_decision(draft("lao_dong_tien_tien", [tree.anh]), actor=signer)
    ward_chair = user_factory("chutich_a", Role.SIGNER, tree.ward_a)
    ward = draft("lao_dong_tien_tien", [tree.binh], issuer=tree.ward_a)

    signed = services.sign_decision(ward, actor=ward_chair)

    assert signed.number_text == "01/QĐ-UBND"
    assert signed.issuer_name == "Chủ tịch UBND phường Hòa Thọ Đông"


def test_a_number_already_used_is_refused_and_nothing_changes(tree, draft, signer):
    services.sign_decision(draft("lao_dong_tien_tien", [tree.anh]), actor=signer, number=15)
    second = draft("lao_dong_tien_tien", [tree.binh])
    before = AwardRecord.objects.count()

    with pytest.raises(DecisionError) as error:
        services.sign_decision(second, actor=signer, number=15)

    assert "15/QĐ-UBND" in str(error.value)
    assert "Quận Cẩm Lệ" in str(error.value)
    second.refresh_from_db()
    assert (second.status, second.number) == (DecisionStatus.DRAFT, None)
    assert AwardRecord.objects.count() == before


def test_a_number_used_in_the_register_from_outside_is_refused(tree, draft, signer, award_factory):
    award_factory(
        tree.binh,
        "giay_khen_ct_huyen",
        2017,
        decision_number="07/QĐ-UBND",
        decision_date=dt.date(2018, 1, 5),
    )

    with pytest.raises(DecisionError, match="07/QĐ-UBND"):
        services.sign_decision(draft("lao_dong_tien_tien", [tree.anh]), actor=signer, number=7)


def test_automatic_numbers_skip_numbers_used_in_the_register(tree, draft, signer, award_factory):
    award_factory(
        tree.binh, "giay_khen_ct_huyen", 2017, decision_number="1/QĐ-UBND",
        decision_date=dt.date(2018, 1, 5),
    )  # fmt: skip

    signed = services.sign_decision(draft("lao_dong_tien_tien", [tree.anh]), actor=signer)

    assert signed.number_text == "02/QĐ-UBND"


def test_a_chosen_number_moves_the_counter_past_it(tree, draft, signer):
    services.sign_decision(draft("lao_dong_tien_tien", [tree.anh]), actor=signer, number=15)

    following = services.sign_decision(draft("lao_dong_tien_tien", [tree.binh]), actor=signer)

    assert following.number_text == "16/QĐ-UBND"


# -- immutability --------------------------------------------------------------------------


@pytest.fixture
def signed(tree, draft, signer):
    return services.sign_decision(draft("giay_khen_ct_huyen", [tree.anh, tree.binh]), actor=signer)


def test_a_signed_decision_refuses_save(signed):
    signed.summary = "Về việc khác"
    with pytest.raises(FrozenError):
        signed.save()
    assert Decision.objects.get(pk=signed.pk).summary == "Về việc tặng Giấy khen"


def test_a_signed_decision_refuses_delete(signed):
    with pytest.raises(FrozenError), transaction.atomic():
        signed.delete()
    assert Decision.objects.filter(pk=signed.pk).exists()


def test_a_signed_decision_refuses_queryset_update_and_delete(signed):
    with pytest.raises(FrozenError):
        Decision.objects.filter(pk=signed.pk).update(summary="x")
    with pytest.raises(FrozenError):
        Decision.objects.all().delete()
    assert Decision.objects.get(pk=signed.pk).summary == "Về việc tặng Giấy khen"


def test_the_lines_of_a_signed_decision_are_frozen(signed):
    line = signed.lines.first()
    line.recipient_name = "Người khác"
    with pytest.raises(FrozenError):
        line.save()
    with pytest.raises(FrozenError):
        line.delete()
    with pytest.raises(FrozenError):
        DecisionLine.objects.filter(decision=signed).update(amount_vnd=1)
    with pytest.raises(FrozenError):
        DecisionLine.objects.filter(decision=signed).delete()
    assert signed.lines.count() == 2


def test_editing_a_signed_decision_through_the_service_is_refused(signed):
    with pytest.raises(DecisionError, match="01/QĐ-UBND"):
        services.update_draft(signed, actor=None, summary="Về việc khác")
    with pytest.raises(DecisionError):
        services.delete_draft(signed, actor=None)


def test_signing_twice_is_refused(signed, signer):
    with pytest.raises(DecisionError):
        services.sign_decision(signed, actor=signer)
    assert AwardRecord.objects.filter(decision_number="01/QĐ-UBND").count() == 2


def test_a_draft_can_be_edited_and_repriced(tree, draft, secretariat_user):
    decision = draft("lao_dong_tien_tien", [tree.anh])

    changed = services.update_draft(
        decision,
        actor=secretariat_user,
        decision_date=dt.date(2024, 1, 15),
        signer_title=VICE_CHAIR,
        signer_name="Võ Ngọc Lan",
    )

    assert changed.regime == "r2024"
    assert changed.lines.get().amount_vnd == 540_000
    assert changed.authority_lines == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_a_draft_can_be_deleted(tree, draft, secretariat_user):
    decision = draft("lao_dong_tien_tien", [tree.anh])

    services.delete_draft(decision, actor=secretariat_user)

    assert not Decision.objects.exists()
    assert not DecisionLine.objects.exists()


# -- revocation ----------------------------------------------------------------------------


def test_revoking_marks_the_award_revoked_when_signed(tree, signed, signer, secretariat_user):
    line = signed.lines.get(person=tree.binh)
    revocation = services.revoke_awards(
        awards=[line],
        reason="Trùng thành tích đã được khen thưởng",
        decision_date=dt.date(2018, 5, 15),
        signer_name="Võ Ngọc Lan",
        signer_title=VICE_CHAIR,
        actor=secretariat_user,
    )
    award = AwardRecord.objects.get(pk=line.award_record_id)
    assert revocation.kind == DecisionKind.REVOCATION
    assert revocation.issuer == tree.district
    assert revocation.summary == (
        "Về việc hủy bỏ khen thưởng tại Quyết định số 01/QĐ-UBND ngày 16/01/2018"
    )
    assert award.status == AwardStatus.GRANTED  # a draft changes nothing yet

    services.sign_decision(revocation, actor=signer)

    award.refresh_from_db()
    assert award.status == AwardStatus.REVOKED
    assert award.revoked_by_number == "02/QĐ-UBND"
    assert award.revoked_on == dt.date(2018, 5, 15)
    assert award.revocation_reason == "Trùng thành tích đã được khen thưởng"
    other = AwardRecord.objects.get(pk=signed.lines.get(person=tree.anh).award_record_id)
    assert other.status == AwardStatus.GRANTED
    assert awards_for(secretariat_user).get(pk=award.pk).is_revoked
    assert AuditEntry.objects.filter(action="awards.awardrecord.revoked").count() == 1


def test_revoking_an_award_already_revoked_is_refused(tree, signed, signer, secretariat_user):
    line = signed.lines.get(person=tree.binh)
    arguments = {
        "awards": [line],
        "reason": "Trùng thành tích",
        "decision_date": dt.date(2018, 5, 15),
        "signer_name": "Huỳnh Đức Thịnh",
        "signer_title": CHAIR,
        "actor": secretariat_user,
    }
    first = services.revoke_awards(**arguments)
    second = services.revoke_awards(**arguments)
    services.sign_decision(first, actor=signer)

    with pytest.raises(DecisionError, match="already been revoked"):
        services.sign_decision(second, actor=signer)
    with pytest.raises(DecisionError, match="already been revoked"):
        services.revoke_awards(**arguments)
    second.refresh_from_db()
    assert second.status == DecisionStatus.DRAFT
    assert AwardRecord.objects.get(pk=line.award_record_id).revoked_by_number == "02/QĐ-UBND"


def test_revoking_a_line_never_granted_is_refused(tree, draft, secretariat_user):
    line = draft("lao_dong_tien_tien", [tree.anh]).lines.get()

    with pytest.raises(DecisionError, match="has not been granted"):
        services.revoke_awards(
            awards=[line],
            reason="Sai đối tượng",
            decision_date=dt.date(2018, 5, 15),
            signer_name="Huỳnh Đức Thịnh",
            signer_title=CHAIR,
            actor=secretariat_user,
        )
    assert Decision.objects.filter(kind=DecisionKind.REVOCATION).count() == 0


def test_a_revocation_needs_a_reason(tree, signed, secretariat_user):
    with pytest.raises(DecisionError, match="reason"):
        services.revoke_awards(
            awards=list(signed.lines.all()),
            reason="  ",
            decision_date=dt.date(2018, 5, 15),
            signer_name="Huỳnh Đức Thịnh",
            signer_title=CHAIR,
            actor=secretariat_user,
        )


def test_an_award_entered_by_hand_can_be_revoked(tree, signer, secretariat_user):
    revocation = services.revoke_awards(
        awards=[tree.anh_award],
        reason="Không đủ tiêu chuẩn",
        decision_date=dt.date(2025, 3, 3),
        signer_name="Huỳnh Đức Thịnh",
        signer_title=CHAIR,
        actor=secretariat_user,
        issuer=tree.district,
    )
    services.sign_decision(revocation, actor=signer)

    tree.anh_award.refresh_from_db()
    assert (tree.anh_award.status, tree.anh_award.revoked_by_number) == (
        AwardStatus.REVOKED,
        "01/QĐ-UBND",
    )


# -- decisions already in the register --------------------------------------------------------


def test_decision_from_register_links_the_rows_by_register_number(tree, award_factory):
    rows = [
        award_factory(
            recipient,
            "giay_khen_ct_huyen",
            2017,
            decision_number="18/QĐ-UBND",
            decision_date=dt.date(2018, 1, 16),
            register_number=number,
            amount_vnd=amount,
        )
        for recipient, number, amount in (
            (tree.ward_b, 1, 780_000),
            (tree.binh, 2, 390_000),
            (tree.anh, 3, 390_000),
        )
    ]

    decision = services.decision_from_register(
        issuer=tree.district,
        decision_number="18/QĐ-UBND",
        decision_date=dt.date(2018, 1, 16),
        signer_name="Huỳnh Đức Thịnh",
        signer_title=CHAIR,
        actor=None,
    )

    assert decision.is_signed
    assert decision.number_text == "18/QĐ-UBND"
    assert [(ln.number, ln.award_record_id) for ln in decision.lines.order_by("number")] == [
        (1, rows[0].pk),
        (2, rows[1].pk),
        (3, rows[2].pk),
    ]
    assert decision.lines.get(number=1).coefficient == Decimal("0.6")
    assert NumberCounter.objects.get(issuer=tree.district, year=2018).last_number == 18
