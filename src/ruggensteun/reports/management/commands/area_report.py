"""`ruggensteun area_report SLUG [--format pdf|html] [--out DIR]`, or `area_report --all`:
the diagnosis report of one focus area, or of all focus areas plus one overview comparing them.

The batch renders in parallel worker processes (one per core by default): WeasyPrint's layout
is pure Python, so processes, not threads, use the cores. Each worker sets Django up once
(about 1.5 s) and then renders area after area.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from ruggensteun.areas.models import FocusArea
from ruggensteun.reports.render import quiet_weasyprint
from ruggensteun.reports.service import (
    OVERVIEW_NAME,
    report_filename,
    write_area_report,
    write_overview,
)
from ruggensteun.reports.workers import init_worker


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Command(BaseCommand):
    help = (
        "Maak het rapport 'Diagnose sociale impact' van een focusgebied (PDF of HTML), of met "
        "--all van alle focusgebieden plus een overzicht dat ze vergelijkt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", nargs="?", help="het gebied, bijv. zaandam-oost (zie --list)")
        parser.add_argument("--all", action="store_true", help="alle meegeleverde focusgebieden")
        parser.add_argument(
            "--format", choices=["pdf", "html"], default="pdf", help="standaard pdf"
        )
        parser.add_argument("--out", type=Path, default=Path("."), help="map voor de bestanden")
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="processen voor --all (standaard: het aantal kernen)",
        )
        parser.add_argument("--list", action="store_true", help="toon de gebieden en hun slug")

    def handle(self, *args: Any, **options: Any) -> None:
        quiet_weasyprint()
        if options["list"]:
            for area in FocusArea.objects.select_related("municipality").order_by("slug"):
                self.stdout.write(f"{area.slug}  ({area.name}, {area.municipality.display_name})")
            return
        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        fmt = options["format"]
        if options["all"]:
            self._all(out, fmt, max(1, options["workers"]), options["verbosity"])
        elif options["slug"]:
            self._one(options["slug"], out, fmt)
        else:
            raise CommandError("Geef een gebied op (bijv. zaandam-oost), of --all (zie --list).")

    def _one(self, slug: str, out: Path, fmt: str) -> None:
        if not FocusArea.objects.filter(slug=slug).exists():
            raise CommandError(
                f"Onbekend gebied '{slug}'. Bekijk de gebieden en hun slug met: "
                "ruggensteun area_report --list"
            )
        start = time.perf_counter()
        path = write_area_report(slug, out, fmt)
        self.stdout.write(
            self.style.SUCCESS(f"Geschreven: {path} ({time.perf_counter() - start:.1f} s)")
        )

    def _all(self, out: Path, fmt: str, workers: int, verbosity: int) -> None:
        slugs = list(
            FocusArea.objects.filter(is_default=True)
            .order_by("slug")
            .values_list("slug", flat=True)
        )
        if not slugs:
            raise CommandError("Er zijn nog geen focusgebieden; laad ze met: make data")
        start = time.perf_counter()
        tasks: list[tuple[str, Callable[..., Path], tuple[Any, ...]]] = [
            (report_filename(slug, fmt), write_area_report, (slug, out, fmt)) for slug in slugs
        ]
        tasks.append((OVERVIEW_NAME + "." + fmt, write_overview, (slugs, out, fmt)))
        written = self._run(tasks, workers, verbosity)
        self.stdout.write(
            self.style.SUCCESS(
                f"Geschreven: {len(slugs)} rapporten en {OVERVIEW_NAME}.{fmt} in {out} "
                f"({len(written)} bestanden, {time.perf_counter() - start:.1f} s, "
                f"{workers} {'proces' if workers == 1 else 'processen'})"
            )
        )

    def _run(
        self,
        tasks: list[tuple[str, Callable[..., Path], tuple[Any, ...]]],
        workers: int,
        verbosity: int,
    ) -> list[Path]:
        bar = tqdm(total=len(tasks), desc="Rapporten", unit="bestand", disable=verbosity < 1)
        written: list[Path] = []
        try:
            if workers == 1:
                for name, function, arguments in tasks:
                    bar.set_postfix_str(name)
                    written.append(function(*arguments))
                    bar.update()
                return written
            # Fresh processes, not forks: once polars or the chart renderer started their thread
            # pools in this process, a forked child could wait forever on their locks.
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker) as pool:
                futures: dict[Future[Path], str] = {
                    pool.submit(function, *arguments): name for name, function, arguments in tasks
                }
                for future in as_completed(futures):
                    try:
                        written.append(future.result())
                    except Exception as exc:
                        raise CommandError(f"{futures[future]} is niet gelukt: {exc!r}") from exc
                    bar.set_postfix_str(futures[future])
                    bar.update()
        finally:
            bar.close()
        return written
