"""The checksums that decide whether digits are a BSN or an IBAN."""

from __future__ import annotations

import re


def elfproef(digits: str) -> bool:
    """The BSN 11-test on nine digits: 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = sum(weight * int(d) for weight, d in zip(range(9, 1, -1), digits[:8], strict=True))
    return (total - int(digits[8])) % 11 == 0


def iban_is_valid(iban: str) -> bool:
    """The ISO 13616 mod-97 check: move the first four characters to the end, letters to
    numbers (A=10 ... Z=35); the resulting number modulo 97 must be 1."""
    compact = iban.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1
