"""CBS Kerncijfers wijken en buurten 2020 at gemeente level: benefits, income, education,
context."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from ruggensteun.analysis.spec import Kind
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

from .numbers import NotANumber, parse_number

SOURCE = "cbs-kwb-2020-indicatoren"
VINTAGE = 2020
PERIOD = "2020"
EDUCATION = ["OpleidingsniveauLaag_64", "OpleidingsniveauMiddelbaar_65", "OpleidingsniveauHoog_66"]


@register
class KwbIndicatorsImporter:
    source: ClassVar[str] = SOURCE
    label: ClassVar[str] = (
        "CBS Kerncijfers 2020 per gemeente: uitkeringen, inkomen, onderwijs, achtergrond"
    )
    depends_on: ClassVar[tuple[str, ...]] = ("cbs-kwb-gemeenten-2020",)

    def default_paths(self, data_dir: Path) -> list[Path]:
        return [data_dir / "cbs_kwb_2020_gemeenten" / "kwb_2020_gemeenten.csv"]

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        indicators = load().by_source(SOURCE)
        columns = sorted({i.column for i in indicators} | set(EDUCATION) | {"AANT_INW"})
        table = read_table(paths[0], required=["GM_CODE", *columns])
        known = set(region_ids(VINTAGE))
        problems: list[ImportProblem] = []
        rows: list[ObservationRow] = []
        totals: dict[str, list[float]] = {}
        for line, record in table.rows:
            code = record["GM_CODE"]
            if code not in known:
                problems.append(
                    ImportProblem(
                        f"Gemeente {code} bestaat niet in de indeling {VINTAGE}.",
                        table.name,
                        line,
                        "GM_CODE",
                    )
                )
                continue
            numbers, wrong = _numbers(record, columns, table.name, line)
            problems.extend(wrong)
            if problems:
                continue
            for indicator in indicators:
                row = self._row(code, indicator, numbers)
                if row is not None:
                    rows.append(row)
                    _add_to_totals(totals, indicator.id, row)
        if problems:
            raise ImportRejected(problems, rows_read=len(table.rows))
        rows.extend(_national_rows(indicators, totals, len(table.rows)))
        return ParsedBatch(records=rows, rows_read=len(table.rows))

    def _row(
        self, code: str, indicator: Indicator, numbers: dict[str, float | None]
    ) -> ObservationRow | None:
        if indicator.kind in (Kind.PROPORTION, Kind.RATE):
            numerator = numbers[indicator.column]
            if indicator.column == "OpleidingsniveauLaag_64":
                parts = [numbers[c] for c in EDUCATION]
                denominator = (
                    None
                    if any(p is None for p in parts)
                    else sum(p for p in parts if p is not None)
                )
            else:
                denominator = numbers["AANT_INW"]
            if numerator is None or not denominator:
                return None
            return ObservationRow(
                code,
                indicator.id,
                PERIOD,
                numerator / denominator * indicator.multiplier,
                numerator,
                denominator,
                derived=indicator.derived,
            )
        value = numbers[indicator.column]
        return (
            None
            if value is None
            else ObservationRow(code, indicator.id, PERIOD, value, derived=indicator.derived)
        )

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        return WriteResult(
            accepted=observations_upsert(
                rows=batch.records, vintage=VINTAGE, run=run, progress=progress
            )
        )


def _numbers(
    record: dict[str, str], columns: list[str], file: str, line: int
) -> tuple[dict[str, float | None], list[ImportProblem]]:
    """The numeric columns of one record, and a problem for each cell that is not a number."""
    numbers: dict[str, float | None] = {}
    problems: list[ImportProblem] = []
    for column in columns:
        try:
            numbers[column] = parse_number(record[column])
        except NotANumber:
            problems.append(ImportProblem(f"'{record[column]}' is geen getal.", file, line, column))
    return numbers, problems


def _add_to_totals(totals: dict[str, list[float]], indicator_id: str, row: ObservationRow) -> None:
    """Add a gemeente's counts to its indicator's running [numerator, denominator, gemeenten]."""
    if row.numerator is not None and row.denominator is not None:
        totals.setdefault(indicator_id, [0.0, 0.0, 0.0])
        totals[indicator_id][0] += row.numerator
        totals[indicator_id][1] += row.denominator
        totals[indicator_id][2] += 1


def _national_rows(
    indicators: list[Indicator], totals: dict[str, list[float]], gemeenten: int
) -> list[ObservationRow]:
    """Nederland as the sum of all gemeenten, for indicators with counts in every gemeente."""
    rows: list[ObservationRow] = []
    for indicator in indicators:
        numerator, denominator, count = totals.get(indicator.id, [0, 0, 0])
        if count == gemeenten and denominator:
            rows.append(
                ObservationRow(
                    "NL01",
                    indicator.id,
                    PERIOD,
                    numerator / denominator * indicator.multiplier,
                    numerator,
                    denominator,
                    derived=indicator.derived,
                )
            )
    return rows
