from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "ruggensteun.areas"
    verbose_name = _("Gebieden")

    def ready(self) -> None:
        from ruggensteun.accounts.geography import area_directory_register

        from . import importers, rules  # noqa: F401  (register the importers and the area rules)
        from .directory import RegionDirectory

        area_directory_register(RegionDirectory())
