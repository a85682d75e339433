from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "ruggensteun.areas"
    verbose_name = _("Gebieden")

    def ready(self) -> None:
        from . import importers  # noqa: F401  (registers the geography importers)
