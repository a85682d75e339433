"""Telephone numbers (signals/scrubber/phones.py)."""

import pytest

from ruggensteun.signals.scrubber import scrub


@pytest.mark.parametrize(
    "text",
    [
        "06-12345678",
        "06 1234 5678",
        "0612345678",
        "+31 6 12345678",
        "+31612345678",
        "0031 6 12345678",
        "+31 (0)6 12345678",
        "020-1234567",
        "010 123 45 67",
        "0299-123456",
        "+31 20 123 4567",
        "0800-1234",
        "0900-1234567",
    ],
)
def test_phone_formats(text: str) -> None:
    (finding,) = scrub(f"Bel {text} vandaag.").findings
    assert (finding.kind, finding.text) == ("telefoon", text)


@pytest.mark.parametrize(
    "text",
    [
        "Op 01-02-2023 10:30 was er een melding.",
        "In 2019, 2020 en 2021 steeg het aantal.",
        "Kosten € 1.250.000 voor 2025.",
        "Wijk WK047912 en buurt BU04791234 in gemeente GM0479.",
        "Postcode 1503 heeft 12 jongeren op straat.",
    ],
)
def test_numbers_that_are_not_phone_numbers(text: str) -> None:
    assert scrub(text).clean
