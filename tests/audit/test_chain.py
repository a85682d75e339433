"""Audit events form a hash chain, so a row changed or removed behind the app's back shows."""

from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ruggensteun.accounts.models import Role
from ruggensteun.audit.chain import event_hash
from ruggensteun.audit.models import AuditEvent
from ruggensteun.audit.services import audit_record
from tests.accounts.factories import user_with_role

pytestmark = pytest.mark.django_db

APPEND_ONLY = "SELECT RAISE(ABORT, 'audit events are append-only')"
SQLITE_GUARDS = {
    "audit_no_update": f"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_auditevent "
    f"BEGIN {APPEND_ONLY}; END",
    "audit_no_delete": f"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_auditevent "
    f"BEGIN {APPEND_ONLY}; END",
}


@contextmanager
def guards_lifted() -> Iterator[None]:
    """What an attacker with the table owner's rights can do: lift the triggers, then restore."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in SQLITE_GUARDS:
                cursor.execute(f"DROP TRIGGER {name}")
        else:
            # PostgreSQL alters no table with deferred foreign-key checks pending: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_no_update_delete")
        yield
        if connection.vendor == "sqlite":
            for statement in SQLITE_GUARDS.values():
                cursor.execute(statement)
        else:
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_no_update_delete")


def _verify() -> str:
    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


@pytest.fixture
def three_events() -> list[AuditEvent]:
    actor = user_with_role(Role.BEHEERDER)
    return [
        audit_record(actor=actor, action="test.first", area_code="GM0479", after={"n": 1}),
        audit_record(
            actor=None, action="test.second", before={"b": [1, 2.5, "é"]}, after={"a": None}
        ),
        audit_record(actor=actor, action="test.third", obj=actor, after={"large": 1e16}),
    ]


@pytest.mark.issue(12)
def test_each_event_links_to_the_one_before(three_events: list[AuditEvent]) -> None:
    first, second, third = (AuditEvent.objects.get(pk=event.pk) for event in three_events)
    assert second.previous_hash == first.hash and third.previous_hash == second.hash
    assert all(len(event.hash) == 64 for event in (first, second, third))
    # What the database gives back hashes to what was stored (microseconds and JSON included).
    assert event_hash(third) == third.hash == three_events[2].hash
    assert third.at == three_events[2].at


@pytest.mark.issue(12)
def test_a_clean_chain_verifies(three_events: list[AuditEvent]) -> None:
    intact, last = _verify().splitlines()
    assert intact == f"audittrail intact: {AuditEvent.objects.count()} gebeurtenissen"
    assert last == f"laatste hash: {three_events[2].hash}"


@pytest.mark.issue(12)
def test_a_changed_row_is_found_by_its_id(three_events: list[AuditEvent]) -> None:
    second = three_events[1]
    with guards_lifted(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET after = %s WHERE id = %s", ['{"a": "vervalst"}', second.pk]
        )
    with pytest.raises(CommandError, match=f"gebeurtenis {second.pk}\\b"):
        _verify()


@pytest.mark.issue(12)
def test_a_removed_row_is_found_by_the_id_after_the_gap(three_events: list[AuditEvent]) -> None:
    second, third = three_events[1], three_events[2]
    with guards_lifted(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [second.pk])
    with pytest.raises(CommandError, match=f"gebeurtenis {third.pk}\\b"):
        _verify()


@pytest.mark.issue(12)
def test_a_rehashed_row_breaks_the_link_of_the_next(three_events: list[AuditEvent]) -> None:
    """Recomputing a forged row's own hash is not enough: the next row points at the old one."""
    second, third = three_events[1], three_events[2]
    forged = AuditEvent.objects.get(pk=second.pk)
    forged.after = {"a": "vervalst"}
    with guards_lifted(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET after = %s, hash = %s WHERE id = %s",
            ['{"a": "vervalst"}', event_hash(forged), second.pk],
        )
    with pytest.raises(CommandError, match=f"gebeurtenis {third.pk}\\b"):
        _verify()
