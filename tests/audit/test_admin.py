"""The admin shows the audit trail to a beheerder, never changes or deletes it, and shows it to no
other role."""

import pytest
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Role
from ruggensteun.audit.models import AuditEvent
from tests.accounts.factories import user_with_role, verified_login

pytestmark = pytest.mark.django_db


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
