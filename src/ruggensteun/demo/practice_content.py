"""Demo practices: created, submitted, reviewed and published through the practices services,
so every workflow state appears with its history and audit events, and some published ones are
taken up elsewhere (adoptions)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from ruggensteun.accounts.models import User
from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.practices.completeness import DESCRIPTION_FIELDS
from ruggensteun.practices.models import Practice
from ruggensteun.practices.services import (
    AdoptionData,
    PracticeData,
    adoption_record,
    practice_create,
    practice_transition,
)
from ruggensteun.practices.workflow import Status

if TYPE_CHECKING:
    from .content import DemoReport

SLUG_PREFIX = "demo-"
TEXTS = ("title", "summary", *DESCRIPTION_FIELDS)
# The steps from draft to each final state the demo shows; the last step of "teruggestuurd" and
# of the states after publication needs a comment (the entry's `comment`).
PATHS: dict[str, tuple[str, ...]] = {
    "draft": (),
    "submitted": (Status.SUBMITTED,),
    "in_review": (Status.SUBMITTED, Status.IN_REVIEW),
    "returned": (Status.SUBMITTED, Status.IN_REVIEW, Status.DRAFT),
    "published": (Status.SUBMITTED, Status.IN_REVIEW, Status.PUBLISHED),
    "needs_update": (Status.SUBMITTED, Status.IN_REVIEW, Status.PUBLISHED, Status.NEEDS_UPDATE),
    "archived": (Status.SUBMITTED, Status.IN_REVIEW, Status.PUBLISHED, Status.ARCHIVED),
}


def _focus_area(name: str, report: DemoReport) -> FocusArea | None:
    area = FocusArea.objects.filter(name=name).order_by("-vintage").first()
    if area is None:
        report.missing.append(name)
    return area


def _region(code: str, report: DemoReport) -> Region | None:
    region = Region.objects.filter(code=code).order_by("-vintage").first()
    if region is None:
        report.missing.append(code)
    return region


def _data(entry: dict[str, Any], source: str, report: DemoReport) -> PracticeData:
    areas = [_focus_area(name, report) for name in entry.get("focus_areas", [])]
    regions = [_region(code, report) for code in entry.get("regions", [])]
    return PracticeData(
        **{name: entry.get(name, "") for name in TEXTS},
        source=source,
        themes=tuple(entry["themes"]),
        focus_areas=tuple(area for area in areas if area is not None),
        regions=tuple(region for region in regions if region is not None),
        evidence_level=entry.get("evidence_level", "ervaring"),
    )


def _walk(
    practice: Practice, entry: dict[str, Any], *, owner: User, editor: User, report: DemoReport
) -> None:
    """Take the steps to the entry's state: the owner submits, the editor does the rest; the
    adoptions are recorded as soon as the practice is published."""
    for target in PATHS[entry.get("status", "published")]:
        actor = owner if target == Status.SUBMITTED else editor
        practice_transition(
            practice=practice, to_status=target, actor=actor, comment=entry.get("comment", "")
        )
        if target == Status.PUBLISHED:
            _adopt(practice, entry, editor, report)


def _adopt(practice: Practice, entry: dict[str, Any], editor: User, report: DemoReport) -> None:
    today = timezone.localdate()
    for item in entry.get("adoptions", []):
        area = _focus_area(item["focus_area"], report)
        if area is None:
            continue
        started = today - timedelta(days=30 * item.get("months_ago", 6))
        adoption_record(
            actor=editor,
            practice=practice,
            data=AdoptionData(
                focus_area=area,
                adapted=item.get("adapted", ""),
                reason=item.get("reason", ""),
                status=item.get("status", "running"),
                outcome=item.get("outcome", ""),
                started_on=started,
                ended_on=today if item.get("status") in {"finished", "stopped"} else None,
            ),
        )
        report.add("adoptions", f"{practice.slug} → {area.name}", created=True)


def practices_load(
    content: dict[str, Any],
    *,
    editor: User,
    owner_of: Callable[[str], User],
    report: DemoReport,
) -> None:
    """Create the demo practices whose slug does not exist yet (existing ones stay as they are,
    whatever state the developer moved them to)."""
    owners: dict[str, User] = {}
    for entry in content["practices"]:
        slug = SLUG_PREFIX + entry["key"]
        if Practice.objects.filter(slug=slug).exists():
            report.add("practices", slug, created=False)
            continue
        login = entry.get("owner", "programma")
        owner = owners.setdefault(login, owner_of(login))
        practice = practice_create(
            actor=owner, data=_data(entry, content["source"], report), slug=slug, demo=True
        )
        _walk(practice, entry, owner=owner, editor=editor, report=report)
        report.add("practices", slug, created=True)
