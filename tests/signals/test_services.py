"""Writes and audited reads of signals and duiding sessions (signals/services.py): recording in
the own area, personal data refused or saved as the confirmed redaction, retention, sessions,
and reading one signal (every refused read of a sensitive signal audited: issue 12, finding 11).
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ruggensteun.accounts.models import Organisation, Role, User
from ruggensteun.areas.models import FocusArea
from ruggensteun.audit.models import AuditEvent
from ruggensteun.signals.models import Signal
from ruggensteun.signals.scrubber import scrub
from ruggensteun.signals.selectors import area_signals
from ruggensteun.signals.services import (
    SessionInput,
    SignalInput,
    SignalRefused,
    retention_apply,
    session_record,
    session_submit,
    signal_read,
    signal_record,
)
from tests.accounts.factories import user_with_role
from tests.signals.factories import CLEAN_TEXT, record, region

pytestmark = pytest.mark.django_db


def test_a_professional_records_only_in_the_own_area(poelenburg: User) -> None:
    signal = record(poelenburg)
    assert signal.author == poelenburg and signal.sensitivity == "normaal"
    assert AuditEvent.objects.filter(action="signal.record", object_id=str(signal.pk)).exists()
    # A buurt inside the wijk is in scope; a wijk elsewhere is not.
    assert record(poelenburg, code="BU04791210").region.code == "BU04791210"
    with pytest.raises(SignalRefused, match="eigen wijk"):
        record(poelenburg, code="WK051836")
    analyst = user_with_role(Role.ANALIST, "GM0479")
    with pytest.raises(SignalRefused):
        record(analyst)


def test_personal_data_is_refused_or_saved_only_as_the_confirmed_redaction(
    poelenburg: User,
) -> None:
    text = "Moeder belt steeds, haar nummer is 06-12345678, over de overlast."
    with pytest.raises(SignalRefused) as refused:
        record(poelenburg, narrative=text)
    assert "telefoonnummer" in refused.value.message and "06-12345678" not in refused.value.message
    assert not Signal.objects.exists()
    proposal = refused.value.scrubbed
    assert proposal is not None and "06-12345678" not in proposal.redacted
    data = SignalInput(
        region=region("WK047912"),
        theme="jongeren",
        period="2021-K1",
        professional_role="jongerenwerk",
        intensity=3,
        trend="meer",
        confidence="midden",
        narrative=text,
    )
    with pytest.raises(SignalRefused):  # a "redaction" other than the proposal is refused
        signal_record(actor=poelenburg, data=data, accept_redacted=text)
    signal = signal_record(actor=poelenburg, data=data, accept_redacted=proposal.redacted)
    assert signal.narrative == proposal.redacted.strip()


def test_confirmed_redaction_is_stored(poelenburg: User) -> None:

    text = "Mevrouw Bakker van de Dorpsstraat 12 vertelt over spanning achter de voordeur."
    redacted = scrub(text).redacted
    signal = signal_record(
        actor=poelenburg,
        data=SignalInput(
            region=region("WK047912"),
            theme="achter_de_voordeur",
            period="2021-K1",
            professional_role="wijkteam",
            intensity=4,
            trend="meer",
            confidence="hoog",
            narrative=text,
        ),
        accept_redacted=redacted,
    )
    assert signal.narrative == redacted and signal.redacted
    assert "Bakker" not in signal.narrative and "Dorpsstraat 12" not in signal.narrative


def test_retention_deletes_narratives_after_the_term_and_keeps_counts(poelenburg: User) -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    old = record(poelenburg, theme="ondermijning")  # 365 days
    recent = record(poelenburg, theme="jongeren")  # 730 days
    Signal.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    Signal.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=400))
    assert retention_apply(dry_run=True) == {"ondermijning": 1}
    assert Signal.objects.get(pk=old.pk).narrative  # a dry run changes nothing
    assert retention_apply() == {"ondermijning": 1}
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.narrative == "" and old.author is None and old.narrative_removed_at is not None
    assert recent.narrative == CLEAN_TEXT and recent.author == poelenburg
    assert area_signals(area).filter(theme="ondermijning").count() == 1  # the count stays
    assert AuditEvent.objects.filter(action="signal.retention").count() == 1
    assert retention_apply() == {}  # nothing left to do


def test_a_sense_making_session_with_actions(poelenburg: User) -> None:

    area = FocusArea.objects.get(slug="zaandam-oost")
    signal = record(poelenburg)
    organisation = Organisation.objects.create(name="Wijkteam Poelenburg", type="welzijn")
    session = session_record(
        actor=poelenburg,
        area=area,
        date=timezone.localdate(),
        interpretation="Overlast van jongeren hangt samen met het sluiten van het buurthuis.",
        organisations=[organisation],
        signals=[signal],
        indicators=["ggd_eenzaam"],
        actions=[
            {"description": "Buurthuis 's avonds open", "owner": "Wijkteam", "status": "open"}
        ],
    )
    assert list(session.signals.all()) == [signal] and session.actions.count() == 1
    assert AuditEvent.objects.filter(action="signal.session_record").exists()
    with pytest.raises(SignalRefused, match="e-mailadres"):
        session_record(
            actor=poelenburg,
            area=area,
            date=timezone.localdate(),
            interpretation="Mail j.jansen@example.nl voor de afspraken.",
            organisations=[],
        )
    with pytest.raises(SignalRefused):
        session_record(
            actor=user_with_role(Role.PROFESSIONAL, "WK051836"),
            area=area,
            date=timezone.localdate(),
            interpretation="Elders.",
            organisations=[],
        )


@pytest.mark.issue(13)
def test_session_submit_ignores_signal_ids_that_are_not_numbers() -> None:
    poelenburg = user_with_role(Role.PROFESSIONAL, "WK047912")
    area = FocusArea.objects.get(slug="zaandam-oost")
    mine = record(poelenburg, "WK047912")

    session = session_submit(
        actor=poelenburg,
        data=SessionInput(
            area=area,
            date=date(2024, 3, 1),
            interpretation="Gedeelde duiding.",
            organisations=[],
            signal_ids=[str(mine.pk), "x", ""],
        ),
    )
    assert list(session.signals.all()) == [mine]


@pytest.mark.issue(12)
@pytest.mark.parametrize(("theme", "sensitive"), [("ondermijning", False), ("jongeren", True)])
def test_every_refused_read_of_a_sensitive_signal_is_audited(
    client: Client, theme: str, sensitive: bool
) -> None:
    author = user_with_role(Role.PROFESSIONAL, "WK047912")
    signal = record(author, "WK047912", theme, sensitive=sensitive)
    assert signal.is_sensitive
    colleague = user_with_role(Role.PROFESSIONAL, "WK047912")
    refused = AuditEvent.objects.filter(action="signal.read_refused", object_id=str(signal.pk))
    with pytest.raises(PermissionDenied):
        signal_read(colleague, signal)
    assert refused.count() == 1
    client.force_login(colleague)
    assert client.get(reverse("signal-detail", args=[signal.pk])).status_code == 404
    assert refused.count() == 2
    event = refused.latest("pk")
    assert event.actor_id == colleague.pk and event.area_code == "WK047912"
    assert "toelichting" not in str(event.after) and "avonds" not in str(event.after)


def test_a_refused_read_of_an_ordinary_signal_is_not_audited(moerwijk_signal: Signal) -> None:
    outsider = user_with_role(Role.PROFESSIONAL, "WK047912")
    with pytest.raises(PermissionDenied):
        signal_read(outsider, moerwijk_signal)
    assert not AuditEvent.objects.filter(action="signal.read_refused").exists()
