"""Writes to the geography: upserting regions, storing boundaries, defining focus areas."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import User
from ruggensteun.audit.services import audit_record
from ruggensteun.cbs import NETHERLANDS_CODE, municipality_of, parent_code
from ruggensteun.imports.base import Progress, no_progress
from ruggensteun.permissions import may
from ruggensteun.slugs import unique_slug

from .models import FocusArea, FocusAreaMember, Level, MatchMethod, Region, RegionGeometry

ERROR_NO_NAME = _("Geef het gebied een naam.")
ERROR_NO_MUNICIPALITY = _("Kies een gemeente.")
ERROR_NO_MEMBERS = _("Kies ten minste één wijk of buurt.")
ERROR_NOT_A_MEMBER_LEVEL = _("%(region)s is geen wijk of buurt van deze indeling.")
ERROR_OUTSIDE_MUNICIPALITY = _("%(region)s ligt niet in %(municipality)s.")
ERROR_OVERLAP = _("Buurt %(region)s ligt in een gekozen wijk; kies de wijk of de buurt.")

LEVEL_ORDER = [Level.LAND, Level.VEILIGHEIDSREGIO, Level.GEMEENTE, Level.WIJK, Level.BUURT]


@dataclass(frozen=True)
class RegionRow:
    """One region to create or update; None means "leave as it is"."""

    code: str
    level: str
    name: str | None = None
    parent_code: str | None = None
    population: int | None = None
    population_source: str | None = None
    safety_region_code: str | None = None


class FocusAreaError(ValueError):
    """A focus area cannot be defined as asked; the message is Dutch and shown to the user."""


def regions_upsert(
    *, vintage: int, rows: Sequence[RegionRow], progress: Progress = no_progress
) -> int:
    """Create or update the regions of one vintage, parents before children. Returns the count."""
    existing = {region.code: region for region in Region.objects.filter(vintage=vintage)}
    pks = {code: region.pk for code, region in existing.items()}
    by_level: dict[str, list[RegionRow]] = {}
    for row in rows:
        by_level.setdefault(row.level, []).append(row)
    done = 0
    for level in LEVEL_ORDER:
        level_rows = by_level.get(level, [])
        if not level_rows:
            continue
        new: list[Region] = []
        changed: list[Region] = []
        for row in progress(level_rows, len(level_rows), f"{vintage} {level}"):
            region = existing.get(row.code)
            if region is None:
                region = Region(vintage=vintage, code=row.code, level=row.level)
                _apply(region, row, pks)
                new.append(region)
            elif _apply(region, row, pks):
                changed.append(region)
        Region.objects.bulk_create(new, batch_size=2000)
        Region.objects.bulk_update(
            changed,
            ["name", "parent", "population", "population_source", "safety_region"],
            batch_size=2000,
        )
        for region in new:
            existing[region.code] = region
            pks[region.code] = region.pk
        done += len(level_rows)
    return done


def _apply(region: Region, row: RegionRow, pks: dict[str, int]) -> bool:
    """Set the row's given fields on the region; return whether anything changed."""
    wanted: dict[str, Any] = {}
    if row.name is not None:
        wanted["name"] = row.name
    parent = row.parent_code or parent_code(row.code)
    if parent is not None and row.level != Level.LAND:
        wanted["parent_id"] = pks.get(parent)
    if row.population is not None:
        wanted["population"] = row.population
    if row.population_source is not None:
        wanted["population_source"] = row.population_source
    if row.safety_region_code is not None:
        wanted["safety_region_id"] = pks.get(row.safety_region_code)
    changed = False
    for field, value in wanted.items():
        if getattr(region, field) != value:
            setattr(region, field, value)
            changed = True
    return changed


