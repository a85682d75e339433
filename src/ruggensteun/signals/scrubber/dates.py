"""Dates of birth: a full date after a birth cue, or any full numeric date before 2010."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from .findings import Finding

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_NUMERIC_DATE = r"(?:0?[1-9]|[12]\d|3[01])(?P<s>[\-/.])(?:0?[1-9]|1[0-2])(?P=s)(?:19|20)\d{2}"
_WORD_DATE = rf"(?:0?[1-9]|[12]\d|3[01])\.? (?:{_MONTHS})\.? (?:19|20)\d{{2}}"
_BIRTH_CUED_RE: Final = re.compile(
    r"\b(?:geboren|geb\.|geb\b|geboortedatum|geboortedag|d\.o\.b\.?)"
    rf"(?:\s*(?:op|is|:|,|\()\s*|\s+)*(?P<date>{_NUMERIC_DATE}|{_WORD_DATE})(?!\d)",
    re.IGNORECASE,
)
_OLD_DATE_RE: Final = re.compile(
    r"(?<![\d\-/.])(?:0?[1-9]|[12]\d|3[01])(?P<s>[\-/.])(?:0?[1-9]|1[0-2])(?P=s)"
    r"(?:19\d{2}|200\d)(?![\d\-/])"
)


def find_birth_dates(text: str) -> Iterator[Finding]:
    """A full date after a birth cue; and any full numeric date before 2010, since signals
    describe the present and such a date is almost always somebody's date of birth."""
    for match in _BIRTH_CUED_RE.finditer(text):
        yield Finding("geboortedatum", match.start("date"), match.end("date"), match.group("date"))
    for match in _OLD_DATE_RE.finditer(text):
        yield Finding("geboortedatum", match.start(), match.end(), match.group())
