"""Close the two ways around the append-only triggers of 0002.

SQLite: `REPLACE INTO` (or `INSERT OR REPLACE`) with an existing id deletes the old row without
firing the delete trigger (recursive_triggers is off), so an insert may not meet an existing id.
PostgreSQL: row triggers do not fire on TRUNCATE, so a statement trigger refuses it.
"""

from django.db import migrations

TABLE = "audit_auditevent"
MESSAGE = "audit events are append-only"

SQLITE = [
    f"CREATE TRIGGER audit_no_replace BEFORE INSERT ON {TABLE} "
    f"WHEN EXISTS (SELECT 1 FROM {TABLE} WHERE id = NEW.id) "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS audit_no_replace;"]

# audit_refuse_change() comes from 0002; it raises for row and statement triggers alike.
POSTGRES = [
    f"CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();",
]
POSTGRES_REVERSE = [f"DROP TRIGGER IF EXISTS audit_no_truncate ON {TABLE};"]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    reverse = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}
    for statement in reverse.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]
    operations = [migrations.RunPython(forwards, backwards)]
