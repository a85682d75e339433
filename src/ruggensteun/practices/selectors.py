"""Reads of the practices app: the public library, coalitions without personal data, review
queues, where a practice spread and adoption counts. "Areas like yours" is in `similar`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet

from ruggensteun.accounts.models import User
from ruggensteun.areas.models import FocusArea, Level, Region
from ruggensteun.permissions import AnyUser, may

from .models import Adoption, AdoptionStatus, Coalition, Practice, ReviewComment
from .places import (
    Places,
    focus_area_ids_containing,
    member_index,
    municipality_code,
    municipality_names,
    places_of,
)
from .rules import belongs_to_coalition
from .similar import Suggestion, practices_like, similar_practices
from .themes import theme_label
from .workflow import Status, Transition, parties_of, transitions_from

__all__ = [
    "AdoptionCounts",
    "PublicCoalition",
    "PublicPartner",
    "SpreadPoint",
    "Suggestion",
    "adoption_counts",
    "allowed_transitions",
    "coalition_public",
    "coalitions_for",
    "coalitions_public",
    "places_of",
    "practice_for",
    "practice_history",
    "practice_spread",
    "practices_like",
    "practices_published",
    "practices_version",
    "practices_visible",
    "review_queue",
    "similar_practices",
]


def practices_published() -> QuerySet[Practice]:
    return Practice.objects.filter(status=Status.PUBLISHED)


def practices_visible(user: AnyUser) -> QuerySet[Practice]:
    """Published practices for everyone; also their own for owners, and all for editors."""
    if not user.is_authenticated or not user.is_active:
        return practices_published()
    if may(user, "practices.review"):
        return Practice.objects.all()
    return Practice.objects.filter(Q(status=Status.PUBLISHED) | Q(owner_id=user.pk))


def practice_for(*, slug: str, user: AnyUser) -> Practice | None:
    """The practice with `slug` if `user` may see it, else None (do not reveal drafts)."""
    practice = (
        Practice.objects.filter(slug=slug)
        .select_related("coalition")
        .prefetch_related("focus_areas__municipality", "regions", "media")
        .first()
    )
    if practice is None or not may(user, "practices.view_practice", practice):
        return None
    return practice


def review_queue() -> QuerySet[Practice]:
    """Submitted and in-review practices, longest waiting first (for the editors)."""
    return Practice.objects.filter(status__in=[Status.SUBMITTED, Status.IN_REVIEW]).order_by(
        "updated_at", "pk"
    )


def practice_history(practice: Practice) -> list[ReviewComment]:
    """Workflow steps and comments, oldest first (not public: show to owner and editors)."""
    return list(practice.comments.select_related("author").order_by("created_at", "pk"))


def allowed_transitions(practice: Practice, user: AnyUser) -> list[Transition]:
    """The workflow steps `user` may offer for `practice` (a comment may still be required)."""
    if not isinstance(user, User):
        return []
    parties = parties_of(user, owner_id=practice.owner_id)
    return transitions_from(practice.status, parties)


# --- coalitions, public ------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicPartner:
    name: str
    kind: str
    kind_label: str
    role: str


@dataclass(frozen=True)
class PublicCoalition:
    """What anyone may see of a coalition: no user accounts, no personal data."""

    slug: str
    name: str
    type: str
    type_label: str
    description: str
    themes: tuple[tuple[str, str], ...]  # (key, label)
    areas: tuple[str, ...]  # names of focus areas and regions
    municipalities: tuple[tuple[str, str], ...]  # (CBS code, name)
    partners: tuple[PublicPartner, ...]
    resident_ownership: str
    resident_ownership_level: str
    contact_email: str
    contact_website: str
    status: str
    status_label: str
    from_memo: bool
    practices: tuple[tuple[str, str], ...]  # published ones: (slug, title)


def coalitions_for(user: AnyUser) -> QuerySet[Coalition]:
    """The coalitions `user` may name, e.g. in an adoption (see rules.belongs_to_coalition)."""
    coalitions = Coalition.objects.order_by("name")
    if may(user, "practices.review"):  # the editors name any coalition
        return coalitions
    candidates = coalitions.prefetch_related(
        "partners", "regions", "focus_areas__municipality", "focus_areas__members__region"
    )
    return coalitions.filter(pk__in=[c.pk for c in candidates if belongs_to_coalition(user, c)])


def coalitions_public(*, status: str | None = None) -> list[PublicCoalition]:
    coalitions = Coalition.objects.prefetch_related(
        "focus_areas__municipality",
        "regions",
        "partners",
        "practices",
    ).order_by("name")
    if status:
        coalitions = coalitions.filter(status=status)
    found = list(coalitions)
    places = places_of(found)
    return [_public(coalition, places[coalition.pk]) for coalition in found]


def coalition_public(slug: str) -> PublicCoalition | None:
    coalition = (
        Coalition.objects.filter(slug=slug)
        .prefetch_related("focus_areas__municipality", "regions", "partners", "practices")
        .first()
    )
    if coalition is None:
        return None
    return _public(coalition, places_of([coalition])[coalition.pk])


def _public(coalition: Coalition, places: Places) -> PublicCoalition:
    return PublicCoalition(
        slug=coalition.slug,
        name=coalition.name,
        type=coalition.type,
        type_label=coalition.get_type_display(),
        description=coalition.description,
        themes=tuple((key, theme_label(key)) for key in coalition.themes),
        areas=tuple(
            [area.name for area in coalition.focus_areas.all()]
            + [region.display_name for region in coalition.regions.all()]
        ),
        municipalities=places.municipalities,
        partners=tuple(
            PublicPartner(p.name, p.kind, p.get_kind_display(), p.role)
            for p in coalition.partners.all()
        ),
        resident_ownership=coalition.resident_ownership,
        resident_ownership_level=coalition.get_resident_ownership_level_display(),
        contact_email=coalition.contact_email,
        contact_website=coalition.contact_website,
        status=coalition.status,
        status_label=coalition.get_status_display(),
        from_memo=coalition.from_memo,
        practices=tuple(
            (p.slug, p.title) for p in coalition.practices.all() if p.status == Status.PUBLISHED
        ),
    )


# --- spread and adoptions ------------------------------------------------------------------------


@dataclass(frozen=True)
class SpreadPoint:
    """One place on the map of a practice: where it comes from, or where it was taken up."""

    origin: bool
    area_name: str
    area_key: str  # focus area slug or CBS code
    region_codes: tuple[str, ...]  # CBS codes to colour on a map
    municipality_code: str
    municipality_name: str
    status: str  # adoption status; empty for the origin
    status_label: str
    coalition: str  # name of the adopting coalition, if any


def _focus_area_point(area: FocusArea, *, origin: bool, **extra: str) -> SpreadPoint:
    codes = tuple(member.region.code for member in area.members.all())
    return SpreadPoint(
        origin=origin,
        area_name=area.name,
        area_key=area.slug,
        region_codes=codes,
        municipality_code=area.municipality.code,
        municipality_name=area.municipality.display_name,
        status=extra.get("status", ""),
        status_label=extra.get("status_label", ""),
        coalition=extra.get("coalition", ""),
    )


def practice_spread(practice: Practice) -> list[SpreadPoint]:
    """Where the practice comes from (origin) and every adoption, for a list and a map."""
    adoptions = list(
        practice.adoptions.select_related("coalition", "focus_area__municipality", "region")
        .prefetch_related("focus_area__members__region")
        .order_by("created_at", "pk")
    )
    origin_areas = list(
        practice.focus_areas.select_related("municipality").prefetch_related("members__region")
    )
    origin_regions = list(practice.regions.all())
    names = municipality_names(
        municipality_code(region.code)
        for region in [*origin_regions, *(a.region for a in adoptions if a.region)]
    )
    points = [_focus_area_point(area, origin=True) for area in origin_areas]
    points += [_region_point(region, names, origin=True) for region in origin_regions]
    for adoption in adoptions:
        extra = {
            "status": adoption.status,
            "status_label": adoption.get_status_display(),
            "coalition": adoption.coalition.name if adoption.coalition else "",
        }
        if adoption.focus_area is not None:
            points.append(_focus_area_point(adoption.focus_area, origin=False, **extra))
        elif adoption.region is not None:
            points.append(_region_point(adoption.region, names, origin=False, **extra))
    return points


def _region_point(
    region: Region, names: dict[str, str], *, origin: bool, **extra: str
) -> SpreadPoint:
    code = municipality_code(region.code)
    return SpreadPoint(
        origin=origin,
        area_name=region.display_name,
        area_key=region.code,
        region_codes=(region.code,),
        municipality_code=code,
        municipality_name=names.get(code, code),
        status=extra.get("status", ""),
        status_label=extra.get("status_label", ""),
        coalition=extra.get("coalition", ""),
    )


@dataclass(frozen=True)
class AdoptionCounts:
    total: int
    by_status: dict[str, int]
    by_focus_area: dict[str, int]  # slug → adoptions in (or inside) that focus area; all areas
    outside_focus_areas: int


def adoption_counts(*, statuses: Iterable[str] | None = None) -> AdoptionCounts:
    """Adoptions in total, per status and per focus area (an adoption in a wijk counts for the
    focus area that contains it), for the programme overview."""
    adoptions = Adoption.objects.select_related("region")
    if statuses is not None:
        adoptions = adoptions.filter(status__in=list(statuses))
    rows = list(adoptions)
    slugs = dict(FocusArea.objects.values_list("pk", "slug"))
    per_area: Counter[str] = Counter({slug: 0 for slug in slugs.values()})
    members = member_index()
    outside = 0
    for adoption in rows:
        if adoption.focus_area_id is not None:
            area_ids = {adoption.focus_area_id}
        elif adoption.region is not None and adoption.region.level != Level.GEMEENTE:
            area_ids = focus_area_ids_containing([adoption.region.code], members)
        else:
            area_ids = set()
        per_area.update(slugs[pk] for pk in area_ids)
        outside += not area_ids
    by_status = Counter(adoption.status for adoption in rows)
    return AdoptionCounts(
        total=len(rows),
        by_status={status: by_status[status] for status in AdoptionStatus.values},
        by_focus_area=dict(per_area),
        outside_focus_areas=outside,
    )


def practices_in_area(area: FocusArea) -> list[Practice]:
    """Published practices placed in the focus area: linked to it, or to a wijk or buurt in it
    (see places_of), by title."""
    practices = list(
        practices_published()
        .prefetch_related("focus_areas__municipality", "regions")
        .order_by("title")
    )
    places = places_of(practices)
    return [p for p in practices if area.pk in places[p.pk].focus_area_ids]


def practices_version() -> str:
    """Changes whenever a coalition, a published practice or an adoption is added, changed or
    removed (for cached pages, reports and the search facets). Each of them bumps `updated_at`
    when saved, also before its links to areas and regions are set; drafts are left out, as
    nothing public shows them."""
    parts = []
    for rows in (Coalition.objects.all(), practices_published(), Adoption.objects.all()):
        facts = rows.aggregate(n=Count("pk"), last=Max("updated_at"))
        last = facts["last"].isoformat() if facts["last"] else "-"
        parts.append(f"{facts['n']}.{last}")
    return ".".join(parts)
