"""The editorial workflow steps of a practice, checked against workflow.TRANSITIONS."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import User
from ruggensteun.audit.services import audit_record
from ruggensteun.practices.completeness import CORE_FIELDS, DESCRIPTION_FIELDS, is_filled
from ruggensteun.practices.errors import PracticeError, TransitionError
from ruggensteun.practices.models import Practice, ReviewComment
from ruggensteun.practices.workflow import Status, Transition, parties_of, transition_check

from .common import area_code_of, require

REVIEW_INTERVAL = timedelta(days=365)
# A practice is submitted and published only with these parts filled in.
REQUIRED_TO_SUBMIT = ("title", *CORE_FIELDS)

ERROR_INCOMPLETE = _("Vul eerst in: {fields}.")
ERROR_EMPTY_COMMENT = _("Een opmerking mag niet leeg zijn.")
REVIEW_DUE_COMMENT = _("Jaarlijkse controle: is deze beschrijving nog actueel?")
TITLE_LABEL = _("titel")
EXAMPLE_PUBLISHED_COMMENT = _("Voorbeeld uit het memo, door het systeem gepubliceerd.")
ERROR_NOT_AN_EXAMPLE = _("Alleen een concept uit het memo wordt door het systeem gepubliceerd.")


@dataclass(frozen=True)
class TransitionResult:
    practice: Practice
    transition: Transition
    comment: ReviewComment


def _check_complete(practice: Practice) -> None:
    missing = [name for name in REQUIRED_TO_SUBMIT if not is_filled(getattr(practice, name))]
    if missing:
        labels = [str(DESCRIPTION_FIELDS.get(name, TITLE_LABEL)) for name in missing]
        raise TransitionError(str(ERROR_INCOMPLETE).format(fields=", ".join(labels)))


@transaction.atomic
def practice_transition(
    *, practice: Practice, to_status: str, actor: User | None, comment: str = ""
) -> TransitionResult:
    """Take one workflow step, or raise TransitionError (status unchanged).

    The row is locked first, so two editors cannot take conflicting steps at once; the step is
    checked against the current status in the database. Publishing sets `review_due` to a year
    after today. Appends a ReviewComment (the history) and an audit event.
    """
    locked = Practice.objects.select_for_update().get(pk=practice.pk)
    source = locked.status
    parties = parties_of(actor, owner_id=locked.owner_id)
    step = transition_check(source, to_status, parties, comment)
    if step.target in {Status.SUBMITTED, Status.PUBLISHED}:
        _check_complete(locked)
    record = _move(locked, step.target, actor=actor, comment=comment.strip())
    audit_record(
        actor=actor,
        action="practice.transition",
        obj=locked,
        area_code=area_code_of(locked),
        before={"status": source},
        after={
            "status": locked.status,
            "comment": record.text,
            "review_due": locked.review_due.isoformat() if locked.review_due else None,
        },
    )
    _copy_back(locked, practice)
    return TransitionResult(practice=practice, transition=step, comment=record)


@transaction.atomic
def practice_publish_example(*, practice: Practice) -> ReviewComment:
    """Publish one of the memo's examples as the system: a draft with `from_memo` goes straight
    to published (there is no owner to submit it and no editor has reviewed it; the page marks
    it "voorbeeld uit het memo"). Sets the yearly review date, appends the history row and the
    audit event "practice.publish_example". Any other practice raises TransitionError."""
    locked = Practice.objects.select_for_update().get(pk=practice.pk)
    source = locked.status
    if not locked.from_memo or source != Status.DRAFT:
        raise TransitionError(str(ERROR_NOT_AN_EXAMPLE))
    record = _move(locked, Status.PUBLISHED, actor=None, comment=str(EXAMPLE_PUBLISHED_COMMENT))
    assert locked.review_due is not None
    audit_record(
        actor=None,
        action="practice.publish_example",
        obj=locked,
        area_code=area_code_of(locked),
        before={"status": source},
        after={"status": locked.status, "review_due": locked.review_due.isoformat()},
    )
    _copy_back(locked, practice)
    return record


def _move(locked: Practice, target: str, *, actor: User | None, comment: str) -> ReviewComment:
    """Set the status of a locked practice (publishing also sets the review date) and append
    the history row."""
    source = locked.status
    locked.status = target
    if target == Status.PUBLISHED:
        locked.published_at = timezone.now()
        locked.review_due = timezone.localdate(locked.published_at) + REVIEW_INTERVAL
    locked.save(update_fields=["status", "published_at", "review_due", "updated_at"])
    return ReviewComment.objects.create(
        practice=locked, author=actor, text=comment, from_status=source, to_status=target
    )


def _copy_back(locked: Practice, practice: Practice) -> None:
    """The caller's copy shows the step too."""
    for name in ("status", "published_at", "review_due", "updated_at"):
        setattr(practice, name, getattr(locked, name))


def transition(
    practice: Practice, to_status: str, actor: User | None, comment: str = ""
) -> TransitionResult:
    """Positional form of `practice_transition` (the name the issue uses)."""
    return practice_transition(practice=practice, to_status=to_status, actor=actor, comment=comment)


@transaction.atomic
def practice_comment_add(*, practice: Practice, actor: User, text: str) -> ReviewComment:
    """A remark without a step (from_status == to_status), by the owner or an editor."""
    require(actor, "practices.view_unpublished", practice)
    if not text.strip():
        raise PracticeError(str(ERROR_EMPTY_COMMENT))
    record = ReviewComment.objects.create(
        practice=practice,
        author=actor,
        text=text.strip(),
        from_status=practice.status,
        to_status=practice.status,
    )
    audit_record(
        actor=actor,
        action="practice.comment",
        obj=practice,
        area_code=area_code_of(practice),
        after={"status": practice.status},
    )
    return record


def practices_review_due(*, today: date | None = None) -> list[Practice]:
    """Move published practices whose yearly check is due (review_due on or before `today`) to
    needs_update, as the system. Returns the practices moved."""
    today = today or timezone.localdate()
    due = Practice.objects.filter(status=Status.PUBLISHED, review_due__lte=today).order_by("pk")
    moved = []
    for practice in due:
        try:
            practice_transition(
                practice=practice,
                to_status=Status.NEEDS_UPDATE,
                actor=None,
                comment=str(REVIEW_DUE_COMMENT),
            )
        except TransitionError:
            continue  # changed by someone else since the query
        moved.append(practice)
    return moved
