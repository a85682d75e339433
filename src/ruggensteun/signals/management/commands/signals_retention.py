"""Delete signal narratives past their theme's retention term (schedule daily, e.g. cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from ruggensteun.signals.services import retention_apply
from ruggensteun.signals.taxonomy import BY_KEY


class Command(BaseCommand):
    help = (
        "Verwijder toelichtingen van signalen na de bewaartermijn van hun thema; de anonieme "
        "tellingen blijven. Plan dit dagelijks in (bijv. cron: ruggensteun signals_retention)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Toon alleen wat verwijderd zou worden."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cleared = retention_apply(dry_run=options["dry_run"])
        verb = "zou verwijderen" if options["dry_run"] else "verwijderd"
        if not cleared:
            self.stdout.write("Geen signalen voorbij hun bewaartermijn.")
        for theme, count in cleared.items():
            days = BY_KEY[theme].retention_days
            self.stdout.write(f"{BY_KEY[theme].nl} (termijn {days} dagen): {count} {verb}")
