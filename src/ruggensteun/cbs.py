"""CBS region codes: their format, level, parent, municipality and which scope covers which.

Pure: the standard library only, so every layer may use it (the import contract in
pyproject.toml keeps it that way). A code's prefix names its level (NL, VR, GM, WK, BU); wijk
and buurt codes carry their municipality (and wijk) in their digits. Since 2022 Amsterdam uses
letters in the last positions (e.g. WK0363AF), so those positions accept [0-9A-Z].

The level names below are the one source of the values of `areas.models.Level` (a
TextChoices of strings), so a level from here compares equal to the model's.
"""

from __future__ import annotations

import re
from typing import Final

LAND: Final = "land"
VEILIGHEIDSREGIO: Final = "veiligheidsregio"
GEMEENTE: Final = "gemeente"
WIJK: Final = "wijk"
BUURT: Final = "buurt"

NETHERLANDS_CODE: Final = "NL01"

# The format of each level after the ^ and before the $, in Python's notation.
_FORMATS: Final[dict[str, str]] = {
    LAND: r"NL\d{2}",
    VEILIGHEIDSREGIO: r"VR\d{2}",
    GEMEENTE: r"GM\d{4}",
    WIJK: r"WK\d{4}[0-9A-Z]{2}",
    BUURT: r"BU\d{4}[0-9A-Z]{4}",
}
# How deep a level lies under a municipality; areas are scoped at these levels only.
_DEPTH: Final[dict[str | None, int]] = {GEMEENTE: 1, WIJK: 2, BUURT: 3}
_PREFIXES: Final[dict[str, str]] = {level: fmt[:2] for level, fmt in _FORMATS.items()}

CODE_PATTERNS: Final[dict[str, re.Pattern[str]]] = {
    level: re.compile(f"^{fmt}$") for level, fmt in _FORMATS.items()
}


def _portable(fmt: str) -> str:
    """The format in the notation of OpenAPI (ECMA 262) patterns."""
    return fmt.replace(r"\d", "[0-9]")


# Patterns for API documentation (OpenAPI parameters): any code, and a gemeente code.
REGION_PATTERN: Final = "^(" + "|".join(_portable(fmt) for fmt in _FORMATS.values()) + ")$"
GEMEENTE_PATTERN: Final = f"^{_portable(_FORMATS[GEMEENTE])}$"


def level_of(code: str) -> str | None:
    """The level a code belongs to, or None when it fits no CBS pattern."""
    for level, pattern in CODE_PATTERNS.items():
        if pattern.match(code):
            return level
    return None


def parent_code(code: str) -> str | None:
    """The code of the region a wijk, buurt or gemeente lies in (gemeente: Nederland)."""
    level = level_of(code)
    if level == BUURT:
        return "WK" + code[2:8]
    if level == WIJK:
        return "GM" + code[2:6]
    if level == GEMEENTE:
        return NETHERLANDS_CODE
    return None


def municipality_of(code: str) -> str | None:
    """The gemeente a gemeente, wijk or buurt code lies in (GM0518 for GM0518, WK051836 and
    BU05183620); None for Nederland, a veiligheidsregio or what is no CBS code."""
    if level_of(code) in _DEPTH:
        return "GM" + code[2:6]
    return None


def prefix_within(scope: str, level: str) -> str:
    """The prefix every code of `level` inside the gemeente or wijk `scope` starts with: for a
    database filter such as `code__startswith` (buurten of WK047912: BU047912)."""
    return _PREFIXES[level] + scope[2:]


def scope_covers(scope: str, code: str) -> bool:
    """Whether an area scope (GM, WK or BU code) contains the region `code`.

    GM0479 covers GM0479, WK0479.. and BU0479....; WK047912 covers BU047912..; a buurt only itself.
    """
    scope_level, code_level = level_of(scope), level_of(code)
    if scope_level not in _DEPTH or code_level not in _DEPTH:
        return False
    return _DEPTH[code_level] >= _DEPTH[scope_level] and code[2:].startswith(scope[2:])
