"""Citizen service numbers (signals/scrubber/bsns.py)."""

from ruggensteun.signals.scrubber import scrub


def test_nine_digits_failing_the_elfproef_are_not_a_bsn() -> None:
    assert scrub("Zaaknummer 123456789 is afgesloten.").clean
    assert [f.kind for f in scrub("BSN 123456782 is bekend.").findings] == ["bsn"]
