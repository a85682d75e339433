"""Citizen service numbers (BSN): nine digits passing the elfproef, or eight after a cue."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from .checksums import elfproef
from .findings import Finding
from .text import DATE_RE, NUMBER_START

_BSN_RE: Final = re.compile(
    NUMBER_START
    + r"(?:\d{9}|\d{2,4}(?P<sep>[. \-])\d{2,4}(?:(?P=sep)\d{2,4}){1,2})"
    + r"(?![\w])(?![.,\-]\d)(?! \d)"
)
_BSN8_RE: Final = re.compile(
    r"\b(?:bsn|burgerservicenummer|sofinummer|sofi-nummer)\b[\s:.\-]*(?:nr\.?|nummer)?[\s:]*"
    r"(\d{8})(?![\w])",
    re.IGNORECASE,
)
_CURRENCY_BEFORE: Final = re.compile(r"(?:€|\beur\b|\beuro\b)\s*$", re.IGNORECASE)
_CURRENCY_AFTER: Final = re.compile(r"\s*(?:euro|eur)\b", re.IGNORECASE)


def find_bsns(text: str) -> Iterator[Finding]:
    for match in _BSN_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if (
            elfproef(digits)
            and not _is_amount(text, match.start(), match.end())
            and not DATE_RE.search(match.group())
        ):
            yield Finding("bsn", match.start(), match.end(), match.group())
    for match in _BSN8_RE.finditer(text):
        if elfproef("0" + match.group(1)):
            yield Finding("bsn", match.start(1), match.end(1), match.group(1))


def _is_amount(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 6) : start]
    return bool(_CURRENCY_BEFORE.search(before) or _CURRENCY_AFTER.match(text, end))
