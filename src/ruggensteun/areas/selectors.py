"""Reads of the geography and focus areas, shaped for pages and the API."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime
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
    return FocusArea.objects.select_related("municipality__safety_region").prefetch_related(
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
    resolved (removed) or given a decision, which the decisions' rows carry. A correction by
    the programme team adds a decision and marks the current ones superseded, so it changes
    the digest even when the members' rows alone would not show it."""
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
        "pk",
        "focus_area_id",
        "listed_name",
        "codes",
        "reason",
        "confidence",
        "source",
        "superseded_at",
    )
    rows = (list(areas), list(programmes), list(members), list(decisions))
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class CurationDecision:
    """A name from the source list and the CBS wijken decided for it, with the reason; or (with
    an empty `listed_name`) the programme team's correction of the whole area."""

    listed_name: str
    codes: list[str]
    names: list[str]  # the CBS names of `codes`, in the same order (the code where unnamed)
    reason: str
    confidence: str  # a `Confidence` value
    confidence_label: str
    source: str
    # A correction: the wijken it added and removed as (code, name), who and when.
    added: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    decided_by: str = ""
    decided_at: datetime | None = None
    superseded_at: datetime | None = None  # None: the decision holds now
    superseded_by: str = ""  # who made the correction that replaced it
    # On the correction that holds now: every decision corrections replaced, newest first.
    history: list[CurationDecision] = field(default_factory=list)

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """(code, name) per decided wijk, for templates."""
        return list(zip(self.codes, self.names, strict=True))

    @property
    def is_correction(self) -> bool:
        return not self.listed_name


def curation_decisions(area: FocusArea) -> list[CurationDecision]:
    """The decisions on the area's composition that hold now, by name in the source (a
    correction by the programme team first, carrying the decisions it and earlier corrections
    replaced as its `history`), in two queries."""
    decisions = _decisions(area)
    current = [d for d in decisions if d.superseded_at is None]
    history = [d for d in decisions if d.superseded_at is not None]
    return [replace(d, history=history) if d.is_correction else d for d in current]


def _decision_order(decision: MembershipDecision) -> tuple[int, str, float, int]:
    if decision.superseded_at is None:
        return (0, decision.listed_name, 0.0, 0)
    return (1, "", -decision.superseded_at.timestamp(), -decision.pk)


def membership_history(area: FocusArea) -> list[CurationDecision]:
    """The decisions later corrections replaced, the most recently replaced first."""
    return [d for d in _decisions(area) if d.superseded_at is not None]


def _decisions(area: FocusArea) -> list[CurationDecision]:
    """All of the area's decisions: those that hold by name, then the replaced ones, the most
    recently replaced first."""
    decisions = sorted(
        MembershipDecision.objects.filter(focus_area=area).select_related(
            "decided_by", "superseded_by__decided_by"
        ),
        key=_decision_order,
    )
    codes = {code for d in decisions for code in [*d.codes, *d.codes_before]}
    names = dict(
        Region.objects.filter(vintage=area.vintage, code__in=codes).values_list("code", "name")
    )

    def pairs(codes: list[str]) -> list[tuple[str, str]]:
        return [(code, names.get(code) or code) for code in codes]

    return [
        CurationDecision(
            listed_name=decision.listed_name,
            codes=list(decision.codes),
            names=[names.get(code) or code for code in decision.codes],
            reason=decision.reason,
            confidence=decision.confidence,
            confidence_label=str(decision.get_confidence_display()),
            source=decision.source,
            added=pairs([c for c in decision.codes if c not in decision.codes_before])
            if not decision.listed_name
            else [],
            removed=pairs([c for c in decision.codes_before if c not in decision.codes]),
            decided_by=_decider(decision),
            decided_at=decision.decided_at,
            superseded_at=decision.superseded_at,
            superseded_by=_decider(decision.superseded_by),
        )
        for decision in decisions
    ]


def _decider(decision: MembershipDecision | None) -> str:
    if decision is None or decision.decided_by is None:
        return ""
    return decision.decided_by.email


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


def wijken_in_municipality(municipality: Region) -> list[Region]:
    """The wijken of one municipality in its vintage, by code."""
    return list(
        Region.objects.filter(
            vintage=municipality.vintage, level=Level.WIJK, parent=municipality
        ).order_by("code")
    )


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
