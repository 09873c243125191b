"""A small register for the reports, on top of the shared `tree` (tests/conftest.py):

    Thành phố Đà Nẵng (province) ── Sở Nội vụ (department)
    └── Quận Cẩm Lệ (district) ── Công ty TNHH Hòa Phát Xanh (enterprise, non-state)
        ├── Phường Hòa Thọ Đông (ward A)
        └── Phường Khuê Trung (ward B)

2024 (decided 15/01/2025 unless said): advanced workers Ánh (ward A, frontline), Bình (ward B),
Chi (enterprise, frontline worker, 390.000 đ) and Dũng (ward A, leader); advanced collectives
ward A and ward B; district merit certificates to Chi (390.000 đ) and to the enterprise
(780.000 đ); grassroots emulation fighters Dũng (also 2022 and 2023) and Em (also 2023; she
moved from ward A to ward B in 2021); the provincial flag to the district (decided 01/12/2024);
Bình's merit certificate revoked.
2023: advanced collective ward A (also 2022); the Prime Minister's certificate to Dũng
(decided 10/03/2024, sudden achievement); the provincial certificate to the enterprise (decided
05/12/2023).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest

from tdkt.awards.enums import AwardMethod, AwardStatus
from tdkt.common.enums import Gender
from tdkt.organisations.enums import Sector, UnitKind
from tdkt.people.enums import Category
from tdkt.people.models import ServicePeriod

DECIDED = dt.date(2025, 1, 15)


@pytest.fixture
def register(
    tree: SimpleNamespace,
    unit_factory: Callable[..., Any],
    person_factory: Callable[..., Any],
    award_factory: Callable[..., Any],
) -> SimpleNamespace:
    t = tree
    make_unit, make_person, make_award = unit_factory, person_factory, award_factory
    enterprise = make_unit(
        "Công ty TNHH Hòa Phát Xanh",
        UnitKind.ENTERPRISE,
        t.district,
        code="hoa-phat-xanh",
        sector=Sector.NON_STATE,
    )
    department = make_unit("Sở Nội vụ", UnitKind.DEPARTMENT, t.province, code="so-noi-vu")
    chi = make_person(
        "Phạm Thị Chi",
        enterprise,
        gender=Gender.FEMALE,
        category=Category.WORKER,
        position="Công nhân",
        is_frontline=True,
    )
    dung = make_person(
        "Võ Văn Dũng", t.ward_a, category=Category.OFFICIAL, position="Chủ tịch UBND"
    )
    ServicePeriod.objects.filter(person=dung).update(is_leader=True)
    em = make_person(
        "Lê Thị Em",
        t.ward_a,
        gender=Gender.FEMALE,
        start_on=dt.date(2015, 1, 1),
        end_on=dt.date(2020, 12, 31),
    )
    ServicePeriod.objects.create(
        person=em, unit=t.ward_b, category=Category.CIVIL_SERVANT, start_on=dt.date(2021, 1, 1)
    )
    awards: dict[str, Any] = {
        "chi_ldtt": make_award(
            chi,
            "lao_dong_tien_tien",
            2024,
            decision_number="12/QĐ-UBND",
            amount_vnd=390_000,
            unit_at_award=enterprise,
        ),
        "chi_gk": make_award(
            chi, "giay_khen_ct_huyen", 2024, decision_number="16/QĐ-UBND", amount_vnd=390_000
        ),
        "dung_ldtt": make_award(dung, "lao_dong_tien_tien", 2024, decision_number="12/QĐ-UBND"),
        "dung_cstd_2024": make_award(dung, "cstd_co_so", 2024, decision_number="17/QĐ-UBND"),
        "dung_cstd_2023": make_award(dung, "cstd_co_so", 2023, decision_number="9/QĐ-UBND"),
        "dung_cstd_2022": make_award(dung, "cstd_co_so", 2022, decision_number="8/QĐ-UBND"),
        "em_cstd_2024": make_award(em, "cstd_co_so", 2024, decision_number="17/QĐ-UBND"),
        "em_cstd_2023": make_award(em, "cstd_co_so", 2023, decision_number="9/QĐ-UBND"),
        "enterprise_gk": make_award(
            enterprise, "giay_khen_ct_huyen", 2024, decision_number="16/QĐ-UBND", amount_vnd=780_000
        ),
        "district_flag": make_award(
            t.district,
            "co_thi_dua_tinh",
            2024,
            decision_number="2031/QĐ-UBND",
            decision_date=dt.date(2024, 12, 1),
            issuer="Chủ tịch UBND thành phố",
        ),
        "ward_a_2023": make_award(t.ward_a, "tap_the_ldtt", 2023, decision_number="10/QĐ-UBND"),
        "ward_a_2022": make_award(t.ward_a, "tap_the_ldtt", 2022, decision_number="7/QĐ-UBND"),
        "dung_pm": make_award(
            dung,
            "bang_khen_thu_tuong",
            2023,
            decision_number="310/QĐ-TTg",
            decision_date=dt.date(2024, 3, 10),
            issuer="Thủ tướng Chính phủ",
            method=AwardMethod.AD_HOC,
        ),
        "enterprise_bk": make_award(
            enterprise,
            "bang_khen_tinh",
            2023,
            decision_number="4410/QĐ-UBND",
            decision_date=dt.date(2023, 12, 5),
            issuer="Chủ tịch UBND thành phố",
        ),
        "binh_gk_revoked": make_award(
            t.binh,
            "giay_khen_ct_huyen",
            2024,
            decision_number="16/QĐ-UBND",
            status=AwardStatus.REVOKED,
            revoked_on=dt.date(2025, 3, 2),
            revoked_by_number="120/QĐ-UBND",
            revocation_reason="Trùng thành tích",
        ),
    }
    return SimpleNamespace(
        **vars(t),
        enterprise=enterprise,
        department=department,
        chi=chi,
        dung=dung,
        em=em,
        **awards,
    )


@pytest.fixture
def report_queries() -> Callable[[Any], list[str]]:
    """The SQL statements of a query capture, without PostgreSQL's per-query SET LOCAL and the
    savepoint around it (queries.fetch_all)."""
    skip = ("SET ", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")

    def statements(captured: Any) -> list[str]:
        return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(skip)]

    return statements
