"""Qualitative signals from neighbourhood professionals, and the sessions that interpret them.

A signal holds no personal data: its narrative passed the scrubber (services.signal_record),
its author is kept only for need-to-know and retention, and the public sees only aggregates.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import Organisation
from ruggensteun.areas.models import FocusArea, Region

from .taxonomy import THEMES

NARRATIVE_MAX = 1000


class ProfessionalRole(models.TextChoices):
    WIJKAGENT = "wijkagent", _("wijkagent")
    JONGERENWERK = "jongerenwerk", _("jongerenwerker")
    WIJKTEAM = "wijkteam", _("wijkteam / maatschappelijk werk")
    ONDERWIJS = "onderwijs", _("leerkracht of intern begeleider")
    LEERPLICHT = "leerplicht", _("leerplichtambtenaar")
    GEZONDHEID = "gezondheid", _("huisarts, GGD of wijkverpleging")
    CORPORATIE = "corporatie", _("woonconsulent corporatie")
    HANDHAVING = "handhaving", _("handhaver / boa")
    OPBOUWWERK = "opbouwwerk", _("opbouwwerker / bewonersondersteuning")
    OTHER = "overig", _("andere professional")


class Trend(models.TextChoices):
    MORE = "meer", _("meer dan eerder")
    SAME = "gelijk", _("even veel als eerder")
    LESS = "minder", _("minder dan eerder")


class Confidence(models.TextChoices):
    LOW = "laag", _("laag: een eerste indruk")
    MEDIUM = "midden", _("midden: meerdere keren gezien")
    HIGH = "hoog", _("hoog: breed gedeeld beeld")


class Sensitivity(models.TextChoices):
    NORMAL = "normaal", _("normaal")
    SENSITIVE = "gevoelig", _("gevoelig (need-to-know)")


class Origin(models.TextChoices):
    FORM = "formulier", _("formulier")
    IMPORT = "import", _("import (CSV)")


class Signal(models.Model):
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="signals", verbose_name=_("wijk of buurt")
    )
    theme = models.CharField(
        _("thema"), max_length=32, choices=[(theme.key, theme.nl) for theme in THEMES]
    )
    period = models.CharField(_("periode (kwartaal)"), max_length=7, help_text="2021-K1")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("vastgelegd door"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("organisatie"),
    )
    professional_role = models.CharField(
        _("rol van de professional"), max_length=16, choices=ProfessionalRole.choices
    )
    intensity = models.PositiveSmallIntegerField(
        _("intensiteit (1-5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    trend = models.CharField(_("ontwikkeling"), max_length=8, choices=Trend.choices)
    confidence = models.CharField(_("zekerheid"), max_length=8, choices=Confidence.choices)
    narrative = models.TextField(_("toelichting"), max_length=NARRATIVE_MAX, blank=True)
    sensitivity = models.CharField(
        _("gevoeligheid"), max_length=8, choices=Sensitivity.choices, default=Sensitivity.NORMAL
    )
    redacted = models.BooleanField(_("geschoonde tekst bevestigd"), default=False)
    origin = models.CharField(_("herkomst"), max_length=10, choices=Origin.choices)
    demo = models.BooleanField(
        _("demo-inhoud, verzonnen"),
        default=False,
        help_text=_("Verzonnen signaal om de toepassing te tonen; alleen in ontwikkeling."),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    narrative_removed_at = models.DateTimeField(
        _("toelichting verwijderd op"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["region", "theme", "period"], name="signal_cell")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(intensity__gte=1, intensity__lte=5), name="signal_intensity"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_theme_display()} · {self.region} · {self.period}"

    @property
    def is_sensitive(self) -> bool:
        return self.sensitivity == Sensitivity.SENSITIVE


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    BUSY = "bezig", _("bezig")
    DONE = "afgerond", _("afgerond")


class SenseMakingSession(models.Model):
    """A duiding session: professionals and organisations interpret signals and figures."""

    date = models.DateField(_("datum"))
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("gebied")
    )
    organisations = models.ManyToManyField(
        Organisation,
        related_name="sessions",
        blank=True,
        verbose_name=_("deelnemende organisaties"),
    )
    participants_note = models.CharField(
        _("overige deelnemers (functies, geen namen)"), max_length=300, blank=True
    )
    signals = models.ManyToManyField(
        Signal, related_name="sessions", blank=True, verbose_name=_("besproken signalen")
    )
    indicators = models.JSONField(_("besproken indicatoren"), default=list, blank=True)
    interpretation = models.TextField(_("gedeelde duiding"), max_length=4000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("duidingssessie")
        verbose_name_plural = _("duidingssessies")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.focus_area} {self.date:%d-%m-%Y}"


class SessionAction(models.Model):
    session = models.ForeignKey(
        SenseMakingSession, on_delete=models.CASCADE, related_name="actions"
    )
    description = models.CharField(_("actie"), max_length=300)
    owner = models.CharField(_("eigenaar (organisatie of functie)"), max_length=200)
    due_date = models.DateField(_("uiterlijk"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.description
