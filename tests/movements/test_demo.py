"""The demo loader of the movements app, on a database holding only the units it needs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tdkt.accounts.enums import Role
from tdkt.common.models import AuditEntry
from tdkt.movements import demo
from tdkt.movements.enums import MovementStatus, PledgeStatus
from tdkt.movements.models import LeaderProposal, Movement, Pledge, ProgressReport, ScoreResult
from tdkt.movements.queries import late_reports, movement_completion
from tdkt.organisations.enums import UnitKind
from tdkt.organisations.models import Unit

pytestmark = pytest.mark.django_db

WARDS = {
    "cam-le-khue-trung": "Khuê Trung",
    "cam-le-hoa-phat": "Hòa Phát",
    "cam-le-hoa-an": "Hòa An",
    "cam-le-hoa-tho-tay": "Hòa Thọ Tây",
    "cam-le-hoa-tho-dong": "Hòa Thọ Đông",
    "cam-le-hoa-xuan": "Hòa Xuân",
}


@pytest.fixture
def demo_units(db):  # type: ignore[no-untyped-def]
    city = Unit.objects.create(code="da-nang", name="Thành phố Đà Nẵng", kind=UnitKind.PROVINCE)
    district = Unit.objects.create(
        code="cam-le", name="Quận Cẩm Lệ", short_name="Cẩm Lệ", kind=UnitKind.DISTRICT, parent=city
    )
    for code, name in WARDS.items():
        Unit.objects.create(
            code=code, name=f"Phường {name}", short_name=name, kind=UnitKind.WARD, parent=district
        )
    return district


@pytest.fixture
def demo_secretariat(demo_units, user_factory):  # type: ignore[no-untyped-def]
    return user_factory("thuky", Role.SECRETARIAT)


def test_demo_load_creates_movements_pledges_reports_and_ranking(demo_secretariat):
    demo.load()

    assert Movement.objects.count() == 12
    assert set(Movement.objects.values_list("status", flat=True)) == {
        MovementStatus.LAUNCHED,
        MovementStatus.CLOSED,
    }
    pledges_2018 = Pledge.objects.filter(year=2018, status=PledgeStatus.SIGNED, unit__isnull=False)
    assert sorted(p.unit.code for p in pledges_2018) == sorted(WARDS)
    assert ProgressReport.objects.filter(target__pledge__year=2018).count() == 6 * 6 * 3
    assert ProgressReport.objects.filter(target__pledge__year=2017, period="year").count() == 6 * 4
    ranking = list(ScoreResult.objects.order_by("rank").values_list("rank", "unit__code", "total"))
    assert [row[0] for row in ranking] == [1, 2, 3, 4, 5, 6]
    assert ranking[0][1] == LeaderProposal.objects.get().unit.code
    assert LeaderProposal.objects.get().award_code == "co_thi_dua_tinh"
    assert (
        AuditEntry.objects.filter(action="movements.pledge.signed", actor=demo_secretariat).count()
        == 7
    )


def test_demo_load_is_deterministic_and_runs_once(demo_secretariat):
    demo.load()
    first = list(ScoreResult.objects.order_by("rank").values_list("unit__code", "total"))
    demo.load()

    assert Movement.objects.count() == 12
    assert list(ScoreResult.objects.order_by("rank").values_list("unit__code", "total")) == first
    # Khuê Trung by hand: revenue 63800/58000 = 1.1 → 22.92 of 25; poor households 35/32 →
    # 13.67 of 15; violations 45/38 (lower is better) → 14.80 of 15; on time 99 % → 12.38 of
    # 15; reviewed by hand 14 + 14. Total 91.77.
    assert first == [
        ("cam-le-khue-trung", Decimal("91.77")),
        ("cam-le-hoa-an", Decimal("89.65")),
        ("cam-le-hoa-tho-dong", Decimal("87.69")),
        ("cam-le-hoa-tho-tay", Decimal("85.63")),
        ("cam-le-hoa-phat", Decimal("84.97")),
        ("cam-le-hoa-xuan", Decimal("83.70")),
    ]


def test_demo_2018_progress_and_late_flags(demo_secretariat):
    demo.load()
    regular = Movement.objects.get(year=2018, plan_number="05/KH-UBND")

    late = late_reports(demo_secretariat, dt.date(2018, 10, 20))

    assert [(r.unit.code, r.period, r.missing, r.late) for r in late] == [
        ("cam-le-hoa-xuan", "q3", 0, 6)
    ]
    assert movement_completion(regular) is not None


def test_demo_load_without_units_says_what_is_missing(db):
    with pytest.raises(LookupError) as error:
        demo.load()

    assert "cam-le" in str(error.value)
