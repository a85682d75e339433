from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "ruggensteun.monitor"
    verbose_name = _("Monitor")

    def ready(self) -> None:
        # Registers the monitor's importers; recomputes when an area's members change.
        from . import importers, receivers  # noqa: F401
