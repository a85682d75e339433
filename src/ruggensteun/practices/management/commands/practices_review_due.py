"""`ruggensteun practices_review_due`: the yearly "still current?" check of published practices."""

from typing import Any

from django.core.management.base import BaseCommand

from ruggensteun.practices.services import practices_review_due


class Command(BaseCommand):
    help = (
        "Zet gepubliceerde praktijken waarvan de jaarlijkse controle is verlopen op "
        "'actualisatie nodig'. Bedoeld om dagelijks te draaien."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        moved = practices_review_due()
        for practice in moved:
            self.stdout.write(f"Actualisatie nodig: {practice.title}")
        self.stdout.write(f"{len(moved)} praktijk(en) op 'actualisatie nodig' gezet.")
