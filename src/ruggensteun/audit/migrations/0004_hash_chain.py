"""Chain audit events with a hash (see ruggensteun/audit/chain.py) and backfill existing rows.

The backfill has to write to the table, so the guards are lifted first and put back last. On
SQLite, adding or altering a column rebuilds the table and drops its triggers: the last step
re-creates every guard, so the guards are whole after this migration on both databases.
The hash function is copied here (not imported) so that this migration keeps computing what it
computed when it was written.
"""

import hashlib
import json
from datetime import UTC
from typing import Any

import django.utils.timezone
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

TABLE = "audit_auditevent"
MESSAGE = "audit events are append-only"
REFUSE = f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_no_update;",
    "DROP TRIGGER IF EXISTS audit_no_delete;",
    "DROP TRIGGER IF EXISTS audit_no_replace;",
]
SQLITE_BEFORE = [  # the guards of 0002 and 0003
    f"CREATE TRIGGER audit_no_update BEFORE UPDATE ON {TABLE} {REFUSE}",
    f"CREATE TRIGGER audit_no_delete BEFORE DELETE ON {TABLE} {REFUSE}",
    f"CREATE TRIGGER audit_no_replace BEFORE INSERT ON {TABLE} "
    f"WHEN EXISTS (SELECT 1 FROM {TABLE} WHERE id = NEW.id) {REFUSE}",
]
SQLITE_AFTER = [  # REPLACE may not meet the unique previous_hash either
    *SQLITE_BEFORE[:2],
    f"CREATE TRIGGER audit_no_replace BEFORE INSERT ON {TABLE} WHEN EXISTS "
    f"(SELECT 1 FROM {TABLE} WHERE id = NEW.id OR previous_hash = NEW.previous_hash) {REFUSE}",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS audit_no_update_delete ON {TABLE};",
    f"DROP TRIGGER IF EXISTS audit_no_truncate ON {TABLE};",
]
POSTGRES_CREATE = [  # audit_refuse_change() comes from 0002
    f"CREATE TRIGGER audit_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();",
    f"CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();",
]


def _run(schema_editor: BaseDatabaseSchemaEditor, statements: dict[str, list[str]]) -> None:
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def lift_guards(apps, schema_editor):  # type: ignore[no-untyped-def]
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


def restore_old_guards(apps, schema_editor):  # type: ignore[no-untyped-def]
    _run(schema_editor, {"sqlite": SQLITE_DROP + SQLITE_BEFORE, "postgresql": POSTGRES_CREATE})


def install_guards(apps, schema_editor):  # type: ignore[no-untyped-def]
    _run(schema_editor, {"sqlite": SQLITE_DROP + SQLITE_AFTER, "postgresql": POSTGRES_CREATE})


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _hash(event: Any) -> str:
    content = {
        "at": event.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "area_code": event.area_code,
        "before": _plain(event.before),
        "after": _plain(event.after),
        "previous_hash": event.previous_hash,
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Chain the existing events in id order, the order audit_verify walks them."""
    AuditEvent = apps.get_model("audit", "AuditEvent")
    previous = ""
    for event in AuditEvent.objects.order_by("pk").iterator(chunk_size=2000):
        event.previous_hash = previous
        previous = _hash(event)
        AuditEvent.objects.filter(pk=event.pk).update(previous_hash=event.previous_hash, hash=previous)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_replace_and_truncate_guards")]

    operations = [
        migrations.RunPython(lift_guards, restore_old_guards),
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(
                db_index=True,
                default=django.utils.timezone.now,
                editable=False,
                verbose_name="tijdstip",
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="previous_hash",
            field=models.CharField(
                blank=True, default="", editable=False, max_length=64, verbose_name="vorige hash"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="hash"),
            preserve_default=False,
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="previous_hash",
            field=models.CharField(
                blank=True, editable=False, max_length=64, unique=True, verbose_name="vorige hash"
            ),
        ),
        migrations.RunPython(install_guards, lift_guards),
    ]
