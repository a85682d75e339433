"""Reading one signal: ids cannot be probed (issue 12, finding 15) and every refused read of a
sensitive signal is in the audit trail (finding 11)."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Role, User
from ruggensteun.areas.models import Region
from ruggensteun.audit.models import AuditEvent
from ruggensteun.signals.models import Signal
from ruggensteun.signals.services import SignalInput, signal_read, signal_record
from tests.accounts.factories import user_with_role

pytestmark = pytest.mark.django_db

MISSING = 987654


def record(actor: User, code: str, theme: str = "jongeren", *, sensitive: bool = False) -> Signal:
    data = SignalInput(
        region=Region.objects.get(vintage=2020, code=code),
        theme=theme,
        period="2021-K1",
        professional_role="jongerenwerk",
        intensity=3,
        trend="meer",
        confidence="midden",
        narrative="Meer jongeren 's avonds bij het winkelcentrum.",
        sensitive=sensitive,
    )
    return signal_record(actor=actor, data=data)


def anonymous(page: bytes, path: bytes) -> bytes:
    """The page without its own path and per-request tokens (CSRF, CSP nonce)."""
    return re.sub(rb'"[A-Za-z0-9+/=_-]{20,}"', b'""', page.replace(path, b"ID"))


@pytest.fixture
def moerwijk_signal() -> Signal:
    return record(user_with_role(Role.PROFESSIONAL, "WK051836"), "WK051836")


@pytest.mark.issue(12)
def test_a_signal_the_user_may_not_read_answers_like_one_that_does_not_exist(
    client: Client, moerwijk_signal: Signal
) -> None:
    assert not Signal.objects.filter(pk=MISSING).exists()
    client.force_login(user_with_role(Role.PROFESSIONAL, "WK047912"))
    theirs = client.get(reverse("signal-detail", args=[moerwijk_signal.pk]))
    missing = client.get(reverse("signal-detail", args=[MISSING]))
    assert theirs.status_code == missing.status_code == 404
    theirs_path = reverse("signal-detail", args=[moerwijk_signal.pk]).encode()
    missing_path = reverse("signal-detail", args=[MISSING]).encode()
    assert anonymous(theirs.content, theirs_path) == anonymous(missing.content, missing_path)


def test_anonymous_visitors_get_the_same_answer_for_existing_and_missing_ids(
    client: Client, moerwijk_signal: Signal
) -> None:
    existing = client.get(reverse("signal-detail", args=[moerwijk_signal.pk]))
    missing = client.get(reverse("signal-detail", args=[MISSING]))
    assert existing.status_code == missing.status_code == 302
    assert existing["Location"].replace(str(moerwijk_signal.pk), "ID") == missing[
        "Location"
    ].replace(str(MISSING), "ID")


@pytest.mark.issue(12)
@pytest.mark.parametrize(("theme", "sensitive"), [("ondermijning", False), ("jongeren", True)])
def test_every_refused_read_of_a_sensitive_signal_is_audited(
    client: Client, theme: str, sensitive: bool
) -> None:
    author = user_with_role(Role.PROFESSIONAL, "WK047912")
    signal = record(author, "WK047912", theme, sensitive=sensitive)
    assert signal.is_sensitive
    colleague = user_with_role(Role.PROFESSIONAL, "WK047912")
    refused = AuditEvent.objects.filter(action="signal.read_refused", object_id=str(signal.pk))
    with pytest.raises(PermissionDenied):
        signal_read(colleague, signal)
    assert refused.count() == 1
    client.force_login(colleague)
    assert client.get(reverse("signal-detail", args=[signal.pk])).status_code == 404
    assert refused.count() == 2
    event = refused.latest("pk")
    assert event.actor_id == colleague.pk and event.area_code == "WK047912"
    assert "toelichting" not in str(event.after) and "avonds" not in str(event.after)


def test_a_refused_read_of_an_ordinary_signal_is_not_audited(moerwijk_signal: Signal) -> None:
    outsider = user_with_role(Role.PROFESSIONAL, "WK047912")
    with pytest.raises(PermissionDenied):
        signal_read(outsider, moerwijk_signal)
    assert not AuditEvent.objects.filter(action="signal.read_refused").exists()
