"""Creating and changing practices (the workflow steps are in services.workflow)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from ruggensteun.accounts.models import User
from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.audit.services import audit_record
from ruggensteun.practices.completeness import DESCRIPTION_FIELDS
from ruggensteun.practices.models import Coalition, EvidenceLevel, MediaLink, Practice
from ruggensteun.practices.workflow import Status
from ruggensteun.slugs import unique_slug

from .common import area_code_of, check_places, clean, require

PRACTICE_TEXT_FIELDS = ("title", "summary", *DESCRIPTION_FIELDS, "source")
# Changed only by the workflow (and the starter content), never by an edit.
WORKFLOW_FIELDS = ("status", "published_at", "review_due", "owner_id", "from_memo", "demo")


@dataclass(frozen=True)
class MediaData:
    url: str
    caption: str


@dataclass(frozen=True)
class PracticeData:
    """The editable content of a practice; the text fields are stripped when saved."""

    title: str
    summary: str = ""
    problem: str = ""
    target_group: str = ""
    goal: str = ""
    approach: str = ""
    partners_roles: str = ""
    resident_ownership: str = ""
    conditions: str = ""
    costs: str = ""
    results: str = ""
    lessons: str = ""
    transferability: str = ""
    source: str = ""
    themes: tuple[str, ...] = ()
    focus_areas: tuple[FocusArea, ...] = ()
    regions: tuple[Region, ...] = ()
    coalition: Coalition | None = None
    evidence_level: str = EvidenceLevel.ERVARING
    media: tuple[MediaData, ...] = ()


def _check_practice_rights(actor: User | None, data: PracticeData) -> None:
    if data.coalition is not None:
        require(actor, "practices.create_practice", data.coalition)
    areas = [*data.focus_areas, *data.regions]
    if areas:
        require(actor, "practices.create_practice", areas)


def _save_practice(practice: Practice, data: PracticeData) -> list[str]:
    """Apply `data`, validate and save; returns the names of the fields that changed."""
    check_places(data.themes, data.regions)
    changed = []
    for name in PRACTICE_TEXT_FIELDS:
        value = getattr(data, name).strip()
        if getattr(practice, name) != value:
            changed.append(name)
            setattr(practice, name, value)
    simple = {
        "themes": list(dict.fromkeys(data.themes)),
        "coalition": data.coalition,
        "evidence_level": data.evidence_level,
    }
    for name, value in simple.items():
        if getattr(practice, name) != value:
            changed.append(name)
            setattr(practice, name, value)
    practice.slug = practice.slug or unique_slug(
        practice.title, taken=Practice.objects.all(), fallback="item", exclude_pk=practice.pk
    )
    clean(practice, exclude=["owner", "coalition"])
    media = [
        MediaLink(url=item.url.strip(), caption=item.caption.strip(), position=index)
        for index, item in enumerate(data.media)
    ]
    for link in media:
        clean(link, exclude=["practice"])
    practice.save()
    changed += _save_links(practice, data, media)
    return changed


def _save_links(practice: Practice, data: PracticeData, media: list[MediaLink]) -> list[str]:
    """Replace areas and media; returns "areas" and/or "media" when they changed."""
    before_areas = (
        {area.pk for area in practice.focus_areas.all()},
        {region.pk for region in practice.regions.all()},
    )
    before_media = [(link.url, link.caption) for link in practice.media.all()]
    practice.focus_areas.set(data.focus_areas)
    practice.regions.set(data.regions)
    practice.media.all().delete()
    for link in media:
        link.practice = practice
    MediaLink.objects.bulk_create(media)
    after_areas = ({area.pk for area in data.focus_areas}, {region.pk for region in data.regions})
    changed = ["areas"] if before_areas != after_areas else []
    if before_media != [(link.url, link.caption) for link in media]:
        changed.append("media")
    return changed


@transaction.atomic
def practice_create(
    *,
    actor: User | None,
    data: PracticeData,
    from_memo: bool = False,
    slug: str = "",
    demo: bool = False,
) -> Practice:
    """A new practice in status draft, owned by `actor` (`slug`: a fixed one, else made from
    the title; `demo`: fictional demo content, marked as such wherever it is shown)."""
    require(actor, "practices.create_practice")
    _check_practice_rights(actor, data)
    practice = Practice(owner=actor, status=Status.DRAFT, from_memo=from_memo, slug=slug, demo=demo)
    _save_practice(practice, data)
    audit_record(
        actor=actor,
        action="practice.create",
        obj=practice,
        area_code=area_code_of(practice),
        after={
            "title": practice.title,
            "status": practice.status,
            **({"demo": True} if demo else {}),
        },
    )
    return practice


@transaction.atomic
def practice_update(*, actor: User | None, practice: Practice, data: PracticeData) -> Practice:
    """Change a practice's content: its owner while draft or needs_update, editors unless
    archived. The row is locked and its workflow fields are read afresh, so an edit neither
    slips past a step taken meanwhile nor undoes one."""
    locked = Practice.objects.select_for_update().get(pk=practice.pk)
    for name in WORKFLOW_FIELDS:
        setattr(practice, name, getattr(locked, name))
    require(actor, "practices.edit_practice", practice)
    _check_practice_rights(actor, data)
    changed = _save_practice(practice, data)
    audit_record(
        actor=actor,
        action="practice.update",
        obj=practice,
        area_code=area_code_of(practice),
        after={"changed": changed},
    )
    return practice