def region_geometries_store(
    *, vintage: int, geometries: dict[str, dict[str, Any]], source: str
) -> int:
    """Store (replace) GeoJSON boundaries for regions of one vintage, keyed by region code."""
    regions = Region.objects.filter(vintage=vintage, code__in=list(geometries))
    RegionGeometry.objects.filter(region__in=regions).delete()
    RegionGeometry.objects.bulk_create(
        [
            RegionGeometry(region=region, geojson=geometries[region.code], source=source)
            for region in regions
        ],
        batch_size=200,
    )
    return len(regions)


def netherlands_row(population: int | None = None, source: str | None = None) -> RegionRow:
    return RegionRow(
        code=NETHERLANDS_CODE,
        level=Level.LAND,
        name="Nederland",
        population=population,
        population_source=source,
    )


@transaction.atomic
def focus_area_define(
    *,
    actor: User,
    name: str,
    municipality: Region,
    members: Iterable[Region],
    description: str = "",
) -> FocusArea:
    """Define a user's own focus area from wijken or buurten of one municipality."""
    decision = may(actor, "areas.define_focus_area", municipality)
    if not decision:
        raise FocusAreaError(decision.reason)
    name = name.strip()
    members = list(members)
    if not name:
        raise FocusAreaError(str(ERROR_NO_NAME))
    if municipality.level != Level.GEMEENTE:
        raise FocusAreaError(str(ERROR_NO_MUNICIPALITY))
    if not members:
        raise FocusAreaError(str(ERROR_NO_MEMBERS))
    for region in members:
        if region.level not in (Level.WIJK, Level.BUURT) or region.vintage != municipality.vintage:
            raise FocusAreaError(str(ERROR_NOT_A_MEMBER_LEVEL) % {"region": region.display_name})
        if municipality_of(region.code) != municipality.code:
            raise FocusAreaError(
                str(ERROR_OUTSIDE_MUNICIPALITY)
                % {"region": region.display_name, "municipality": municipality.display_name}
            )
    _refuse_overlap(members)
    area = FocusArea.objects.create(
        slug=unique_slug(name, taken=FocusArea.objects.all(), fallback="gebied"),
        name=name,
        municipality=municipality,
        vintage=municipality.vintage,
        description=description,
        created_by=actor,
    )
    FocusAreaMember.objects.bulk_create(
        [
            FocusAreaMember(focus_area=area, region=region, match_method=MatchMethod.MANUAL)
            for region in members
        ]
    )
    focus_area_audit(actor=actor, area=area, before=None)
    return area


def focus_area_summary(area: FocusArea) -> dict[str, Any]:
    """What the audit trail keeps of a focus area, read from the database."""
    return {
        "name": area.name,
        "slug": area.slug,
        "municipality": area.municipality.code,
        "vintage": area.vintage,
        "is_default": area.is_default,
        "description": area.description,
        "members": sorted(area.members.values_list("region__code", flat=True)),
        "programmes": sorted(area.programmes.values_list("code", flat=True)),
    }


def focus_area_audit(*, actor: User | None, area: FocusArea, before: dict[str, Any] | None) -> None:
    """Record a created (`before` None) or changed focus area; a change that changed nothing
    is not recorded. Call it after members and programmes are saved, in the same transaction."""
    after = focus_area_summary(area)
    if after == before:
        return
    audit_record(
        actor=actor,
        action="focus_area.create" if before is None else "focus_area.change",
        obj=area,
        area_code=area.municipality.code,
        before=before,
        after=after,
    )


@transaction.atomic
def focus_area_delete(*, actor: User | None, area: FocusArea) -> None:
    """Delete a focus area (with its members and programme links), recording what it was."""
    audit_record(
        actor=actor,
        action="focus_area.delete",
        obj=area,
        area_code=area.municipality.code,
        before=focus_area_summary(area),
    )
    area.delete()


def _refuse_overlap(members: list[Region]) -> None:
    """A buurt inside a chosen wijk would count its inhabitants twice."""
    wijk_codes = {region.code for region in members if region.level == Level.WIJK}
    for region in members:
        if region.level == Level.BUURT and parent_code(region.code) in wijk_codes:
            raise FocusAreaError(str(ERROR_OVERLAP) % {"region": region.display_name})
