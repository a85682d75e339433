from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeedfundConfig(AppConfig):
    """Seed money (startgeld) for local coalitions: funds, calls, applications, reviews,
    decisions, grants, instalments and the ledger."""

    name = "ruggensteun.seedfund"
    verbose_name = _("Startgeld")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the seed-money permission rules)
