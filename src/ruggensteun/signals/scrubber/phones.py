"""Telephone numbers: Dutch (including +31 and service numbers) and foreign with a country
code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from .findings import Finding
from .text import DATE_RE, NUMBER_START

_PHONE_RE: Final = re.compile(
    NUMBER_START
    + r"(?:(?:\+|00) ?\d{1,3} ?(?:\(0\) ?)?|\(0\d{1,3}\) ?)?"
    + r"\d(?:(?: ?[\-./] ?| )?\d){5,13}(?!\w)"
)
_SERVICE_PREFIXES: Final = frozenset({"0800", "0900", "0906", "0909"})


def find_phones(text: str) -> Iterator[Finding]:
    for match in _PHONE_RE.finditer(text):
        finding = _phone_from_match(match)
        if finding is not None:
            yield finding


def _phone_from_match(match: re.Match[str]) -> Finding | None:
    """The longest prefix of the match, ending after a digit group, that is a valid number."""
    raw = match.group()
    group_ends = [m.end() for m in re.finditer(r"\d+", raw)]
    for end in reversed(group_ends):
        candidate = raw[:end]
        if _is_phone_number(candidate):
            return Finding("telefoon", match.start(), match.start() + end, candidate)
    return None


def _is_phone_number(candidate: str) -> bool:
    if DATE_RE.search(candidate):
        return False
    if candidate.startswith(("+", "00")):
        digits = re.sub(r"\D", "", candidate.replace("(0)", ""))
        digits = digits[2:] if candidate.startswith("00") else digits
        if digits.startswith("31"):
            return _is_dutch_number("0" + digits[2:])
        return 9 <= len(digits) <= 15
    return _is_dutch_number(re.sub(r"\D", "", candidate))


def _is_dutch_number(digits: str) -> bool:
    if len(digits) < 8 or digits[0] != "0" or digits[1] == "0":
        return False
    if digits[:4] in _SERVICE_PREFIXES:
        return len(digits) in (8, 11)
    return len(digits) == 10
