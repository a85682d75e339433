"""Numbers and units in the notation of the active language: Dutch 1.234,5 and "per 1.000
inwoners", English 1,234.5 and "per 1,000 inhabitants" (issue 15). The library keeps its old
name so the templates that load it need no change; `nl_int` follows the language too now."""

from django import template
from django.utils import translation

from ruggensteun.analysis.numbers import format_integer, format_number

register = template.Library()

# The catalogue's units (monitor/catalogue.py UNITS) as shown beside a figure; the Dutch ones
# equal the catalogue's UNIT_LABELS (tests/web/test_numbers.py keeps the two in step). The shell
# imports no app, so the labels of both languages live here.
UNIT_TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "percent": "%",
        "per_1000": "per 1.000 inwoners",
        "per_100000": "per 100.000 inwoners",
        "euro_x1000": "× € 1.000",
        "per_km2": "per km²",
        "count": "aantal",
    },
    "en": {
        "percent": "%",
        "per_1000": "per 1,000 inhabitants",
        "per_100000": "per 100,000 inhabitants",
        "euro_x1000": "× € 1,000",
        "per_km2": "per km²",
        "count": "number",
    },
}


def active_language() -> str:
    """'en' on English pages, else 'nl' (the notation of every other language)."""
    return "en" if (translation.get_language() or "nl")[:2] == "en" else "nl"


@register.filter
def nl_int(value: object) -> str:
    """156794 -> '156.794' (Dutch) or '156,794' (English); None or '' stays empty so
    `default` can fill it."""
    if value is None or value == "":
        return ""
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return str(value)
    return format_integer(number, active_language())


@register.filter
def number(value: object, unit_or_digits: str | int = "") -> str:
    """{{ 17.94|number:"percent" }} -> '17,9%' or '17.9%', with the decimals
    `analysis.numbers.format_number` chooses for the unit; {{ 1234.5|number:1 }} -> '1.234,5'
    or '1,234.5' (a number of decimals instead of a unit). None or '' stays empty."""
    if value is None or value == "":
        return ""
    try:
        figure = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    language = active_language()
    if isinstance(unit_or_digits, int) or unit_or_digits.isdigit():
        return format_number(figure, language=language, digits=int(unit_or_digits))
    return format_number(figure, unit_or_digits, language=language)


@register.filter
def unit_text(unit: str) -> str:
    """{{ indicator.unit|unit_text }} -> 'per 1.000 inwoners' or 'per 1,000 inhabitants';
    an unknown unit is shown as it is."""
    return UNIT_TEXTS[active_language()].get(unit, unit)
