"""How complete a practice's structured description is (pure; no database).

The description follows the Dutch recognition system for social interventions (Movisie's
databank, Loket Gezond Leven): eleven parts. A practice is "volledig" with all eleven filled,
"goed" with the four core parts and at least eight in all, and "basis" otherwise. A complete
description corresponds to the recognition system's "goed beschreven"; how well the effect is
founded is the separate evidence level.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

DESCRIPTION_FIELDS: dict[str, StrPromise] = {
    "problem": _("probleem"),
    "target_group": _("doelgroep"),
    "goal": _("doel"),
    "approach": _("aanpak en activiteiten"),
    "partners_roles": _("partners en rollen"),
    "resident_ownership": _("eigenaarschap van bewoners"),
    "conditions": _("voorwaarden voor succes"),
    "costs": _("kosten"),
    "results": _("resultaten en onderbouwing"),
    "lessons": _("lessen"),
    "transferability": _("overdraagbaarheid"),
}
CORE_FIELDS = ("problem", "target_group", "goal", "approach")
GOOD_MINIMUM = 8

_CONTENT = re.compile(r"[^\W_]")


class CompletenessLevel(models.TextChoices):
    BASIS = "basis", _("basis")
    GOED = "goed", _("goed")
    VOLLEDIG = "volledig", _("volledig")


@dataclass(frozen=True)
class Completeness:
    filled: int
    total: int
    percentage: int
    level: CompletenessLevel
    missing: tuple[str, ...]  # field names, in description order

    @property
    def missing_labels(self) -> list[str]:
        return [str(DESCRIPTION_FIELDS[name]) for name in self.missing]


def is_filled(value: str | None) -> bool:
    """A part counts when it holds at least one letter or digit (not just "-" or spaces)."""
    return bool(value and _CONTENT.search(value))


def completeness_of(values: Mapping[str, str | None]) -> Completeness:
    missing = tuple(name for name in DESCRIPTION_FIELDS if not is_filled(values.get(name)))
    total = len(DESCRIPTION_FIELDS)
    filled = total - len(missing)
    if not missing:
        level = CompletenessLevel.VOLLEDIG
    elif filled >= GOOD_MINIMUM and not set(CORE_FIELDS) & set(missing):
        level = CompletenessLevel.GOED
    else:
        level = CompletenessLevel.BASIS
    return Completeness(filled, total, round(100 * filled / total), level, missing)
