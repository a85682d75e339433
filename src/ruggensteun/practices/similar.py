""" "Areas like yours": published practices from areas with a similar problem profile that tackle
the domains where an area is flagged, each with a Dutch sentence saying why.

Profiles come from the monitor: SimilarArea (nearest focus areas on standardised indicators,
METHODS.md §5) and the domain flags of the latest result set (a focus area is flagged in a domain
when one of its wijken is among the worst WORST_SHARE of Dutch wijken). Practices from similar
areas come first, nearest first; after them, practices from other places that tackle the same
domains, without a claim of similarity.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ruggensteun.analysis.stacking import WORST_SHARE
from ruggensteun.areas.models import FocusArea
from ruggensteun.monitor.selectors import area_stackings, similar_areas

from .models import Practice
from .places import Places, places_of
from .themes import join_labels, theme_keys, theme_label
from .workflow import Status

Candidate = tuple[Practice, Places]


@dataclass(frozen=True)
class Suggestion:
    practice: Practice
    area: FocusArea | None  # the similar area the practice comes from; None: no similarity claim
    distance: float | None
    domains: tuple[str, ...]  # domain keys the practice shares with the need
    reason: str


def flagged_domains(area: FocusArea) -> list[str]:
    """Domains (catalogue order) in which the area is flagged in the latest result set."""
    stacking = area_stackings([area]).get(area.pk)
    if stacking is None:
        return []
    return [key for key in theme_keys() if stacking.flagged(key)]


def _published() -> list[Candidate]:
    practices = list(
        Practice.objects.filter(status=Status.PUBLISHED)
        .select_related("coalition")
        .prefetch_related("focus_areas__municipality", "regions")
        .order_by("-published_at", "pk")
    )
    places = places_of(practices)
    return [(practice, places[practice.pk]) for practice in practices]


def _shared(practice: Practice, wanted: Sequence[str]) -> tuple[str, ...]:
    return tuple(key for key in wanted if key in practice.themes)


def _labels(domains: Iterable[str]) -> str:
    return join_labels([theme_label(key) for key in domains])


def _where(places: Places) -> str:
    if places.focus_areas:
        return places.focus_areas[0].name
    return join_labels([name for _code, name in places.municipalities]) or "?"


def _need() -> str:
    return _(
        "waar de score van dit gebied bij de {share} procent slechtst scorende wijken van "
        "Nederland hoort"
    ).format(share=round(WORST_SHARE * 100))


def similar_practices(area: FocusArea, *, limit: int = 5) -> list[Suggestion]:
    """Up to `limit` published practices for `area`: those from similar areas (nearest first)
    that tackle a domain in which `area` is flagged, then others tackling such a domain."""
    flagged = flagged_domains(area)
    if not flagged:
        return []
    candidates = [(p, pl) for p, pl in _published() if area.pk not in pl.focus_area_ids]
    found: list[Suggestion] = []
    taken: set[int] = set()
    for similar in similar_areas(area):
        for practice, _places in _by_overlap(candidates, flagged, in_area=similar.neighbour_id):
            shared = _shared(practice, flagged)
            reason = _(
                "{neighbour} lijkt op dit gebied (afstand {distance}) en deze aanpak richt zich "
                "op {domains}, {need}."
            ).format(
                neighbour=similar.neighbour.name,
                distance=number_format(similar.distance, 2),
                domains=_labels(shared),
                need=_need(),
            )
            found.append(Suggestion(practice, similar.neighbour, similar.distance, shared, reason))
            taken.add(practice.pk)
    for practice, places in _by_overlap(candidates, flagged):
        if practice.pk in taken:
            continue
        shared = _shared(practice, flagged)
        reason = _("Deze aanpak uit {place} richt zich op {domains}, {need}.").format(
            place=_where(places), domains=_labels(shared), need=_need()
        )
        found.append(Suggestion(practice, None, None, shared, reason))
        taken.add(practice.pk)
    return found[:limit]


def _by_overlap(
    candidates: Sequence[Candidate], wanted: Sequence[str], *, in_area: int | None = None
) -> list[Candidate]:
    """Candidates sharing a wanted domain (in one focus area, if given), most shared first; the
    input order (newest first) breaks ties."""
    chosen = [
        (practice, places)
        for practice, places in candidates
        if _shared(practice, wanted) and (in_area is None or in_area in places.focus_area_ids)
    ]
    return sorted(chosen, key=lambda item: -len(_shared(item[0], wanted)))


def practices_like(practice: Practice, *, limit: int = 5) -> list[Suggestion]:
    """For a practice page: other published practices sharing a theme, first from the same
    focus area, then from similar areas (nearest first), then from anywhere."""
    themes = list(practice.themes)
    own = places_of([practice])[practice.pk].focus_areas
    if not themes:
        return []
    candidates = [(p, pl) for p, pl in _published() if p.pk != practice.pk]
    found: list[Suggestion] = []
    taken: set[int] = {practice.pk}
    steps: list[tuple[FocusArea, FocusArea, float]] = [(area, area, 0.0) for area in own]
    nearby = [(area, s.neighbour, s.distance) for area in own for s in similar_areas(area)]
    steps += sorted(nearby, key=lambda step: step[2])
    for origin, area, distance in steps:
        for other, _places in _by_overlap(candidates, themes, in_area=area.pk):
            if other.pk in taken:
                continue
            shared = _shared(other, themes)
            found.append(
                Suggestion(
                    other, area, distance, shared, _like_reason(origin, area, distance, shared)
                )
            )
            taken.add(other.pk)
    for other, places in _by_overlap(candidates, themes):
        if other.pk not in taken:
            shared = _shared(other, themes)
            reason = _("Deze aanpak uit {place} richt zich ook op {domains}.").format(
                place=_where(places), domains=_labels(shared)
            )
            found.append(Suggestion(other, None, None, shared, reason))
            taken.add(other.pk)
    return found[:limit]


def _like_reason(origin: FocusArea, area: FocusArea, distance: float, shared: Sequence[str]) -> str:
    if origin.pk == area.pk:
        return _("Ook uit {area}, en ook gericht op {domains}.").format(
            area=area.name, domains=_labels(shared)
        )
    return _(
        "{neighbour} lijkt op {area} (afstand {distance}) en ook deze aanpak richt zich op "
        "{domains}."
    ).format(
        neighbour=area.name,
        area=origin.name,
        distance=number_format(distance, 2),
        domains=_labels(shared),
    )
