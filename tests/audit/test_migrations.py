"""The database guards that the migrations install (docs/audit.md) refuse every way to change or
delete an audit event: UPDATE, DELETE, REPLACE INTO and TRUNCATE; ordinary inserts still work."""

import pytest
from django.db import DatabaseError, connection, transaction

from ruggensteun.audit.models import AuditEvent
from ruggensteun.audit.selectors import audit_guards_missing
from ruggensteun.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_auditevent SET action = 'changed'", "DELETE FROM audit_auditevent"],
)
def test_the_database_refuses_raw_changes(event: AuditEvent, statement: str) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


COLUMNS = "(id, at, actor_label, action, object_type, object_id, object_repr, area_code)"


def _replace_into(event_id: int) -> str:
    return (
        f"REPLACE INTO audit_auditevent {COLUMNS} "
        f"VALUES ({event_id}, '2020-01-01 00:00:00', 'x', 'rewritten', '', '', '', '')"
    )


@pytest.mark.issue(12)
def test_sqlite_refuses_replace_into_an_existing_row() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("REPLACE INTO is SQLite's")
    event = audit_record(actor=None, action="test.event")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(_replace_into(event.pk))
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


@pytest.mark.issue(12)
def test_postgresql_refuses_truncate() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the TRUNCATE guard is PostgreSQL's")
    event = audit_record(actor=None, action="test.event")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # Fire the deferred foreign-key checks now: TRUNCATE refuses to run while they pend.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


def test_ordinary_inserts_still_work_next_to_the_guards() -> None:
    before = AuditEvent.objects.count()
    audit_record(actor=None, action="test.one")
    audit_record(actor=None, action="test.two")
    assert AuditEvent.objects.count() == before + 2


@pytest.mark.issue(12)
def test_every_guard_is_in_place_after_the_migrations() -> None:
    """Rebuilding the table on SQLite (as AddField does) silently drops its triggers."""
    assert audit_guards_missing() == []
