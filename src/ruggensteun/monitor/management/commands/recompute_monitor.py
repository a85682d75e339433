"""`ruggensteun recompute_monitor`: recompute comparisons, rankings and stacking."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ruggensteun.monitor.recompute import monitor_recompute


class Command(BaseCommand):
    help = "Herbereken de monitor (overgeslagen als er niets veranderd is, tenzij --force)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        result = monitor_recompute(force=options["force"])
        self.stdout.write(
            f"Monitor berekend: versie {result.stamp[:12]}, {result.observations} waarnemingen, "
            f"{result.comparisons.count()} vergelijkingen, {result.seconds:.1f} s"
        )
