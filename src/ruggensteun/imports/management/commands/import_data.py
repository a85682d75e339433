"""`ruggensteun import_data SOURCE [FILE ...]` or `import_data --all`: importers on the CLI."""

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from ruggensteun.imports.base import ImportRejected, registered_sources
from ruggensteun.imports.services import import_execute


def _progress(items: Iterable[Any], total: int, description: str) -> Iterable[Any]:
    bar: Iterable[Any] = tqdm(items, total=total, desc=description, unit="rij", leave=False)
    return bar


class Command(BaseCommand):
    help = "Importeer gegevens met een geregistreerde importer (alles of niets)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", nargs="?", help="bron, bijv. cbs-indeling-2020")
        parser.add_argument(
            "files", nargs="*", type=Path, help="bestanden (standaard: meegeleverd)"
        )
        parser.add_argument("--all", action="store_true", help="alle bronnen, in volgorde")
        parser.add_argument("--force", action="store_true", help="ook als dit al geladen is")
        parser.add_argument("--list", action="store_true", help="toon de bekende bronnen")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            automatic = set(registered_sources())
            for source in registered_sources(include_on_demand=True):
                self.stdout.write(source if source in automatic else f"{source} (op verzoek)")
            return
        if options["all"]:
            sources = registered_sources()
            files: list[Path] = []
        elif options["source"]:
            sources = [options["source"]]
            files = options["files"]
        else:
            raise CommandError("Geef een bron op, of --all (zie --list).")
        progress = _progress if options["verbosity"] >= 1 else None
        for source in sources:
            self._run_one(source, files, force=options["force"], progress=progress)

    def _run_one(self, source: str, files: list[Path], *, force: bool, progress: Any) -> None:
        kwargs = {"progress": progress} if progress else {}
        try:
            outcome = import_execute(source=source, paths=files or None, force=force, **kwargs)
        except ImportRejected as exc:
            raise CommandError(f"{source}: {exc.report()}") from None
        run = outcome.run
        if outcome.skipped:
            self.stdout.write(
                f"{source}: al geladen op {run.finished_at:%Y-%m-%d %H:%M}, overgeslagen"
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{source}: {run.rows_read} regels gelezen, {run.rows_accepted} verwerkt"
            )
        )
        for message in run.messages:
            self.stdout.write(f"  {message}")
