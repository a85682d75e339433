"""Reads of the geography and focus areas, shaped for pages and the API."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from .models import (
    FocusArea,
    FocusAreaMember,
    FocusAreaProgramme,
    Level,
    MembershipDecision,
    Programme,
    Region,
    RegionGeometry,
)


@dataclass(frozen=True)
class AreaSummary:
    area: FocusArea
    programmes: list[Programme]
    member_count: int
    unmatched_count: int  # names in the source without a CBS wijk and without a decision
    population: int | None  # None unless every member's population is known


@dataclass(frozen=True)
class CityGroup:
    municipality: Region
    areas: list[AreaSummary]


def focus_areas_queryset() -> QuerySet[FocusArea]:
    return FocusArea.objects.select_related("municipality").prefetch_related(
        Prefetch(
            "memberships",
            queryset=FocusAreaProgramme.objects.select_related("programme").order_by(
                "programme__start_year"
            ),
        ),
        Prefetch("members", queryset=FocusAreaMember.objects.select_related("region")),
    )


def area_population(area: FocusArea) -> int | None:
    """Sum of the members' inhabitants, or None when any member's count is unknown."""
    populations = [member.region.population for member in area.members.all()]
    if not populations or any(value is None for value in populations):
        return None
    return sum(value for value in populations if value is not None)


def focus_areas_by_city(programme: str | None = None) -> list[CityGroup]:
    areas = focus_areas_queryset().annotate(
        unmatched=Count(
            "unmatched_names", filter=Q(unmatched_names__decision__isnull=True), distinct=True
        )
    )
    if programme:
        areas = areas.filter(programmes__code=programme)
    summaries = [
        AreaSummary(
            area=area,
            programmes=[membership.programme for membership in area.memberships.all()],
            member_count=len(area.members.all()),
            unmatched_count=area.unmatched,
            population=area_population(area),
        )
        for area in areas.order_by("municipality__name", "name")
    ]
    return [
        CityGroup(municipality=municipality, areas=list(group))
        for municipality, group in groupby(summaries, key=lambda summary: summary.area.municipality)
    ]


def areas_version() -> str:
    """Changes whenever a focus area, its programmes, its members or its unmatched names are
    added, changed or removed. Focus areas carry no change stamp and an edit in the admin (a
    new name, another programme, a member marked partial) changes no count, so this digests
    the fields that pages and reports show, from value rows (four queries, a few hundred rows
    at most). Unmatched names count by number and highest pk: they are never edited, only
    resolved (removed) or given a decision, which the decisions' rows carry."""
    areas = FocusArea.objects.order_by("pk").values_list(
        "pk",
        "slug",
        "name",
        "municipality_id",
        "vintage",
        "description",
        "created_by_id",
        Count("unmatched_names"),
        Max("unmatched_names"),
    )
    programmes = FocusAreaProgramme.objects.order_by("pk").values_list(
        "pk", "focus_area_id", "programme_id", "confidence", "source"
    )
    members = FocusAreaMember.objects.order_by("pk").values_list(
        "pk", "focus_area_id", "region_id", "partial", "note", "listed_name", "decision_id"
    )
    decisions = MembershipDecision.objects.order_by("pk").values_list(
        "pk", "focus_area_id", "listed_name", "codes", "reason", "confidence", "source"
    )
    rows = (list(areas), list(programmes), list(members), list(decisions))
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class CurationDecision:
    """A name from the source list and the CBS wijken decided for it, with the reason."""

    listed_name: str
    codes: list[str]
    names: list[str]  # the CBS names of `codes`, in the same order (the code where unnamed)
    reason: str
    confidence: str  # a `Confidence` value
    confidence_label: str
    source: str

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """(code, name) per decided wijk, for templates."""
        return list(zip(self.codes, self.names, strict=True))


