"""Writes to the geography: upserting regions, storing boundaries, defining focus areas."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import User
from ruggensteun.audit.services import audit_record
from ruggensteun.cbs import NETHERLANDS_CODE, municipality_of, parent_code
from ruggensteun.imports.base import Progress, no_progress
from ruggensteun.permissions import may
from ruggensteun.slugs import unique_slug

from .events import membership_changed
from .models import (
    Confidence,
    FocusArea,
    FocusAreaMember,
    Level,
    MatchMethod,
    MembershipDecision,
    Region,
    RegionGeometry,
)

ERROR_NO_NAME = _("Geef het gebied een naam.")
ERROR_NO_MUNICIPALITY = _("Kies een gemeente.")
ERROR_NO_MEMBERS = _("Kies ten minste één wijk of buurt.")
ERROR_NOT_A_MEMBER_LEVEL = _("%(region)s is geen wijk of buurt van deze indeling.")
ERROR_OUTSIDE_MUNICIPALITY = _("%(region)s ligt niet in %(municipality)s.")
ERROR_OVERLAP = _("Buurt %(region)s ligt in een gekozen wijk; kies de wijk of de buurt.")
ERROR_UNKNOWN_WIJK = _("%(code)s is geen CBS-wijk in de indeling %(vintage)s.")
ERROR_REASON_TOO_SHORT = _(
    "Geef de reden van de aanpassing, in ten minste %(minimum)d tekens: waarom horen deze "
    "wijken (niet) bij het gebied?"
)
ERROR_NO_CONFIDENCE = _("Kies hoe zeker de aanpassing is: hoog, gemiddeld of laag.")
ERROR_NOTHING_CHANGES = _("De gekozen wijken zijn dezelfde als nu: er verandert niets.")

MIN_REASON_LENGTH = 20
# What the members table's "vastgelegd in" says for a correction (stored data, like the
# shipped decisions' `CURATION_SOURCE`).
CORRECTION_SOURCE = "correctie door het programmateam"

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


@dataclass(frozen=True)
class MembershipCorrection:
    """The outcome of a correction: the new decision and the wijken it added and removed."""

    decision: MembershipDecision
    added: list[str]
    removed: list[str]
    superseded: list[int]  # pks of the decisions it replaced


@transaction.atomic
def focus_area_membership_correct(
    *, actor: User, area: FocusArea, codes: Iterable[str], reason: str, confidence: str
) -> MembershipCorrection:
    """The programme team sets which CBS wijken make up `area`, with a reason and confidence.

    One transaction: the members change, a new decision is stored and the current ones are
    marked superseded (they stay as the history), the audit event records the codes before and
    after with the reason, and `membership_changed` lets the monitor recompute. Buurten among
    the members are kept as they are; the correction is about wijken."""
    decision = may(actor, "areas.correct_membership", area)
    if not decision:
        raise FocusAreaError(decision.reason)
    locked = FocusArea.objects.select_for_update().select_related("municipality").get(pk=area.pk)
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise FocusAreaError(str(ERROR_REASON_TOO_SHORT) % {"minimum": MIN_REASON_LENGTH})
    if confidence not in Confidence.values:
        raise FocusAreaError(str(ERROR_NO_CONFIDENCE))
    wanted = _correction_wijken(locked, codes)
    members = {m.region.code: m for m in locked.members.select_related("region")}
    before = sorted(members)
    kept_buurten = [m.region for m in members.values() if m.region.level == Level.BUURT]
    _refuse_overlap([*wanted.values(), *kept_buurten])
    after = sorted([*wanted, *(region.code for region in kept_buurten)])
    if after == before:
        raise FocusAreaError(str(ERROR_NOTHING_CHANGES))
    removed = [code for code in before if code not in after]
    added = [code for code in after if code not in members]
    correction = _decision_supersede(locked, actor, after, before, reason, confidence)
    FocusAreaMember.objects.filter(focus_area=locked, region__code__in=removed).delete()
    FocusAreaMember.objects.bulk_create(
        FocusAreaMember(
            focus_area=locked,
            region=wanted[code],
            match_method=MatchMethod.MANUAL,
            decision=correction.decision,
        )
        for code in added
    )
    audit_record(
        actor=actor,
        action="focus_area.membership_correct",
        obj=locked,
        area_code=locked.municipality.code,
        before={"members": before},
        after={
            "members": after,
            "added": added,
            "removed": removed,
            "reason": reason,
            "confidence": confidence,
            "decision": correction.decision.pk,
            "superseded": correction.superseded,
        },
    )
    membership_changed.send(sender=FocusArea, area=locked, actor=actor)
    return MembershipCorrection(
        decision=correction.decision, added=added, removed=removed, superseded=correction.superseded
    )


def _correction_wijken(area: FocusArea, codes: Iterable[str]) -> dict[str, Region]:
    """The chosen wijken by code: each must be a wijk of the area's municipality in its
    vintage; the first that is not is refused with a Dutch message."""
    chosen = sorted({code.strip().upper() for code in codes if code.strip()})
    if not chosen:
        raise FocusAreaError(str(ERROR_NO_MEMBERS))
    found = {
        region.code: region
        for region in Region.objects.filter(vintage=area.vintage, level=Level.WIJK, code__in=chosen)
    }
    for code in chosen:
        region = found.get(code)
        if region is None:
            raise FocusAreaError(
                str(ERROR_UNKNOWN_WIJK) % {"code": code[:20], "vintage": area.vintage}
            )
        if municipality_of(code) != area.municipality.code:
            raise FocusAreaError(
                str(ERROR_OUTSIDE_MUNICIPALITY)
                % {
                    "region": f"{region.display_name} ({code})",
                    "municipality": area.municipality.display_name,
                }
            )
    return found


@dataclass(frozen=True)
class _Superseding:
    decision: MembershipDecision
    superseded: list[int]


def _decision_supersede(
    area: FocusArea,
    actor: User,
    after: list[str],
    before: list[str],
    reason: str,
    confidence: str,
) -> _Superseding:
    """Store the correction as the area's decision and mark every current decision (shipped
    or an earlier correction) superseded by it. They are marked first: the database allows one
    current decision per name."""
    now = timezone.now()
    current = list(
        area.membership_decisions.filter(superseded_at__isnull=True).values_list("pk", flat=True)
    )
    MembershipDecision.objects.filter(pk__in=current).update(superseded_at=now)
    decision = MembershipDecision.objects.create(
        focus_area=area,
        listed_name="",
        codes=after,
        codes_before=before,
        reason=reason,
        confidence=confidence,
        source=CORRECTION_SOURCE,
        decided_by=actor,
        decided_at=now,
    )
    MembershipDecision.objects.filter(pk__in=current).update(superseded_by=decision)
    return _Superseding(decision=decision, superseded=current)
