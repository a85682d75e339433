"""`ruggensteun fetch_cbs TABLE --gemeente GM0479 [--out FILE]`: download a KWB table (network)."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ruggensteun.monitor.importers.cbs_odata import TABLES, fetch


class Command(BaseCommand):
    help = (
        "Download een CBS-tabel (84583NED, 84799NED, 85039NED) als JSON "
        "voor 'import_data cbs-odata'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("table", choices=sorted(TABLES))
        parser.add_argument("--gemeente", action="append", required=True, help="bijv. GM0479")
        parser.add_argument("--out", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:  # pragma: no cover - needs the network
        try:
            rows = fetch(options["table"], options["gemeente"])
        except Exception as exc:  # the client raises plain requests errors without a network
            raise CommandError(f"Downloaden bij CBS is mislukt: {exc}") from None
        out = options["out"] or Path(f"{options['table']}.json")
        out.write_text(json.dumps({"table": options["table"], "rows": rows}, ensure_ascii=False))
        self.stdout.write(f"{len(rows)} regels opgeslagen in {out}")
