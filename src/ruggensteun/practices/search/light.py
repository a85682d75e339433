"""Facet keys of all published practices at once, from a handful of light queries, cached.

Building them from full rows and their places (places_of) would dominate a search over thousands
of matches. This computes them from value rows: the practices' own fields, the
through tables of their focus areas and regions, and small lookups of focus areas, their members
and municipality names, with containment by CBS code prefix. The result is kept per process and
rebuilt when the library or the focus areas change (`practices_version` and `areas_version`:
six small queries per search).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.utils.translation import get_language

from ruggensteun.areas.models import FocusArea, FocusAreaMember, Level, Region
from ruggensteun.cbs import BUURT, WIJK, level_of, parent_code
from ruggensteun.practices.models import CoalitionType, EvidenceLevel, Practice
from ruggensteun.practices.places import municipality_code, municipality_names
from ruggensteun.practices.themes import theme_keys, theme_label
from ruggensteun.practices.workflow import Status

from .facets import FacetKeys


def _wijk_of(buurt_code: str) -> str:
    return parent_code(buurt_code) or ""


def _containing(codes: set[str]) -> dict[str, set[int]]:
    """Per wijk or buurt code the focus areas that contain it or lie inside it."""
    exact: dict[str, set[int]] = defaultdict(set)
    buurt_members_by_wijk: dict[str, set[int]] = defaultdict(set)
    for code, area_id in FocusAreaMember.objects.values_list("region__code", "focus_area_id"):
        exact[code].add(area_id)
        if level_of(code) == BUURT:
            buurt_members_by_wijk[_wijk_of(code)].add(area_id)
    found: dict[str, set[int]] = {}
    for code in codes:
        areas = set(exact.get(code, ()))
        level = level_of(code)
        if level == WIJK:
            areas |= buurt_members_by_wijk.get(code, set())
        elif level == BUURT:
            areas |= exact.get(_wijk_of(code), set())
        found[code] = areas
    return found


def facet_rows(ids: Sequence[int]) -> dict[int, FacetKeys]:
    """FacetKeys per published practice among `ids` (the others are left out)."""
    index = facet_index()
    return {pk: index[pk] for pk in ids if pk in index}


_CACHE: dict[tuple[str, str], dict[int, FacetKeys]] = {}


def facet_index() -> dict[int, FacetKeys]:
    """FacetKeys of every published practice, kept per process until a practice, an adoption
    or a focus area changes (`practices_version` and `areas_version`) or the language does."""
    from ruggensteun.areas.selectors import areas_version
    from ruggensteun.practices.selectors import practices_version

    key = (f"{practices_version()}-{areas_version()}", get_language() or "nl")
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = _build_index()
    return _CACHE[key]


def _build_index() -> dict[int, FacetKeys]:
    published = Practice.objects.filter(status=Status.PUBLISHED)
    base = published.values_list("pk", "themes", "evidence_level", "coalition__type")
    direct: dict[int, set[int]] = defaultdict(set)
    for practice_id, area_id in Practice.focus_areas.through.objects.filter(
        practice__status=Status.PUBLISHED
    ).values_list("practice_id", "focusarea_id"):
        direct[practice_id].add(area_id)
    linked: dict[int, list[int]] = defaultdict(list)
    for practice_id, region_id in Practice.regions.through.objects.filter(
        practice__status=Status.PUBLISHED
    ).values_list("practice_id", "region_id"):
        linked[practice_id].append(region_id)
    regions = {
        r.pk: r for r in Region.objects.filter(pk__in={i for v in linked.values() for i in v})
    }
    areas = {a.pk: a for a in FocusArea.objects.select_related("municipality")}
    containing = _containing(
        {r.code for r in regions.values() if r.level in {Level.WIJK, Level.BUURT}}
    )
    names = municipality_names(municipality_code(r.code) for r in regions.values())
    labels = _labels()
    rows: dict[int, FacetKeys] = {}
    for pk, themes, evidence, coalition_type in base:
        own = [regions[i] for i in linked.get(pk, []) if i in regions]
        area_ids = set(direct.get(pk, set()))
        for region in own:
            area_ids |= containing.get(region.code, set())
        in_areas = [areas[i] for i in area_ids if i in areas]
        cities = {a.municipality.code: a.municipality.display_name for a in in_areas}
        for region in own:
            code = municipality_code(region.code)
            cities.setdefault(code, names.get(code, code))
        area_keys = {a.slug: a.name for a in in_areas}
        area_keys.update((r.code, r.display_name) for r in own if r.level != Level.GEMEENTE)
        rows[pk] = {
            "theme": {key: labels["theme"].get(key, key) for key in themes or []},
            "city": cities,
            "area": area_keys,
            "coalition_type": (
                {coalition_type: labels["coalition_type"][coalition_type]} if coalition_type else {}
            ),
            "evidence_level": {evidence: labels["evidence_level"][evidence]},
        }
    return rows


def _labels() -> dict[str, dict[str, str]]:
    """Labels in the active language, translated once per index instead of once per row."""
    return {
        "theme": {key: theme_label(key) for key in theme_keys()},
        "coalition_type": {key: str(label) for key, label in CoalitionType.choices},
        "evidence_level": {key: str(label) for key, label in EvidenceLevel.choices},
    }
