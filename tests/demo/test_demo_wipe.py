"""`demo load --reset` wipes the domain tables but keeps the superusers an operator made."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tdkt.accounts.enums import Role
from tdkt.accounts.models import User
from tdkt.common.audit import record
from tdkt.common.models import AuditEntry
from tdkt.demo.loader import wipe
from tdkt.organisations.enums import UnitKind
from tdkt.organisations.models import Unit
from tdkt.people.models import Person

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_demo_load_refuses_a_production_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TDKT_PRODUCTION", "1")

    with pytest.raises(CommandError, match="TDKT_PRODUCTION"):
        call_command("demo", "load", "--reset")

    assert not Unit.objects.exists()


def test_wipe_keeps_operator_superusers_and_clears_the_rest() -> None:
    ward = Unit.objects.create(code="w", name="Phường Khuê Trung", kind=UnitKind.WARD)
    operator = User.objects.create_superuser("chu-may", password="x", unit=ward)
    officer = User.objects.create(username="canbo", role=Role.UNIT_OFFICER, unit=ward)
    person = Person.objects.create(full_name="Nguyễn Văn An", gender="nam")
    record(person, "people.person.created", actor=officer)

    wipe()

    assert list(User.objects.values_list("username", flat=True)) == ["chu-may"]
    operator.refresh_from_db()
    assert operator.unit is None
    assert not Unit.objects.exists()
    assert not Person.objects.exists()
    assert not AuditEntry.objects.exists()