def curation_decisions(area: FocusArea) -> list[CurationDecision]:
    """The documented decisions on the area's composition, by name in the source (two
    queries)."""
    decisions = list(MembershipDecision.objects.filter(focus_area=area).order_by("listed_name"))
    codes = {code for decision in decisions for code in decision.codes}
    names = dict(
        Region.objects.filter(vintage=area.vintage, code__in=codes).values_list("code", "name")
    )
    return [
        CurationDecision(
            listed_name=decision.listed_name,
            codes=list(decision.codes),
            names=[names.get(code) or code for code in decision.codes],
            reason=decision.reason,
            confidence=decision.confidence,
            confidence_label=str(decision.get_confidence_display()),
            source=decision.source,
        )
        for decision in decisions
    ]


def focus_area_get(slug: str) -> FocusArea:
    return focus_areas_queryset().prefetch_related("unmatched_names").get(slug=slug)


def programmes_list() -> QuerySet[Programme]:
    return Programme.objects.all()


def regions_in_municipality(municipality: Region) -> list[Region]:
    """Wijken and buurten of one municipality, each wijk followed by its buurten."""
    prefix = municipality.code[2:]
    regions = Region.objects.filter(
        Q(code__startswith=f"WK{prefix}") | Q(code__startswith=f"BU{prefix}"),
        vintage=municipality.vintage,
    )
    return sorted(regions, key=lambda region: ("WK" + region.code[2:8], region.level != Level.WIJK))


def in_municipality(gemeente: str, field: str = "code") -> Q:
    """A filter on region codes: the gemeente itself and every wijk and buurt in it."""
    digits = gemeente[2:]
    return (
        Q(**{field: gemeente})
        | Q(**{f"{field}__startswith": f"WK{digits}"})
        | Q(**{f"{field}__startswith": f"BU{digits}"})
    )


def municipalities(vintage: int) -> QuerySet[Region]:
    return Region.objects.filter(vintage=vintage, level=Level.GEMEENTE).order_by("name")


def wijk_boundaries(municipality: Region) -> list[RegionGeometry]:
    """The uploaded wijk boundaries of a municipality (same vintage), by wijk code."""
    return list(
        RegionGeometry.objects.filter(
            region__vintage=municipality.vintage,
            region__level=Level.WIJK,
            region__code__startswith="WK" + municipality.code[2:],
        )
        .select_related("region")
        .order_by("region__code")
    )


@dataclass(frozen=True)
class MapPlace:
    """A municipality to colour on a map of the Netherlands, with what lies there."""

    code: str
    name: str
    anchor: str  # the page's element a click jumps to
    areas: list[str]


def municipalities_map(places: list[MapPlace]) -> dict[str, object] | None:
    """The Netherlands' outline and the `places` (municipality boundaries of 2020), as one
    GeoJSON FeatureCollection for the maps drawn by web/overview-map.js."""
    outline = RegionGeometry.objects.filter(region__level=Level.LAND, region__vintage=2020).first()
    if outline is None or not places:
        return None
    shapes = dict(
        RegionGeometry.objects.filter(
            region__vintage=2020,
            region__level=Level.GEMEENTE,
            region__code__in=[place.code for place in places],
        ).values_list("region__code", "geojson")
    )
    features: list[dict[str, object]] = [
        {"type": "Feature", "geometry": outline.geojson, "properties": {"kind": "land"}}
    ]
    features += [
        {
            "type": "Feature",
            "geometry": shapes[place.code],
            "properties": {
                "kind": "gemeente",
                "name": place.name,
                "anchor": place.anchor,
                "areas": place.areas,
            },
        }
        for place in places
        if place.code in shapes
    ]
    return {"type": "FeatureCollection", "features": features}


def overview_map(groups: list[CityGroup]) -> dict[str, object] | None:
    """The overview's map: the municipalities holding the listed focus areas."""
    return municipalities_map(
        [
            MapPlace(
                code=group.municipality.code,
                name=group.municipality.display_name,
                anchor=f"gm-{group.municipality.code}",
                areas=[summary.area.name for summary in group.areas],
            )
            for group in groups
        ]
    )
