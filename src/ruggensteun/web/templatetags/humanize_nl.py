"""Numbers in Dutch notation regardless of the active language's grouping setting."""

from django import template

from ruggensteun.analysis.numbers import format_integer

register = template.Library()


@register.filter
def nl_int(value: object) -> str:
    """156794 -> '156.794'; None or '' stays empty so `default` can fill it."""
    if value is None or value == "":
        return ""
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return str(value)
    return format_integer(number)
