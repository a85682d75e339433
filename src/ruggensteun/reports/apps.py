from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The area diagnosis report (HTML and PDF) built from the monitor's stored results."""

    name = "ruggensteun.reports"
    verbose_name = _("Rapporten")
