"""The report's section on coalitions and practices in the area: who works there, which
practices started there and where they were adopted (split from `builder`)."""

from __future__ import annotations

from dataclasses import dataclass

from ruggensteun.areas.models import FocusArea, Level
from ruggensteun.cbs import level_of, scope_covers
from ruggensteun.practices.models import Adoption, Coalition, CoalitionStatus, Practice
from ruggensteun.practices.places import places_of
from ruggensteun.practices.selectors import practices_in_area
from ruggensteun.practices.workflow import Status


@dataclass(frozen=True)
class AreaCoalition:
    name: str
    type_label: str
    municipality_wide: bool  # linked to the whole municipality, not to the area itself


def _in_area(code: str, member_codes: list[str]) -> bool:
    """Whether a wijk or buurt code lies in (or contains) one of the area's members."""
    if level_of(code) not in {Level.WIJK, Level.BUURT}:
        return False
    return any(scope_covers(code, m) or scope_covers(m, code) for m in member_codes)


@dataclass(frozen=True)
class AreaActivities:
    """What the report's section on coalitions, practices and adoptions shows."""

    coalitions: list[AreaCoalition]
    practices: list[Practice]
    adoptions: list[str]  # one sentence per adoption


def area_activities(area: FocusArea) -> AreaActivities:
    """Active coalitions linked to the area, its wijken or buurten, or its municipality;
    published practices placed in the area; adoptions of published practices there.
    Learning circles and seed money are not part of Ruggensteun yet, which the report says."""
    member_codes = [m.region.code for m in area.members.select_related("region")]
    coalitions = list(
        Coalition.objects.filter(status=CoalitionStatus.ACTIVE)
        .prefetch_related("focus_areas__municipality", "regions")
        .order_by("name")
    )
    coalition_places = places_of(coalitions)
    found = []
    for coalition in coalitions:
        here = area.pk in coalition_places[coalition.pk].focus_area_ids
        wide = any(r.code == area.municipality.code for r in coalition.regions.all())
        if here or wide:
            found.append(
                AreaCoalition(coalition.name, coalition.get_type_display(), not here and wide)
            )
    adoptions = (
        Adoption.objects.filter(practice__status=Status.PUBLISHED)
        .select_related("practice", "coalition", "region", "focus_area")
        .order_by("practice__title", "pk")
    )
    return AreaActivities(
        coalitions=found,
        practices=practices_in_area(area),
        adoptions=[
            _adoption_text(a)
            for a in adoptions
            if a.focus_area_id == area.pk
            or (a.region is not None and _in_area(a.region.code, member_codes))
        ],
    )


def _adoption_text(adoption: Adoption) -> str:
    text = f"{adoption.practice.title}: {adoption.get_status_display()}"
    if adoption.region is not None:
        text += f" in {adoption.region.display_name}"
    if adoption.coalition is not None:
        text += f", door {adoption.coalition.name}"
    return text
