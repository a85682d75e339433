"""Funds, their budgets per focus area, calls and their rubrics."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ruggensteun.areas.models import FocusArea
from ruggensteun.seedfund.states import STATE_MAX_LENGTH, CallState

from .common import (
    USER,
    ResidentRule,
    cents_field,
    not_negative,
    positive,
)


class Fund(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    budget_cents = cents_field(_("budget (eurocent)"))
    manager = models.ForeignKey(
        USER, verbose_name=_("fondsbeheerder"), on_delete=models.PROTECT, related_name="+"
    )
    demo = models.BooleanField(
        _("demo-inhoud, verzonnen"),
        default=False,
        help_text=_("Verzonnen voorbeeld om de toepassing te tonen; alleen in ontwikkeling."),
    )
    created = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("fonds")
        verbose_name_plural = _("fondsen")
        ordering = ["name"]
        constraints = [not_negative("budget_cents", "seedfund_fund_budget_not_negative")]

    def __str__(self) -> str:
        return self.name


class AreaBudget(models.Model):
    """The part of a fund's budget set aside for one focus area (optional)."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("fonds"), on_delete=models.PROTECT, related_name="area_budgets"
    )
    focus_area = models.ForeignKey(
        FocusArea, verbose_name=_("focusgebied"), on_delete=models.PROTECT, related_name="+"
    )
    budget_cents = cents_field(_("budget (eurocent)"))

    class Meta:
        verbose_name = _("gebiedsbudget")
        verbose_name_plural = _("gebiedsbudgetten")
        constraints = [
            models.UniqueConstraint(fields=["fund", "focus_area"], name="seedfund_one_area_budget"),
            not_negative("budget_cents", "seedfund_areabudget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.fund} – {self.focus_area}"


class Call(models.Model):
    """A call for applications (oproep). Its rules (`RULE_FIELDS`, the eligible areas and the
    rubric) are frozen once it opens; `call_change` refuses to change them from then on."""

    RULE_FIELDS: ClassVar[tuple[str, ...]] = (
        "fund",
        "opens_on",
        "closes_on",
        "rolling",
        "min_cents",
        "max_cents",
        "eligible_themes",
        "resident_rule",
        "reviewers_per_application",
    )

    fund = models.ForeignKey(
        Fund, verbose_name=_("fonds"), on_delete=models.PROTECT, related_name="calls"
    )
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("toelichting"), blank=True)
    opens_on = models.DateField(_("open vanaf"), null=True, blank=True)
    closes_on = models.DateField(_("sluit op"), null=True, blank=True)
    rolling = models.BooleanField(
        _("doorlopend"), default=False, help_text=_("Zonder sluitingsdatum.")
    )
    min_cents = cents_field(_("minimumbedrag (eurocent)"))
    max_cents = cents_field(_("maximumbedrag (eurocent)"))
    eligible_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("focusgebieden die mogen aanvragen"), related_name="+"
    )
    eligible_themes = models.JSONField(
        _("thema's"),
        default=list,
        blank=True,
        help_text=_("Domeinen van de monitor of thema's van signalen; leeg is elk thema."),
    )
    resident_rule = models.CharField(
        _("eis aan bewonersbetrokkenheid"),
        max_length=40,
        choices=ResidentRule.choices,
        default=ResidentRule.THREE_RESIDENTS_OR_ONE_PLUS_ORG,
    )
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("beoordelaars per aanvraag"), default=2
    )
    state = models.CharField(
        _("status"),
        max_length=STATE_MAX_LENGTH,
        choices=CallState.choices,
        default=CallState.DRAFT,
        db_index=True,
    )
    opened_at = models.DateTimeField(_("geopend op"), null=True, blank=True)
    created_by = models.ForeignKey(
        USER,
        verbose_name=_("aangemaakt door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("oproep")
        verbose_name_plural = _("oproepen")
        ordering = ["-created_at", "pk"]
        constraints = [
            not_negative("min_cents", "seedfund_call_min_not_negative"),
            models.CheckConstraint(
                condition=Q(max_cents__gte=F("min_cents")), name="seedfund_call_min_le_max"
            ),
            models.CheckConstraint(
                condition=Q(opens_on__isnull=True)
                | Q(closes_on__isnull=True)
                | Q(closes_on__gte=F("opens_on")),
                name="seedfund_call_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(rolling=False) | Q(closes_on__isnull=True),
                name="seedfund_call_rolling_has_no_end",
            ),
            positive("reviewers_per_application", "seedfund_call_reviewers_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def rules_frozen(self) -> bool:
        return self.state != CallState.DRAFT


class RubricCriterion(models.Model):
    call = models.ForeignKey(
        Call, verbose_name=_("oproep"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("criterium"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    weight = models.PositiveSmallIntegerField(_("gewicht"), default=1)
    min_score = models.SmallIntegerField(_("laagste score"), default=1)
    max_score = models.SmallIntegerField(_("hoogste score"), default=5)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("beoordelingscriterium")
        verbose_name_plural = _("beoordelingscriteria")
        ordering = ["call", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "name"], name="seedfund_criterion_unique"),
            positive("weight", "seedfund_criterion_weight_positive"),
            models.CheckConstraint(
                condition=Q(max_score__gt=F("min_score")), name="seedfund_criterion_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name
