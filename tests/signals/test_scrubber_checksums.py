"""The elfproef of a BSN and the mod-97 check of an IBAN (signals/scrubber/checksums.py)."""

import pytest

from ruggensteun.signals.scrubber import elfproef, iban_is_valid


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        # 9*1 + 8*1 + 7*1 + 6*2 + 5*2 + 4*2 + 3*3 + 2*3 - 3 = 66 = 6 * 11
        ("111222333", True),
        # 9*1 + 8*2 + 7*3 + 6*4 + 5*5 + 4*6 + 3*7 + 2*8 - 2 = 154 = 14 * 11
        ("123456782", True),
        # same weighted sum 156, minus 9 = 147, not a multiple of 11
        ("123456789", False),
        # 9*9 + ... + 2*9 = 396, minus 0 = 396 = 36 * 11
        ("999999990", True),
        # 0 + 0 + 0 + 6*1 + 5*2 + 4*3 + 3*4 + 2*5 - 6 = 44 = 4 * 11 (leading zero is fine)
        ("000123456", True),
        ("000000000", False),  # all zeros is excluded
        ("11122233", False),  # eight digits
        ("11122233a", False),
    ],
)
def test_elfproef(digits: str, valid: bool) -> None:
    assert elfproef(digits) is valid


@pytest.mark.parametrize(
    ("iban", "valid"),
    [
        ("NL91ABNA0417164300", True),
        ("NL91 ABNA 0417 1643 00", True),
        ("nl91abna0417164300", True),
        ("NL92ABNA0417164300", False),  # one check digit off
        ("NL91ABNA0417164301", False),  # one account digit off
        ("BE68539007547034", True),
        ("DE89370400440532013000", True),
        ("BE00123456789012", False),
        ("NL91", False),
    ],
)
def test_iban_mod_97(iban: str, valid: bool) -> None:
    assert iban_is_valid(iban) is valid


def test_iban_mod_97_by_hand() -> None:
    """GB82 WEST 1234 5698 7654 32: move 'GB82' to the end and letters to numbers
    (G=16, B=11, W=32, E=14, S=28, T=29): 3214282912345698765432161182 mod 97 = 1."""
    assert int("3214282912345698765432161182") % 97 == 1
    assert iban_is_valid("GB82 WEST 1234 5698 7654 32")
    # Changing the last digit changes the remainder: no longer 1.
    assert int("3214282912345698765433161182") % 97 != 1
    assert not iban_is_valid("GB82 WEST 1234 5698 7654 33")
