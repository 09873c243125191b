"""No code path changes or deletes an audit entry, and the database itself refuses it (raw SQL
included) on SQLite and PostgreSQL alike; only a maintenance block may clear the trail."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from tdkt.common.audit import record
from tdkt.common.models import AuditEntry
from tdkt.common.security import AUDIT_MAINTENANCE_TABLE, audit_maintenance

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(tree, unit_officer):  # type: ignore[no-untyped-def]
    return record(tree.anh, "people.person.changed", actor=unit_officer, data={"x": [1, 2]})


def _raw(sql: str, params: list[object]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_raw_sql_update_is_refused_by_the_database(entry):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("UPDATE common_auditentry SET action = %s WHERE id = %s", ["forged", entry.pk])

    entry.refresh_from_db()
    assert entry.action == "people.person.changed"


def test_raw_sql_delete_is_refused_by_the_database(entry):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("DELETE FROM common_auditentry WHERE id = %s", [entry.pk])

    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_orm_update_delete_and_save_are_refused(entry):
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="forged")
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(PermissionError):
        entry.delete()
    entry.action = "forged"
    with pytest.raises(PermissionError):
        entry.save()


def test_maintenance_block_may_clear_and_leaves_no_permission_behind(entry):
    with audit_maintenance("test"), connection.cursor() as cursor:
        cursor.execute("DELETE FROM common_auditentry WHERE id = %s", [entry.pk])

    assert not AuditEntry.objects.filter(pk=entry.pk).exists()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {AUDIT_MAINTENANCE_TABLE}")
        assert cursor.fetchone()[0] == 0
    other = record(entry_object(), "x.y.z")
    with pytest.raises(DatabaseError):
        _raw("DELETE FROM common_auditentry WHERE id = %s", [other.pk])


def entry_object():  # type: ignore[no-untyped-def]
    from tdkt.organisations.models import Unit

    return Unit.objects.first()


def test_triggers_are_installed_for_this_database():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'common_auditentry'::regclass"
                " AND NOT tgisinternal"
            )
            names = {row[0] for row in cursor.fetchall()}
            assert names == {"common_auditentry_append_only"}
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                " AND tbl_name = 'common_auditentry'"
            )
            names = {row[0] for row in cursor.fetchall()}
            assert names == {"common_auditentry_no_update", "common_auditentry_no_delete"}
