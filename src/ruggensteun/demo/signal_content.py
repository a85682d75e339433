"""Demo signals and duiding sessions, recorded through the signals services (scrubber, rules,
audit) by the demo professionals, with their dates spread over the last year."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from ruggensteun.accounts.models import OrganisationMembership, User
from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.signals.models import SenseMakingSession, Sensitivity, Signal
from ruggensteun.signals.selectors import area_signals
from ruggensteun.signals.services import SignalInput, session_record, signal_record
from ruggensteun.signals.taxonomy import quarter_of

if TYPE_CHECKING:
    from .content import DemoReport

AuthorOf = Callable[[str], User]
SESSION_MARK = "Demo-inhoud, verzonnen."  # opens every demo session's interpretation


def signal_key(entry: dict[str, Any]) -> str:
    """A demo signal's stable key: its wijk, theme and answers (its date moves with the day it
    is loaded, and retention may have removed its narrative since)."""
    fields = ("wijk", "theme", "role", "intensity", "trend", "confidence")
    return "/".join(str(entry[name]) for name in fields)


def _day(days_ago: int) -> date:
    return timezone.localdate() - timedelta(days=days_ago)


def _region(area: FocusArea, code: str) -> Region | None:
    return Region.objects.filter(code=code, vintage=area.municipality.vintage).first()


def _exists(region: Region, entry: dict[str, Any]) -> bool:
    return Signal.objects.filter(
        demo=True,
        region=region,
        theme=entry["theme"],
        professional_role=entry["role"],
        intensity=entry["intensity"],
        trend=entry["trend"],
        confidence=entry["confidence"],
    ).exists()


def _organisation(user: User) -> Any:
    membership = OrganisationMembership.objects.filter(user=user).select_related("organisation")
    first = membership.order_by("pk").first()
    return first.organisation if first is not None else None


def _record(entry: dict[str, Any], region: Region, author: User) -> Signal:
    day = _day(entry["days_ago"])
    signal = signal_record(
        actor=author,
        data=SignalInput(
            region=region,
            theme=entry["theme"],
            period=quarter_of(day),
            professional_role=entry["role"],
            intensity=entry["intensity"],
            trend=entry["trend"],
            confidence=entry["confidence"],
            narrative=entry["narrative"],
            organisation=_organisation(author),
            sensitive=entry.get("sensitive", False),
        ),
        demo=True,
    )
    # The service stamps "now"; the demo spreads its signals over the last year instead.
    recorded = timezone.make_aware(datetime.combine(day, time(10)))
    Signal.objects.filter(pk=signal.pk).update(created_at=recorded)
    return signal


def signals_load(content: dict[str, Any], *, author_of: AuthorOf, report: DemoReport) -> None:
    """Record the demo signals that do not exist yet."""
    areas: dict[str, FocusArea | None] = {}
    for entry in content["signals"]:
        name = entry["area"]
        if name not in areas:
            areas[name] = FocusArea.objects.select_related("municipality").filter(name=name).first()
        area = areas[name]
        region = _region(area, entry["wijk"]) if area is not None else None
        if area is None or region is None:
            report.missing.append(name if area is None else entry["wijk"])
            continue
        if _exists(region, entry):
            report.add("signals", signal_key(entry), created=False)
            continue
        _record(entry, region, author_of(region.code))
        report.add("signals", signal_key(entry), created=True)


def sessions_load(content: dict[str, Any], *, author_of: AuthorOf, report: DemoReport) -> None:
    """Record the demo duiding sessions (keyed by area and text), each with the area's
    ordinary demo signals and actions in every status."""
    for entry in content.get("sessions", []):
        area = FocusArea.objects.select_related("municipality").filter(name=entry["area"]).first()
        if area is None:
            report.missing.append(entry["area"])
            continue
        interpretation = f"{SESSION_MARK} {entry['interpretation']}"
        key = f"{area.slug}/{entry['days_ago']}"
        if SenseMakingSession.objects.filter(
            focus_area=area, interpretation=interpretation
        ).exists():
            report.add("sessions", key, created=False)
            continue
        signals = list(
            area_signals(area).filter(demo=True, sensitivity=Sensitivity.NORMAL).order_by("pk")[:12]
        )
        session_record(
            actor=author_of(entry["author_wijk"]),
            area=area,
            date=_day(entry["days_ago"]),
            interpretation=interpretation,
            organisations=[],
            participants_note=entry.get("participants_note", ""),
            signals=signals,
            indicators=entry.get("indicators", []),
            actions=[
                {
                    "description": action["description"],
                    "owner": action["owner"],
                    "status": action["status"],
                    "due_date": _day(-action["due_in_days"]),
                }
                for action in entry.get("actions", [])
            ],
        )
        report.add("sessions", key, created=True)
