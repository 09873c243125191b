"""Build the whole demo dataset in memory from one seed: same seed, same rows, any day."""

from __future__ import annotations

import random

from tdkt.accounts.enums import Role
from tdkt.demo.dataset import Dataset, GroupRow, UserRow
from tdkt.demo.register import Register
from tdkt.demo.targets import AWARD_ORDER, CLOSED_YEARS, TARGETS
from tdkt.demo.units import WARDS, UnitSpec, build_successions, build_units
from tdkt.demo.workforce import Workforce
from tdkt.demo.years import Years
from tdkt.organisations.enums import GroupKind, GroupRole

DEFAULT_SEED = 2017
DEMO_PASSWORD = "tdkt-demo"  # for the demo only; never on a real installation

GROUPS = (
    ("wards", GroupKind.CLUSTER, "Cụm thi đua các phường"),
    ("offices", GroupKind.BLOCK, "Khối thi đua các cơ quan chuyên môn thuộc UBND quận"),
    ("schools", GroupKind.BLOCK, "Khối thi đua các trường học"),
    ("enterprises", GroupKind.BLOCK, "Khối thi đua các doanh nghiệp"),
)
GROUP_YEARS = (2017, 2018)

USERS = (
    # The secretariat is tied to no unit: it sees the whole tree, the 2025 wards included.
    UserRow("thuky", Role.SECRETARIAT, None, "Nguyễn Thị Thu Hà",
            "Chuyên viên Phòng Nội vụ quận Cẩm Lệ, thư ký Hội đồng Thi đua – Khen thưởng quận",
            "Thư ký Hội đồng Thi đua – Khen thưởng (Phòng Nội vụ quận Cẩm Lệ)"),
    UserRow("canbo.khuetrung", Role.UNIT_OFFICER, "cam-le-khue-trung", "Trần Văn Bình",
            "Công chức Văn phòng – Thống kê phường Khuê Trung",
            "Cán bộ thi đua đơn vị (Phường Khuê Trung)"),
    UserRow("canbo.hoaxuan", Role.UNIT_OFFICER, "cam-le-hoa-xuan", "Lê Thị Mỹ Duyên",
            "Công chức Văn phòng – Thống kê phường Hòa Xuân",
            "Cán bộ thi đua đơn vị (Phường Hòa Xuân)"),
    UserRow("hoidong", Role.COUNCIL_MEMBER, "cam-le", "Phạm Quang Vinh",
            "Trưởng phòng Nội vụ, Phó Chủ tịch Hội đồng Thi đua – Khen thưởng quận",
            "Thành viên Hội đồng Thi đua – Khen thưởng (Quận Cẩm Lệ)"),
    UserRow("chutich", Role.SIGNER, "cam-le", "Huỳnh Đức Thịnh", "Chủ tịch UBND quận Cẩm Lệ",
            "Người ký quyết định – Chủ tịch UBND quận (Quận Cẩm Lệ)"),
    UserRow("lanhdao", Role.LEADER, "cam-le", "Võ Ngọc Lan", "Phó Chủ tịch UBND quận Cẩm Lệ",
            "Lãnh đạo xem số liệu (Quận Cẩm Lệ)"),
    UserRow("quantri", Role.ADMINISTRATOR, None, "Quản trị hệ thống", "Quản trị hệ thống",
            "Quản trị hệ thống (toàn bộ dữ liệu)", is_superuser=True),
)  # fmt: skip


def generate(seed: int = DEFAULT_SEED) -> Dataset:
    rng = random.Random(seed)
    units = build_units()
    dataset = Dataset(seed=seed, units=units, successions=build_successions())

    workforce = Workforce(rng, units)
    workforce.run()
    dataset.people = workforce.person_rows()
    dataset.periods = workforce.period_rows()

    years = Years(rng, workforce, units)
    years.build()

    register = Register(rng, units, dataset.people, years)
    for year in CLOSED_YEARS:
        register.grant_year(TARGETS[year])
        if year == 2016:
            target = TARGETS[year]
            index = AWARD_ORDER.index("giay_khen_ct_huyen")
            register.revoke_duplicates(
                year, f"{target.first_number + index}/QĐ-UBND", target.decision_date
            )

    dataset.year_records = years.year_rows()
    dataset.disciplines = sorted(years.disciplines, key=lambda d: (d.year, d.person))
    dataset.unit_years = years.unit_year_rows()
    dataset.awards = register.awards
    dataset.contributions = sorted(register.contributions, key=lambda c: (c.year, c.person))
    dataset.groups = build_groups(units)
    dataset.users = list(USERS)
    dataset.expected_counts = {year: TARGETS[year].counts() for year in CLOSED_YEARS}
    return dataset


def build_groups(units: list[UnitSpec]) -> list[GroupRow]:
    """Each group's head and deputy rotate yearly through its members."""
    ward_order = [f"cam-le-{code}" for code, *_rest in WARDS]
    groups: list[GroupRow] = []
    for year in GROUP_YEARS:
        for tag, kind, name in GROUPS:
            members = [unit.code for unit in units if unit.group == tag]
            if tag == "wards":
                members = ward_order
            turn = (year - 2017) % len(members)
            head, deputy = members[turn], members[(turn + 1) % len(members)]
            roles = tuple(
                (
                    code,
                    GroupRole.HEAD
                    if code == head
                    else GroupRole.DEPUTY
                    if code == deputy
                    else GroupRole.MEMBER,
                )
                for code in members
            )
            groups.append(GroupRow(year, kind, name, "cam-le", roles))
    return groups
