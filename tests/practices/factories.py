"""Factories for coalitions and practices, and the places tests link them to.

Users come from `tests.accounts.factories` (`UserFactory`, `user_with_role`)."""

from __future__ import annotations

from typing import Any

import factory

from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.practices.models import Coalition, CoalitionType, Practice
from ruggensteun.practices.workflow import Status

MOERWIJK = "WK051836"  # in focus area Den Haag Zuidwest
SCHILDERSWIJK = "WK051829"  # in Den Haag, in no focus area
POELENBURG = "WK047912"  # in focus area Zaandam Oost


def region(code: str) -> Region:
    return Region.objects.filter(code=code).order_by("-vintage").first()  # type: ignore[return-value]


def focus_area(slug: str) -> FocusArea:
    return FocusArea.objects.get(slug=slug)


class CoalitionFactory(factory.django.DjangoModelFactory[Coalition]):
    class Meta:
        model = Coalition

    name = factory.Sequence(lambda n: f"Coalitie {n}")
    slug = factory.Sequence(lambda n: f"coalitie-{n}")
    type = CoalitionType.AD_HOC


class PracticeFactory(factory.django.DjangoModelFactory[Practice]):
    """A practice whose core parts are filled, so it may be submitted and published."""

    class Meta:
        model = Practice

    title = factory.Sequence(lambda n: f"Praktijk {n}")
    slug = factory.Sequence(lambda n: f"praktijk-{n}")
    summary = "Een korte samenvatting."
    problem = "Het probleem in de wijk."
    target_group = "Bewoners."
    goal = "Het doel."
    approach = "De aanpak."
    status = Status.DRAFT


def published(**fields: Any) -> Practice:
    """A published practice; `focus_areas` and `regions` (lists) are linked after saving."""
    areas = fields.pop("focus_areas", [])
    regions = fields.pop("regions", [])
    practice = PracticeFactory(status=Status.PUBLISHED, **fields)
    practice.focus_areas.set(areas)
    practice.regions.set(regions)
    return practice
