"""The database itself refuses to change or delete an audit entry (UPDATE/DELETE triggers on
PostgreSQL and SQLite), unless a maintenance transaction has put a row in
common_audit_maintenance (tdkt.common.security.audit_maintenance: a demo reset). The row is
removed before that transaction commits, so no other connection ever sees it."""

from django.db import migrations

TABLE = "common_auditentry"
FLAG = "common_audit_maintenance"

POSTGRES = [
    f"CREATE TABLE IF NOT EXISTS {FLAG} (reason varchar(200) NOT NULL DEFAULT '')",
    f"""
    CREATE OR REPLACE FUNCTION common_audit_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM {FLAG}) THEN
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit entries are append-only (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END;
    $$
    """,
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"""
    CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION common_audit_append_only()
    """,
]
POSTGRES_REVERSE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS common_audit_append_only()",
    f"DROP TABLE IF EXISTS {FLAG}",
]
SQLITE = [
    f"CREATE TABLE IF NOT EXISTS {FLAG} (reason varchar(200) NOT NULL DEFAULT '')",
    f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
    WHEN NOT EXISTS (SELECT 1 FROM {FLAG})
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only (UPDATE refused)'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
    WHEN NOT EXISTS (SELECT 1 FROM {FLAG})
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only (DELETE refused)'); END
    """,
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
    f"DROP TABLE IF EXISTS {FLAG}",
]


def _run(schema_editor, statements):  # type: ignore[no-untyped-def]
    for statement in statements:
        schema_editor.execute(statement, params=None)


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_REVERSE)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("common", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
