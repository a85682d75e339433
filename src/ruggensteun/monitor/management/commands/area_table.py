"""`ruggensteun area_table SLUG`: print an area's comparison table on the command line."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ruggensteun.analysis.numbers import format_number
from ruggensteun.areas.models import FocusArea
from ruggensteun.monitor import selectors
from ruggensteun.monitor.catalogue import load
from ruggensteun.monitor.results import Figure

REASONS = {
    "not_published": "n.g.",
    "suppressed_small": "(klein)",
    "suppressed_complement": "(compl.)",
    "not_available_for_vintage": "n.b.i.",
    "source_missing": "geen bron",
    "not_computable": "n.b.",
}
VERDICTS = {
    "sign_worse": "slechter",
    "sign_better": "beter",
    "not_different": "gelijk",
    "not_testable": "–",
    "sign_different": "anders",
}


def cell(figure: Figure) -> str:
    if figure.value is None:
        return REASONS.get(figure.reason, "–")
    return format_number(figure.value, digits=1)


class Command(BaseCommand):
    help = "Toon de vergelijkingstabel van een focusgebied."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--indicator", default="")
        parser.add_argument("--period", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            area = FocusArea.objects.select_related("municipality").get(slug=options["slug"])
        except FocusArea.DoesNotExist:
            raise CommandError(f"Onbekend gebied '{options['slug']}'.") from None
        catalogue = load()
        rows = selectors.area_rows(
            area, indicator=options["indicator"] or None, period=options["period"] or None
        )
        header = (
            f"{'indicator':44} {'periode':24} {'gebied':>9} {'rest gem.':>9} "
            f"{'gemeente':>9} {'NL':>9}  t.o.v. rest"
        )
        self.stdout.write(
            f"{area.name} ({area.municipality.display_name})\n{header}\n{'-' * len(header)}"
        )
        for row in rows:
            name = catalogue.indicators[row.indicator].name_nl[:44]
            self.stdout.write(
                f"{name:44} {catalogue.period_label(row.period)[:24]:24} {cell(row.area):>9} "
                f"{cell(row.rest):>9} {cell(row.municipality):>9} {cell(row.nederland):>9}  "
                f"{VERDICTS.get(row.verdict_rest, '')}"
            )
