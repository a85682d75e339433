"""`ruggensteun practices_search_rebuild`: rebuild the SQLite full-text index of practices."""

from typing import Any

from django.core.management.base import BaseCommand

from ruggensteun.practices.search.index import search_rebuild


class Command(BaseCommand):
    help = (
        "Bouw de zoekindex van praktijken opnieuw op (SQLite; PostgreSQL houdt de index zelf bij)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{search_rebuild()} praktijk(en) in de zoekindex.")
