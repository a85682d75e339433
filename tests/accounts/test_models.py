"""E-mail addresses are normalised one way (`accounts/models.py`), so Unicode look-alikes share one
account and one login throttle (issue 12, finding 7)."""

import pytest

from ruggensteun.accounts.services import normalise_email


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
