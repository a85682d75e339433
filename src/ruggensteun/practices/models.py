"""Coalitions, practices (the good-practice library), their review comments and adoptions.

Everything here is public once published, so no model holds personal data except the user
links (`created_by`, `owner`, `author`), which public selectors never expose.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import OrganisationType
from ruggensteun.areas.models import FocusArea, Region

from .completeness import DESCRIPTION_FIELDS, Completeness, completeness_of
from .workflow import Status

THEMES_HELP = _("Domeinen van de monitor, bijv. werk_inkomen of gezondheid.")
AREAS_HELP = _("Gemeente, wijk of buurt (CBS-indeling).")


class CoalitionType(models.TextChoices):
    AD_HOC = "ad_hoc", _("ad hoc rond een concreet vraagstuk")
    VERSTERKTE_SAMENWERKING = (
        "versterkte_samenwerking",
        _("versterkte samenwerking van reguliere organisaties"),
    )


class CoalitionStatus(models.TextChoices):
    ACTIVE = "active", _("actief")
    ENDED = "ended", _("beëindigd")


class OwnershipLevel(models.TextChoices):
    """How far residents own the coalition, from being informed to leading it."""

    UNKNOWN = "onbekend", _("nog niet beschreven")
    INFORMED = "geinformeerd", _("bewoners worden geïnformeerd")
    CONSULTED = "meedenken", _("bewoners denken mee")
    SHARED = "samen", _("bewoners en organisaties beslissen samen")
    RESIDENT_LED = "bewoners", _("bewoners hebben de leiding")


class EvidenceLevel(models.TextChoices):
    """How well the effect is founded, after the levels of Movisie and Loket Gezond Leven."""

    ERVARING = "ervaring", _("praktijkvoorbeeld (ervaringskennis)")
    AANNEMELIJK = "aannemelijk", _("goed onderbouwd (werking theoretisch aannemelijk)")
    INDICATIES = "indicaties", _("eerste aanwijzingen voor effect (gemeten resultaten)")
    BEWEZEN = "bewezen", _("effectief (sterke aanwijzingen uit onderzoek)")


class AdoptionStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    RUNNING = "running", _("loopt")
    FINISHED = "finished", _("afgerond")
    STOPPED = "stopped", _("gestopt")


class Coalition(models.Model):
    """A local coalition: residents and organisations acting together in one or more areas."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    type = models.CharField(_("soort coalitie"), max_length=32, choices=CoalitionType.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    themes = models.JSONField(_("thema's"), default=list, blank=True, help_text=THEMES_HELP)
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("focusgebieden"), related_name="+", blank=True
    )
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("gemeenten, wijken en buurten"),
        related_name="+",
        blank=True,
        help_text=AREAS_HELP,
    )
    resident_ownership = models.TextField(_("eigenaarschap van bewoners"), blank=True)
    resident_ownership_level = models.CharField(
        _("mate van eigenaarschap"),
        max_length=16,
        choices=OwnershipLevel.choices,
        default=OwnershipLevel.UNKNOWN,
    )
    contact_email = models.EmailField(
        _("contact (e-mail)"),
        blank=True,
        help_text=_("Een algemeen adres van de coalitie of organisatie, geen persoonlijk adres."),
    )
    contact_website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=CoalitionStatus.choices, default=CoalitionStatus.ACTIVE
    )
    from_memo = models.BooleanField(_("voorbeeld uit het memo"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("coalitie")
        verbose_name_plural = _("coalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Partner(models.Model):
    """An organisation or group in a coalition and its role (never a private person's name)."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("organisatie of groep"), max_length=200)
    kind = models.CharField(_("soort"), max_length=16, choices=OrganisationType.choices)
    role = models.CharField(_("rol in de coalitie"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["coalition", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class Practice(models.Model):
    """A good example, described in the structure of the Dutch recognition system."""

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(_("samenvatting"), blank=True)
    problem = models.TextField(DESCRIPTION_FIELDS["problem"], blank=True)
    target_group = models.TextField(DESCRIPTION_FIELDS["target_group"], blank=True)
    goal = models.TextField(DESCRIPTION_FIELDS["goal"], blank=True)
    approach = models.TextField(DESCRIPTION_FIELDS["approach"], blank=True)
    partners_roles = models.TextField(DESCRIPTION_FIELDS["partners_roles"], blank=True)
    resident_ownership = models.TextField(DESCRIPTION_FIELDS["resident_ownership"], blank=True)
    conditions = models.TextField(DESCRIPTION_FIELDS["conditions"], blank=True)
    costs = models.TextField(DESCRIPTION_FIELDS["costs"], blank=True)
    results = models.TextField(DESCRIPTION_FIELDS["results"], blank=True)
    lessons = models.TextField(DESCRIPTION_FIELDS["lessons"], blank=True)
    transferability = models.TextField(DESCRIPTION_FIELDS["transferability"], blank=True)
    source = models.TextField(
        _("bron"), blank=True, help_text=_("Waar de beschrijving op steunt en wat daar ontbreekt.")
    )
    themes = models.JSONField(_("thema's"), default=list, blank=True, help_text=THEMES_HELP)
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("focusgebieden"), related_name="+", blank=True
    )
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("gemeenten, wijken en buurten"),
        related_name="+",
        blank=True,
        help_text=AREAS_HELP,
    )
    coalition = models.ForeignKey(
        Coalition,
        verbose_name=_("coalitie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
    )
    evidence_level = models.CharField(
        _("onderbouwing"),
        max_length=16,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.ERVARING,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    review_due = models.DateField(
        _("controleren vóór"), null=True, blank=True, help_text=_("Jaarlijks: nog actueel?")
    )
    from_memo = models.BooleanField(_("voorbeeld uit het memo"), default=False)
    demo = models.BooleanField(
        _("demo-inhoud, verzonnen"),
        default=False,
        help_text=_("Verzonnen voorbeeld om de toepassing te tonen; alleen in ontwikkeling."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("praktijk")
        verbose_name_plural = _("praktijken")
        ordering = ["title"]
        indexes = [models.Index(fields=["status", "review_due"], name="practice_review_due")]

    def __str__(self) -> str:
        return self.title

    @property
    def completeness(self) -> Completeness:
        return completeness_of({name: getattr(self, name) for name in DESCRIPTION_FIELDS})


class MediaLink(models.Model):
    """A link to a video, photo page or document about the practice (no uploads)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="media")
    url = models.URLField(_("adres (URL)"), max_length=500)
    caption = models.CharField(_("onderschrift"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("medialink")
        verbose_name_plural = _("medialinks")
        ordering = ["practice", "position", "pk"]

    def __str__(self) -> str:
        return self.caption


class ReviewComment(models.Model):
    """One row per workflow step (the practice's history), with the comment given, if any.

    A comment without a step (an editor's remark during review) has from_status == to_status.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("toelichting"), blank=True)
    from_status = models.CharField(_("van status"), max_length=16, choices=Status.choices)
    to_status = models.CharField(_("naar status"), max_length=16, choices=Status.choices)
    created_at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("opmerking bij beoordeling")
        verbose_name_plural = _("opmerkingen bij beoordeling")
        ordering = ["practice", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.practice}: {self.from_status} → {self.to_status}"


class Adoption(models.Model):
    """A practice taken up elsewhere (scale-up): where, by whom, what was adapted, how it went."""

    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="adoptions")
    coalition = models.ForeignKey(
        Coalition,
        verbose_name=_("coalitie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("focusgebied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("gemeente, wijk of buurt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    adapted = models.TextField(_("wat is aangepast"), blank=True)
    reason = models.TextField(_("waarom"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=AdoptionStatus.choices, default=AdoptionStatus.PLANNED
    )
    outcome = models.TextField(_("uitkomst"), blank=True)
    started_on = models.DateField(_("gestart op"), null=True, blank=True)
    ended_on = models.DateField(_("geëindigd op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("overname")
        verbose_name_plural = _("overnames")
        ordering = ["practice", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focus_area__isnull=False, region__isnull=True)
                | models.Q(focus_area__isnull=True, region__isnull=False),
                name="adoption_one_area",
            )
        ]

    def __str__(self) -> str:
        return f"{self.practice} in {self.focus_area or self.region}"
