"""Signals for tests: recorded through the service, as a professional would."""

from ruggensteun.accounts.models import User
from ruggensteun.areas.models import Region
from ruggensteun.signals.models import Signal
from ruggensteun.signals.services import SignalInput, signal_record

CLEAN_TEXT = "Sinds de zomer meer jongeren die 's avonds rondhangen bij het winkelcentrum."


def region(code: str) -> Region:
    return Region.objects.get(vintage=2020, code=code)


def record(
    actor: User, code: str = "WK047912", theme: str = "jongeren", **changes: object
) -> Signal:
    """A signal of `actor` in the region `code`, clean unless `changes` say otherwise."""
    values: dict[str, object] = {
        "region": region(code),
        "theme": theme,
        "period": "2021-K1",
        "professional_role": "jongerenwerk",
        "intensity": 3,
        "trend": "meer",
        "confidence": "midden",
        "narrative": CLEAN_TEXT,
        **changes,
    }
    return signal_record(actor=actor, data=SignalInput(**values))  # type: ignore[arg-type]
