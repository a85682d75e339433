"""Applications with their cited problems (snapshots that never change), budget lines and
co-applicants."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import OrganisationType
from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.practices.models import Coalition
from ruggensteun.seedfund.states import STATE_MAX_LENGTH, ApplicationState

from .calls import Call
from .common import (
    USER,
    ProblemKind,
    cents_field,
    not_negative,
    positive,
)


class Application(models.Model):
    """An application (aanvraag) by a coalition for a focus area, citing its measured problems."""

    call = models.ForeignKey(
        Call, verbose_name=_("oproep"), on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        USER, verbose_name=_("aanvrager"), on_delete=models.PROTECT, related_name="+"
    )
    # Nullable so a draft can be started before the coalition is chosen; submission requires it.
    coalition = models.ForeignKey(
        Coalition,
        verbose_name=_("coalitie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    focus_area = models.ForeignKey(
        FocusArea, verbose_name=_("focusgebied"), on_delete=models.PROTECT, related_name="+"
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("wijken en buurten"), related_name="+", blank=True
    )
    title = models.CharField(_("titel"), max_length=200)
    plan = models.TextField(_("plan"), blank=True)
    activities = models.TextField(_("activiteiten"), blank=True)
    expected_change = models.TextField(_("verwachte verandering"), blank=True)
    how_seen = models.TextField(_("waaraan de verandering te zien is"), blank=True)
    amount_cents = cents_field(_("gevraagd bedrag (eurocent)"), default=0)
    resident_involvement = models.TextField(_("betrokkenheid van bewoners"), blank=True)
    state = models.CharField(
        _("status"),
        max_length=STATE_MAX_LENGTH,
        choices=ApplicationState.choices,
        default=ApplicationState.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        ordering = ["-created_at", "pk"]
        constraints = [not_negative("amount_cents", "seedfund_application_amount_not_negative")]

    def __str__(self) -> str:
        # An opaque reference, never the title: str() lands in the audit trail, the admin and
        # logs, where a reviewer who has not declared (issue 16) must not read the content.
        return str(_("Aanvraag {number}")).format(number=self.pk or "–")


class ImmutableError(Exception):
    pass


IMMUTABLE = "Deze gegevens liggen vast en kunnen niet gewijzigd worden."


class CitedProblemQuerySet(models.QuerySet["CitedProblem"]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableError(IMMUTABLE)


class CitedProblem(models.Model):
    """One measured problem of the area an application addresses, with a snapshot of the figure
    as cited: {"indicator", "period", "value", "comparison", "catalogue_version", "result_set"}
    (for a signal theme: {"theme", "count", "period"}). Never changed once stored; a draft may
    drop it and cite another."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("aanvraag"),
        on_delete=models.CASCADE,
        related_name="cited_problems",
    )
    kind = models.CharField(_("soort"), max_length=16, choices=ProblemKind.choices)
    key = models.CharField(_("sleutel"), max_length=100)
    snapshot = models.JSONField(_("momentopname van het cijfer"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    cited_at = models.DateTimeField(_("aangehaald op"), auto_now_add=True)

    objects: ClassVar[CitedProblemQuerySet] = CitedProblemQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("aangehaald probleem")
        verbose_name_plural = _("aangehaalde problemen")
        ordering = ["application", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "key"], name="seedfund_problem_cited_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.key}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableError(IMMUTABLE)
        super().save(*args, **kwargs)


class BudgetLine(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("aanvraag"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    description = models.CharField(_("omschrijving"), max_length=300)
    amount_cents = cents_field(_("bedrag (eurocent)"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("begrotingsregel")
        verbose_name_plural = _("begrotingsregels")
        ordering = ["application", "position", "pk"]
        constraints = [positive("amount_cents", "seedfund_budgetline_positive")]

    def __str__(self) -> str:
        return self.description


class CoApplicant(models.Model):
    """An organisation applying together with the coalition (never a private person)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("aanvraag"),
        on_delete=models.CASCADE,
        related_name="co_applicants",
    )
    organisation = models.CharField(_("organisatie"), max_length=200)
    kind = models.CharField(
        _("soort"), max_length=16, choices=OrganisationType.choices, default=OrganisationType.OTHER
    )

    class Meta:
        verbose_name = _("medeaanvrager")
        verbose_name_plural = _("medeaanvragers")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return self.organisation
