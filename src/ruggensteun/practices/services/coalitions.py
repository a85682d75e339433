"""Registering and changing coalitions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from ruggensteun.accounts.models import User
from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.audit.services import audit_record
from ruggensteun.practices.models import Coalition, CoalitionStatus, OwnershipLevel, Partner
from ruggensteun.slugs import unique_slug

from .common import area_code_of, check_places, clean, require


@dataclass(frozen=True)
class PartnerData:
    name: str
    kind: str
    role: str = ""


@dataclass(frozen=True)
class CoalitionData:
    name: str
    type: str
    description: str = ""
    themes: tuple[str, ...] = ()
    focus_areas: tuple[FocusArea, ...] = ()
    regions: tuple[Region, ...] = ()
    partners: tuple[PartnerData, ...] = ()
    resident_ownership: str = ""
    resident_ownership_level: str = OwnershipLevel.UNKNOWN
    contact_email: str = ""
    contact_website: str = ""
    status: str = CoalitionStatus.ACTIVE


def _save_coalition(coalition: Coalition, data: CoalitionData) -> None:
    check_places(data.themes, data.regions)
    coalition.name = data.name.strip()
    coalition.type = data.type
    coalition.description = data.description.strip()
    coalition.themes = list(dict.fromkeys(data.themes))
    coalition.resident_ownership = data.resident_ownership.strip()
    coalition.resident_ownership_level = data.resident_ownership_level
    coalition.contact_email = data.contact_email.strip()
    coalition.contact_website = data.contact_website.strip()
    coalition.status = data.status
    coalition.slug = coalition.slug or unique_slug(
        coalition.name, taken=Coalition.objects.all(), fallback="item", exclude_pk=coalition.pk
    )
    clean(coalition, exclude=["created_by"])
    partners = [
        Partner(name=p.name.strip(), kind=p.kind, role=p.role.strip(), position=index)
        for index, p in enumerate(data.partners)
    ]
    for partner in partners:
        clean(partner, exclude=["coalition"])
    coalition.save()
    coalition.focus_areas.set(data.focus_areas)
    coalition.regions.set(data.regions)
    coalition.partners.all().delete()
    for partner in partners:
        partner.coalition = coalition
    Partner.objects.bulk_create(partners)


def _coalition_summary(coalition: Coalition) -> dict[str, Any]:
    return {
        "name": coalition.name,
        "type": coalition.type,
        "status": coalition.status,
        "themes": coalition.themes,
        "partners": [p.name for p in coalition.partners.all()],
    }


@transaction.atomic
def coalition_create(
    *, actor: User | None, data: CoalitionData, from_memo: bool = False, slug: str = ""
) -> Coalition:
    """Register a coalition; a coalitielid only for areas within the scope of the role."""
    require(actor, "practices.create_coalition", [*data.focus_areas, *data.regions])
    coalition = Coalition(created_by=actor, from_memo=from_memo, slug=slug)
    _save_coalition(coalition, data)
    audit_record(
        actor=actor,
        action="coalition.create",
        obj=coalition,
        area_code=area_code_of(coalition),
        after=_coalition_summary(coalition),
    )
    return coalition


@transaction.atomic
def coalition_update(*, actor: User | None, coalition: Coalition, data: CoalitionData) -> Coalition:
    """Replace a coalition's details (also to end it: status "ended")."""
    require(actor, "practices.edit_coalition", coalition)
    require(actor, "practices.create_coalition", [*data.focus_areas, *data.regions])
    before = _coalition_summary(coalition)
    _save_coalition(coalition, data)
    audit_record(
        actor=actor,
        action="coalition.update",
        obj=coalition,
        area_code=area_code_of(coalition),
        before=before,
        after=_coalition_summary(coalition),
    )
    return coalition
