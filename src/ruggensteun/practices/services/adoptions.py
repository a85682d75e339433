"""Recording where a practice was taken up (scale-up) and how that went."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import User
from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.audit.services import audit_record
from ruggensteun.practices.errors import PracticeError
from ruggensteun.practices.models import Adoption, AdoptionStatus, Coalition, Practice
from ruggensteun.practices.rules import belongs_to_coalition
from ruggensteun.practices.workflow import Status

from .common import area_code_of, check_places, clean, require

ERROR_NOT_PUBLISHED = _("Alleen een gepubliceerde praktijk kan worden overgenomen.")
ERROR_ONE_AREA = _("Kies één gebied: een focusgebied, of een gemeente, wijk of buurt.")
ERROR_DATES = _("De einddatum ligt vóór de startdatum.")


@dataclass(frozen=True)
class AdoptionData:
    """Exactly one of focus_area and region is the adopting area."""

    focus_area: FocusArea | None = None
    region: Region | None = None
    coalition: Coalition | None = None
    adapted: str = ""
    reason: str = ""
    status: str = AdoptionStatus.PLANNED
    outcome: str = ""
    started_on: date | None = None
    ended_on: date | None = None

    @property
    def area(self) -> FocusArea | Region | None:
        return self.focus_area or self.region


def _require_member(actor: User | None, coalition: Coalition | None) -> None:
    """Naming a coalition is acting for it: only its members and the editors may."""
    if actor is None or coalition is None:
        return
    decision = belongs_to_coalition(actor, coalition)
    if not decision:
        raise PracticeError(decision.reason)


def _save(adoption: Adoption, data: AdoptionData) -> None:
    if (data.focus_area is None) == (data.region is None):
        raise PracticeError(str(ERROR_ONE_AREA))
    check_places((), [data.region] if data.region is not None else [])
    if data.started_on and data.ended_on and data.ended_on < data.started_on:
        raise PracticeError(str(ERROR_DATES))
    adoption.focus_area, adoption.region, adoption.coalition = (
        data.focus_area,
        data.region,
        data.coalition,
    )
    adoption.adapted, adoption.reason = data.adapted.strip(), data.reason.strip()
    adoption.status, adoption.outcome = data.status, data.outcome.strip()
    adoption.started_on, adoption.ended_on = data.started_on, data.ended_on
    clean(adoption, exclude=["practice", "created_by", "coalition", "focus_area", "region"])
    adoption.save()


def _summary(adoption: Adoption) -> dict[str, Any]:
    return {
        "practice": adoption.practice.slug,
        "area": str(adoption.focus_area or adoption.region),
        "coalition": adoption.coalition.name if adoption.coalition else None,
        "status": adoption.status,
    }


@transaction.atomic
def adoption_record(*, actor: User | None, practice: Practice, data: AdoptionData) -> Adoption:
    """Record that a published practice is taken up in an area (by a coalition, if given:
    one the actor belongs to)."""
    require(actor, "practices.record_adoption", data.area)
    _require_member(actor, data.coalition)
    if practice.status != Status.PUBLISHED:
        raise PracticeError(str(ERROR_NOT_PUBLISHED))
    adoption = Adoption(practice=practice, created_by=actor)
    _save(adoption, data)
    audit_record(
        actor=actor,
        action="adoption.record",
        obj=adoption,
        area_code=area_code_of(adoption),
        after=_summary(adoption),
    )
    return adoption


@transaction.atomic
def adoption_update(*, actor: User | None, adoption: Adoption, data: AdoptionData) -> Adoption:
    """Change an adoption (progress, outcome), by those who may record one for its areas; a
    coalition it names must be one the actor belongs to."""
    require(actor, "practices.record_adoption", adoption.focus_area or adoption.region)
    require(actor, "practices.record_adoption", data.area)
    _require_member(actor, data.coalition)
    before = _summary(adoption)
    _save(adoption, data)
    audit_record(
        actor=actor,
        action="adoption.update",
        obj=adoption,
        area_code=area_code_of(adoption),
        before=before,
        after=_summary(adoption),
    )
    return adoption
