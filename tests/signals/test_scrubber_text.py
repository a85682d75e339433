"""Normalisation before any pattern runs (signals/scrubber/text.py)."""

import pytest

from ruggensteun.signals.scrubber import normalise


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("０６－１２３４５６７８", "06-12345678"),
        ("a\u200bb\u200cc\u200dd\u2060e\ufeff", "abcde"),
        ("zes\u00adtig", "zestig"),
        ("mail＠example.nl", "mail@example.nl"),
        ("06\u20101234", "06-1234"),
    ],
)
def test_normalise_folds_width_and_drops_invisible_characters(raw: str, plain: str) -> None:
    assert normalise(raw) == plain
