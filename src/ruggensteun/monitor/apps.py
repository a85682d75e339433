from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "ruggensteun.monitor"
    verbose_name = _("Monitor")

    def ready(self) -> None:
        from . import importers  # noqa: F401  (registers the monitor's importers)
