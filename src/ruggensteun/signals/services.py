"""Writing and reading signals: the scrubber before every save, need-to-know reads audited,
retention that deletes narratives and keeps anonymous counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import User
from ruggensteun.audit.services import audit_record
from ruggensteun.permissions import may

from .models import (
    NARRATIVE_MAX,
    Origin,
    SenseMakingSession,
    Sensitivity,
    SessionAction,
    Signal,
)
from .scrubber import ScrubResult, scrub
from .selectors import session_signals
from .taxonomy import BY_KEY, THEMES

ERROR_TOO_LONG = _("De toelichting is te lang (hooguit %(max)d tekens).")
ERROR_UNKNOWN_THEME = _("Onbekend thema '%(theme)s'.")


class SignalRefused(Exception):
    """The signal was not saved; `message` says why in Dutch. `scrubbed` is set when the text
    holds personal data: the professional corrects it or confirms the redacted version."""

    def __init__(self, message: str, scrubbed: ScrubResult | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.scrubbed = scrubbed


@dataclass(frozen=True)
class SignalInput:
    region: Any
    theme: str
    period: str
    professional_role: str
    intensity: int
    trend: str
    confidence: str
    narrative: str
    organisation: Any = None
    sensitive: bool = False


def narrative_check(text: str, *, accept_redacted: str | None = None) -> str:
    """The text to store. Raises SignalRefused when it holds personal data, unless the caller
    confirms exactly the redacted version the scrubber proposed (which is then re-checked)."""
    text = text.strip()
    if len(text) > NARRATIVE_MAX:
        raise SignalRefused(str(ERROR_TOO_LONG) % {"max": NARRATIVE_MAX})
    result = scrub(text)
    if result.clean:
        return text
    confirmed = accept_redacted is not None and accept_redacted.strip() == result.redacted.strip()
    if confirmed and scrub(result.redacted).clean:
        return result.redacted.strip()
    raise SignalRefused(result.explanation, scrubbed=result)


def signal_record(
    *,
    actor: User,
    data: SignalInput,
    accept_redacted: str | None = None,
    origin: str = Origin.FORM,
    demo: bool = False,
) -> Signal:
    """Save one signal for a professional of the area, after the scrubber (`demo`: fictional
    demo content, marked as such wherever it is shown)."""
    decision = may(actor, "signals.record", data.region)
    if not decision:
        raise SignalRefused(decision.reason)
    theme = BY_KEY.get(data.theme)
    if theme is None:
        raise SignalRefused(str(ERROR_UNKNOWN_THEME) % {"theme": data.theme})
    narrative = narrative_check(data.narrative, accept_redacted=accept_redacted)
    sensitive = theme.sensitive or data.sensitive
    with transaction.atomic():
        signal = Signal.objects.create(
            region=data.region,
            theme=theme.key,
            period=data.period,
            author=actor,
            organisation=data.organisation,
            professional_role=data.professional_role,
            intensity=data.intensity,
            trend=data.trend,
            confidence=data.confidence,
            narrative=narrative,
            sensitivity=Sensitivity.SENSITIVE if sensitive else Sensitivity.NORMAL,
            redacted=accept_redacted is not None and narrative != data.narrative.strip(),
            origin=origin,
            demo=demo,
        )
        audit_record(
            actor=actor,
            action="signal.record",
            obj=signal,
            area_code=data.region.code,
            after={
                "theme": theme.key,
                "period": data.period,
                "origin": origin,
                **({"demo": True} if demo else {}),
            },
        )
    return signal


def signal_read(actor: User, signal: Signal) -> Signal:
    """Return a signal the actor may read. Every read of a sensitive signal (ondermijning or
    marked gevoelig) leaves an audit event, and so does every refused attempt to read one."""
    decision = may(actor, "signals.view", signal)
    sensitive = signal.is_sensitive or BY_KEY[signal.theme].sensitive
    if not decision:
        if sensitive:
            with transaction.atomic():
                audit_record(
                    actor=actor,
                    action="signal.read_refused",
                    obj=signal,
                    area_code=signal.region.code,
                    after={"reason": decision.reason},
                )
        raise PermissionDenied(decision.reason)
    if sensitive:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action="signal.read_sensitive",
                obj=signal,
                area_code=signal.region.code,
            )
    return signal


def signals_readable(actor: User, signals: QuerySet[Signal]) -> list[Signal]:
    """The signals of `signals` the actor may read, sensitive reads audited (one event each)."""
    readable = [
        s for s in signals.select_related("region", "organisation") if may(actor, "signals.view", s)
    ]
    sensitive = [s for s in readable if s.is_sensitive]
    if sensitive:
        with transaction.atomic():
            for signal in sensitive:
                audit_record(
                    actor=actor,
                    action="signal.read_sensitive",
                    obj=signal,
                    area_code=signal.region.code,
                )
    return readable


def retention_apply(now: datetime | None = None, *, dry_run: bool = False) -> dict[str, int]:
    """Delete narratives, authors and organisations of signals past their theme's term; the
    theme, area, period, intensity and trend stay, so the counts remain. Returns per theme how
    many signals were (or would be) cleared."""
    now = now or timezone.now()
    cleared: dict[str, int] = {}
    with transaction.atomic():
        for theme in THEMES:
            due = Signal.objects.filter(
                theme=theme.key,
                narrative_removed_at__isnull=True,
                created_at__lt=now - timedelta(days=theme.retention_days),
            )
            count = due.count()
            if count and not dry_run:
                due.update(narrative="", author=None, organisation=None, narrative_removed_at=now)
            if count:
                cleared[theme.key] = count
        if cleared and not dry_run:
            audit_record(actor=None, action="signal.retention", after=cleared)
    return cleared


def session_record(
    *,
    actor: User,
    area: Any,
    date: Any,
    interpretation: str,
    organisations: list[Any],
    participants_note: str = "",
    signals: list[Signal] | None = None,
    indicators: list[str] | None = None,
    actions: list[dict[str, Any]] | None = None,
) -> SenseMakingSession:
    """Record a duiding session; its free texts pass the same scrubber as signals."""
    decision = may(actor, "signals.sessions", area)
    if not decision:
        raise SignalRefused(decision.reason)
    for text in [interpretation, participants_note, *(a["description"] for a in actions or [])]:
        result = scrub(text)
        if not result.clean:
            raise SignalRefused(result.explanation, scrubbed=result)
    with transaction.atomic():
        session = SenseMakingSession.objects.create(
            focus_area=area,
            date=date,
            interpretation=interpretation.strip(),
            participants_note=participants_note.strip(),
            indicators=list(indicators or []),
            created_by=actor,
        )
        session.organisations.set(organisations)
        session.signals.set(signals or [])
        for action in actions or []:
            SessionAction.objects.create(session=session, **action)
        audit_record(
            actor=actor,
            action="signal.session_record",
            obj=session,
            area_code=area.municipality.code,
        )
    return session


@dataclass(frozen=True)
class SessionInput:
    """A duiding session as the sessions page submits it: the signals as ids from the page."""

    area: Any
    date: date
    interpretation: str
    organisations: Sequence[Any] = ()
    participants_note: str = ""
    indicators: Sequence[str] = ()
    signal_ids: Sequence[str] = ()
    actions: Sequence[dict[str, Any]] = ()


def session_submit(*, actor: User, data: SessionInput) -> SenseMakingSession:
    """Record a session submitted on the sessions page: of the signal ids it names, only the
    area's signals the actor may read are linked."""
    return session_record(
        actor=actor,
        area=data.area,
        date=data.date,
        interpretation=data.interpretation,
        organisations=list(data.organisations),
        participants_note=data.participants_note,
        signals=session_signals(actor, data.area, data.signal_ids),
        indicators=list(data.indicators),
        actions=list(data.actions),
    )
