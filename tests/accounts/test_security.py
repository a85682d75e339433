"""Issue 12: the admin login, account takeover through the user admin, Unicode tricks against the
login throttle, and the client address behind a trusted proxy."""

import pytest
from django.core import mail
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from ruggensteun.accounts.forms import client_ip
from ruggensteun.accounts.models import (
    LoginAttempt,
    Organisation,
    OrganisationMembership,
    Role,
    User,
)
from ruggensteun.accounts.services import login_throttled, normalise_email
from ruggensteun.audit.models import AuditEvent
from tests.accounts.factories import (
    PASSWORD,
    UserFactory,
    user_with_role,
    verified_login,
)

pytestmark = pytest.mark.django_db

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


# --- finding 2: the admin login ----------------------------------------------------------------


@pytest.mark.issue(12)
def test_the_admin_login_never_authenticates_and_cannot_bypass_the_throttle() -> None:
    user_with_role(Role.BEHEERDER, email="beheer@example.org")
    client = Client()
    for _ in range(30):
        client.post("/beheer/login/", {"username": "beheer@example.org", "password": "fout"})
    right = client.post(
        "/beheer/login/?next=/beheer/", {"username": "beheer@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert right.status_code == 302 and right["Location"] == "/inloggen/?next=/beheer/"
    # The only login is the throttled one.
    for _ in range(5):
        client.post("/inloggen/", {"username": "beheer@example.org", "password": "fout"})
    page = client.post("/inloggen/", {"username": "beheer@example.org", "password": PASSWORD})
    assert "Te veel mislukte inlogpogingen" in page.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    ("asked", "kept"),
    [
        ("/beheer/accounts/user/", "/inloggen/?next=/beheer/accounts/user/"),
        ("https://aanvaller.example/", "/inloggen/?next=/beheer/"),
        ("//aanvaller.example/beheer/", "/inloggen/?next=/beheer/"),
    ],
)
def test_the_admin_login_sends_to_the_login_page_with_a_safe_next(asked: str, kept: str) -> None:
    response = Client().get("/beheer/login/", {"next": asked})
    assert response.status_code == 302 and response["Location"] == kept


# --- finding 4: no account takeover through the user admin ----------------------------------------


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


# --- finding 7: Unicode tricks and the throttle ---------------------------------------------


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("ｆinancien@Example.ORG", "financien@example.org"),
        ("  ANALIST@example.org\t", "analist@example.org"),
        ("Straße@example.org", "strasse@example.org"),
        ("ｂｅｈｅｅｒ＠example.org", "beheer@example.org"),
        ("fin\u200bancien@example.org", "financien@example.org"),
        ("financien@example.org\x00", "financien@example.org"),
    ],
)
def test_email_addresses_are_normalised_one_way(typed: str, normalised: str) -> None:
    assert normalise_email(typed) == normalised


@pytest.mark.issue(12)
def test_a_full_width_letter_does_not_give_a_fresh_throttle_budget() -> None:
    User.objects.create_user("financien@example.org", PASSWORD)
    client = Client()
    for _ in range(5):
        client.post("/inloggen/", {"username": "financien@example.org", "password": "fout"})
    page = client.post("/inloggen/", {"username": "ｆinancien@example.org", "password": PASSWORD})
    assert "Te veel mislukte inlogpogingen" in page.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.issue(12)
def test_the_account_throttle_is_also_keyed_on_the_user() -> None:
    user = User.objects.create_user("financien@example.org", PASSWORD)
    client = Client()
    for _ in range(5):
        client.post("/inloggen/", {"username": "ｆｉnancien@example.org", "password": "fout"})
    assert LoginAttempt.objects.filter(user=user).count() == 5
    # Stored before normalisation existed (mixed case): the attempts still count for the account.
    User.objects.filter(pk=user.pk).update(email="Financien@example.org")
    assert login_throttled(email="financien@example.org", ip_address=None)


# --- finding 16: the client address behind a trusted proxy ----------------------------------


def request_from(remote: str, forwarded: str | None = None):  # type: ignore[no-untyped-def]
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.issue(12)
@override_settings(TRUSTED_PROXIES=["10.0.0.1", "10.0.0.2"])
@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        ("10.0.0.1", "203.0.113.7", "203.0.113.7"),
        # The client may send its own header: only the right-most untrusted entry counts.
        ("10.0.0.1", "1.2.3.4, 203.0.113.7", "203.0.113.7"),
        ("10.0.0.1", "198.51.100.9, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        ("10.0.0.1", "2001:db8::5", "2001:db8::5"),
        # Malformed values are never believed.
        ("10.0.0.1", "niet-een-adres", "10.0.0.1"),
        ("10.0.0.1", "1.2.3.4, <script>", "10.0.0.1"),
        ("10.0.0.1", "", "10.0.0.1"),
        # Not from a trusted proxy: the header is ignored.
        ("192.0.2.50", "203.0.113.7", "192.0.2.50"),
    ],
)
def test_the_client_address_behind_a_trusted_proxy(
    remote: str, forwarded: str, client: str
) -> None:
    assert client_ip(request_from(remote, forwarded)) == client


@pytest.mark.issue(12)
def test_without_trusted_proxies_forwarded_headers_are_ignored() -> None:
    assert client_ip(request_from("192.0.2.50", "203.0.113.7")) == "192.0.2.50"
    assert client_ip(request_from("bogus")) is None


@pytest.mark.issue(12)
@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
def test_one_guesser_behind_the_proxy_does_not_lock_out_everyone() -> None:
    guesser = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    for number in range(20):
        guesser.post("/inloggen/", {"username": f"gok{number}@example.org", "password": "x"})
    User.objects.create_user("echt@example.org", PASSWORD)
    colleague = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4")
    response = colleague.post("/inloggen/", {"username": "echt@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert LoginAttempt.objects.filter(ip_address="203.0.113.7").count() == 20
