"""Reads of the audit trail: walking the hash chain and checking the database guards."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from .chain import GENESIS, event_hash
from .models import AuditEvent

# The triggers the migrations install, per database (see docs/audit.md).
GUARDS = {
    "sqlite": ("audit_no_update", "audit_no_delete", "audit_no_replace"),
    "postgresql": ("audit_no_update_delete", "audit_no_truncate"),
}
BROKEN_LINK = "verwijst niet naar de gebeurtenis ervoor (ontbreekt er een?)"
BROKEN_HASH = "inhoud past niet bij de opgeslagen hash (gewijzigd?)"
CHAIN_FIELDS = [
    "at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "area_code",
    "before",
    "after",
    "previous_hash",
    "hash",
]


@dataclass(frozen=True)
class ChainReport:
    count: int
    last_hash: str
    broken_id: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_id is None


def audit_chain_verify() -> ChainReport:
    """Walk all events in id order, recompute each hash; stop at the first that does not fit."""
    expected_previous, count = GENESIS, 0
    events = AuditEvent.objects.order_by("pk").only(*CHAIN_FIELDS)
    for event in events.iterator(chunk_size=2000):
        if event.previous_hash != expected_previous:
            return ChainReport(count, expected_previous, event.pk, BROKEN_LINK)
        if event_hash(event) != event.hash:
            return ChainReport(count, expected_previous, event.pk, BROKEN_HASH)
        expected_previous, count = event.hash, count + 1
    return ChainReport(count, expected_previous)


def audit_guards_missing() -> list[str]:
    """The append-only triggers that are absent or disabled on the audit table."""
    expected = GUARDS.get(connection.vendor, ())
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'audit_auditevent'"
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_auditevent'::regclass "
                "AND NOT tgisinternal AND tgenabled <> 'D'"
            )
        present = {row[0] for row in cursor.fetchall()} if expected else set()
    return [name for name in expected if name not in present]
