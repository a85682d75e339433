"""CBS Kerncijfers wijken en buurten from StatLine (84583NED 2019, 84799NED 2020, 85039NED 2021).

Where a network exists, `ruggensteun fetch_cbs TABLE --gemeente GM0479` saves a table (via the
`cbsodata` client) as JSON in the OData shape; this importer reads such JSON files. Column keys
carry a position suffix that differs per table year ("AantalInwoners_5"); the importer matches on
the name before the suffix, so one mapping serves all three years.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from ruggensteun.cbs import level_of
from ruggensteun.imports.base import (
    ImportProblem,
    ImportRejected,
    ParsedBatch,
    Progress,
    WriteResult,
    register,
)
from ruggensteun.imports.models import ImportRun
from ruggensteun.monitor.catalogue import load
from ruggensteun.monitor.services import ObservationRow, observations_upsert, region_ids

TABLES = {"84583NED": 2019, "84799NED": 2020, "85039NED": 2021}
SUFFIX = re.compile(r"_\d+$")
POPULATION = "AantalInwoners"
# indicator → (numerator column, denominator column) by name without the suffix
COUNTS = {
    "bijstand_per_wijk": ("PersonenPerSoortUitkeringBijstand", POPULATION),
}


def fetch(table: str, municipalities: list[str]) -> list[dict[str, Any]]:  # pragma: no cover
    """Download a KWB table for some municipalities (needs the network; not run in tests)."""
    import cbsodata

    rows: list[dict[str, Any]] = []
    for code in municipalities:
        digits = code[2:]
        filters = (
            f"substringof('{digits}',WijkenEnBuurten) and "
            f"(startswith(WijkenEnBuurten,'GM{digits}') "
            f"or startswith(WijkenEnBuurten,'WK{digits}') "
            f"or startswith(WijkenEnBuurten,'BU{digits}'))"
        )
        rows += cbsodata.get_data(table, filters=filters)
    return rows


def plain(record: dict[str, Any]) -> dict[str, Any]:
    return {SUFFIX.sub("", key): value for key, value in record.items()}


@register
class CbsODataImporter:
    source: ClassVar[str] = "cbs-odata"
    label: ClassVar[str] = "CBS Kerncijfers wijken en buurten (StatLine, OData-export)"
    depends_on: ClassVar[tuple[str, ...]] = ()
    on_demand: ClassVar[bool] = True

    def default_paths(self, data_dir: Path) -> list[Path]:
        raise ImportRejected(
            [ImportProblem("Geef het JSON-bestand op (gemaakt met 'ruggensteun fetch_cbs').")]
        )

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        problems: list[ImportProblem] = []
        by_vintage: dict[int, list[ObservationRow]] = {}
        read = 0
        for path in paths:
            table, rows = self._load(path)
            vintage = TABLES[table]
            known = set(region_ids(vintage))
            if not known:
                raise ImportRejected(
                    [ImportProblem(f"De CBS-indeling {vintage} is niet geladen.", file=path.name)]
                )
            read += len(rows)
            for number, record in enumerate(rows, start=1):
                by_vintage.setdefault(vintage, []).extend(
                    self._rows(plain(record), number, path.name, str(vintage), known, problems)
                )
        if problems:
            raise ImportRejected(problems, rows_read=read)
        return ParsedBatch(records=by_vintage, rows_read=read)

    def _load(self, path: Path) -> tuple[str, list[dict[str, Any]]]:
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ImportRejected(
                [ImportProblem(f"Geen geldige JSON ({exc}).", file=path.name)]
            ) from None
        except (RecursionError, ValueError):
            # Nested too deep, or a number of thousands of digits.
            raise ImportRejected(
                [ImportProblem("Geen bruikbare JSON (te diep genest of te groot).", file=path.name)]
            ) from None
        table = content.get("table") if isinstance(content, dict) else None
        rows = content.get("rows") if isinstance(content, dict) else None
        if table not in TABLES or not isinstance(rows, list):
            raise ImportRejected(
                [
                    ImportProblem(
                        f"Verwacht {{'table': een van {', '.join(TABLES)}, 'rows': [...]}}.",
                        file=path.name,
                    )
                ]
            )
        return table, rows

    def _rows(
        self,
        record: dict[str, Any],
        number: int,
        name: str,
        period: str,
        known: set[str],
        problems: list[ImportProblem],
    ) -> list[ObservationRow]:
        code = str(record.get("WijkenEnBuurten", "")).strip()
        if level_of(code) is None or code not in known:
            problems.append(
                ImportProblem(
                    f"Regiocode '{code[:20]}' bestaat niet in deze indeling.",
                    name,
                    number,
                    "WijkenEnBuurten",
                )
            )
            return []
        catalogue = load()
        rows = []
        for indicator_id, (numerator_key, denominator_key) in COUNTS.items():
            numerator, denominator = record.get(numerator_key), record.get(denominator_key)
            if numerator is None or denominator is None:
                continue  # CBS publishes null for secret or unknown values
            if not isinstance(numerator, int | float) or not isinstance(denominator, int | float):
                problems.append(ImportProblem("Geen getal.", name, number, numerator_key))
                continue
            if numerator < 0 or denominator <= 0:
                problems.append(ImportProblem("Ongeldig aantal.", name, number, numerator_key))
                continue
            indicator = catalogue.indicators[indicator_id]
            rows.append(
                ObservationRow(
                    code,
                    indicator_id,
                    period,
                    numerator / denominator * indicator.multiplier,
                    float(numerator),
                    float(denominator),
                    derived=indicator.derived,
                )
            )
        return rows

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        done = sum(
            observations_upsert(rows=rows, vintage=vintage, run=run, progress=progress)
            for vintage, rows in batch.records.items()
        )
        return WriteResult(accepted=done)
