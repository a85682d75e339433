from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The top layer: composes the overview and the area dashboard from the apps below it."""

    name = "ruggensteun.pages"
    verbose_name = _("Pagina's")
