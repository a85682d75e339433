"""Append-only audit events: who did what to which object, when, and what changed.

Rows can be added, never changed or deleted: the model and its queryset refuse it, the admin
offers no way to, and database triggers (see the migrations) refuse it on SQLite and PostgreSQL.
Each row carries the hash of the row before it (see `chain.py`), so a change made with the
triggers lifted is found by `ruggensteun audit_verify`. docs/audit.md has the whole picture.
"""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .append_only import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet

APPEND_ONLY = "Audit-gebeurtenissen kunnen niet gewijzigd of verwijderd worden."

__all__ = ["APPEND_ONLY", "AppendOnlyError", "AuditEvent", "AuditEventQuerySet"]


class AuditEventQuerySet(AppendOnlyQuerySet["AuditEvent"]):
    message = APPEND_ONLY

    def bulk_create(self, *args: Any, **kwargs: Any) -> list["AuditEvent"]:
        # Rows written in bulk would skip the hash chain; audit_record writes one at a time.
        raise AppendOnlyError(APPEND_ONLY)


class AuditEvent(AppendOnlyModel):
    # Set by audit_record before hashing (not auto_now_add, which would set it after).
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        # Users with audit history are deactivated, not deleted: the trail must stay whole.
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("door (bij het vastleggen)"), max_length=254, blank=True)
    action = models.CharField(_("handeling"), max_length=64, db_index=True)
    object_type = models.CharField(_("soort object"), max_length=100, blank=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    area_code = models.CharField(_("gebied"), max_length=12, blank=True, db_index=True)
    before = models.JSONField(_("voor"), null=True, blank=True)
    after = models.JSONField(_("na"), null=True, blank=True)
    # Unique: two events pointing at the same predecessor would fork the chain.
    previous_hash = models.CharField(
        _("vorige hash"), max_length=64, blank=True, unique=True, editable=False
    )
    hash = models.CharField(_("hash"), max_length=64, editable=False)

    APPEND_ONLY = APPEND_ONLY
    objects: ClassVar[AuditEventQuerySet] = AuditEventQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("audit-gebeurtenis")
        verbose_name_plural = _("audittrail")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor_label or '-'} {self.action} {self.object_repr}"
        )
