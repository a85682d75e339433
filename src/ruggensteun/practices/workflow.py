"""The editorial workflow of a practice: its states and the one transition table.

Who may take a step is expressed in parties, not in users: the practice's OWNER, an EDITOR (the
programmateam or a beheerder; there is no separate editor role) and the SYSTEM (a scheduled job,
acting without a user). `TRANSITIONS` is the only place that says which step is allowed; the
service `practice_transition` applies it and the workflow tests walk its whole matrix.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import Role, User
from ruggensteun.permissions import has_role

from .errors import TransitionError


class Status(models.TextChoices):
    DRAFT = "draft", _("concept")
    SUBMITTED = "submitted", _("ingediend")
    IN_REVIEW = "in_review", _("in beoordeling")
    PUBLISHED = "published", _("gepubliceerd")
    NEEDS_UPDATE = "needs_update", _("actualisatie nodig")
    ARCHIVED = "archived", _("gearchiveerd")


class Party(StrEnum):
    OWNER = "owner"
    EDITOR = "editor"
    SYSTEM = "system"


EDITOR_ROLES = frozenset({Role.PROGRAMMATEAM, Role.BEHEERDER})
# States in which an owner may still change the description.
OWNER_EDITABLE = frozenset({Status.DRAFT, Status.NEEDS_UPDATE})

PARTY_LABELS: dict[Party, Promise] = {
    Party.OWNER: _("de eigenaar van de praktijk"),
    Party.EDITOR: _("de redactie (programmateam of beheerder)"),
    Party.SYSTEM: _("de jaarlijkse controle"),
}


@dataclass(frozen=True)
class Transition:
    source: Status
    target: Status
    parties: frozenset[Party]
    comment_required: bool
    label: Promise


def _step(
    source: Status, target: Status, parties: set[Party], label: Promise, *, comment: bool = False
) -> tuple[tuple[str, str], Transition]:
    return (source.value, target.value), Transition(
        source, target, frozenset(parties), comment, label
    )


OWNER, EDITOR, SYSTEM = Party.OWNER, Party.EDITOR, Party.SYSTEM
S = Status

# (from, to) → who may take the step and whether a comment is required. Editors may also submit
# (for practices they write up themselves or that have no owner, such as the memo's examples);
# "needs_update → published" confirms after the yearly check that a practice is still current;
# an archived practice can be reopened as a draft, with a reason.
TRANSITIONS: dict[tuple[str, str], Transition] = dict(
    [
        _step(S.DRAFT, S.SUBMITTED, {OWNER, EDITOR}, _("indienen")),
        _step(S.SUBMITTED, S.DRAFT, {OWNER}, _("terugtrekken")),
        _step(S.SUBMITTED, S.IN_REVIEW, {EDITOR}, _("in beoordeling nemen")),
        _step(S.IN_REVIEW, S.PUBLISHED, {EDITOR}, _("publiceren")),
        _step(S.IN_REVIEW, S.DRAFT, {EDITOR}, _("terugsturen naar de eigenaar"), comment=True),
        _step(
            S.PUBLISHED,
            S.NEEDS_UPDATE,
            {OWNER, EDITOR, SYSTEM},
            _("actualisatie vragen"),
            comment=True,
        ),
        _step(S.NEEDS_UPDATE, S.SUBMITTED, {OWNER, EDITOR}, _("opnieuw indienen")),
        _step(S.NEEDS_UPDATE, S.PUBLISHED, {EDITOR}, _("bevestigen dat de praktijk actueel is")),
        _step(S.PUBLISHED, S.ARCHIVED, {EDITOR}, _("archiveren"), comment=True),
        _step(S.NEEDS_UPDATE, S.ARCHIVED, {EDITOR}, _("archiveren"), comment=True),
        _step(S.ARCHIVED, S.DRAFT, {EDITOR}, _("heropenen als concept"), comment=True),
    ]
)

ERROR_NO_SUCH_STEP = _("Een praktijk met status ‘{source}’ kan niet naar status ‘{target}’.")
ERROR_NOT_YOURS = _("U mag de stap ‘{step}’ niet zetten; dat mag alleen {who}.")
ERROR_COMMENT_REQUIRED = _("Geef een toelichting bij de stap ‘{step}’.")


def status_label(status: str) -> str:
    return str(Status(status).label) if status in Status.values else status


def parties_of(actor: User | None, *, owner_id: int | None) -> frozenset[Party]:
    """The parties `actor` acts as for a practice owned by `owner_id`; None is the system."""
    if actor is None:
        return frozenset({Party.SYSTEM})
    if not actor.is_active:
        return frozenset()
    parties = set()
    if owner_id is not None and actor.pk == owner_id:
        parties.add(Party.OWNER)
    if actor.is_superuser or has_role(actor, *EDITOR_ROLES):
        parties.add(Party.EDITOR)
    return frozenset(parties)


def transition_check(
    source: str, target: str, parties: frozenset[Party], comment: str = ""
) -> Transition:
    """The transition from `source` to `target` if `parties` may take it, else TransitionError."""
    step = TRANSITIONS.get((source, target))
    if step is None:
        raise TransitionError(
            str(ERROR_NO_SUCH_STEP).format(source=status_label(source), target=status_label(target))
        )
    if not step.parties & parties:
        who = " of ".join(str(PARTY_LABELS[party]) for party in sorted(step.parties))
        raise TransitionError(str(ERROR_NOT_YOURS).format(step=step.label, who=who))
    if step.comment_required and not comment.strip():
        raise TransitionError(str(ERROR_COMMENT_REQUIRED).format(step=step.label))
    return step


def transitions_from(source: str, parties: frozenset[Party]) -> list[Transition]:
    """The steps `parties` may take from `source`, in table order (for buttons)."""
    return [
        step
        for (start, _target), step in TRANSITIONS.items()
        if start == source and step.parties & parties
    ]
