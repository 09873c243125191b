"""The Ministry's statistical forms filled from the data: exact cells, the 1 Dec–30 Nov period,
and empty cells (never invented figures) where tdkt holds no data."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.awards.enums import AwardMethod
from tdkt.organisations.enums import UnitKind
from tdkt.reports.queries import Selection
from tdkt.reports.statforms import FilledForm, fill_form, leader_level, period

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _cells(form: FilledForm) -> dict[str, list[int | None]]:
    return {row.code: values for row, values in form.lines if row.code}


@pytest.mark.unit
def test_period_runs_from_1_december_to_30_november() -> None:
    assert period(2024) == (dt.date(2023, 12, 1), dt.date(2024, 11, 30))


@pytest.mark.unit
@pytest.mark.parametrize(
    ("unit_kind", "parent_kind", "expected"),
    [
        (UnitKind.PROVINCE, None, "province"),
        (UnitKind.DEPARTMENT, UnitKind.PROVINCE, "department"),
        (UnitKind.DEPARTMENT, UnitKind.DISTRICT, "other"),
        (UnitKind.ENTERPRISE, UnitKind.DISTRICT, "entrepreneur"),
        (UnitKind.WARD, UnitKind.DISTRICT, "other"),
    ],
)
def test_leader_level_from_the_unit(unit_kind: str, parent_kind: str | None, expected: str) -> None:
    fact = {
        "kind": "individual",
        "leader": True,
        "unit_kind": unit_kind,
        "parent_kind": parent_kind,
    }

    assert leader_level(fact) == expected
    assert leader_level({**fact, "leader": False}) is None


def test_form_0602_counts_state_awards_of_the_period(register: SimpleNamespace) -> None:
    form = fill_form(Selection(), 2024, "0602")

    cells = _cells(form)
    columns = [c.label for c in form.columns]
    pm_individual = 8  # Bằng khen của Thủ tướng Chính phủ, cá nhân
    assert columns[pm_individual] == "Cá nhân"
    assert form.columns[pm_individual].code == "bang_khen_thu_tuong"
    assert cells["1"][0] == 1
    assert cells["1"][pm_individual] == 1
    assert cells["6"][0] == 0  # no collective
    assert cells["9"][0] == 1
    assert cells["13"][0] == 1  # a ward's chair: another leader
    assert cells["14"][0] == 0
    assert cells["17"][0] == 1  # sudden achievement
    assert cells["15"][0] == 0
    assert cells["2"] == [None] * len(form.columns)  # the proposer is not recorded
    assert cells["8"] == [None] * len(form.columns)  # households are not recorded
    assert cells["1"][3] is None  # Hồ Chí Minh Prize: not in the catalogue


def test_form_0603_counts_provincial_awards_of_the_period(register: SimpleNamespace) -> None:
    form = fill_form(Selection(), 2024, "0603")

    cells = _cells(form)
    assert [c.code for c in form.columns] == [
        None, "bang_khen_tinh", "cstd_cap_tinh", "co_thi_dua_tinh", "ky_niem_chuong_tinh",
    ]  # fmt: skip
    # The certificate to the enterprise (05/12/2023) is in; the flag (01/12/2024) is next year's.
    assert cells["01"] == [1, 1, 0, 0, 0]
    assert cells["02"] == [1, 1, 0, 0, 0]
    assert cells["03"] == [1, 1, 0, 0, 0]
    assert cells["05"] == [0, 0, 0, 0, 0]
    assert cells["11"] == [1, 1, 0, 0, 0]
    assert cells["04"] == [None] * 5
    assert _cells(fill_form(Selection(), 2025, "0603"))["01"] == [1, 0, 0, 1, 0]


def test_form_period_edges_follow_the_decision_date(
    register: SimpleNamespace, award_factory: Any
) -> None:
    award_factory(
        register.chi, "bang_khen_tinh", 2023, decision_number="3001/QĐ-UBND",
        decision_date=dt.date(2023, 11, 30), method=AwardMethod.THEMATIC,
    )  # fmt: skip

    cells_2023 = _cells(fill_form(Selection(), 2023, "0603"))
    cells_2024 = _cells(fill_form(Selection(), 2024, "0603"))

    assert cells_2023["05"] == [1, 1, 0, 0, 0]
    assert cells_2023["10"] == [1, 1, 0, 0, 0]  # a frontline worker
    assert cells_2023["12"] == [1, 1, 0, 0, 0]  # thematic
    assert cells_2024["05"] == [0, 0, 0, 0, 0]


def test_forms_of_a_ward_count_only_its_awards(register: SimpleNamespace) -> None:
    ward_b = _cells(fill_form(Selection(unit=register.ward_b), 2024, "0602"))

    assert ward_b["1"][0] == 0


def test_forms_0604_and_0605_are_left_empty_with_a_note(register: SimpleNamespace) -> None:
    for code in ("0604", "0605"):
        form = fill_form(Selection(), 2024, code)
        assert form.available is False
        assert all(value is None for values in form.values for value in values)
        assert form.notes[0].startswith("tdkt chưa lưu dữ liệu")


def test_form_0601_counts_launched_movements(register: SimpleNamespace) -> None:
    from tdkt.movements.enums import MovementKind, MovementStatus
    from tdkt.movements.models import Movement

    def movement(
        name: str, body: Any, kind: str, starts: dt.date, ends: dt.date, **extra: Any
    ) -> None:
        Movement.objects.create(
            name=name, kind=kind, year=starts.year, launched_by=body, starts_on=starts,
            ends_on=ends, purpose="Mục đích", **extra,
        )  # fmt: skip

    launched = {"status": MovementStatus.LAUNCHED}
    movement(
        "Thi đua năm 2024",
        register.province,
        MovementKind.REGULAR,
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
        plan_date=dt.date(2024, 1, 5),
        **launched,
    )
    movement(
        "Chung tay xây dựng đô thị văn minh",
        register.district,
        MovementKind.CAMPAIGN,
        dt.date(2024, 3, 1),
        dt.date(2026, 2, 28),
        plan_date=dt.date(2024, 2, 20),
        **launched,
    )
    movement(
        "Ra quân đầu năm",
        register.ward_a,
        MovementKind.CAMPAIGN,
        dt.date(2024, 2, 1),
        dt.date(2024, 4, 30),
        plan_date=dt.date(2024, 12, 2),
        **launched,
    )
    movement("Bản nháp", register.ward_a, MovementKind.CAMPAIGN,
             dt.date(2024, 2, 1), dt.date(2024, 4, 30))  # fmt: skip

    form = fill_form(Selection(), 2024, "0601")

    cells = _cells(form)
    assert form.available is True
    assert cells["01"] == [2, None, 1, 1]  # the plan of 02/12/2024 is next period's
    assert cells["03"] == [1, None, 1, 0]
    assert cells["05"] == [1, None, 0, 1]
    assert cells["07"] == [1, None, 1, 0]
    assert cells["08"] == [1, None, 0, 1]
    assert cells["11"] == [1, None, 0, 1]
    assert cells["12"] == [1, None, 1, 0]
    assert cells["02"] == [None] * 4
    assert cells["04"] == [None] * 4
    assert _cells(fill_form(Selection(unit=register.ward_a), 2025, "0601"))["01"] == [1, None, 0, 1]


def test_award_forms_take_one_query_each(register: SimpleNamespace, report_queries: Any) -> None:
    with CaptureQueriesContext(connection) as award_form:
        fill_form(Selection(), 2024, "0602")
    with CaptureQueriesContext(connection) as empty_form:
        fill_form(Selection(), 2024, "0605")

    assert len(report_queries(award_form)) == 1
    assert len(report_queries(empty_form)) == 0
