"""Themes are the monitor's domains (catalogue.toml), so practices and area profiles match."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ruggensteun.monitor.catalogue import load

NOT_A_THEME = "context"  # background indicators, not a problem domain


def theme_keys() -> list[str]:
    return [key for key in load().domains if key != NOT_A_THEME]


def theme_label(key: str) -> str:
    """The domain's name in the active language ("werk en inkomen"), or the key if unknown."""
    labels = load().domains.get(key)
    if labels is None:
        return key
    language = (get_language() or "nl")[:2]
    return labels.get(language) or labels["nl"]


def unknown_themes(keys: Iterable[str]) -> list[str]:
    known = set(theme_keys())
    return [key for key in keys if key not in known]


def join_labels(labels: list[str]) -> str:
    """ "a", "a en b", "a, b en c" (in the active language)."""
    if len(labels) <= 1:
        return "".join(labels)
    return _("{items} en {last}").format(items=", ".join(labels[:-1]), last=labels[-1])
