"""Factories for coalitions and practices, and the places tests link them to.

Users come from `tests.accounts.factories` (`UserFactory`, `user_with_role`)."""

from __future__ import annotations

import dataclasses
from typing import Any

import factory

from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.practices.models import Coalition, CoalitionType, OwnershipLevel, Practice
from ruggensteun.practices.services import CoalitionData, PartnerData
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


def coalition_in(area_slug: str, **fields: Any) -> Coalition:
    """A coalition working in one focus area."""
    coalition = CoalitionFactory(**fields)
    coalition.focus_areas.set([focus_area(area_slug)])
    return coalition


def coalition_data(**changes: Any) -> CoalitionData:
    """What a coalitielid of Moerwijk enters to register a coalition there, with `changes`."""
    data = CoalitionData(
        name="Samen tegen eenzaamheid Moerwijk",
        type=CoalitionType.AD_HOC,
        themes=("gezondheid",),
        regions=(region(MOERWIJK),),
        partners=(
            PartnerData("Bewonersgroep De Bank", "bewonersgroep", "Organiseert de ochtenden"),
            PartnerData("Welzijn Zuidwest", "welzijn", "Ondersteunt"),
        ),
        resident_ownership="Bewoners kiezen de activiteiten.",
        resident_ownership_level=OwnershipLevel.RESIDENT_LED,
        contact_email="info@debank.example.org",
    )
    return dataclasses.replace(data, **changes)
