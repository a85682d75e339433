"""Bank account numbers (IBAN): mod-97, and Dutch-shaped numbers even when mistyped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from .checksums import iban_is_valid
from .findings import Finding

_IBAN_RE: Final = re.compile(
    r"(?<![\w])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?(?![\w])"
)
_NL_IBAN_SHAPE: Final = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")
_IBAN_LENGTHS: Final[dict[str, int]] = {
    "NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "ES": 24, "IT": 27, "PT": 25, "PL": 28,
    "TR": 26, "MA": 28, "LU": 20, "AT": 20, "CH": 21, "IE": 22, "DK": 18, "SE": 24, "NO": 15,
    "FI": 18, "BG": 22, "RO": 24, "GR": 27, "HU": 28, "CZ": 24, "SK": 24,
}  # fmt: skip


def find_ibans(text: str) -> Iterator[Finding]:
    for match in _IBAN_RE.finditer(text):
        finding = _iban_from_match(match)
        if finding is not None:
            yield finding


def _iban_from_match(match: re.Match[str]) -> Finding | None:
    raw = match.group()
    positions = [i for i, char in enumerate(raw) if char != " "]
    compact = raw.replace(" ", "").upper()
    known = _IBAN_LENGTHS.get(compact[:2])
    lengths = [known] if known else list(range(len(compact), 14, -1))
    for length in lengths:
        candidate = compact[:length]
        if len(candidate) == length and (
            iban_is_valid(candidate) or _NL_IBAN_SHAPE.fullmatch(candidate)
        ):
            end = match.start() + positions[length - 1] + 1
            return Finding("iban", match.start(), end, match.string[match.start() : end])
    return None
