"""The editorial workflow: the whole (from, to, actor) matrix, generated from the table."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ruggensteun.accounts.models import Role, User
from ruggensteun.audit.models import AuditEvent
from ruggensteun.practices.errors import PracticeError, TransitionError
from ruggensteun.practices.models import Practice, ReviewComment
from ruggensteun.practices.selectors import allowed_transitions
from ruggensteun.practices.services import (
    practice_comment_add,
    practice_transition,
    practices_review_due,
    transition,
)
from ruggensteun.practices.workflow import TRANSITIONS, Party, Status
from tests.accounts.factories import UserFactory, user_with_role
from tests.practices.factories import MOERWIJK, PracticeFactory

pytestmark = pytest.mark.django_db

# Who acts, and as which parties the table should see them.
ACTORS: dict[str, frozenset[Party]] = {
    "owner": frozenset({Party.OWNER}),
    "owner_programmateam": frozenset({Party.OWNER, Party.EDITOR}),
    "other_member": frozenset(),
    "programmateam": frozenset({Party.EDITOR}),
    "beheerder": frozenset({Party.EDITOR}),
    "superuser": frozenset({Party.EDITOR}),
    "professional": frozenset(),
    "system": frozenset({Party.SYSTEM}),
}
MATRIX = [
    (source, target, actor)
    for source in Status.values
    for target in Status.values
    for actor in ACTORS
]


def _allowed(source: str, target: str, actor: str) -> bool:
    step = TRANSITIONS.get((source, target))
    return step is not None and bool(step.parties & ACTORS[actor])


def _actor(kind: str, owner: User) -> User | None:
    if kind == "owner":
        return owner
    if kind == "owner_programmateam":
        return user_with_role(Role.PROGRAMMATEAM)
    if kind == "other_member":
        return user_with_role(Role.COALITIELID, MOERWIJK)
    if kind in {"programmateam", "beheerder"}:
        return user_with_role(Role(kind))
    if kind == "superuser":
        return UserFactory(is_superuser=True)
    if kind == "professional":
        return user_with_role(Role.PROFESSIONAL, MOERWIJK)
    return None


def _events(practice: Practice) -> int:
    return AuditEvent.objects.filter(
        action="practice.transition", object_id=str(practice.pk)
    ).count()


@pytest.mark.parametrize(
    ("source", "target", "actor_kind"), MATRIX, ids=[f"{s}-{t}-{a}" for s, t, a in MATRIX]
)
def test_every_step_for_every_actor(source: str, target: str, actor_kind: str) -> None:
    owner = user_with_role(Role.COALITIELID, MOERWIJK)
    actor = _actor(actor_kind, owner)
    if actor_kind == "owner_programmateam":
        owner = actor  # type: ignore[assignment]  # an editor who owns the practice
    practice = PracticeFactory(status=source, owner=owner)
    if _allowed(source, target, actor_kind):
        result = transition(practice, target, actor, "Toelichting bij de stap.")
        practice.refresh_from_db()
        assert practice.status == target == result.practice.status
        assert _events(practice) == 1
        event = AuditEvent.objects.get(action="practice.transition", object_id=str(practice.pk))
        assert event.before == {"status": source} and event.after["status"] == target
        assert event.actor == actor
        comment = ReviewComment.objects.get(practice=practice)
        assert (comment.from_status, comment.to_status, comment.author) == (source, target, actor)
    else:
        with pytest.raises(TransitionError) as refused:
            transition(practice, target, actor, "Toelichting bij de stap.")
        assert str(refused.value)  # a Dutch reason to show
        practice.refresh_from_db()
        assert practice.status == source
        assert _events(practice) == 0
        assert not ReviewComment.objects.filter(practice=practice).exists()


def test_the_matrix_covers_every_step_and_both_outcomes() -> None:
    assert len(MATRIX) == len(Status.values) ** 2 * len(ACTORS)
    allowed = {(s, t) for s, t, a in MATRIX if _allowed(s, t, a)}
    assert allowed == set(TRANSITIONS)
    assert any(not _allowed(s, t, a) for s, t, a in MATRIX if (s, t) in TRANSITIONS)


@pytest.mark.parametrize("key", [key for key, step in TRANSITIONS.items() if step.comment_required])
def test_steps_that_need_a_comment_refuse_without_one(key: tuple[str, str]) -> None:
    source, target = key
    step = TRANSITIONS[key]
    owner = user_with_role(Role.COALITIELID, MOERWIJK)
    actor = owner if Party.OWNER in step.parties else user_with_role(Role.PROGRAMMATEAM)
    practice = PracticeFactory(status=source, owner=owner)
    with pytest.raises(TransitionError, match="Geef een toelichting"):
        practice_transition(practice=practice, to_status=target, actor=actor, comment="   ")
    practice.refresh_from_db()
    assert practice.status == source


def test_refusals_explain_themselves() -> None:
    owner = user_with_role(Role.COALITIELID, MOERWIJK)
    practice = PracticeFactory(status=Status.SUBMITTED, owner=owner)
    with pytest.raises(TransitionError) as refused:
        transition(practice, Status.IN_REVIEW, owner)
    assert str(refused.value) == (
        "U mag de stap ‘in beoordeling nemen’ niet zetten; dat mag alleen de redactie "
        "(programmateam of beheerder)."
    )
    with pytest.raises(TransitionError) as unknown:
        transition(practice, Status.PUBLISHED, user_with_role(Role.PROGRAMMATEAM))
    assert str(unknown.value) == (
        "Een praktijk met status ‘ingediend’ kan niet naar status ‘gepubliceerd’."
    )
    with pytest.raises(TransitionError, match="kan niet naar status ‘bestaat-niet’"):
        transition(practice, "bestaat-niet", user_with_role(Role.PROGRAMMATEAM))


def test_publishing_sets_the_yearly_review_date() -> None:
    editor = user_with_role(Role.PROGRAMMATEAM)
    practice = PracticeFactory(status=Status.IN_REVIEW)
    transition(practice, Status.PUBLISHED, editor)
    today = timezone.localdate()
    assert practice.review_due == today + timedelta(days=365)
    practice.refresh_from_db()
    assert practice.review_due == today + timedelta(days=365)
    assert practice.published_at is not None


def test_an_incomplete_practice_cannot_be_submitted() -> None:
    owner = user_with_role(Role.COALITIELID, MOERWIJK)
    practice = PracticeFactory(owner=owner, goal="", approach="  -  ")
    with pytest.raises(TransitionError, match=r"^Vul eerst in: doel, aanpak en activiteiten\.$"):
        transition(practice, Status.SUBMITTED, owner)
    practice.refresh_from_db()
    assert practice.status == Status.DRAFT


def test_the_yearly_review_moves_overdue_practices_to_needs_update() -> None:
    today = date(2027, 3, 1)
    due = PracticeFactory(status=Status.PUBLISHED, review_due=today)
    overdue = PracticeFactory(status=Status.PUBLISHED, review_due=today - timedelta(days=3))
    later = PracticeFactory(status=Status.PUBLISHED, review_due=today + timedelta(days=1))
    draft = PracticeFactory(status=Status.DRAFT, review_due=today - timedelta(days=3))
    moved = practices_review_due(today=today)
    assert {practice.pk for practice in moved} == {due.pk, overdue.pk}
    for practice, status in [
        (due, Status.NEEDS_UPDATE),
        (overdue, Status.NEEDS_UPDATE),
        (later, Status.PUBLISHED),
        (draft, Status.DRAFT),
    ]:
        practice.refresh_from_db()
        assert practice.status == status
    event = AuditEvent.objects.get(action="practice.transition", object_id=str(due.pk))
    assert event.actor is None and event.actor_label == "systeem"
    assert "nog actueel" in event.after["comment"]
    assert practices_review_due(today=today) == []


def test_buttons_offer_only_the_steps_the_user_may_take() -> None:
    owner = user_with_role(Role.COALITIELID, MOERWIJK)
    practice = PracticeFactory(status=Status.PUBLISHED, owner=owner)
    editor = user_with_role(Role.PROGRAMMATEAM)
    assert [s.target for s in allowed_transitions(practice, owner)] == [Status.NEEDS_UPDATE]
    assert {s.target for s in allowed_transitions(practice, editor)} == {
        Status.NEEDS_UPDATE,
        Status.ARCHIVED,
    }
    assert allowed_transitions(practice, user_with_role(Role.COALITIELID, MOERWIJK)) == []


def test_comments_without_a_step() -> None:
    owner = user_with_role(Role.COALITIELID, MOERWIJK)
    practice = PracticeFactory(status=Status.IN_REVIEW, owner=owner)
    comment = practice_comment_add(
        practice=practice, actor=user_with_role(Role.PROGRAMMATEAM), text=" Mooi! "
    )
    assert (comment.text, comment.from_status, comment.to_status) == (
        "Mooi!",
        Status.IN_REVIEW,
        Status.IN_REVIEW,
    )
    with pytest.raises(PracticeError):
        practice_comment_add(
            practice=practice, actor=user_with_role(Role.COALITIELID, MOERWIJK), text="Hallo"
        )


def test_a_stale_copy_cannot_repeat_a_step_already_taken() -> None:
    practice = PracticeFactory(status=Status.SUBMITTED)
    first, second = Practice.objects.get(pk=practice.pk), Practice.objects.get(pk=practice.pk)
    transition(first, Status.IN_REVIEW, user_with_role(Role.PROGRAMMATEAM))
    with pytest.raises(TransitionError, match="‘in beoordeling’ kan niet naar"):
        transition(second, Status.IN_REVIEW, user_with_role(Role.BEHEERDER))
    assert ReviewComment.objects.filter(practice=practice).count() == 1


def test_the_review_command(capsys: pytest.CaptureFixture[str]) -> None:
    from django.core.management import call_command

    PracticeFactory(status=Status.PUBLISHED, title="Oud", review_due=date(2000, 1, 1))
    call_command("practices_review_due")
    assert "Actualisatie nodig: Oud" in capsys.readouterr().out
