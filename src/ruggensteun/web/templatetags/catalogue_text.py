"""Catalogue texts (indicator and domain names) in the visitor's language."""

from typing import Any

from django import template
from django.utils import translation

register = template.Library()


@register.filter
def localised(item: Any, field: str = "name") -> str:
    """{{ indicator|localised }} → name_nl or name_en; {{ indicator|localised:"definition" }}."""
    language = "en" if translation.get_language() == "en" else "nl"
    return str(getattr(item, f"{field}_{language}", "") or getattr(item, f"{field}_nl", ""))
