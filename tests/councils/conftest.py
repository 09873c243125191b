"""The councils tests reuse the nominations tests' 2018 round (tests/nominations/round2018.py)
and add the district council: seven members, the chair, a vice-chair, the secretary."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "nominations"))

from round2018 import (  # noqa: F401
    _catalogue_dir,
    appraised,
    frozen_today,
    round2018,
    vietnamese_messages,
)

from tdkt.accounts.enums import Role
from tdkt.councils import services
from tdkt.councils.enums import MemberRole
from tdkt.councils.models import Council


@pytest.fixture
def council(tree: SimpleNamespace, secretariat_user: Any, user_factory: Any) -> Council:
    """Hội đồng Thi đua - Khen thưởng quận Cẩm Lệ: 7 members (quorum 2/3 = 5)."""
    council = services.create_council(
        name="Hội đồng Thi đua - Khen thưởng quận Cẩm Lệ",
        unit=tree.district,
        actor=secretariat_user,
    )
    chair = user_factory("chutich", Role.SIGNER, tree.district, full_name="Huỳnh Đức Thịnh")
    services.add_member(
        council,
        user=chair,
        role=MemberRole.CHAIR,
        title="Chủ tịch UBND quận – Chủ tịch Hội đồng",
        actor=secretariat_user,
    )
    services.add_member(
        council,
        user=secretariat_user,
        role=MemberRole.SECRETARY,
        title="Chuyên viên Phòng Nội vụ – Thư ký Hội đồng",
        actor=secretariat_user,
    )
    for index in range(5):
        user = user_factory(
            f"uyvien{index}",
            Role.COUNCIL_MEMBER,
            tree.district,
            full_name=f"Ủy viên Số {index + 1}",
        )
        services.add_member(
            council,
            user=user,
            role=MemberRole.VICE_CHAIR if index == 0 else MemberRole.MEMBER,
            title="Ủy viên Hội đồng",
            actor=secretariat_user,
        )
    return council
