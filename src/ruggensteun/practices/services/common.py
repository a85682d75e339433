"""Checks and helpers shared by the practices services."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import User
from ruggensteun.areas.models import Region
from ruggensteun.permissions import may
from ruggensteun.practices.errors import PracticeError
from ruggensteun.practices.models import Adoption, Coalition, Practice
from ruggensteun.practices.places import LINKABLE_LEVELS, municipality_code
from ruggensteun.practices.themes import unknown_themes

ERROR_UNKNOWN_THEMES = _("Onbekend thema: {themes}.")
ERROR_REGION_LEVEL = _("{region} is geen gemeente, wijk of buurt.")


def require(actor: User | None, action: str, obj: Any = None) -> None:
    """The system (None) may do anything; a user needs the rule's permission."""
    if actor is None:
        return
    decision = may(actor, action, obj)
    if not decision:
        raise PracticeError(decision.reason)


def clean(instance: models.Model, *, exclude: Sequence[str] = ()) -> None:
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        raise PracticeError(" ".join(error.messages)) from None


def check_places(themes: Sequence[str], regions: Sequence[Region]) -> None:
    unknown = unknown_themes(themes)
    if unknown:
        raise PracticeError(str(ERROR_UNKNOWN_THEMES).format(themes=", ".join(unknown)))
    for region in regions:
        if region.level not in LINKABLE_LEVELS:
            raise PracticeError(str(ERROR_REGION_LEVEL).format(region=region.display_name))


def area_code_of(obj: Coalition | Practice | Adoption) -> str:
    """One CBS code for the audit trail: the first area's municipality or region."""
    if isinstance(obj, Adoption):
        if obj.focus_area is not None:
            return obj.focus_area.municipality.code
        return obj.region.code if obj.region is not None else ""
    area = obj.focus_areas.select_related("municipality").first()
    if area is not None:
        return area.municipality.code
    region = obj.regions.first()
    return municipality_code(region.code) if region is not None else ""
