"""Logging in with an e-mail address (`accounts/services/login.py` and the login pages): throttled
per account and per client address, also through the admin login, against Unicode tricks and
behind a trusted proxy (issue 12, findings 2, 7 and 16); password reset and logout."""

import pytest
from django.test import Client, override_settings

from ruggensteun.accounts.models import LoginAttempt, Role, User
from ruggensteun.accounts.services import login_throttled
from tests.accounts.factories import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db


def test_users_log_in_with_their_email_address(client: Client) -> None:
    User.objects.create_user("Analist@Example.org", "een-lang-wachtwoord")
    response = client.post(
        "/inloggen/", {"username": " ANALIST@example.org", "password": "een-lang-wachtwoord"}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").context["user"].email == "analist@example.org"


def test_a_wrong_password_is_refused_in_dutch(client: Client) -> None:
    User.objects.create_user("analist@example.org", "een-lang-wachtwoord")
    response = client.post("/inloggen/", {"username": "analist@example.org", "password": "fout"})
    assert response.status_code == 200
    assert "Voer een juiste e-mailadres en wachtwoord in" in response.content.decode()


@pytest.mark.production_hashers
def test_passwords_are_hashed_with_argon2() -> None:
    user = User.objects.create_user("a@example.org", "een-lang-wachtwoord")
    assert user.password.startswith("argon2$")


def test_five_failed_logins_throttle_even_the_right_password(client: Client) -> None:
    User.objects.create_user("analist@example.org", "een-lang-wachtwoord")
    for _ in range(5):
        client.post("/inloggen/", {"username": "analist@example.org", "password": "fout"})
    response = client.post(
        "/inloggen/", {"username": "analist@example.org", "password": "een-lang-wachtwoord"}
    )
    assert response.status_code == 200
    assert "Te veel mislukte inlogpogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from another address is not affected.
    User.objects.create_user("ander@example.org", "een-lang-wachtwoord")
    other = Client(REMOTE_ADDR="10.0.0.2")
    assert (
        other.post(
            "/inloggen/", {"username": "ander@example.org", "password": "een-lang-wachtwoord"}
        ).status_code
        == 302
    )


def test_four_failures_then_success_clears_the_count(client: Client) -> None:
    User.objects.create_user("analist@example.org", "een-lang-wachtwoord")
    for _ in range(4):
        client.post("/inloggen/", {"username": "analist@example.org", "password": "fout"})
    assert (
        client.post(
            "/inloggen/", {"username": "analist@example.org", "password": "een-lang-wachtwoord"}
        ).status_code
        == 302
    )
    from ruggensteun.accounts.models import LoginAttempt

    assert not LoginAttempt.objects.filter(email="analist@example.org").exists()


def test_many_failures_from_one_address_throttle_that_address(client: Client) -> None:
    for number in range(20):
        client.post("/inloggen/", {"username": f"gok{number}@example.org", "password": "fout"})
    User.objects.create_user("echt@example.org", "een-lang-wachtwoord")
    response = client.post(
        "/inloggen/", {"username": "echt@example.org", "password": "een-lang-wachtwoord"}
    )
    assert "Te veel mislukte inlogpogingen" in response.content.decode()


def test_password_reset_by_email(client: Client, mailoutbox) -> None:  # type: ignore[no-untyped-def]
    User.objects.create_user("analist@example.org", "een-lang-wachtwoord")
    response = client.post("/wachtwoord-vergeten/", {"email": "analist@example.org"})
    assert response.status_code == 302 and response["Location"] == "/wachtwoord-vergeten/verzonden/"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == "Nieuw wachtwoord voor Ruggensteun"
    link = next(line for line in message.body.splitlines() if "/wachtwoord-herstellen/" in line)
    path = link.split("testserver", 1)[1]
    form = client.get(path, follow=True)
    assert "Nieuw wachtwoord instellen" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Nieuw-Wachtwoord-2026", "new_password2": "Nieuw-Wachtwoord-2026"},
    )
    assert done.status_code == 302
    assert User.objects.get(email="analist@example.org").check_password("Nieuw-Wachtwoord-2026")


def test_password_reset_does_not_reveal_whether_an_account_exists(
    client: Client, mailoutbox
) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/wachtwoord-vergeten/", {"email": "onbekend@example.org"})
    assert response.status_code == 302 and response["Location"] == "/wachtwoord-vergeten/verzonden/"
    assert mailoutbox == []


def test_logout_needs_a_post_with_csrf() -> None:
    User.objects.create_user("analist@example.org", "een-lang-wachtwoord")
    client = Client(enforce_csrf_checks=True)
    client.login(username="analist@example.org", password="een-lang-wachtwoord")
    assert client.post("/uitloggen/").status_code == 403  # no CSRF token
    assert "_auth_user_id" in client.session


# --- issue 12: the admin login, Unicode look-alikes and a trusted proxy (findings 2, 7, 16) -----


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
