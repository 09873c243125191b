"""The demo's decisions: the 2015–2017 register as signed decisions whose attached lists are
exactly the register, and the 2016 duplicates' revocation. The demo is loaded once here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db.models import F

from tdkt.accounts.models import User
from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.decisions import services
from tdkt.decisions.enums import DecisionKind, DecisionStatus
from tdkt.decisions.models import Decision, DecisionLine, NumberCounter
from tdkt.demo.loader import load, wipe

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

# The district's 2017 review conference (product-brief.md): lines of each 2018 decision.
LINES_2017 = {
    "15/QĐ-UBND": ("tap_the_ldtt", 36, 0),
    "16/QĐ-UBND": ("lao_dong_tien_tien", 0, 304),
    "17/QĐ-UBND": ("cstd_co_so", 0, 38),
    "18/QĐ-UBND": ("giay_khen_ct_huyen", 39, 89),
    "19/QĐ-UBND": ("htxs_nhiem_vu", 11, 38),
    "20/QĐ-UBND": ("don_vi_tieu_bieu", 15, 0),
}


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        load(reset=True)
    yield
    with django_db_blocker.unblock():
        wipe()


def _decision(number: str, year: int) -> Decision:
    value, symbol = services.parse_number(number)
    return Decision.objects.get(number=value, symbol=symbol, number_year=year)


def test_the_2017_decisions_list_exactly_the_conference_figures(demo):
    found = {}
    for number in LINES_2017:
        decision = _decision(number, 2018)
        lines = decision.lines.all()
        found[number] = (
            decision.award_code,
            lines.filter(unit__isnull=False).count(),
            lines.filter(person__isnull=False).count(),
        )
        assert decision.status == DecisionStatus.SIGNED
        assert decision.decision_date == dt.date(2018, 1, 16)
        assert decision.achievement_year == 2017
        assert decision.signer_name == "Huỳnh Đức Thịnh"

    assert found == LINES_2017


def test_every_register_row_of_the_district_is_one_line_with_its_register_number(demo):
    rows = AwardRecord.objects.filter(issuer="Chủ tịch UBND quận Cẩm Lệ")

    assert DecisionLine.objects.filter(award_record__isnull=False).count() == rows.count()
    mismatched = DecisionLine.objects.filter(award_record__isnull=False).exclude(
        number=F("award_record__register_number")
    )
    assert mismatched.count() == 0
    wrong_number = [
        line.pk
        for line in DecisionLine.objects.select_related("decision", "award_record").filter(
            award_record__isnull=False
        )
        if line.award_record.decision_number != line.decision.number_text  # type: ignore[union-attr]
        or line.award_record.decision_date != line.decision.decision_date  # type: ignore[union-attr]
        or line.amount_vnd != line.award_record.amount_vnd  # type: ignore[union-attr]
    ]
    assert wrong_number == []


def test_demo_money_is_what_the_rules_engine_computes(demo):
    for line in DecisionLine.objects.filter(amount_vnd__isnull=False).select_related("decision"):
        money = services.line_money(
            line.award_code, line.unit_id is not None, line.decision.decision_date
        )
        assert (line.amount_vnd, line.coefficient) == (money.amount_vnd, money.coefficient)


def test_the_revocation_decision_matches_the_revoked_rows(demo):
    revocation = Decision.objects.get(kind=DecisionKind.REVOCATION)
    revoked = AwardRecord.objects.filter(status=AwardStatus.REVOKED)

    assert revocation.number_text == "1126/QĐ-UBND"
    assert revocation.decision_date == dt.date(2017, 5, 15)
    assert revocation.signer_title == "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    assert sorted(revocation.lines.values_list("revoked_award_id", flat=True)) == sorted(
        revoked.values_list("pk", flat=True)
    )
    assert revoked.count() == 2
    assert revocation.reason == revoked.first().revocation_reason  # type: ignore[union-attr]
    assert revocation.summary == (
        "Về việc hủy bỏ khen thưởng tại Quyết định số 412/QĐ-UBND ngày 21/02/2017"
    )


def test_counters_continue_after_the_demo_numbers(demo):
    district = Decision.objects.first().issuer  # type: ignore[union-attr]
    assert NumberCounter.objects.get(issuer=district, year=2018).last_number == 20
    assert NumberCounter.objects.get(issuer=district, year=2017).last_number == 1126
    signer = User.objects.get(username="chutich")
    person = AwardRecord.objects.filter(year=2017, person__isnull=False).first().person  # type: ignore[union-attr]
    draft = services.draft_decision(
        issuer=district,
        award_code="giay_khen_ct_huyen",
        year=2017,
        decision_date=dt.date(2018, 2, 1),
        signer_name="Huỳnh Đức Thịnh",
        signer_title="CHỦ TỊCH",
        lines=[services.LineInput(person=person, achievement="Thành tích đột xuất")],
        actor=None,
    )

    assert services.sign_decision(draft, actor=signer).number_text == "21/QĐ-UBND"
