"""Issue 12, finding 16: transport security, no caching of personal pages, a quiet readiness
probe and Dutch error pages."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory

from ruggensteun import urls
from tests.accounts.factories import UserFactory, user_with_role

ROOT = Path(__file__).resolve().parents[2]
ONE_YEAR = 365 * 24 * 60 * 60


def production_settings(code: str, **env: str) -> list[str]:
    """Values printed by `code` under settings built from a clean environment plus `env`."""
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT / "src"),
            "DJANGO_SETTINGS_MODULE": "ruggensteun.settings",
            "SECRET_KEY": "x",
            **env,
        },
        check=True,
    )
    return result.stdout.split()


SECURITY = (
    "from django.conf import settings as s; "
    "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, "
    "s.SECURE_PROXY_SSL_HEADER)"
)


@pytest.mark.issue(12)
def test_production_sends_hsts_for_a_year() -> None:
    hsts, subdomains, _redirect, _header = production_settings(SECURITY)
    assert (int(hsts), subdomains) == (ONE_YEAR, "True")


@pytest.mark.issue(12)
def test_debug_sends_no_hsts_and_does_not_redirect() -> None:
    hsts, _subdomains, redirect, _header = production_settings(SECURITY, DEBUG="1")
    assert (hsts, redirect) == ("0", "False")


@pytest.mark.issue(12)
def test_behind_a_tls_proxy_plain_http_is_redirected() -> None:
    values = production_settings(SECURITY, SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert values[2:] == ["True", "('HTTP_X_FORWARDED_PROTO',", "'https')"]


@pytest.mark.issue(12)
def test_hsts_and_redirect_can_be_tuned() -> None:
    values = production_settings(SECURITY, SECURE_HSTS_SECONDS="600", SECURE_SSL_REDIRECT="1")
    assert values[0] == "600" and values[2] == "True"


@pytest.mark.issue(12)
def test_an_https_response_carries_hsts(client: Client) -> None:
    response = client.get("/healthz", secure=True)
    assert response["Strict-Transport-Security"] == f"max-age={ONE_YEAR}; includeSubDomains"


@pytest.mark.issue(12)
@pytest.mark.django_db
def test_the_redirect_to_https_spares_the_probes(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    response = client.get("/inloggen/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/inloggen/"


@pytest.mark.issue(12)
@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/signalen/", "/signalen/?gebied=zaandam-oost", "/beheer/login/"])
def test_signal_and_admin_pages_are_never_cached(client: Client, path: str) -> None:
    response = client.get(path)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.issue(12)
@pytest.mark.django_db
def test_every_page_for_a_logged_in_user_is_never_cached(client: Client) -> None:
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    client.force_login(UserFactory())
    for path in ["/", "/gebieden/zaandam-oost/", "/profiel/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path


@pytest.mark.issue(12)
@pytest.mark.django_db
def test_readyz_says_only_its_status(client: Client) -> None:
    assert client.get("/readyz").json() == {"status": "ok"}


@pytest.mark.issue(12)
def test_readyz_keeps_database_errors_to_itself(tmp_path: Path) -> None:
    code = (
        "from django.test import Client; r = Client().get('/readyz'); "
        "print(r.status_code, r.content.decode())"
    )
    missing = tmp_path / "no" / "such" / "dir" / "db.sqlite3"
    status, *body = production_settings(code, DATABASE_URL=f"sqlite:///{missing}")
    assert status == "503"
    assert " ".join(body) == '{"status": "unavailable"}'


@pytest.mark.issue(12)
@pytest.mark.django_db
def test_a_missing_page_is_a_dutch_page_in_the_house_style(client: Client) -> None:
    response = client.get("/bestaat-niet/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Pagina niet gevonden" in page
    assert 'class="rs-header"' in page  # the site's own header and menu


@pytest.mark.issue(12)
@pytest.mark.django_db
def test_a_refused_page_is_a_dutch_page_in_the_house_style(client: Client) -> None:
    client.force_login(UserFactory())
    response = client.get("/gebieden/nieuw/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Geen toegang" in page
    assert 'class="rs-header"' in page


@pytest.mark.issue(12)
def test_the_server_error_page_is_dutch_and_needs_no_database() -> None:
    # No django_db mark: any query here raises, so the page renders without the database.
    request = RequestFactory().get("/gebieden/zaandam-oost/")
    response = urls.handler500(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in page
    assert 'class="rs-header"' in page


@pytest.mark.issue(12)
def test_api_errors_stay_json() -> None:
    request = RequestFactory().get("/api/v1/regions/")
    denied = urls.handler403(request, PermissionDenied())
    failed = urls.handler500(request)
    missing = urls.handler404(request, Exception())
    assert (denied.status_code, denied["Content-Type"]) == (403, "application/json")
    assert (failed.status_code, failed["Content-Type"]) == (500, "application/json")
    assert (missing.status_code, missing["Content-Type"]) == (404, "application/json")
    assert b"detail" in denied.content and b"detail" in failed.content


@pytest.mark.issue(12)
@pytest.mark.django_db
@pytest.mark.parametrize("page", ["", "abc", "0", "-1", "1.5"])
def test_the_api_refuses_a_page_that_is_not_a_positive_integer(client: Client, page: str) -> None:
    response = client.get("/api/v1/observations/", {"page": page})
    assert response.status_code == 400
    assert "pagina" in response.json()["page"][0]


@pytest.mark.issue(12)
@pytest.mark.django_db
def test_the_api_still_pages_and_documents_page_as_an_integer(client: Client) -> None:
    assert client.get("/api/v1/observations/", {"page": "1"}).status_code == 200
    assert client.get("/api/v1/observations/", {"page": "999999"}).status_code == 404
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    parameters = schema["paths"]["/api/v1/observations/"]["get"]["parameters"]
    page = next(p for p in parameters if p["name"] == "page")
    assert page["schema"]["type"] == "integer"


@pytest.mark.django_db
def test_a_beheerder_sees_the_admin_uncached(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TWO_FACTOR_REQUIRED = False
    client.force_login(user_with_role("beheerder"))
    response = client.get("/beheer/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
