"""Regions per CBS vintage year, their boundaries, and focus areas built from them."""

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ruggensteun import cbs


class Level(models.TextChoices):
    """The CBS levels: the values are `ruggensteun.cbs`'s level names (one source), so a level
    from `cbs.level_of` compares equal to the model's; the labels are the UI's."""

    LAND = cbs.LAND, _("Nederland")
    VEILIGHEIDSREGIO = cbs.VEILIGHEIDSREGIO, _("veiligheidsregio")
    GEMEENTE = cbs.GEMEENTE, _("gemeente")
    WIJK = cbs.WIJK, _("wijk")
    BUURT = cbs.BUURT, _("buurt")


class Region(models.Model):
    """A CBS region in one vintage (the geography year): codes and boundaries change yearly."""

    vintage = models.PositiveSmallIntegerField(_("indelingsjaar"))
    code = models.CharField(_("CBS-code"), max_length=12)
    level = models.CharField(_("niveau"), max_length=16, choices=Level.choices)
    name = models.CharField(_("naam"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("valt onder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    safety_region = models.ForeignKey(
        "self",
        verbose_name=_("veiligheidsregio"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="member_municipalities",
        limit_choices_to={"level": Level.VEILIGHEIDSREGIO},
    )
    population = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    population_source = models.CharField(_("bron inwoners"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["vintage", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["vintage", "code"], name="region_unique_code_per_vintage"
            )
        ]
        indexes = [models.Index(fields=["vintage", "level"], name="region_vintage_level")]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.code}, {self.vintage})"

    @property
    def display_name(self) -> str:
        """The CBS name, or the code where the shipped data has no name for the region."""
        return self.name or self.code


class RegionGeometry(models.Model):
    """A simplified boundary in WGS84 GeoJSON, for small maps only (not for area calculations)."""

    region = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="geometry")
    geojson = models.JSONField(_("GeoJSON-geometrie"))
    source = models.CharField(_("bron"), max_length=200)

    class Meta:
        verbose_name = _("grens")
        verbose_name_plural = _("grenzen")

    def __str__(self) -> str:
        return f"{self.region}"


class Programme(models.Model):
    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("naam"), max_length=200)
    name_en = models.CharField(_("naam (Engels)"), max_length=200, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    description_en = models.TextField(_("omschrijving (Engels)"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("startjaar"))

    class Meta:
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")
        ordering = ["start_year", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name in the visitor's language (Dutch when no English name is known)."""
        return self.name_en if translation.get_language() == "en" and self.name_en else self.name


class Confidence(models.TextChoices):
    HIGH = "high", _("hoog")
    MEDIUM = "medium", _("gemiddeld")
    LOW = "low", _("laag")


class FocusArea(models.Model):
    """A named set of wijken or buurten within one municipality, e.g. 'Zaandam Oost'."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    municipality = models.ForeignKey(
        Region,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="focus_areas",
        limit_choices_to={"level": Level.GEMEENTE},
    )
    vintage = models.PositiveSmallIntegerField(_("indelingsjaar"))
    programmes = models.ManyToManyField(
        Programme, through="FocusAreaProgramme", related_name="focus_areas", blank=True
    )
    is_default = models.BooleanField(
        _("standaardgebied"), default=False, help_text=_("Uit de meegeleverde lijst van gebieden.")
    )
    description = models.TextField(_("toelichting"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("focusgebied")
        verbose_name_plural = _("focusgebieden")
        ordering = ["municipality__name", "name"]

    def __str__(self) -> str:
        return self.name


class FocusAreaProgramme(models.Model):
    """Why an area belongs to a programme: the public source and how sure that source is."""

    focus_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="memberships")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="memberships")
    source = models.TextField(_("bron"), blank=True)
    confidence = models.CharField(_("zekerheid"), max_length=8, choices=Confidence.choices)

    class Meta:
        verbose_name = _("programmadeelname")
        verbose_name_plural = _("programmadeelnames")
        constraints = [
            models.UniqueConstraint(
                fields=["focus_area", "programme"], name="focus_area_programme_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.focus_area} in {self.programme}"


class MatchMethod(models.TextChoices):
    CODE = "code", _("op CBS-code uit de bron")
    NAME = "name", _("op naam binnen de gemeente")
    MANUAL = "manual", _("handmatig vastgesteld")
    CURATED = "curated", _("volgens vastgelegde samenstelling")


class MembershipDecision(models.Model):
    """What one name in the source list stands for: the CBS wijken a person decided on, why,
    and how sure that is. Shipped as data (`areas/data/curation.csv`) or set by the programme
    team; the members it yields point back to it.

    A correction by the programme team is a decision on the whole area (`listed_name` empty,
    `codes` the wijken after it, `codes_before` those before it). It supersedes the decisions
    that were current: they stay, with `superseded_by` and `superseded_at`, as the history."""

    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="membership_decisions"
    )
    listed_name = models.CharField(_("naam in de bron"), max_length=200, blank=True)
    codes = models.JSONField(_("CBS-wijkcodes"), default=list)
    codes_before = models.JSONField(_("CBS-codes ervoor"), default=list, blank=True)
    reason = models.TextField(_("reden"))
    confidence = models.CharField(_("zekerheid"), max_length=8, choices=Confidence.choices)
    source = models.CharField(_("vastgelegd in"), max_length=200)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("besloten op"), default=timezone.now)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("vervangen door"),
        null=True,
        blank=True,
        # History is not deleted on its own; it goes with its area (RESTRICT allows that).
        on_delete=models.RESTRICT,
        related_name="superseded",
    )
    superseded_at = models.DateTimeField(_("vervangen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("besluit over samenstelling")
        verbose_name_plural = _("besluiten over samenstelling")
        ordering = ["focus_area", "listed_name"]
        constraints = [
            # One current decision per name (the empty name: the area's own correction).
            models.UniqueConstraint(
                fields=["focus_area", "listed_name"],
                condition=models.Q(superseded_at__isnull=True),
                name="membership_decision_once_current",
            )
        ]

    def __str__(self) -> str:
        name = self.listed_name or _("samenstelling")
        return f"{name} ({self.focus_area})"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None


class FocusAreaMember(models.Model):
    focus_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="members")
    region = models.ForeignKey(
        Region,
        verbose_name=_("wijk of buurt"),
        on_delete=models.PROTECT,
        related_name="focus_area_memberships",
        limit_choices_to={"level__in": [Level.WIJK, Level.BUURT]},
    )
    listed_name = models.CharField(_("naam in de bron"), max_length=200, blank=True)
    match_method = models.CharField(_("gekoppeld"), max_length=8, choices=MatchMethod.choices)
    partial = models.BooleanField(
        _("gedeeltelijk"),
        default=False,
        help_text=_(
            "Het gebied omvat maar een deel van deze wijk; stel buurten vast voor precisie."
        ),
    )
    note = models.CharField(_("opmerking"), max_length=300, blank=True)
    decision = models.ForeignKey(
        MembershipDecision,
        verbose_name=_("besluit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )

    class Meta:
        verbose_name = _("lid van focusgebied")
        verbose_name_plural = _("leden van focusgebied")
        ordering = ["region__code"]
        constraints = [
            models.UniqueConstraint(fields=["focus_area", "region"], name="focus_area_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.region.display_name} in {self.focus_area}"


class UnmatchedName(models.Model):
    """A member name from the source that matched no CBS wijk: reported, never guessed. It is
    resolved only by a documented `MembershipDecision`."""

    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="unmatched_names"
    )
    listed_name = models.CharField(_("naam in de bron"), max_length=200)
    reason = models.CharField(_("reden"), max_length=300)
    suggestions = models.JSONField(_("mogelijke wijken"), default=list, blank=True)
    decision = models.ForeignKey(
        MembershipDecision,
        verbose_name=_("besluit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unmatched_names",
        help_text=_("Leeg: nog open. Anders staat hier welke wijken de naam aanduidt."),
    )

    class Meta:
        verbose_name = _("niet-gekoppelde naam")
        verbose_name_plural = _("niet-gekoppelde namen")
        ordering = ["focus_area", "listed_name"]

    def __str__(self) -> str:
        return f"{self.listed_name} ({self.focus_area})"
