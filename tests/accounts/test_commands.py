"""The accounts commands (`accounts/management/commands/`): the first beheerder, and demo logins
only in development."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from ruggensteun.accounts.models import Role, User
from ruggensteun.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_create_beheerder_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUGGENSTEUN_BEHEERDER_PASSWORD", "Zeer-Geheim-Wachtwoord-2026")
    call_command("create_beheerder", "Eerste@Example.org")
    user = User.objects.get(email="eerste@example.org")
    assert user.is_staff and user.check_password("Zeer-Geheim-Wachtwoord-2026")
    assert user.role_assignments.get().role == Role.BEHEERDER
    event = AuditEvent.objects.get(action="role.assign")
    assert event.actor is None and event.actor_label == "systeem"
    monkeypatch.setenv("RUGGENSTEUN_BEHEERDER_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("create_beheerder", "tweede@example.org")


@override_settings(DEBUG=False)
def test_demo_logins_are_refused_outside_development() -> None:
    with pytest.raises(CommandError, match="alleen aangemaakt met DEBUG=1"):
        call_command("demo_data")
    assert not User.objects.exists()
