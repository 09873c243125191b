"""Public disclosure: the period in days or working days, the regime's minimum for the awards
that need one, and the state machine refusing the council before the period is over."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.nominations import services
from tdkt.nominations.calendar import (
    add_working_days,
    disclosure_period,
    is_working_day,
    working_days_between,
)
from tdkt.nominations.enums import DayUnit, NominationState
from tdkt.nominations.services import NominationError
from tests.nominations.round2018 import TODAY, accept_all, make_dossier, nominate, publish, submit

NO_HOLIDAYS: frozenset[dt.date] = frozenset()


def test_working_days_skip_the_weekend() -> None:
    friday = dt.date(2018, 12, 7)

    assert disclosure_period(friday, 5, DayUnit.WORKING_DAYS, NO_HOLIDAYS) == (
        dt.date(2018, 12, 10),
        dt.date(2018, 12, 14),
    )
    assert disclosure_period(dt.date(2018, 12, 10), 5, DayUnit.WORKING_DAYS, NO_HOLIDAYS) == (
        dt.date(2018, 12, 11),
        dt.date(2018, 12, 17),
    )


def test_working_days_skip_public_holidays() -> None:
    holidays = frozenset({dt.date(2019, 1, 1)})

    assert add_working_days(dt.date(2018, 12, 28), 3, holidays) == dt.date(2019, 1, 3)


def test_public_holidays_from_settings(settings: Any) -> None:
    settings.TDKT_PUBLIC_HOLIDAYS = ["2019-01-01"]

    assert disclosure_period(dt.date(2018, 12, 28), 3, DayUnit.WORKING_DAYS)[1] == dt.date(
        2019, 1, 3
    )


def test_calendar_days_ending_on_saturday_move_to_monday() -> None:
    assert disclosure_period(dt.date(2018, 12, 5), 10, DayUnit.DAYS, NO_HOLIDAYS) == (
        dt.date(2018, 12, 6),
        dt.date(2018, 12, 17),
    )


@given(
    start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)),
    count=st.integers(min_value=1, max_value=40),
)
def test_working_days_property(start: dt.date, count: int) -> None:
    end = add_working_days(start, count, NO_HOLIDAYS)

    assert is_working_day(end, NO_HOLIDAYS)
    assert working_days_between(start + dt.timedelta(days=1), end, NO_HOLIDAYS) == count
    assert (end - start).days <= count + 2 * (count // 5 + 1)


@pytest.mark.django_db
def test_award_needing_disclosure_refused_a_shorter_period(
    round2018: SimpleNamespace, unit_officer: Any, secretariat_user: Any
) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    nomination = nominate(dossier, unit_officer, round2018.anh, award="cstd_toan_quoc")
    submit(dossier, unit_officer)
    accept_all(dossier, secretariat_user)

    with pytest.raises(NominationError) as caught:
        publish([nomination], secretariat_user, round2018.district, days=5)

    assert str(caught.value) == (
        "“Chiến sĩ thi đua toàn quốc” phải được công khai lấy ý kiến 10 ngày (Khoản 10 Điều 45"
        " Nghị định 91/2017/NĐ-CP; Thông tư 12/2019/TT-BNV); thời hạn đã chọn kết thúc ngày"
        " 17/12/2018, trước ngày 20/12/2018."
    )
    nomination.refresh_from_db()
    assert (nomination.state, nomination.disclosure_id) == (NominationState.APPRAISED, None)


@pytest.mark.django_db
def test_award_needing_disclosure_cannot_skip_it(
    round2018: SimpleNamespace, unit_officer: Any, secretariat_user: Any
) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    nomination = nominate(dossier, unit_officer, round2018.anh, award="cstd_toan_quoc")
    submit(dossier, unit_officer)
    accept_all(dossier, secretariat_user)
    nomination.refresh_from_db()

    with pytest.raises(NominationError) as caught:
        services.send_to_council(nomination, actor=secretariat_user, session_id=1, today=TODAY)

    assert str(caught.value) == (
        "Nguyễn Thị Ánh (Chiến sĩ thi đua toàn quốc) phải được công khai lấy ý kiến 10 ngày"
        " trước (Khoản 10 Điều 45 Nghị định 91/2017/NĐ-CP; Thông tư 12/2019/TT-BNV)."
    )
    nomination.refresh_from_db()
    assert nomination.state == NominationState.APPRAISED


@pytest.mark.django_db
def test_council_refused_until_the_period_is_over(
    round2018: SimpleNamespace, unit_officer: Any, secretariat_user: Any
) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    nomination = nominate(dossier, unit_officer, round2018.anh, award="cstd_toan_quoc")
    submit(dossier, unit_officer)
    accept_all(dossier, secretariat_user)
    listing = services.open_disclosure(
        [nomination],
        title="Danh sách đề nghị tặng danh hiệu Chiến sĩ thi đua toàn quốc",
        unit=round2018.district,
        published_on=TODAY,
        days=10,
        day_unit=DayUnit.DAYS,
        actor=secretariat_user,
    )
    nomination.refresh_from_db()
    assert (listing.starts_on, listing.ends_on) == (dt.date(2018, 12, 11), dt.date(2018, 12, 20))

    last_day = services.readiness_problem(nomination, dt.date(2018, 12, 20))
    next_day = services.readiness_problem(nomination, dt.date(2018, 12, 21))

    assert last_day == (
        "Nguyễn Thị Ánh (Chiến sĩ thi đua toàn quốc) đang được công khai lấy ý kiến đến ngày"
        " 20/12/2018; chỉ được trình Hội đồng từ ngày hôm sau."
    )
    assert next_day == ""
    services.send_to_council(
        nomination, actor=secretariat_user, session_id=1, today=dt.date(2018, 12, 21)
    )
    nomination.refresh_from_db()
    assert nomination.state == NominationState.AT_COUNCIL


@pytest.mark.django_db
def test_award_without_disclosure_rule_may_go_straight_to_council(
    appraised: Any, secretariat_user: Any
) -> None:
    nomination = appraised.nominations.first()

    assert services.readiness_problem(nomination, TODAY) == ""


@pytest.mark.django_db
def test_voluntary_disclosure_also_holds_until_its_end(
    appraised: Any, round2018: SimpleNamespace, secretariat_user: Any
) -> None:
    nominations = list(appraised.nominations.all())
    publish(nominations, secretariat_user, round2018.district)

    nomination = nominations[0]
    nomination.refresh_from_db()
    assert services.readiness_problem(nomination, dt.date(2018, 12, 17)) != ""
    assert services.readiness_problem(nomination, dt.date(2018, 12, 18)) == ""


@pytest.mark.django_db
def test_close_disclosure_only_after_the_period(
    appraised: Any, round2018: SimpleNamespace, secretariat_user: Any
) -> None:
    listing = publish(list(appraised.nominations.all()), secretariat_user, round2018.district)

    with pytest.raises(NominationError) as caught:
        services.close_disclosure(listing, actor=secretariat_user, today=dt.date(2018, 12, 17))
    services.close_disclosure(listing, actor=secretariat_user, today=dt.date(2018, 12, 18))

    assert str(caught.value) == (
        "Thời hạn lấy ý kiến kéo dài đến ngày 17/12/2018; chưa thể kết thúc danh sách trước"
        " ngày đó."
    )
    listing.refresh_from_db()
    assert listing.state == "closed"


@pytest.mark.django_db
def test_disclosure_only_of_appraised_nominations(
    round2018: SimpleNamespace, unit_officer: Any, secretariat_user: Any
) -> None:
    dossier = make_dossier(round2018.ward_a, unit_officer)
    draft = nominate(dossier, unit_officer, round2018.anh)

    with pytest.raises(NominationError):
        publish([draft], secretariat_user, round2018.district)

    draft.refresh_from_db()
    assert (draft.state, draft.disclosure_id) == (NominationState.DRAFT, None)
