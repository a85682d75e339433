"""Dutch licence plates (RDW sidecodes 1-14)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from .findings import Finding

# Dutch sidecodes 1-14 (RDW): X letter, 9 digit, groups separated by hyphens; each letter group
# in one case. Without hyphens a plate is only taken after the word "kenteken".
_L = r"(?:[A-Z]{%d}|[a-z]{%d})"
_SIDECODES: Final = (
    "LL-99-99", "99-99-LL", "99-LL-99", "LL-99-LL", "LL-LL-99", "99-LL-LL", "99-LLL-9",
    "9-LLL-99", "LL-999-L", "L-999-LL", "LLL-99-L", "L-99-LLL", "9-LL-999", "999-LL-9",
)  # fmt: skip


def _sidecode_regex(code: str) -> str:
    groups = []
    for group in code.split("-"):
        n = len(group)
        groups.append(_L % (n, n) if group[0] == "L" else rf"\d{{{n}}}")
    return "-".join(groups)


_PLATE_RE: Final = re.compile(
    r"(?<![\w\-])(?:" + "|".join(_sidecode_regex(c) for c in _SIDECODES) + r")(?![\w]|-\w)"
)
_PLATE_CUED_RE: Final = re.compile(
    r"\bkenteken(?:nummer)?\s*:?\s*(?P<plate>(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])"
    r"[A-Za-z0-9]{6})(?![\w])",
    re.IGNORECASE,
)


def find_plates(text: str) -> Iterator[Finding]:
    for match in _PLATE_RE.finditer(text):
        yield Finding("kenteken", match.start(), match.end(), match.group())
    for match in _PLATE_CUED_RE.finditer(text):
        yield Finding("kenteken", match.start("plate"), match.end("plate"), match.group("plate"))
