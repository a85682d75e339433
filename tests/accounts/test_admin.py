"""The accounts admin (`accounts/admin.py`) goes through the audited services: roles (four eyes for
need-to-know), users and organisations; and no account takeover through it (issue 12, finding 4)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import (
    Organisation,
    OrganisationMembership,
    Role,
    RoleAssignment,
    RoleRequest,
    User,
)
from ruggensteun.audit.models import AuditEvent
from tests.accounts.factories import PASSWORD, UserFactory, user_with_role, verified_login

pytestmark = pytest.mark.django_db


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


@pytest.mark.issue(12)
def test_four_eyes_in_the_admin() -> None:
    first, second = user_with_role(Role.BEHEERDER), user_with_role(Role.BEHEERDER)
    target = UserFactory()
    one, two = Client(), Client()
    verified_login(one, first)
    verified_login(two, second)
    response = one.post(
        reverse("admin:accounts_roleassignment_add"),
        {"user": target.pk, "role": Role.ONDERMIJNING, "area_code": "GM0479", "organisation": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:accounts_rolerequest_changelist")
    assert not RoleAssignment.objects.filter(user=target).exists()
    request = RoleRequest.objects.get(user=target)
    changelist = reverse("admin:accounts_rolerequest_changelist")
    assert "wacht op een tweede beheerder" in one.get(changelist).content.decode()
    detail = reverse("admin:accounts_rolerequest_change", args=[request.pk])
    assert one.get(detail).status_code == 200
    assert one.post(detail, {"state": "approved"}).status_code == 403
    one.post(changelist, {"action": "approve", "_selected_action": [request.pk]})
    assert not RoleAssignment.objects.filter(user=target).exists()
    two.post(changelist, {"action": "approve", "_selected_action": [request.pk]})
    assert RoleAssignment.objects.get(user=target).role == Role.ONDERMIJNING
    # Giving yourself a role in the admin is refused with the reason.
    self_grant = one.post(
        reverse("admin:accounts_roleassignment_add"),
        {"user": first.pk, "role": Role.ANALIST, "area_code": "GM0479", "organisation": ""},
    )
    assert self_grant.status_code == 200 and "uzelf" in self_grant.content.decode()
    assert not RoleAssignment.objects.filter(user=first, role=Role.ANALIST).exists()


# An empty inline formset for the read-only role lines on the user change page.
NO_ROLE_LINES = {
    "role_assignments-TOTAL_FORMS": "0",
    "role_assignments-INITIAL_FORMS": "0",
    "role_assignments-MIN_NUM_FORMS": "0",
    "role_assignments-MAX_NUM_FORMS": "1000",
}


def beheerder_client() -> tuple[Client, User]:
    client = Client()
    beheerder = user_with_role(Role.BEHEERDER)
    verified_login(client, beheerder)
    return client, beheerder


@pytest.mark.issue(12)
def test_a_beheerder_cannot_set_another_users_password() -> None:
    client, _ = beheerder_client()
    target = UserFactory()
    url = reverse("admin:auth_user_password_change", args=[target.pk])
    assert client.get(url).status_code in {403, 404}
    client.post(url, {"password1": "Overgenomen-2026!", "password2": "Overgenomen-2026!"})
    target.refresh_from_db()
    assert target.check_password(PASSWORD)


@pytest.mark.issue(12)
def test_a_beheerder_cannot_change_an_email_address_in_the_admin() -> None:
    client, _ = beheerder_client()
    target = UserFactory(email="eigen@example.org")
    page = client.get(reverse("admin:accounts_user_change", args=[target.pk]))
    assert page.status_code == 200 and 'name="first_name"' in page.content.decode()
    assert 'name="email"' not in page.content.decode()
    assert "/password/" not in page.content.decode()
    client.post(
        reverse("admin:accounts_user_change", args=[target.pk]),
        {"email": "aanvaller@example.org", "first_name": "", "last_name": "", "is_active": "on"}
        | NO_ROLE_LINES,
    )
    target.refresh_from_db()
    assert target.email == "eigen@example.org"


@pytest.mark.issue(12)
def test_a_beheerder_cannot_edit_a_superuser() -> None:
    client, _ = beheerder_client()
    chief = User.objects.create_superuser("chef@example.org", PASSWORD)
    page = client.get(reverse("admin:accounts_user_change", args=[chief.pk]))
    assert page.status_code == 200 and 'name="first_name"' not in page.content.decode()
    response = client.post(
        reverse("admin:accounts_user_change", args=[chief.pk]),
        {"email": "chef@example.org", "first_name": "Overgenomen", "last_name": ""} | NO_ROLE_LINES,
    )
    chief.refresh_from_db()
    assert response.status_code == 403
    assert chief.first_name == "" and chief.is_active


@pytest.mark.issue(12)
def test_user_edits_in_the_admin_are_audited_with_before_and_after() -> None:
    client, beheerder = beheerder_client()
    target = UserFactory(email="doel@example.org", first_name="Ans")
    response = client.post(
        reverse("admin:accounts_user_change", args=[target.pk]),
        {"first_name": "Anna", "last_name": ""} | NO_ROLE_LINES,  # is_active unticked
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.first_name == "Anna" and not target.is_active
    event = AuditEvent.objects.get(action="user.deactivate", object_id=str(target.pk))
    assert event.actor == beheerder
    assert event.before == {"first_name": "Ans", "is_active": True}
    assert event.after == {"first_name": "Anna", "is_active": False}


@pytest.mark.issue(12)
def test_a_user_created_in_the_admin_gets_a_reset_mail_and_no_password() -> None:
    client, beheerder = beheerder_client()
    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "Nieuw@Example.org", "first_name": "Nieuwe", "last_name": "Collega"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert not user.has_usable_password()
    assert [message.to for message in mail.outbox] == [["nieuw@example.org"]]
    assert "/wachtwoord-herstellen/" in mail.outbox[0].body
    event = AuditEvent.objects.get(action="user.create", object_id=str(user.pk))
    assert event.actor == beheerder and event.after["email"] == "nieuw@example.org"


@pytest.mark.issue(12)
def test_the_admin_sends_a_password_reset_mail_and_audits_it() -> None:
    client, beheerder = beheerder_client()
    target = UserFactory(email="vergeten@example.org")
    chief = User.objects.create_superuser("chef@example.org", PASSWORD)
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "password_reset_send", "_selected_action": [target.pk, chief.pk]},
    )
    assert [message.to for message in mail.outbox] == [["vergeten@example.org"]]
    event = AuditEvent.objects.get(action="user.password_reset_send")
    assert event.actor == beheerder and event.object_id == str(target.pk)
    target.refresh_from_db()
    assert target.check_password(PASSWORD)  # the mail changes nothing until the user acts


@pytest.mark.issue(12)
def test_organisation_and_membership_changes_in_the_admin_are_audited() -> None:
    client, beheerder = beheerder_client()
    member = UserFactory(email="lid@example.org")
    empty = {
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    client.post(
        reverse("admin:accounts_organisation_add"),
        {"name": "Wijkteam Oost", "type": "welzijn", "municipality_code": "GM0479"}
        | empty
        | {"memberships-0-user": member.pk, "memberships-0-function": "wijkcoach"},
    )
    organisation = Organisation.objects.get(name="Wijkteam Oost")
    membership = OrganisationMembership.objects.get(organisation=organisation)
    created = AuditEvent.objects.get(action="organisation.create")
    assert created.actor == beheerder and created.after["name"] == "Wijkteam Oost"
    added = AuditEvent.objects.get(action="membership.add")
    assert added.after == {
        "user": "lid@example.org",
        "organisation": "Wijkteam Oost",
        "function": "wijkcoach",
    }
    client.post(
        reverse("admin:accounts_organisation_change", args=[organisation.pk]),
        {"name": "Wijkteam Zaandam Oost", "type": "welzijn", "municipality_code": "GM0479"}
        | empty
        | {
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": membership.pk,
            "memberships-0-organisation": organisation.pk,
            "memberships-0-user": member.pk,
            "memberships-0-function": "wijkcoach",
            "memberships-0-DELETE": "on",
        },
    )
    changed = AuditEvent.objects.get(action="organisation.change")
    assert changed.before == {"name": "Wijkteam Oost"}
    assert changed.after == {"name": "Wijkteam Zaandam Oost"}
    assert AuditEvent.objects.filter(action="membership.remove").count() == 1
    assert not OrganisationMembership.objects.exists()
