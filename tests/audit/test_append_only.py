"""Audit events are added, never changed or deleted: not by ORM, raw SQL or the admin."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Role
from ruggensteun.audit.models import AppendOnlyError, AuditEvent
from ruggensteun.audit.services import audit_record
from tests.accounts.factories import user_with_role, verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def event() -> AuditEvent:
    return audit_record(actor=None, action="test.event", area_code="GM0479", after={"x": 1})


def test_the_orm_refuses_changes_and_deletes(event: AuditEvent) -> None:
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="changed")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


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


def test_the_admin_shows_but_never_changes_or_deletes(client: Client, event: AuditEvent) -> None:
    verified_login(client, user_with_role(Role.BEHEERDER))
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    change_url = reverse("admin:audit_auditevent_change", args=[event.pk])
    page = client.get(change_url)
    assert page.status_code == 200 and 'name="action"' not in page.content.decode()
    assert client.post(change_url, {"action": "changed"}).status_code == 403
    delete_url = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


def test_other_roles_cannot_read_the_trail(client: Client, event: AuditEvent) -> None:
    verified_login(client, user_with_role(Role.PROGRAMMATEAM))
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 403
