"""Issue 12: two-factor authentication (TOTP with recovery codes) for beheerder, programmateam and
need-to-know; enrolment, verification, its throttle and the audit trail."""

import re
from base64 import b32encode
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ruggensteun.accounts.management.commands.demo_data import DEMO_PASSWORD
from ruggensteun.accounts.models import Role, User
from ruggensteun.audit.models import AuditEvent
from tests.accounts.factories import PASSWORD, user_with_role, verified_login

pytestmark = pytest.mark.django_db

SETUP = "/profiel/tweestapsverificatie/"
VERIFY = "/inloggen/verificatie/"


@pytest.fixture(autouse=True)
def two_factor_on(settings: Any) -> None:
    settings.TWO_FACTOR_REQUIRED = True


def code_of(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def wrong_code_of(device: TOTPDevice) -> str:
    return f"{(int(code_of(device)) + 1) % 10**6:06d}"


def password_login(role: str, area: str = "") -> tuple[Client, User]:
    user = user_with_role(role, area)
    client = Client()
    assert client.post("/inloggen/", {"username": user.email, "password": PASSWORD}).status_code
    assert "_auth_user_id" in client.session
    return client, user


def enrolled(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    ("role", "area"),
    [(Role.BEHEERDER, ""), (Role.PROGRAMMATEAM, ""), (Role.ONDERMIJNING, "GM0479")],
)
def test_roles_that_need_it_go_to_enrolment_before_any_page(role: str, area: str) -> None:
    client, _ = password_login(role, area)
    for path in ("/beheer/", "/", "/profiel/", "/signalen/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(f"{SETUP}?next="), path


@pytest.mark.issue(12)
def test_a_superuser_needs_it_too_and_other_roles_do_not() -> None:
    User.objects.create_superuser("chef@example.org", PASSWORD)
    client = Client()
    client.post("/inloggen/", {"username": "chef@example.org", "password": PASSWORD})
    assert client.get("/beheer/")["Location"].startswith(SETUP)
    analyst, _ = password_login(Role.ANALIST, "GM0479")
    assert analyst.get("/profiel/").status_code == 200


@pytest.mark.issue(12)
def test_an_unverified_user_may_reach_only_the_two_factor_pages_logout_and_health() -> None:
    client, user = password_login(Role.BEHEERDER)
    enrolled(user)
    assert client.get("/beheer/")["Location"] == f"{VERIFY}?next=/beheer/"
    assert client.get(VERIFY).status_code == 200
    assert client.get("/healthz").status_code == 200
    # With a device already confirmed, the enrolment page cannot add a second one.
    assert client.get(SETUP)["Location"].startswith(VERIFY)
    assert client.post("/uitloggen/").status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.issue(12)
def test_enrolment_shows_a_qr_code_confirms_with_a_code_and_shows_recovery_codes() -> None:
    client, user = password_login(Role.BEHEERDER)
    page = client.get(SETUP)
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert 'src="data:image/svg+xml' in html
    secret = re.search(r'<code class="rs-secret">([A-Z2-7 ]+)</code>', html)
    assert secret is not None
    assert secret.group(1).replace(" ", "") == b32encode(device.bin_key).decode().rstrip("=")
    assert "<script>" not in html and "<style" not in html and "style=" not in html
    refused = client.post(SETUP, {"code": wrong_code_of(device)})
    assert "Deze code klopt niet" in refused.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp's own back-off is not what is tested here
    device.save()
    done = client.post(SETUP, {"code": code_of(device)})
    codes = re.findall(
        r'<li class="rs-recovery-code"><code>([a-z2-7]+)</code>', done.content.decode()
    )
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=user).count() == 10
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.get(action="two_factor.enrol").actor == user
    assert client.get("/beheer/").status_code == 200


@pytest.mark.issue(12)
def test_a_totp_code_from_the_device_verifies() -> None:
    client, user = password_login(Role.PROGRAMMATEAM)
    device = enrolled(user)
    response = client.post(f"{VERIFY}?next=/beheer/", {"code": code_of(device)})
    assert response.status_code == 302 and response["Location"] == "/beheer/"
    assert client.get("/beheer/").status_code == 200


@pytest.mark.issue(12)
def test_a_wrong_code_is_refused_and_counted_and_five_lock_the_account() -> None:
    client, user = password_login(Role.BEHEERDER)
    device = enrolled(user)
    refused = client.post(VERIFY, {"code": wrong_code_of(device)})
    assert refused.status_code == 200 and "Deze code klopt niet" in refused.content.decode()
    assert user.login_attempts.filter(kind="code").count() == 1
    assert client.get("/beheer/").status_code == 302
    for _ in range(4):
        client.post(VERIFY, {"code": "12345a"})
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    locked = client.post(VERIFY, {"code": code_of(device)})
    assert "Te veel onjuiste codes" in locked.content.decode()
    assert client.get("/beheer/").status_code == 302


@pytest.mark.issue(12)
def test_a_recovery_code_works_once_and_its_use_is_audited() -> None:
    client, user = password_login(Role.BEHEERDER)
    enrolled(user)
    recovery = user.staticdevice_set.create(name="herstelcodes", confirmed=True)
    recovery.token_set.create(token="abcd2345")
    assert client.post(VERIFY, {"code": "ABCD 2345"}).status_code == 302
    assert client.get("/beheer/").status_code == 200
    event = AuditEvent.objects.get(action="two_factor.recovery_code")
    assert event.actor == user and event.after == {"remaining": 0}
    again = Client()
    again.post("/inloggen/", {"username": user.email, "password": PASSWORD})
    assert "Deze code klopt niet" in again.post(VERIFY, {"code": "abcd2345"}).content.decode()


@pytest.mark.issue(12)
def test_a_beheerder_resets_two_factor_in_the_admin_and_it_is_audited() -> None:
    beheerder = user_with_role(Role.BEHEERDER)
    client = Client()
    verified_login(client, beheerder)
    colleague = user_with_role(Role.PROGRAMMATEAM)
    enrolled(colleague)
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "two_factor_reset", "_selected_action": [colleague.pk]},
    )
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    event = AuditEvent.objects.get(action="two_factor.reset")
    assert event.actor == beheerder and event.object_id == str(colleague.pk)


def test_off_in_development_the_demo_logins_work_with_a_password_only(settings: Any) -> None:
    settings.DEBUG = True
    settings.TWO_FACTOR_REQUIRED = False  # what DEBUG gives in settings.py
    call_command("demo_data", stdout=StringIO())
    for email in ("beheer@demo.ruggensteun.nl", "ondermijning@demo.ruggensteun.nl"):
        client = Client()
        client.post("/inloggen/", {"username": email, "password": DEMO_PASSWORD})
        assert client.get("/profiel/").status_code == 200
    assert client.get("/beheer/").status_code == 302  # need-to-know is no staff role
    assert User.objects.get(email="ondermijning@demo.ruggensteun.nl").role_assignments.get()
