"""Bank account numbers (signals/scrubber/ibans.py)."""

from ruggensteun.signals.scrubber import scrub


def test_dutch_shaped_iban_with_bad_checksum_is_still_flagged() -> None:
    result = scrub("Rekening NL12ABNA0417164300 graag controleren.")
    assert [f.kind for f in result.findings] == ["iban"]


def test_foreign_iban_like_string_with_bad_checksum_is_not_flagged() -> None:
    assert scrub("Code BE00 1234 5678 9012 is nep.").clean


def test_iban_does_not_swallow_the_next_word() -> None:
    text = "Op BE68 5390 0754 7034 voor de huur."
    (finding,) = scrub(text).findings
    assert finding.text == "BE68 5390 0754 7034"
