"""Database guards that keep the ledger append-only, as audit/ does for its events (audit
migrations 0002 and 0003): UPDATE and DELETE are refused on SQLite and PostgreSQL, REPLACE INTO
an existing id on SQLite, TRUNCATE on PostgreSQL. A mistake is undone by a reversal entry."""

from django.db import migrations

TABLE = "seedfund_ledgerentry"
MESSAGE = "ledger entries are append-only"

SQLITE = [
    f"CREATE TRIGGER seedfund_ledger_no_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
    f"CREATE TRIGGER seedfund_ledger_no_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
    # REPLACE INTO deletes the old row without firing the delete trigger.
    f"CREATE TRIGGER seedfund_ledger_no_replace BEFORE INSERT ON {TABLE} "
    f"WHEN EXISTS (SELECT 1 FROM {TABLE} WHERE id = NEW.id) "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS seedfund_ledger_no_update;",
    "DROP TRIGGER IF EXISTS seedfund_ledger_no_delete;",
    "DROP TRIGGER IF EXISTS seedfund_ledger_no_replace;",
]

POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION seedfund_ledger_refuse_change() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql;""",
    f"CREATE TRIGGER seedfund_ledger_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION seedfund_ledger_refuse_change();",
    # Row triggers do not fire on TRUNCATE.
    f"CREATE TRIGGER seedfund_ledger_no_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION seedfund_ledger_refuse_change();",
]
POSTGRES_REVERSE = [
    f"DROP TRIGGER IF EXISTS seedfund_ledger_no_truncate ON {TABLE};",
    f"DROP TRIGGER IF EXISTS seedfund_ledger_no_update_delete ON {TABLE};",
    "DROP FUNCTION IF EXISTS seedfund_ledger_refuse_change();",
]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    reverse = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}
    for statement in reverse.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("seedfund", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
