"""Fixtures every test folder may use: factories, a small unit tree with people and awards, and
one user per role (as healthchecks' alice/bob/charlie), so permission tests read like a matrix.

The tree (`tree` fixture):

    Thành phố Đà Nẵng (province)
    └── Quận Cẩm Lệ (district)
        ├── Phường Hòa Thọ Đông (ward A)  ── Tổ dân phố 5 (neighbourhood under ward A)
        └── Phường Khuê Trung (ward B)

Ward A has Nguyễn Thị Ánh (frontline civil servant), ward B has Trần Văn Bình; each has an
advanced-worker title for 2024, each ward an advanced-collective title for 2024.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings

from tdkt.accounts.enums import Role
from tdkt.accounts.models import User
from tdkt.awards.models import AwardRecord
from tdkt.common.enums import Gender
from tdkt.organisations.enums import UnitKind
from tdkt.organisations.models import Unit
from tdkt.people.enums import Category
from tdkt.people.models import Person, ServicePeriod

PASSWORD = "mat-khau-thu-nghiem-2025"

# WhiteNoise warns (an error under filterwarnings) when STATIC_ROOT is missing, as it is in a
# fresh checkout; the folder is under the throw-away data directory.
Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
_serial = itertools.count(1)


def make_unit(
    name: str, kind: str = UnitKind.WARD, parent: Unit | None = None, **fields: Any
) -> Unit:
    fields.setdefault("code", f"u{next(_serial)}")
    return Unit.objects.create(name=name, kind=kind, parent=parent, **fields)


def make_person(
    full_name: str,
    unit: Unit | None = None,
    *,
    gender: str = Gender.MALE,
    position: str = "Chuyên viên",
    category: str = Category.CIVIL_SERVANT,
    start_on: dt.date = dt.date(2015, 1, 1),
    end_on: dt.date | None = None,
    is_frontline: bool = False,
    **fields: Any,
) -> Person:
    person = Person.objects.create(full_name=full_name, gender=gender, **fields)
    if unit is not None:
        ServicePeriod.objects.create(
            person=person,
            unit=unit,
            position=position,
            category=category,
            start_on=start_on,
            end_on=end_on,
            is_frontline=is_frontline,
        )
    return person


def make_award(
    recipient: Person | Unit,
    award_code: str,
    year: int,
    *,
    decision_number: str | None = None,
    decision_date: dt.date | None = None,
    issuer: str = "Chủ tịch UBND quận Cẩm Lệ",
    **fields: Any,
) -> AwardRecord:
    target = {"person": recipient} if isinstance(recipient, Person) else {"unit": recipient}
    return AwardRecord.objects.create(
        award_code=award_code,
        year=year,
        decision_number=decision_number or f"{next(_serial)}/QĐ-UBND",
        decision_date=decision_date or dt.date(year + 1, 1, 15),
        issuer=issuer,
        **target,
        **fields,
    )


def make_user(username: str, role: str, unit: Unit | None = None, **fields: Any) -> User:
    user = User(
        username=username, role=role, unit=unit, full_name=fields.pop("full_name", username)
    )
    for key, value in fields.items():
        setattr(user, key, value)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: the database is rolled back between tests, so ids
    (and the fingerprints cached figures are keyed by) repeat."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def unit_factory() -> Callable[..., Unit]:
    return make_unit


@pytest.fixture
def person_factory() -> Callable[..., Person]:
    return make_person


@pytest.fixture
def award_factory() -> Callable[..., AwardRecord]:
    return make_award


@pytest.fixture
def user_factory() -> Callable[..., User]:
    return make_user


@pytest.fixture
def tree(db: Any) -> SimpleNamespace:
    province = make_unit("Thành phố Đà Nẵng", UnitKind.PROVINCE, code="da-nang")
    district = make_unit("Quận Cẩm Lệ", UnitKind.DISTRICT, province, code="cam-le")
    ward_a = make_unit("Phường Hòa Thọ Đông", UnitKind.WARD, district, code="hoa-tho-dong")
    ward_b = make_unit("Phường Khuê Trung", UnitKind.WARD, district, code="khue-trung")
    neighbourhood = make_unit(
        "Tổ dân phố 5", UnitKind.NEIGHBOURHOOD, ward_a, code="hoa-tho-dong-tdp5"
    )
    anh = make_person(
        "Nguyễn Thị Ánh",
        ward_a,
        gender=Gender.FEMALE,
        birth_date=dt.date(1985, 1, 5),
        citizen_id="048185000123",
        is_frontline=True,
        position="Công chức văn hóa – xã hội",
    )
    binh = make_person("Trần Văn Bình", ward_b, birth_date=dt.date(1980, 3, 2))
    return SimpleNamespace(
        province=province,
        district=district,
        ward_a=ward_a,
        ward_b=ward_b,
        neighbourhood=neighbourhood,
        anh=anh,
        binh=binh,
        anh_award=make_award(anh, "lao_dong_tien_tien", 2024, decision_number="12/QĐ-UBND"),
        binh_award=make_award(binh, "lao_dong_tien_tien", 2024, decision_number="13/QĐ-UBND"),
        ward_a_award=make_award(ward_a, "tap_the_ldtt", 2024, decision_number="14/QĐ-UBND"),
        ward_b_award=make_award(ward_b, "tap_the_ldtt", 2024, decision_number="15/QĐ-UBND"),
    )


@pytest.fixture
def secretariat_user(tree: SimpleNamespace) -> User:
    """The home-affairs office, not tied to a unit: sees the whole tree."""
    return make_user("thuky", Role.SECRETARIAT, full_name="Lê Thị Thư")


@pytest.fixture
def unit_officer(tree: SimpleNamespace) -> User:
    """The officer of ward A: sees ward A and the units under it, nothing else."""
    return make_user("canbo_a", Role.UNIT_OFFICER, tree.ward_a, full_name="Phạm Văn An")


@pytest.fixture
def other_ward_officer(tree: SimpleNamespace) -> User:
    """The officer of ward B."""
    return make_user("canbo_b", Role.UNIT_OFFICER, tree.ward_b, full_name="Hồ Thị Bích")


@pytest.fixture
def council_member(tree: SimpleNamespace) -> User:
    return make_user("hoidong", Role.COUNCIL_MEMBER, tree.district, full_name="Võ Văn Cường")


@pytest.fixture
def leader(tree: SimpleNamespace) -> User:
    return make_user("lanhdao", Role.LEADER, tree.district, full_name="Đặng Văn Dũng")


@pytest.fixture
def administrator(tree: SimpleNamespace) -> User:
    return make_user("quantri", Role.ADMINISTRATOR, full_name="Bùi Thị Em")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    """A transactional test ends with Django emptying every table, the audit trail included,
    which the database refuses outside a maintenance block (common migration 0002): open one
    around the teardown."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    transactional = (marker is not None and marker.kwargs.get("transaction", False)) or any(
        name in fixtures for name in ("transactional_db", "live_server")
    )
    if not transactional:
        return (yield)
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    from tdkt.common.security import AUDIT_MAINTENANCE_TABLE

    blocker = item.config.stash[blocking_manager_key]
    table = connection.ops.quote_name(AUDIT_MAINTENANCE_TABLE)
    with blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (reason) VALUES ('test teardown')")
    test_database = connection.settings_dict["NAME"]
    try:
        return (yield)
    finally:
        # After the last test the session's teardown has already dropped the test database.
        if connection.settings_dict["NAME"] == test_database:
            with blocker.unblock(), connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table}")
