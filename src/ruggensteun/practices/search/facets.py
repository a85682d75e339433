"""Facets of the practice search: per practice its keys, and counts over a result set.

A facet's counts take every *other* active filter into account but not its own, so the user
still sees the alternatives within a facet after choosing one value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

FACETS: dict[str, Promise] = {
    "theme": _("thema"),
    "city": _("gemeente"),
    "area": _("gebied"),
    "coalition_type": _("soort coalitie"),
    "evidence_level": _("onderbouwing"),
}

FacetKeys = dict[str, dict[str, str]]  # facet → {key: label}
Filters = Mapping[str, str | Sequence[str]]


@dataclass(frozen=True)
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool


def normalise(filters: Filters | None) -> dict[str, frozenset[str]]:
    """Known facets with at least one value; a single string counts as one value."""
    active: dict[str, frozenset[str]] = {}
    for name, value in (filters or {}).items():
        if name not in FACETS:
            continue
        values = frozenset([value] if isinstance(value, str) else value) - {""}
        if values:
            active[name] = values
    return active


def passes(keys: FacetKeys, active: Mapping[str, frozenset[str]], *, skip: str = "") -> bool:
    return all(keys[name].keys() & values for name, values in active.items() if name != skip)


def facet_counts(
    rows: Sequence[FacetKeys], active: Mapping[str, frozenset[str]]
) -> dict[str, tuple[FacetValue, ...]]:
    counts: dict[str, tuple[FacetValue, ...]] = {}
    for name in FACETS:
        counter: Counter[str] = Counter()
        labels: dict[str, str] = {}
        for keys in rows:
            if passes(keys, active, skip=name):
                counter.update(keys[name].keys())
                labels.update(keys[name])
        chosen = active.get(name, frozenset())
        values = [
            FacetValue(key, labels[key], count, key in chosen) for key, count in counter.items()
        ]
        counts[name] = tuple(sorted(values, key=lambda value: (-value.count, value.label)))
    return counts
