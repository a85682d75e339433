"""Reading numbers as Dutch and CBS sources write them."""

from __future__ import annotations

CBS_SYMBOLS = {".", "-", "x", "X"}


class NotANumber(ValueError):
    pass


def parse_number(text: str, *, decimal_comma: bool = False) -> float | None:
    """'' → None; '12.5' → 12.5; with decimal_comma '1.234,5' → 1234.5. Raises NotANumber."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None
    if decimal_comma and "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise NotANumber(text) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise NotANumber(text)
    return value
