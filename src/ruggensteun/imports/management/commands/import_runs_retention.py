"""`ruggensteun import_runs_retention`: clear the messages of import runs past their term."""

from typing import Any

from django.core.management.base import BaseCommand

from ruggensteun.imports.services import IMPORT_RUN_RETENTION_DAYS, import_runs_retention


class Command(BaseCommand):
    help = (
        f"Wis de meldingen van importruns ouder dan {IMPORT_RUN_RETENTION_DAYS} dagen "
        "(bewaartermijn): zij kunnen regels en kolommen van geüploade bestanden noemen. "
        "De run zelf blijft bewaard (bron, bestandsnamen, aantallen, controlegetal). "
        "Draai dit dagelijks, bijvoorbeeld met cron."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        cleared = import_runs_retention()
        self.stdout.write(
            f"Meldingen gewist van {cleared} importrun(s) ouder dan "
            f"{IMPORT_RUN_RETENTION_DAYS} dagen."
        )
