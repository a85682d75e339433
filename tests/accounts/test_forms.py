"""The login form's client address (`accounts/forms.py`, `client_ip`): a forwarded address is
believed only from a trusted proxy (issue 12, finding 16)."""

import pytest
from django.test import RequestFactory, override_settings

from ruggensteun.accounts.forms import client_ip


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
