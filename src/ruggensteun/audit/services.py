"""The one way to write audit events. Call it inside the transaction of the change it records."""

from __future__ import annotations

from typing import Any

from django.db import models

from ruggensteun.accounts.models import User

from .models import AuditEvent

SYSTEM_ACTOR = "systeem"  # changes made by a command or import, not by a logged-in person


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
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor.email if actor is not None and actor.pk else SYSTEM_ACTOR,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        area_code=area_code,
        before=before,
        after=after,
    )
