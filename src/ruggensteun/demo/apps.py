from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Fictional demo content for development (`ruggensteun demo_content`): it composes the
    practices and signals apps, so it sits in the top layer, next to pages and reports."""

    name = "ruggensteun.demo"
    verbose_name = _("Demo-inhoud")
