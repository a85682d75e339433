"""The ledger: append-only entries in whole euro cents (balances are computed in
`seedfund.ledger`)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ruggensteun.areas.models import FocusArea
from ruggensteun.audit.append_only import AppendOnlyModel, AppendOnlyQuerySet

from .calls import Fund
from .common import (
    USER,
    EntryKind,
    cents_field,
    positive,
)
from .grants import Grant, Instalment

APPEND_ONLY = "Grootboekregels kunnen niet gewijzigd of verwijderd worden; boek een correctie."


class LedgerEntryQuerySet(AppendOnlyQuerySet["LedgerEntry"]):
    message = APPEND_ONLY


class LedgerEntry(AppendOnlyModel):
    """One line of the ledger, append-only (the model, its queryset and database triggers refuse
    changes; see migrations/0002). The amount is always positive; `kind` says which way it goes
    and a reversal names the entry it undoes."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("fonds"), on_delete=models.PROTECT, related_name="ledger_entries"
    )
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("focusgebied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    grant = models.ForeignKey(
        Grant,
        verbose_name=_("toekenning"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    instalment = models.ForeignKey(
        Instalment,
        verbose_name=_("termijn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    kind = models.CharField(_("soort"), max_length=16, choices=EntryKind.choices)
    amount_cents = cents_field(_("bedrag (eurocent)"))
    created_at = models.DateTimeField(_("geboekt op"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        USER,
        verbose_name=_("geboekt door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reference = models.CharField(_("kenmerk"), max_length=100, blank=True)
    reason = models.TextField(_("reden"), blank=True)
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("corrigeert"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )

    APPEND_ONLY = APPEND_ONLY
    objects: ClassVar[LedgerEntryQuerySet] = LedgerEntryQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("grootboekregel")
        verbose_name_plural = _("grootboek")
        ordering = ["created_at", "pk"]
        constraints = [
            positive("amount_cents", "seedfund_entry_amount_positive"),
            models.CheckConstraint(
                condition=Q(kind=EntryKind.REVERSAL, reverses__isnull=False)
                | (~Q(kind=EntryKind.REVERSAL) & Q(reverses__isnull=True)),
                name="seedfund_entry_reversal_names_entry",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EntryKind.PAYMENT) | Q(instalment__isnull=False),
                name="seedfund_entry_payment_has_instalment",
            ),
            models.CheckConstraint(
                condition=Q(kind=EntryKind.REVERSAL) | Q(grant__isnull=False),
                name="seedfund_entry_has_grant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount_cents} ({self.fund})"
