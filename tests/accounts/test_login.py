import pytest
from django.test import Client

from ruggensteun.accounts.models import User

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
