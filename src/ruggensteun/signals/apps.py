from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    """Qualitative signals from neighbourhood professionals (not Django's signals)."""

    name = "ruggensteun.signals"
    label = "signals"
    verbose_name = _("Signalen")

    def ready(self) -> None:
        from . import importers, rules  # noqa: F401  (register the rules and the CSV importer)
