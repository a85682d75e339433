"""GGD/RIVM/CBS Gezondheidsmonitor per wijk en buurt (StatLine 50090NED), 2016 and 2020."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from ruggensteun.imports.base import (
    ImportProblem,
    ImportRejected,
    ParsedBatch,
    Progress,
    WriteResult,
    register,
)
from ruggensteun.imports.models import ImportRun
from ruggensteun.imports.tabular import read_table

from ..catalogue import load
from ..services import ObservationRow, observations_upsert, region_ids
from .numbers import CBS_SYMBOLS, NotANumber, parse_number

SOURCE = "ggd-gezondheid"
VINTAGE = 2020
AGE_GROUPS = {"20300": "ggd_", "80200": "ggd65_"}  # 18+ and 65+
FOLDER = "rivm_gezondheid_wijk_buurt_2020"
FILES = [
    "gezondheid_wijk_buurt_2016_18plus.csv",
    "gezondheid_wijk_buurt_2020_18plus.csv",
    "gezondheid_wijk_buurt_2020_65plus.csv",
]
KEYS = ["WijkenEnBuurten", "Leeftijd", "Perioden", "Marges"]


@register
class GgdHealthImporter:
    source: ClassVar[str] = SOURCE
    label: ClassVar[str] = "Gezondheidsmonitor per wijk en buurt (50090NED): 2016 en 2020"
    depends_on: ClassVar[tuple[str, ...]] = ("cbs-indeling-2020",)

    def default_paths(self, data_dir: Path) -> list[Path]:
        return [data_dir / FOLDER / name for name in FILES]

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        indicators = load().by_source(SOURCE)
        known = set(region_ids(VINTAGE))
        problems: list[ImportProblem] = []
        rows: list[ObservationRow] = []
        read = 0
        seen: set[tuple[str, str, str]] = set()
        for path in paths:
            table = read_table(path, required=KEYS + sorted({i.column for i in indicators}))
            read += len(table.rows)
            for line, record in table.rows:
                code, age = record["WijkenEnBuurten"], record["Leeftijd"]
                period = record["Perioden"][:4]
                where = {"file": table.name, "row": line}
                if age not in AGE_GROUPS or not record["Perioden"].endswith("JJ00"):
                    problems.append(
                        ImportProblem(
                            f"Onbekende leeftijd '{age}' of periode '{record['Perioden']}'.",
                            **where,
                        )
                    )
                    continue
                if record["Marges"] != "MW00000":
                    problems.append(
                        ImportProblem(
                            "Alleen puntschattingen (MW00000) worden gelezen.",
                            column="Marges",
                            **where,
                        )
                    )
                    continue
                if code not in known:
                    problems.append(
                        ImportProblem(
                            f"Regiocode {code} bestaat niet in de indeling {VINTAGE}.",
                            column="WijkenEnBuurten",
                            **where,
                        )
                    )
                    continue
                for indicator in indicators:
                    if (
                        not indicator.id.startswith(AGE_GROUPS[age])
                        or period not in indicator.periods
                    ):
                        continue
                    key = (code, indicator.id, period)
                    if key in seen:
                        problems.append(
                            ImportProblem(f"{code} staat dubbel voor {period}.", **where)
                        )
                        break
                    seen.add(key)
                    raw = record[indicator.column]
                    if raw in CBS_SYMBOLS:
                        rows.append(ObservationRow(code, indicator.id, period, None, symbol=raw))
                        continue
                    try:
                        value = parse_number(raw)
                    except NotANumber:
                        problems.append(
                            ImportProblem(
                                f"'{raw}' is geen getal.", column=indicator.column, **where
                            )
                        )
                        continue
                    if value is None:
                        continue  # no figure at all: the region is absent for this indicator
                    if not 0 <= value <= 100:
                        problems.append(
                            ImportProblem(
                                f"Percentage {value} ligt niet tussen 0 en 100.",
                                column=indicator.column,
                                **where,
                            )
                        )
                        continue
                    rows.append(ObservationRow(code, indicator.id, period, value))
        if problems:
            raise ImportRejected(problems, rows_read=read)
        return ParsedBatch(records=rows, rows_read=read)

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        return WriteResult(
            accepted=observations_upsert(
                rows=batch.records, vintage=VINTAGE, run=run, progress=progress
            )
        )
