"""Fixtures of the decisions tests: English messages, a signer of the district, more people in
the two wards, and a helper that drafts a decision through the service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import translation

from tdkt.accounts.enums import Role
from tdkt.accounts.models import User
from tdkt.common.enums import Gender
from tdkt.decisions.enums import CHAIR
from tdkt.decisions.models import Decision
from tdkt.decisions.services import LineInput, draft_decision

DECISION_DAY = dt.date(2018, 1, 16)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English (the msgids), whatever the .po file says, so that assertions
    compare exact text; test_translations.py proves the Vietnamese."""
    with translation.override("en"):
        yield


@pytest.fixture
def signer(tree: SimpleNamespace, user_factory: Callable[..., User]) -> User:
    """The district chair: signs the district's decisions."""
    return user_factory("chutich", Role.SIGNER, tree.district, full_name="Huỳnh Đức Thịnh")


@pytest.fixture
def ward_signer(tree: SimpleNamespace, user_factory: Callable[..., User]) -> User:
    """The chair of ward B: may not sign the district's decisions."""
    return user_factory("chutich_b", Role.SIGNER, tree.ward_b, full_name="Lê Văn Phúc")


@pytest.fixture
def staff(tree: SimpleNamespace, person_factory: Callable[..., Any]) -> SimpleNamespace:
    """Four more people, named so that Vietnamese order differs from code-point order."""
    return SimpleNamespace(
        an=person_factory(
            "Đặng Văn An", tree.ward_a, position="Chuyên viên", birth_date=dt.date(1990, 5, 1)
        ),
        uyen=person_factory(
            "Lê Thị Uyên",
            tree.ward_b,
            gender=Gender.FEMALE,
            position="Kế toán",
            birth_date=dt.date(1988, 2, 3),
        ),
        an_older=person_factory(
            "Đặng Văn An", tree.ward_b, position="Văn thư", birth_date=dt.date(1970, 1, 1)
        ),
        duc=person_factory("Dương Minh Đức", tree.ward_a, position="Công chức Tư pháp"),
    )


@pytest.fixture
def draft(tree: SimpleNamespace, secretariat_user: User) -> Callable[..., Decision]:
    """draft(award_code, recipients, **overrides): a draft decision of the district."""

    def _draft(award_code: str, recipients: list[Any], **fields: Any) -> Decision:
        from tdkt.people.models import Person

        achievement = fields.pop("achievement", "Hoàn thành tốt nhiệm vụ")
        lines = [
            LineInput(person=r, achievement=achievement)
            if isinstance(r, Person)
            else LineInput(unit=r, achievement=achievement)
            for r in recipients
        ]
        arguments: dict[str, Any] = {
            "issuer": tree.district,
            "award_code": award_code,
            "year": 2017,
            "decision_date": DECISION_DAY,
            "signer_name": "Huỳnh Đức Thịnh",
            "signer_title": CHAIR,
            "lines": lines,
            "actor": secretariat_user,
        }
        arguments.update(fields)
        return draft_decision(**arguments)

    return _draft
