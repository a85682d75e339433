"""The memo's examples load as published practices and coalitions, idempotently."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from ruggensteun.audit.models import AuditEvent
from ruggensteun.practices.completeness import DESCRIPTION_FIELDS
from ruggensteun.practices.models import Coalition, Practice
from ruggensteun.practices.search import search
from ruggensteun.practices.starter import load_practice_examples
from ruggensteun.practices.workflow import Status

pytestmark = pytest.mark.django_db

MOERWIJK = "gezondheidsverschillencoalitie-moerwijk"
SCHILDERSWIJK = "coronaveilige-pleintjes-buurtvaders-schilderswijk"
ROTTERDAM = "maatschappelijke-initiatieven-rotterdam"


def test_loading_twice_changes_nothing_the_second_time() -> None:
    first = load_practice_examples()
    assert sorted(first.created) == sorted(
        [MOERWIJK, "veilige-pleintjes-schilderswijk", MOERWIJK, SCHILDERSWIJK, ROTTERDAM]
    )
    assert first.missing_areas == []
    events = AuditEvent.objects.count()
    second = load_practice_examples()
    assert second.created == [] and second.updated == [] and len(second.unchanged) == 5
    assert AuditEvent.objects.count() == events
    assert Practice.objects.count() == 3 and Coalition.objects.count() == 2


def test_the_examples_are_published_and_marked_as_from_the_memo() -> None:
    load_practice_examples()
    today = timezone.localdate()
    for practice in Practice.objects.all():
        assert practice.from_memo and practice.status == Status.PUBLISHED
        assert practice.review_due == today + timedelta(days=365)
        assert practice.owner is None
        assert practice.comments.get().to_status == Status.PUBLISHED
    assert all(coalition.from_memo for coalition in Coalition.objects.all())
    assert AuditEvent.objects.filter(action="practice.publish_example").count() == 3


def test_areas_are_linked_where_the_memo_places_the_examples() -> None:
    load_practice_examples()
    moerwijk = Practice.objects.get(slug=MOERWIJK)
    assert [a.slug for a in moerwijk.focus_areas.all()] == ["den-haag-zuidwest"]
    assert [r.code for r in moerwijk.regions.all()] == ["WK051836"]
    assert moerwijk.coalition is not None and moerwijk.coalition.type == "versterkte_samenwerking"
    schilderswijk = Practice.objects.get(slug=SCHILDERSWIJK)
    assert [r.code for r in schilderswijk.regions.all()] == ["WK051829"]
    assert [p.name for p in schilderswijk.coalition.partners.all()] == ["Buurtvaders"]  # type: ignore[union-attr]
    rotterdam = Practice.objects.get(slug=ROTTERDAM)
    assert [r.code for r in rotterdam.regions.all()] == ["GM0599"]
    assert rotterdam.coalition is None
    assert [m.url for m in rotterdam.media.all()] == [
        "https://rotterdammakeithappen.nl/rotterdam-zet-door/"
    ]


def test_no_invented_results_costs_or_figures() -> None:
    load_practice_examples()
    for practice in Practice.objects.all():
        assert practice.results == "" and practice.costs == "" and practice.lessons == ""
        for name in ["summary", *DESCRIPTION_FIELDS]:
            assert not re.search(r"\d", getattr(practice, name)), (practice.slug, name)
        assert "memo" in practice.source.lower()


def test_the_examples_are_searchable() -> None:
    load_practice_examples()
    assert [hit.practice.slug for hit in search("buurtvader").hits] == [SCHILDERSWIJK]
    assert [hit.practice.slug for hit in search("gezondheid").hits] == [MOERWIJK]


def test_the_command_reports_and_can_update(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_practice_examples")
    assert "Nieuw: 5" in capsys.readouterr().out
    Practice.objects.filter(slug=ROTTERDAM).update(title="Veranderd")
    call_command("load_practice_examples")
    assert Practice.objects.get(slug=ROTTERDAM).title == "Veranderd"
    call_command("load_practice_examples", "--update")
    assert "bijgewerkt: 5" in capsys.readouterr().out
    rotterdam = Practice.objects.get(slug=ROTTERDAM)
    assert rotterdam.title == "Maatschappelijke initiatieven uit Rotterdam"
    assert rotterdam.status == Status.PUBLISHED


@pytest.mark.issue(13)
def test_the_examples_are_published_through_the_workflow_service_with_the_old_history() -> None:
    load_practice_examples()
    practice = Practice.objects.get(slug=ROTTERDAM)
    comment = practice.comments.get()
    assert (comment.author, comment.from_status, comment.to_status) == (
        None,
        Status.DRAFT,
        Status.PUBLISHED,
    )
    assert comment.text == "Voorbeeld uit het memo, door het systeem gepubliceerd."
    event = AuditEvent.objects.get(action="practice.publish_example", object_id=str(practice.pk))
    assert event.actor is None and event.before == {"status": "draft"}
    assert event.after == {"status": "published", "review_due": practice.review_due.isoformat()}  # type: ignore[union-attr]
    assert not AuditEvent.objects.filter(action="practice.transition").exists()


@pytest.mark.issue(13)
def test_the_system_publishes_only_drafts_from_the_memo() -> None:
    from ruggensteun.practices.errors import TransitionError
    from ruggensteun.practices.services import practice_publish_example
    from tests.practices.factories import PracticeFactory

    ordinary = PracticeFactory(status=Status.DRAFT)
    with pytest.raises(TransitionError, match="Alleen een concept uit het memo"):
        practice_publish_example(practice=ordinary)
    published = PracticeFactory(status=Status.PUBLISHED, from_memo=True)
    with pytest.raises(TransitionError):
        practice_publish_example(practice=published)
    ordinary.refresh_from_db()
    assert ordinary.status == Status.DRAFT and not ordinary.comments.exists()
