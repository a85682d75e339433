"""Audit events are added, never changed or deleted: the model and its queryset refuse it."""

import pytest

from ruggensteun.audit.models import AppendOnlyError, AuditEvent

pytestmark = pytest.mark.django_db


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
