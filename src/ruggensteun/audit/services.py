"""The one way to write audit events. Call it inside the transaction of the change it records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import connection, models, transaction
from django.utils import timezone

from .chain import GENESIS, event_hash
from .models import AuditEvent

if TYPE_CHECKING:
    # For the annotation only: audit sits below accounts in the layers.
    from ruggensteun.accounts.models import User

SYSTEM_ACTOR = "systeem"  # changes made by a command or import, not by a logged-in person
# Any constant will do, as long as nothing else takes this advisory lock ("audit" in ASCII).
CHAIN_LOCK = 0x6175646974


def _last_hash() -> str:
    """The newest event's hash, read while no other writer can append (see audit_record)."""
    if connection.vendor == "postgresql":
        # Held until the surrounding transaction ends, so the chain never forks. SQLite
        # serialises writers by itself (a writer whose read went stale fails, never forks).
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
    last = AuditEvent.objects.order_by("-pk").values_list("hash", flat=True).first()
    return last if last is not None else GENESIS


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    area_code: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event: `action` names what happened, e.g. "role.assign" or "signal.read"."""
    person = actor if actor is not None and actor.pk else None
    event = AuditEvent(
        at=timezone.now(),
        actor=person,
        actor_label=person.email if person is not None else SYSTEM_ACTOR,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        area_code=area_code,
        before=before,
        after=after,
    )
    with transaction.atomic():
        event.previous_hash = _last_hash()
        event.hash = event_hash(event)
        event.save(force_insert=True)
    return event
