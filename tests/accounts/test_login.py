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


def test_passwords_are_hashed_with_argon2() -> None:
    user = User.objects.create_user("a@example.org", "een-lang-wachtwoord")
    assert user.password.startswith("argon2$")
