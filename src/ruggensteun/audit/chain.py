"""The hash chain over audit events: each event's hash covers its content and the hash before it.

Changing or removing a stored event breaks the chain at that event (or at the one after a gap),
which `ruggensteun audit_verify` finds. The serialisation is canonical: sorted keys, UTC time
with microseconds, and numbers written the way both SQLite and PostgreSQL give them back.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any, Protocol

GENESIS = ""  # the previous hash of the first event


class Hashable(Protocol):
    at: datetime
    actor_id: int | None
    actor_label: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    area_code: str
    before: Any
    after: Any
    previous_hash: str


def _plain(value: Any) -> Any:
    """JSON as the database returns it: PostgreSQL's jsonb gives 1e16 back as an integer."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def canonical(event: Hashable) -> bytes:
    content = {
        "at": event.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "area_code": event.area_code,
        "before": _plain(event.before),
        "after": _plain(event.after),
        "previous_hash": event.previous_hash,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def event_hash(event: Hashable) -> str:
    """Hex SHA-256 of the event's canonical form."""
    return hashlib.sha256(canonical(event)).hexdigest()
