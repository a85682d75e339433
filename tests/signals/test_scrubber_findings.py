"""Kinds, placeholders, the frozen result types and the Dutch explanation
(signals/scrubber/findings.py)."""

import pytest

from ruggensteun.signals.scrubber import KINDS, PLACEHOLDERS, Finding, ScrubResult, scrub


def test_result_types_are_frozen() -> None:
    result = scrub("bel 06-12345678")
    assert isinstance(result, ScrubResult)
    assert isinstance(result.findings[0], Finding)
    with pytest.raises(AttributeError):
        result.redacted = "x"  # type: ignore[misc]


def test_placeholders_are_dutch() -> None:
    assert PLACEHOLDERS["telefoon"] == "[telefoonnummer verwijderd]"
    assert set(PLACEHOLDERS) == set(KINDS)


def test_explanation_lists_kinds_and_counts_without_the_data() -> None:
    text = "Bel mevrouw Yilmaz op 06-12345678 of haar zoon op 06-87654321."
    result = scrub(text)
    assert result.explanation.startswith("Uw tekst bevat twee telefoonnummers en een naam.")
    assert "Signalen mogen geen persoonsgegevens bevatten" in result.explanation
    for secret in ("Yilmaz", "06", "12345678", "87654321"):
        assert secret not in result.explanation


def test_explanation_joins_three_kinds_in_dutch() -> None:
    result = scrub("BSN 111222333, mail a@example.nl, IBAN NL91ABNA0417164300.")
    assert result.explanation.startswith(
        "Uw tekst bevat een burgerservicenummer (BSN), een e-mailadres en een "
        "rekeningnummer (IBAN)."
    )


def test_explanation_for_clean_text() -> None:
    result = scrub("Sinds de zomer zien we meer jongeren bij het winkelcentrum.")
    assert result.clean
    assert "geen persoonsgegevens gevonden" in result.explanation
