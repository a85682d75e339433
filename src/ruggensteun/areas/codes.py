"""CBS region codes: their patterns and the parent each code implies.

Wijk and buurt codes carry their municipality (and wijk) in their digits. Since 2022 Amsterdam
uses letters in the last positions (e.g. WK0363AF), so those positions accept [0-9A-Z].
"""

import re

from .models import Level

CODE_PATTERNS: dict[str, re.Pattern[str]] = {
    Level.LAND: re.compile(r"^NL\d{2}$"),
    Level.VEILIGHEIDSREGIO: re.compile(r"^VR\d{2}$"),
    Level.GEMEENTE: re.compile(r"^GM\d{4}$"),
    Level.WIJK: re.compile(r"^WK\d{4}[0-9A-Z]{2}$"),
    Level.BUURT: re.compile(r"^BU\d{4}[0-9A-Z]{4}$"),
}

NETHERLANDS_CODE = "NL01"


def level_of(code: str) -> str | None:
    """The level a code belongs to, or None when it fits no CBS pattern."""
    for level, pattern in CODE_PATTERNS.items():
        if pattern.match(code):
            return str(level)
    return None


def parent_code(code: str) -> str | None:
    """The code of the region a wijk, buurt or gemeente lies in (gemeente: Nederland)."""
    level = level_of(code)
    if level == Level.BUURT:
        return "WK" + code[2:8]
    if level == Level.WIJK:
        return "GM" + code[2:6]
    if level == Level.GEMEENTE:
        return NETHERLANDS_CODE
    return None


_DEPTH: dict[str | None, int] = {Level.GEMEENTE: 1, Level.WIJK: 2, Level.BUURT: 3}


def scope_covers(scope: str, code: str) -> bool:
    """Whether an area scope (GM, WK or BU code) contains the region `code`.

    GM0479 covers GM0479, WK0479.. and BU0479....; WK047912 covers BU047912..; a buurt only itself.
    """
    scope_level, code_level = level_of(scope), level_of(code)
    if scope_level not in _DEPTH or code_level not in _DEPTH:
        return False
    return _DEPTH[code_level] >= _DEPTH[scope_level] and code[2:].startswith(scope[2:])
