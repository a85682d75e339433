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
from ruggensteun.monitor.catalogue import Indicator, load
from ruggensteun.monitor.services import ObservationRow, observations_upsert, region_ids

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
                problem = _record_problem(record, known, table.name, line)
                if problem is not None:
                    problems.append(problem)
                    continue
                found, wrong = _record_rows(record, indicators, seen, table.name, line)
                rows.extend(found)
                problems.extend(wrong)
        if problems:
            raise ImportRejected(problems, rows_read=read)
        return ParsedBatch(records=rows, rows_read=read)

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        return WriteResult(
            accepted=observations_upsert(
                rows=batch.records, vintage=VINTAGE, run=run, progress=progress
            )
        )


def _record_problem(
    record: dict[str, str], known: set[str], file: str, line: int
) -> ImportProblem | None:
    """Why a whole record cannot be read (age group, period, margin, region), if it cannot."""
    code, age, period = record["WijkenEnBuurten"], record["Leeftijd"], record["Perioden"]
    if age not in AGE_GROUPS or not period.endswith("JJ00"):
        return ImportProblem(
            f"Onbekende leeftijd '{age}' of periode '{period}'.", file=file, row=line
        )
    if record["Marges"] != "MW00000":
        return ImportProblem(
            "Alleen puntschattingen (MW00000) worden gelezen.",
            file=file,
            row=line,
            column="Marges",
        )
    if code not in known:
        return ImportProblem(
            f"Regiocode {code} bestaat niet in de indeling {VINTAGE}.",
            file=file,
            row=line,
            column="WijkenEnBuurten",
        )
    return None


def _record_rows(
    record: dict[str, str],
    indicators: list[Indicator],
    seen: set[tuple[str, str, str]],
    file: str,
    line: int,
) -> tuple[list[ObservationRow], list[ImportProblem]]:
    """The figures of one valid record for the indicators of its age group and period."""
    code, period = record["WijkenEnBuurten"], record["Perioden"][:4]
    prefix = AGE_GROUPS[record["Leeftijd"]]
    rows: list[ObservationRow] = []
    problems: list[ImportProblem] = []
    for indicator in indicators:
        if not indicator.id.startswith(prefix) or period not in indicator.periods:
            continue
        key = (code, indicator.id, period)
        if key in seen:
            problems.append(ImportProblem(f"{code} staat dubbel voor {period}.", file, line))
            break
        seen.add(key)
        result = _observation(code, indicator, period, record[indicator.column], file, line)
        if isinstance(result, ImportProblem):
            problems.append(result)
        elif result is not None:
            rows.append(result)
    return rows, problems


def _observation(
    code: str, indicator: Indicator, period: str, raw: str, file: str, line: int
) -> ObservationRow | ImportProblem | None:
    """One cell as a figure (or CBS symbol), a problem, or None when the cell is empty."""
    if raw in CBS_SYMBOLS:
        return ObservationRow(code, indicator.id, period, None, symbol=raw)
    try:
        value = parse_number(raw)
    except NotANumber:
        return ImportProblem(f"'{raw}' is geen getal.", file, line, indicator.column)
    if value is None:
        return None  # no figure at all: the region is absent for this indicator
    if not 0 <= value <= 100:
        return ImportProblem(
            f"Percentage {value} ligt niet tussen 0 en 100.", file, line, indicator.column
        )
    return ObservationRow(code, indicator.id, period, value)
