"""E-mail addresses, also obfuscated ("naam at domein punt nl")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from .findings import Finding

_TLD = r"(?:nl|com|org|net|eu|be|de|info|nu|io|biz|fr|uk)"
_AT = r"(?:\s*\[at\]\s*|\s*\(at\)\s*|\s+at\s+|\s+apenstaartje\s+)"
_DOT = r"(?:\s*\[(?:dot|punt)\]\s*|\s*\((?:dot|punt)\)\s*|\s+(?:dot|punt)\s+)"
_EMAIL_RE: Final = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])"
    rf"|(?<![\w.+-])[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}{_TLD}(?![\w-])",
    re.IGNORECASE,
)


def find_emails(text: str) -> Iterator[Finding]:
    for match in _EMAIL_RE.finditer(text):
        yield Finding("email", match.start(), match.end(), match.group())
