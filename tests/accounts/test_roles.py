"""Granting and revoking roles: validated, audited, and staff status follows the roles."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.urls import reverse

from ruggensteun.accounts.models import Role, RoleAssignment, User
from ruggensteun.accounts.services import RoleError, role_assign, role_revoke
from ruggensteun.audit.models import AuditEvent
from tests.accounts.factories import UserFactory, user_with_role, verified_login

pytestmark = pytest.mark.django_db


def test_assigning_a_role_is_audited_with_actor_and_scope() -> None:
    beheerder = user_with_role(Role.BEHEERDER)
    user = UserFactory(email="wijkagent@example.org")
    assignment = role_assign(
        actor=beheerder, user=user, role=Role.PROFESSIONAL, area_code="wk047912"
    )
    assert assignment.area_code == "WK047912"
    event = AuditEvent.objects.get(action="role.assign", object_id=str(assignment.pk))
    assert event.actor == beheerder and event.actor_label == beheerder.email
    assert event.area_code == "WK047912"
    assert event.after == {
        "user": "wijkagent@example.org",
        "role": "professional",
        "area_code": "WK047912",
        "organisation": None,
    }


def test_revoking_a_role_is_audited_and_staff_status_follows() -> None:
    beheerder = user_with_role(Role.BEHEERDER)
    user = UserFactory()
    assignment = role_assign(actor=beheerder, user=user, role=Role.PROGRAMMATEAM)
    user.refresh_from_db()
    assert user.is_staff
    role_revoke(actor=beheerder, assignment=assignment)
    user.refresh_from_db()
    assert not user.is_staff
    event = AuditEvent.objects.get(action="role.revoke")
    assert event.before == {"user": user.email, "role": "programmateam", "area_code": ""}
    assert not RoleAssignment.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    ("role", "area", "message"),
    [
        (Role.PROGRAMMATEAM, "GM0479", "geldt landelijk"),
        (Role.PROFESSIONAL, "", "geldt voor een gebied"),
        (Role.PROFESSIONAL, "Poelenburg", "geldt voor een gebied"),
        (Role.ANALIST, "GM9999", "bestaat niet"),
    ],
)
def test_scopes_are_checked(role: str, area: str, message: str) -> None:
    with pytest.raises(RoleError, match=message):
        role_assign(actor=None, user=UserFactory(), role=role, area_code=area)
    assert not AuditEvent.objects.exists()


def test_only_a_beheerder_assigns_roles_and_nothing_is_written_otherwise() -> None:
    analyst = user_with_role(Role.ANALIST, "GM0479")
    events = AuditEvent.objects.count()
    with pytest.raises(RoleError, match="Alleen een beheerder"):
        role_assign(actor=analyst, user=UserFactory(), role=Role.ANALIST, area_code="GM0479")
    assert AuditEvent.objects.count() == events


def test_the_same_role_for_the_same_area_twice_is_refused() -> None:
    user = user_with_role(Role.ANALIST, "GM0479")
    with pytest.raises(RoleError, match="al"):
        role_assign(actor=None, user=user, role=Role.ANALIST, area_code="GM0479")


def test_a_beheerder_grants_a_role_in_the_admin_and_it_is_audited(client: Client) -> None:
    beheerder = user_with_role(Role.BEHEERDER)
    target = UserFactory()
    verified_login(client, beheerder)
    response = client.post(
        reverse("admin:accounts_roleassignment_add"),
        {"user": target.pk, "role": Role.ANALIST, "area_code": "GM0479", "organisation": ""},
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=target)
    assert (
        AuditEvent.objects.get(action="role.assign", object_id=str(assignment.pk)).actor
        == beheerder
    )
    bad = client.post(
        reverse("admin:accounts_roleassignment_add"),
        {"user": target.pk, "role": Role.FINANCIEN, "area_code": "GM0479", "organisation": ""},
    )
    assert bad.status_code == 200 and "geldt landelijk" in bad.content.decode()
    delete = reverse("admin:accounts_roleassignment_delete", args=[assignment.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert AuditEvent.objects.filter(action="role.revoke", object_id=str(assignment.pk)).exists()


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


def test_profile_shows_organisations_roles_and_areas(client: Client) -> None:
    from ruggensteun.accounts.models import OrganisationMembership
    from tests.accounts.factories import OrganisationFactory

    user = user_with_role(Role.PROFESSIONAL, "WK047912")
    role_assign(actor=None, user=user, role=Role.ANALIST, area_code="GM0479")
    OrganisationMembership.objects.create(
        user=user, organisation=OrganisationFactory(name="Wijkteam Poelenburg")
    )
    client.force_login(user)
    html = client.get(reverse("profile")).content.decode()
    assert "Wijkteam Poelenburg" in html
    assert "Wijk 12 Poelenburg" in html and "WK047912" in html
    assert "gemeentelijk analist" in html and "Zaanstad" in html
