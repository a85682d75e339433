"""Grants and their instalments."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ruggensteun.seedfund.states import STATE_MAX_LENGTH, GrantState, InstalmentState

from .applications import Application
from .common import (
    USER,
    cents_field,
    positive,
)


class Grant(models.Model):
    """A grant (toekenning) following an approving decision; its money moves only through the
    ledger (`ledger.commit`, `ledger.release`, `ledger.pay`, `ledger.reverse`)."""

    application = models.OneToOneField(
        Application, verbose_name=_("aanvraag"), on_delete=models.PROTECT, related_name="grant"
    )
    amount_cents = cents_field(_("toegekend bedrag (eurocent)"))
    conditions = models.TextField(_("voorwaarden"), blank=True)
    public_rationale = models.TextField(_("openbare motivering"), blank=True)
    state = models.CharField(
        _("status"),
        max_length=STATE_MAX_LENGTH,
        choices=GrantState.choices,
        default=GrantState.ACTIVE,
        db_index=True,
    )
    created_at = models.DateTimeField(_("toegekend op"), auto_now_add=True)

    class Meta:
        verbose_name = _("toekenning")
        verbose_name_plural = _("toekenningen")
        ordering = ["-created_at", "pk"]
        constraints = [positive("amount_cents", "seedfund_grant_amount_positive")]

    def __str__(self) -> str:
        return str(_("Toekenning bij aanvraag {number}")).format(number=self.application_id)


class Instalment(models.Model):
    """One instalment (termijn) of a grant: approved by the programme team, then by finance
    (two different people, also checked by the database), then paid through the ledger."""

    grant = models.ForeignKey(
        Grant, verbose_name=_("toekenning"), on_delete=models.PROTECT, related_name="instalments"
    )
    sequence = models.PositiveSmallIntegerField(_("termijn"))
    amount_cents = cents_field(_("bedrag (eurocent)"))
    due_condition = models.CharField(_("voorwaarde voor betaling"), max_length=300, blank=True)
    state = models.CharField(
        _("status"),
        max_length=STATE_MAX_LENGTH,
        choices=InstalmentState.choices,
        default=InstalmentState.PLANNED,
        db_index=True,
    )
    programme_approved_by = models.ForeignKey(
        USER,
        verbose_name=_("goedgekeurd door (programmateam)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    programme_approved_at = models.DateTimeField(_("goedgekeurd op (programmateam)"), null=True)
    finance_approved_by = models.ForeignKey(
        USER,
        verbose_name=_("goedgekeurd door (financiën)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    finance_approved_at = models.DateTimeField(_("goedgekeurd op (financiën)"), null=True)
    paid_at = models.DateTimeField(_("betaald op"), null=True, blank=True)

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        ordering = ["grant", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "sequence"], name="seedfund_instalment_seq"),
            positive("amount_cents", "seedfund_instalment_amount_positive"),
            models.CheckConstraint(
                condition=~Q(finance_approved_by=F("programme_approved_by")),
                name="seedfund_instalment_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Termijn {n}")).format(n=self.sequence)
