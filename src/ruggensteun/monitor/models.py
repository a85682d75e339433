"""Observations per region × indicator × period, and the results computed from them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.imports.models import ImportRun


class Status(models.TextChoices):
    PROVISIONAL = "provisional", _("voorlopig")
    DEFINITIVE = "definitive", _("definitief")


class Observation(models.Model):
    """One published figure. `value` is in the indicator's unit; counts where the source has
    them."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="observations")
    indicator = models.CharField(_("indicator"), max_length=64)
    period = models.CharField(_("periode"), max_length=32)
    value = models.FloatField(_("waarde"), null=True, blank=True)
    numerator = models.FloatField(_("teller"), null=True, blank=True)
    denominator = models.FloatField(_("noemer"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DEFINITIVE
    )
    cbs_symbol = models.CharField(
        _("CBS-teken"),
        max_length=2,
        blank=True,
        help_text=_("'.' geheim of onbetrouwbaar; '-' of 'x' nihil of n.v.t."),
    )
    derived = models.BooleanField(_("afgeleid"), default=False)
    first_value = models.FloatField(_("eerst gepubliceerde waarde"), null=True, blank=True)
    import_run = models.ForeignKey(ImportRun, on_delete=models.PROTECT, related_name="observations")

    class Meta:
        verbose_name = _("waarneming")
        verbose_name_plural = _("waarnemingen")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "indicator", "period"], name="observation_once"
            )
        ]
        indexes = [models.Index(fields=["indicator", "period"], name="observation_indicator")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period} {self.region_id}: {self.value}"


class ResultSet(models.Model):
    """One recompute of the monitor; pages read the newest. `stamp` names its inputs."""

    stamp = models.CharField(_("versie"), max_length=64, db_index=True)
    catalogue_version = models.CharField(_("catalogusversie"), max_length=32)
    computed_at = models.DateTimeField(_("berekend op"), auto_now_add=True)
    seconds = models.FloatField(_("rekentijd (s)"))
    observations = models.PositiveIntegerField(_("waarnemingen"))
    # {domain: {period: {"wijken": n, "flagged": k, "percent": x}}}: what a stacking flag means.
    domain_shares = models.JSONField(_("aandeel gemarkeerde wijken per domein"), default=dict)

    class Meta:
        verbose_name = _("berekening")
        verbose_name_plural = _("berekeningen")
        ordering = ["-computed_at", "-pk"]
        get_latest_by = "computed_at"

    def __str__(self) -> str:
        return f"{self.stamp[:12]} ({self.computed_at:%Y-%m-%d %H:%M})"


class ComparisonResult(models.Model):
    """Area (focus area or single wijk) × indicator × period: all figures of the comparison."""

    result_set = models.ForeignKey(ResultSet, on_delete=models.CASCADE, related_name="comparisons")
    focus_area = models.ForeignKey(
        FocusArea, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.CharField(max_length=64)
    period = models.CharField(max_length=32)
    data = models.JSONField()

    class Meta:
        indexes = [
            models.Index(fields=["result_set", "focus_area", "indicator"], name="comparison_area"),
            models.Index(fields=["result_set", "region", "indicator"], name="comparison_region"),
        ]

    def __str__(self) -> str:
        return f"{self.focus_area_id or self.region_id} {self.indicator} {self.period}"


class DomainResult(models.Model):
    """Stacking per domain for a wijk or focus area: flag, score and what caused the flag."""

    result_set = models.ForeignKey(ResultSet, on_delete=models.CASCADE, related_name="domains")
    focus_area = models.ForeignKey(
        FocusArea, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    domain = models.CharField(max_length=32)
    period = models.CharField(max_length=32)
    flagged = models.BooleanField()
    score = models.FloatField(null=True)
    because = models.JSONField(default=list)  # flagged indicators (wijk) or member wijken (area)

    class Meta:
        indexes = [models.Index(fields=["result_set", "focus_area"], name="domain_area")]

    def __str__(self) -> str:
        return f"{self.focus_area_id or self.region_id} {self.domain} {self.period}"


class Ranking(models.Model):
    """Percentile of a wijk among all Dutch wijken for one indicator and period (100 = worst)."""

    result_set = models.ForeignKey(ResultSet, on_delete=models.CASCADE, related_name="rankings")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    indicator = models.CharField(max_length=64)
    period = models.CharField(max_length=32)
    percentile = models.FloatField()
    flagged = models.BooleanField()

    class Meta:
        indexes = [models.Index(fields=["result_set", "region"], name="ranking_region")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.indicator} {self.period}: {self.percentile:.0f}"


class SimilarArea(models.Model):
    """Focus areas with a similar problem profile (domain scores), nearest first."""

    result_set = models.ForeignKey(ResultSet, on_delete=models.CASCADE, related_name="similar")
    focus_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="+")
    neighbour = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="+")
    distance = models.FloatField()
    shared = models.PositiveSmallIntegerField(help_text="domains both areas have scores for")

    class Meta:
        ordering = ["distance"]

    def __str__(self) -> str:
        return f"{self.focus_area_id} ~ {self.neighbour_id} ({self.distance:.2f})"
