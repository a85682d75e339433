"""Where a practice or coalition is: its focus areas, regions and municipalities.

A practice linked to a wijk also lies in the focus area that wijk belongs to (Moerwijk is part of
Den Haag Zuidwest), so facets and "areas like yours" see it there. A link to a whole municipality
does not place a practice in that municipality's focus areas.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ruggensteun.areas.models import FocusArea, FocusAreaMember, Level, Region
from ruggensteun.cbs import level_of, municipality_of, scope_covers

from .models import Coalition, Practice

LINKABLE_LEVELS = frozenset({Level.GEMEENTE, Level.WIJK, Level.BUURT})


Placed = Practice | Coalition


@dataclass(frozen=True)
class Places:
    focus_areas: tuple[FocusArea, ...]  # linked, or containing a linked wijk or buurt
    regions: tuple[Region, ...]  # linked gemeenten, wijken and buurten
    municipalities: tuple[tuple[str, str], ...]  # (CBS code, name), sorted by name

    @property
    def focus_area_ids(self) -> frozenset[int]:
        return frozenset(area.pk for area in self.focus_areas)


def municipality_code(code: str) -> str:
    """GM0518 for GM0518, WK051836 and BU05183620 (linked regions are of these levels)."""
    return municipality_of(code) or ""


def municipality_names(codes: Iterable[str]) -> dict[str, str]:
    """CBS code → name of the newest vintage that has the municipality."""
    names: dict[str, str] = {}
    rows = Region.objects.filter(level=Level.GEMEENTE, code__in=set(codes)).order_by("vintage")
    for region in rows:
        names[region.code] = region.display_name
    return names


def member_index() -> list[tuple[str, int]]:
    """(member region code, focus area id) for every focus area member."""
    return list(FocusAreaMember.objects.values_list("region__code", "focus_area_id"))


def focus_area_ids_containing(codes: Iterable[str], members: Sequence[tuple[str, int]]) -> set[int]:
    """Focus areas that contain, or lie inside, one of the wijk or buurt `codes`."""
    found: set[int] = set()
    for code in codes:
        if level_of(code) not in {Level.WIJK, Level.BUURT}:
            continue
        for member_code, area_id in members:
            if scope_covers(code, member_code) or scope_covers(member_code, code):
                found.add(area_id)
    return found


def places_of(objects: Sequence[Placed]) -> dict[int, Places]:
    """Places per object pk; prefetch focus_areas__municipality and regions to save queries."""
    members = member_index() if objects else []
    linked = {obj.pk: (list(obj.focus_areas.all()), list(obj.regions.all())) for obj in objects}
    derived = {
        pk: focus_area_ids_containing([region.code for region in regions], members)
        for pk, (_areas, regions) in linked.items()
    }
    wanted = set().union(*derived.values()) if derived else set()
    extra = {
        area.pk: area
        for area in FocusArea.objects.filter(pk__in=wanted).select_related("municipality")
    }
    names = municipality_names(
        municipality_code(region.code) for _areas, regions in linked.values() for region in regions
    )
    found: dict[int, Places] = {}
    for pk, (areas, regions) in linked.items():
        direct = {area.pk for area in areas}
        all_areas = areas + [extra[i] for i in sorted(derived[pk] - direct) if i in extra]
        cities = {area.municipality.code: area.municipality.display_name for area in all_areas}
        for region in regions:
            code = municipality_code(region.code)
            cities.setdefault(code, names.get(code, code))
        found[pk] = Places(
            focus_areas=tuple(sorted(all_areas, key=lambda area: area.name)),
            regions=tuple(regions),
            municipalities=tuple(sorted(cities.items(), key=lambda item: item[1])),
        )
    return found
