"""Starter content: the memo's examples as published practices and coalitions (from_memo=True).

`load_practice_examples()` reads starter.toml and is idempotent: entries are keyed by slug and an
existing one is left as it is (editors may have improved it) unless `update=True`. Practices are
published by the system through the workflow service (`practice_publish_example`: there is no
owner to submit them), which audits the step as "practice.publish_example" and records it in the
practice's history.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from ruggensteun.areas.models import FocusArea, Region

from .completeness import DESCRIPTION_FIELDS
from .models import Coalition, Practice
from .services import (
    CoalitionData,
    MediaData,
    PartnerData,
    PracticeData,
    coalition_create,
    coalition_update,
    practice_create,
    practice_publish_example,
    practice_update,
)

STARTER_PATH = Path(__file__).with_name("starter.toml")
PRACTICE_TEXTS = ("title", "summary", *DESCRIPTION_FIELDS, "source")


@dataclass
class StarterReport:
    created: list[str] = field(default_factory=list)  # slugs
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    missing_areas: list[str] = field(default_factory=list)  # names and codes not in this database


def _areas(entry: dict[str, Any], report: StarterReport) -> tuple[list[FocusArea], list[Region]]:
    focus_areas, regions = [], []
    for name in entry.get("focus_areas", []):
        area = FocusArea.objects.filter(name=name).order_by("-vintage").first()
        if area is None:
            report.missing_areas.append(name)
        else:
            focus_areas.append(area)
    for code in entry.get("regions", []):
        region = Region.objects.filter(code=code).order_by("-vintage").first()
        if region is None:
            report.missing_areas.append(code)
        else:
            regions.append(region)
    return focus_areas, regions


def _coalition(entry: dict[str, Any], report: StarterReport, update: bool) -> None:
    existing = Coalition.objects.filter(slug=entry["slug"]).first()
    if existing is not None and not update:
        report.unchanged.append(existing.slug)
        return
    focus_areas, regions = _areas(entry, report)
    data = CoalitionData(
        name=entry["name"],
        type=entry["type"],
        description=entry.get("description", ""),
        themes=tuple(entry.get("themes", [])),
        focus_areas=tuple(focus_areas),
        regions=tuple(regions),
        partners=tuple(PartnerData(**partner) for partner in entry.get("partners", [])),
    )
    if existing is None:
        coalition_create(actor=None, data=data, from_memo=True, slug=entry["slug"])
        report.created.append(entry["slug"])
    else:
        coalition_update(actor=None, coalition=existing, data=data)
        report.updated.append(existing.slug)


def _practice_data(entry: dict[str, Any], report: StarterReport) -> PracticeData:
    focus_areas, regions = _areas(entry, report)
    coalition = None
    if entry.get("coalition"):
        coalition = Coalition.objects.get(slug=entry["coalition"])
    return PracticeData(
        **{name: entry.get(name, "") for name in PRACTICE_TEXTS},
        themes=tuple(entry.get("themes", [])),
        focus_areas=tuple(focus_areas),
        regions=tuple(regions),
        coalition=coalition,
        evidence_level=entry.get("evidence_level", "ervaring"),
        media=tuple(MediaData(**item) for item in entry.get("media", [])),
    )


def _practice(entry: dict[str, Any], report: StarterReport, update: bool) -> None:
    existing = Practice.objects.filter(slug=entry["slug"]).first()
    if existing is not None and not update:
        report.unchanged.append(existing.slug)
        return
    data = _practice_data(entry, report)
    if existing is None:
        practice = practice_create(actor=None, data=data, from_memo=True, slug=entry["slug"])
        practice_publish_example(practice=practice)
        report.created.append(practice.slug)
    else:
        practice_update(actor=None, practice=existing, data=data)
        report.updated.append(existing.slug)


@transaction.atomic
def load_practice_examples(*, path: Path = STARTER_PATH, update: bool = False) -> StarterReport:
    """Create the memo's coalitions and practices that do not exist yet (all, with `update`)."""
    with path.open("rb") as handle:
        content = tomllib.load(handle)
    report = StarterReport()
    for entry in content.get("coalitions", []):
        _coalition(entry, report, update)
    for entry in content.get("practices", []):
        _practice(entry, report, update)
    report.missing_areas = sorted(set(report.missing_areas))
    return report
