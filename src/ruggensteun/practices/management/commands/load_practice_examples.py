"""`ruggensteun load_practice_examples`: the memo's examples in the good-practice library."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ruggensteun.practices.starter import load_practice_examples


class Command(BaseCommand):
    help = (
        "Zet de voorbeelden uit het memo als gepubliceerde praktijken en coalities in de "
        "bibliotheek. Bestaande voorbeelden blijven ongewijzigd, tenzij --update."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--update",
            action="store_true",
            help="Overschrijf bestaande voorbeelden met het bestand.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_practice_examples(update=options["update"])
        self.stdout.write(
            f"Nieuw: {len(report.created)}, bijgewerkt: {len(report.updated)}, "
            f"ongewijzigd: {len(report.unchanged)}."
        )
        if report.missing_areas:
            self.stdout.write(
                self.style.WARNING(
                    "Niet gevonden (niet gekoppeld): " + ", ".join(report.missing_areas)
                )
            )
