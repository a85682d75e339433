from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """{{ mapping|get_item:key }} for dictionaries in templates."""
    if not hasattr(mapping, "get"):
        return None
    return mapping.get(key)
