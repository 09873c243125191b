"""The dashboard's ten-year series is kept between requests, and any change to what it reads
(an award of the year, a revocation, a service period, a unit's sector) shows at once."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.organisations.enums import Sector
from tdkt.people import services as people_services
from tdkt.people.models import ServicePeriod
from tdkt.reports.queries import Selection, year_series
from tdkt.reports.series_cache import cached_year_series

pytestmark = pytest.mark.django_db
YEARS = [2022, 2023, 2024]


def _plain(series: list[Any]) -> list[dict[str, Any]]:
    return [dataclasses.asdict(s) for s in series]


def _heavy_queries(captured: CaptureQueriesContext) -> int:
    # The series query is the one that joins the service periods.
    return sum("service_unit_id" in q["sql"] for q in captured.captured_queries)


def test_cached_series_equal_the_computed_ones(register: SimpleNamespace) -> None:
    first = cached_year_series(Selection(), YEARS)
    again = cached_year_series(Selection(), YEARS)

    assert _plain(first) == _plain(year_series(Selection(), YEARS))
    assert _plain(again) == _plain(first)


def test_an_unchanged_register_is_not_counted_again(register: SimpleNamespace) -> None:
    cached_year_series(Selection(), YEARS)

    with CaptureQueriesContext(connection) as captured:
        cached_year_series(Selection(), YEARS)

    assert _heavy_queries(captured) == 0
    assert len(captured.captured_queries) <= 10  # the fingerprints and nothing else


def test_a_new_award_recounts_only_its_year(register: SimpleNamespace, award_factory: Any) -> None:
    before = cached_year_series(Selection(), YEARS)
    award_factory(register.em, "lao_dong_tien_tien", 2022, decision_number="3/QĐ-UBND")

    with CaptureQueriesContext(connection) as captured:
        after = cached_year_series(Selection(), YEARS)

    assert after[0].individual == before[0].individual + 1
    assert _plain(after[1:]) == _plain(before[1:])
    heavy = [q["sql"] for q in captured.captured_queries if "service_unit_id" in q["sql"]]
    assert len(heavy) == 1


def test_a_revocation_shows_at_once(register: SimpleNamespace, secretariat_user: Any) -> None:
    before = cached_year_series(Selection(), YEARS)
    # An edit that changes neither the count nor the ids of the year's awards.
    award = AwardRecord.objects.get(pk=register.chi_ldtt.pk)
    award.status = AwardStatus.REVOKED
    award.revoked_on = dt.date(2025, 6, 1)
    award.revoked_by_number = "200/QĐ-UBND"
    award.revocation_reason = "Hồ sơ không trung thực"
    award.save()
    from tdkt.common.audit import record

    record(award, "awards.awardrecord.revoked", actor=secretariat_user)

    after = cached_year_series(Selection(), YEARS)

    assert after[-1].individual == before[-1].individual - 1
    assert after[-1].non_state == before[-1].non_state - 1


def test_a_corrected_service_period_shows_at_once(
    register: SimpleNamespace, secretariat_user: Any
) -> None:
    before = cached_year_series(Selection(), YEARS)
    period = ServicePeriod.objects.get(person=register.dung)
    period.is_frontline = True

    people_services.save_service_period(period, actor=secretariat_user)
    after = cached_year_series(Selection(), YEARS)

    assert after[-1].frontline == before[-1].frontline + 2  # his LĐTT and CSTĐ of 2024


def test_a_unit_moved_to_another_sector_shows_at_once(
    register: SimpleNamespace, secretariat_user: Any
) -> None:
    before = cached_year_series(Selection(), YEARS)
    register.enterprise.sector = Sector.STATE
    register.enterprise.save()
    from tdkt.common.audit import record

    record(register.enterprise, "organisations.unit.changed", actor=secretariat_user)

    after = cached_year_series(Selection(), YEARS)

    assert after[-1].non_state == 0
    assert after[-1].state == before[-1].state + before[-1].non_state


def test_scopes_do_not_share_cached_series(register: SimpleNamespace) -> None:
    whole = cached_year_series(Selection(), YEARS)
    ward = cached_year_series(Selection(unit=register.ward_a), YEARS)

    assert _plain(ward) == _plain(year_series(Selection(unit=register.ward_a), YEARS))
    assert _plain(ward) != _plain(whole)


def test_a_signed_decision_shows_at_once(
    register: SimpleNamespace, secretariat_user: Any, user_factory: Any
) -> None:
    from tdkt.accounts.enums import Role
    from tdkt.decisions.enums import CHAIR
    from tdkt.decisions.services import LineInput, draft_decision, sign_decision

    before = cached_year_series(Selection(), YEARS)
    chair = user_factory("chutich", Role.SIGNER, register.district, full_name="Huỳnh Đức Thịnh")
    decision = draft_decision(
        issuer=register.district,
        award_code="giay_khen_ct_huyen",
        year=2023,
        decision_date=dt.date(2024, 1, 16),
        signer_name="Huỳnh Đức Thịnh",
        signer_title=CHAIR,
        lines=[LineInput(person=register.em, achievement="Hoàn thành xuất sắc nhiệm vụ")],
        actor=secretariat_user,
    )
    sign_decision(decision, actor=chair)

    after = cached_year_series(Selection(), YEARS)

    assert after[1].individual == before[1].individual + 1


def test_a_change_committed_under_an_older_id_shows_at_once(
    register: SimpleNamespace, secretariat_user: Any
) -> None:
    """On PostgreSQL ids are given out at insert and rows appear at commit: a revocation whose
    audit entry holds an id below the newest one seen may commit after the series was cached."""
    from tdkt.common.models import AuditEntry

    newest = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    # A later transaction's entry, committed first.
    AuditEntry.objects.bulk_create(  # bulk: save() refuses an entry that has an id
        [
            AuditEntry(
                id=newest + 10,
                action="awards.awardrecord.recorded",
                object_type="awards.awardrecord",
                object_id=str(register.dung_pm.pk),
            )
        ]
    )
    before = cached_year_series(Selection(), YEARS)
    # The earlier transaction commits now: its revocation, and its entry with the older id.
    AwardRecord.objects.filter(pk=register.ward_a_2023.pk).update(
        status=AwardStatus.REVOKED,
        revoked_on=dt.date(2025, 6, 1),
        revoked_by_number="200/QĐ-UBND",
        revocation_reason="Hồ sơ không trung thực",
    )
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                id=newest + 5,
                action="awards.awardrecord.revoked",
                object_type="awards.awardrecord",
                object_id=str(register.ward_a_2023.pk),
            )
        ]
    )

    after = cached_year_series(Selection(), YEARS)

    assert after[1].collective == before[1].collective - 1
