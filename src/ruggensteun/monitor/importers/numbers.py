"""Reading numbers as Dutch and CBS sources write them."""

from __future__ import annotations

import re

THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")

CBS_SYMBOLS = {".", "-", "x", "X"}


class NotANumber(ValueError):
    pass


def parse_number(text: str, *, decimal_comma: bool = False) -> float | None:
    """'' → None; '12.5' → 12.5. With decimal_comma (Dutch): '1.234,5' → 1234.5, '127.290' →
    127290 (dots grouping thousands), '30,2' → 30.2; a lone '30.2' is still read as 30.2."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None
    if decimal_comma and ("," in cleaned or THOUSANDS.match(cleaned)):
        if "." in cleaned and not THOUSANDS.match(cleaned):
            raise NotANumber(text)  # both separators, but not as thousands and decimals
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise NotANumber(text) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise NotANumber(text)
    return value
