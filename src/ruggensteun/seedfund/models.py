"""Seed money (startgeld): funds, calls, applications, grants, instalments and the ledger.

Money is whole euro cents in integer fields, never floats; check constraints keep amounts
non-negative (positive where zero means nothing) and bands ordered. Two kinds of rows can never
change once written: a cited problem (its snapshot is what the applicant cited, whatever a
later recompute says) and a ledger entry (append-only; a mistake is undone by a reversal entry).
The balances are computed from the ledger in `ledger.py`, never stored.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import OrganisationType
from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.practices.models import Coalition

from .states import (
    STATE_MAX_LENGTH,
    ApplicationState,
    CallState,
    GrantState,
    InstalmentState,
)

CENTS_HELP = _("In hele eurocenten: € 1.000,00 is 100000.")
USER = settings.AUTH_USER_MODEL


def _cents(verbose_name: Any, **kwargs: Any) -> models.BigIntegerField[int, int]:
    return models.BigIntegerField(verbose_name, help_text=CENTS_HELP, **kwargs)


def _not_negative(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__gte": 0}), name=name)


def _positive(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__gt": 0}), name=name)


class ResidentRule(models.TextChoices):
    """How residents must be involved for an application to be eligible."""

    THREE_RESIDENTS_OR_ONE_PLUS_ORG = (
        "three_residents_or_one_plus_org",
        _("ten minste drie bewoners, of één bewoner en één organisatie"),
    )
    ONE_RESIDENT = "one_resident", _("ten minste één bewoner")
    NONE = "none", _("geen eis")


class ProblemKind(models.TextChoices):
    INDICATOR = "indicator", _("indicator van de monitor")
    DOMAIN = "domain", _("domein van de monitor")
    SIGNAL_THEME = "signal_theme", _("thema van signalen")


class EntryKind(models.TextChoices):
    COMMITMENT = "commitment", _("verplichting")
    RELEASE = "release", _("vrijval")
    PAYMENT = "payment", _("betaling")
    REVERSAL = "reversal", _("correctie (tegenboeking)")


class Fund(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    budget_cents = _cents(_("budget (eurocent)"))
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
        constraints = [_not_negative("budget_cents", "seedfund_fund_budget_not_negative")]

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
    budget_cents = _cents(_("budget (eurocent)"))

    class Meta:
        verbose_name = _("gebiedsbudget")
        verbose_name_plural = _("gebiedsbudgetten")
        constraints = [
            models.UniqueConstraint(fields=["fund", "focus_area"], name="seedfund_one_area_budget"),
            _not_negative("budget_cents", "seedfund_areabudget_not_negative"),
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
    min_cents = _cents(_("minimumbedrag (eurocent)"))
    max_cents = _cents(_("maximumbedrag (eurocent)"))
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
            _not_negative("min_cents", "seedfund_call_min_not_negative"),
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
            _positive("reviewers_per_application", "seedfund_call_reviewers_positive"),
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
            _positive("weight", "seedfund_criterion_weight_positive"),
            models.CheckConstraint(
                condition=Q(max_score__gt=F("min_score")), name="seedfund_criterion_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name


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
    amount_cents = _cents(_("gevraagd bedrag (eurocent)"), default=0)
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
        constraints = [_not_negative("amount_cents", "seedfund_application_amount_not_negative")]

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
    amount_cents = _cents(_("bedrag (eurocent)"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("begrotingsregel")
        verbose_name_plural = _("begrotingsregels")
        ordering = ["application", "position", "pk"]
        constraints = [_positive("amount_cents", "seedfund_budgetline_positive")]

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


class Grant(models.Model):
    """A grant (toekenning) following an approving decision; its money moves only through the
    ledger (`ledger.commit`, `ledger.release`, `ledger.pay`, `ledger.reverse`)."""

    application = models.OneToOneField(
        Application, verbose_name=_("aanvraag"), on_delete=models.PROTECT, related_name="grant"
    )
    amount_cents = _cents(_("toegekend bedrag (eurocent)"))
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
        constraints = [_positive("amount_cents", "seedfund_grant_amount_positive")]

    def __str__(self) -> str:
        return str(_("Toekenning bij aanvraag {number}")).format(number=self.application_id)


class Instalment(models.Model):
    """One instalment (termijn) of a grant: approved by the programme team, then by finance
    (two different people, also checked by the database), then paid through the ledger."""

    grant = models.ForeignKey(
        Grant, verbose_name=_("toekenning"), on_delete=models.PROTECT, related_name="instalments"
    )
    sequence = models.PositiveSmallIntegerField(_("termijn"))
    amount_cents = _cents(_("bedrag (eurocent)"))
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
            _positive("amount_cents", "seedfund_instalment_amount_positive"),
            models.CheckConstraint(
                condition=~Q(finance_approved_by=F("programme_approved_by")),
                name="seedfund_instalment_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Termijn {n}")).format(n=self.sequence)


APPEND_ONLY = "Grootboekregels kunnen niet gewijzigd of verwijderd worden; boek een correctie."


class AppendOnlyError(Exception):
    pass


class LedgerEntryQuerySet(models.QuerySet["LedgerEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(APPEND_ONLY)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(APPEND_ONLY)

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AppendOnlyError(APPEND_ONLY)


class LedgerEntry(models.Model):
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
    amount_cents = _cents(_("bedrag (eurocent)"))
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

    objects: ClassVar[LedgerEntryQuerySet] = LedgerEntryQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("grootboekregel")
        verbose_name_plural = _("grootboek")
        ordering = ["created_at", "pk"]
        constraints = [
            _positive("amount_cents", "seedfund_entry_amount_positive"),
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

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(APPEND_ONLY)
