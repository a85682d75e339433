"""A record of every import attempt: what was read, what was accepted, what went wrong."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    SUCCEEDED = "succeeded", _("geslaagd")
    REJECTED = "rejected", _("geweigerd")


class ImportRun(models.Model):
    source = models.CharField(_("bron"), max_length=64, db_index=True)
    label = models.CharField(_("omschrijving"), max_length=200)
    files = models.JSONField(_("bestanden"), default=list)
    file_hash = models.CharField(_("controlegetal (SHA-256)"), max_length=64, db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices)
    rows_read = models.PositiveIntegerField(_("regels gelezen"), default=0)
    rows_accepted = models.PositiveIntegerField(_("regels verwerkt"), default=0)
    rows_rejected = models.PositiveIntegerField(_("regels geweigerd"), default=0)
    messages = models.JSONField(_("meldingen"), default=list)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgevoerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("gestart"))
    finished_at = models.DateTimeField(_("klaar"))

    class Meta:
        verbose_name = _("importrun")
        verbose_name_plural = _("importruns")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_status_display()}, {self.finished_at:%Y-%m-%d %H:%M})"
