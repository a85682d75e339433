"""Numbers as people read them: Dutch notation (1.234,5) or English (1,234.5).

The one formatter behind the dashboard, the report, the sentences, the downloads, the command
line and the templates. Pure: the standard library only.
"""

from __future__ import annotations

from typing import Final

# Decimal mark and thousands separator per language; anything but English is written in Dutch.
NOTATION: Final = {"nl": (",", "."), "en": (".", ",")}
PERCENT_UNITS: Final = frozenset({"percent", "%"})
# Units shown with one decimal however large the value: shares, and incomes in thousands of euros.
ONE_DECIMAL_UNITS: Final = PERCENT_UNITS | {"euro_x1000"}
UNIT_WORDS: Final = {
    "nl": {"per_1000": " per 1.000 inwoners", "per_100000": " per 100.000 inwoners"},
    "en": {"per_1000": " per 1,000 inhabitants", "per_100000": " per 100,000 inhabitants"},
}


def in_notation(text: str, language: str = "nl") -> str:
    """Python's notation ('1,234.5') in the language's: Dutch '1.234,5', English unchanged."""
    decimal, thousands = NOTATION.get(language, NOTATION["nl"])
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def decimals(value: float, unit: str = "") -> int:
    """One decimal for small values (under 100) and for shares and incomes, none otherwise."""
    return 1 if unit in ONE_DECIMAL_UNITS or abs(value) < 100 else 0


def format_number(
    value: float | None,
    unit: str = "",
    *,
    language: str = "nl",
    digits: int | None = None,
    unit_words: bool = False,
) -> str:
    """`value` with thousands grouped and `digits` decimals (default: `decimals`), a '%' after
    a share and, with `unit_words`, the words of a rate ('per 1.000 inwoners'). None is ''."""
    if value is None:
        return ""
    places = decimals(value, unit) if digits is None else digits
    text = in_notation(f"{value:,.{places}f}", language)
    if unit in PERCENT_UNITS:
        return text + "%"
    if unit_words:
        return text + UNIT_WORDS.get(language, UNIT_WORDS["nl"]).get(unit, "")
    return text


def format_integer(value: int, language: str = "nl") -> str:
    """A whole number with its thousands grouped, exactly (no detour through a float)."""
    return in_notation(f"{value:,}", language)


def format_significant(value: float, figures: int = 6, language: str = "nl") -> str:
    """`figures` significant digits without grouping, as spreadsheets read them back
    (Dutch: '0,123457'; very large or small values in exponent notation, '1,23457e+06')."""
    return in_notation(f"{value:.{figures}g}", language)
