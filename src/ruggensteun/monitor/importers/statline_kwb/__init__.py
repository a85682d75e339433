"""CBS StatLine "Kerncijfers wijken en buurten" as an analyst downloads it: labelled columns, one
row per gemeente, wijk and buurt, named but not coded.

Two readers give the same rows: a StatLine CSV ("CSV met labels": a title line, a header of
topic labels such as "Sociale zekerheid/Personen per soort uitkering; Bijstand (aantal)", a unit
line, data, "Bron: CBS") and the shipped Heerlen SQLite file (one table per year, the same labels
with underscores). Names are mapped to CBS codes of the 2020 division through the Region table:
the monitor compares wijken of that division, and StatLine's own "Indelingswijziging" column
must say the code is unchanged (1) before a table of another year is mapped onto it.

CBS rounds counts at wijk and buurt level (inhabitants to 5, benefit recipients to 10) and writes
"." for a figure it does not publish; both are kept as published, never reconstructed. A secret
count keeps its denominator (the inhabitants, which CBS does publish): the analysis needs it to
know how large the unpublished part of an area is (docs/methods.md, issue 15).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from ruggensteun.areas.models import Level, Region
from ruggensteun.areas.services import RegionRow, regions_upsert
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
from ruggensteun.monitor.importers.numbers import NotANumber, parse_number
from ruggensteun.monitor.services import ObservationRow, observations_upsert

from .reading import (
    COUNTS,
    INHABITANTS,
    StatLineRow,
    StatLineTable,
    normalise,
    read_csv,
    read_sqlite,
)

SOURCE = "cbs-kwb-wijken"
VINTAGE = 2020
YEARS = range(2016, 2021)
SECRET = "."
UNCHANGED_DIVISION = 1.0
WIJK_PREFIX = re.compile(r"^wijk\s+(\d{2})\s+", re.IGNORECASE)

ROUNDING_NOTE = (
    "Aantallen zoals CBS ze publiceert, afgerond (inwoners op 5, uitkeringsontvangers op 10): "
    "niet gereconstrueerd; de afronding telt mee in de spreiding van de toetsen."
)
ERROR_YEAR = "Jaar %(year)s: alleen de jaren 2016 t/m 2020 passen op de wijkindeling 2020."
ERROR_MUNICIPALITY = "Geen gemeente gevonden: de eerste regel moet de gemeente zijn."
ERROR_UNKNOWN_NAME = "'%(name)s' is geen wijk of buurt van %(gemeente)s in de CBS-indeling 2020."
ERROR_DIVISION = "De indeling van '%(name)s' is gewijzigd (indelingswijziging %(code)s)."
ERROR_NOT_A_NUMBER = "'%(value)s' is geen getal."


@dataclass
class Batch:
    observations: list[ObservationRow] = field(default_factory=list)
    populations: dict[str, tuple[int, int]] = field(default_factory=dict)  # code → (year, n)
    notes: list[str] = field(default_factory=list)
    seen: set[tuple[str, str]] = field(default_factory=set)


@register
class StatLineKwbImporter:
    source: ClassVar[str] = SOURCE
    label: ClassVar[str] = (
        "CBS Kerncijfers wijken en buurten (StatLine-CSV of -tabel): inwoners, bijstand, WW, AO "
        "per wijk"
    )
    depends_on: ClassVar[tuple[str, ...]] = ("cbs-wijknamen", "cbs-kwb-2020-indicatoren")

    def default_paths(self, data_dir: Path) -> list[Path]:
        return [data_dir / "cbs_kwb_heerlen_2016_2020" / "kwb_heerlen_2016_2020.sqlite"]

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        tables: list[StatLineTable] = []
        for path in paths:
            with path.open("rb") as handle:
                is_sqlite = handle.read(16).startswith(b"SQLite format 3")
            tables += read_sqlite(path) if is_sqlite else read_csv(path)
        names = RegionNames()
        batch = Batch(notes=[ROUNDING_NOTE])
        problems: list[ImportProblem] = []
        for table in tables:
            problems += _table_rows(table, names, batch)
        rows_read = sum(len(t.rows) for t in tables)
        if problems:
            raise ImportRejected(problems, rows_read=rows_read)
        return ParsedBatch(records=batch, rows_read=rows_read)

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        records: Batch = batch.records
        written = observations_upsert(
            rows=records.observations, vintage=VINTAGE, run=run, progress=progress
        )
        regions_upsert(
            vintage=VINTAGE,
            rows=[
                RegionRow(
                    code=code,
                    level=Level.WIJK if code.startswith("WK") else Level.BUURT,
                    population=count,
                    population_source=(
                        f"CBS Kerncijfers wijken en buurten {year} (StatLine, inwoners op "
                        f"1 januari {year}, afgerond op 5)"
                    ),
                )
                for code, (year, count) in records.populations.items()
            ],
        )
        return WriteResult(accepted=written, notes=tuple(records.notes))


class RegionNames:
    """CBS names of the 2020 division, normalised, for mapping StatLine's rows to codes."""

    def __init__(self) -> None:
        regions = Region.objects.filter(vintage=VINTAGE).exclude(name="")
        self.gemeenten: dict[str, str] = {}
        self.wijken: dict[str, dict[str, str]] = {}  # gemeente code → name → code
        self.buurten: dict[str, dict[str, str]] = {}
        self.short: dict[str, dict[str, list[str]]] = {}  # wijk name without "Wijk NN"
        for code, level, name in regions.values_list("code", "level", "name"):
            key = normalise(name)
            gemeente = f"GM{code[2:6]}"
            if level == Level.GEMEENTE:
                self.gemeenten[key] = code
            elif level == Level.WIJK:
                self.wijken.setdefault(gemeente, {})[key] = code
                short = WIJK_PREFIX.sub("", key)
                self.short.setdefault(gemeente, {}).setdefault(short, []).append(code)
            elif level == Level.BUURT:
                self.buurten.setdefault(gemeente, {})[key] = code

    def has_buurt_names(self, gemeente: str) -> bool:
        return bool(self.buurten.get(gemeente))

    def code(self, gemeente: str, name: str, kind: str, used: set[str]) -> str | None:
        """The wijk or buurt code for a name. A wijk first (StatLine lists a wijk before its
        buurten, so a buurt named like its wijk comes second), else a wijk by its name without
        "Wijk NN" (StatLine 2016 numbers De Beitel 41 where CBS 2020 has 42), else a buurt."""
        key = normalise(name)
        wijk = self.wijken.get(gemeente, {}).get(key)
        if wijk is None and WIJK_PREFIX.match(key):
            candidates = self.short.get(gemeente, {}).get(WIJK_PREFIX.sub("", key), [])
            wijk = candidates[0] if len(candidates) == 1 else None
        buurt = self.buurten.get(gemeente, {}).get(key)
        if kind == "buurt":
            return buurt
        if kind == "wijk" or (wijk is not None and wijk not in used):
            return wijk
        return buurt


def _is_gemeente(row: StatLineRow, names: RegionNames, gemeente: str | None) -> str | None:
    """The gemeente code when the row is a gemeente, not a wijk or buurt of the one before."""
    code = names.gemeenten.get(normalise(row.name))
    if code is None or row.kind not in ("", "gemeente"):
        return None
    if row.kind == "gemeente" or gemeente is None:
        return code
    own = normalise(row.name)
    return (
        None
        if own in names.wijken.get(gemeente, {}) or own in names.buurten.get(gemeente, {})
        else code
    )


def _table_rows(table: StatLineTable, names: RegionNames, batch: Batch) -> list[ImportProblem]:
    if table.year not in YEARS:
        return [ImportProblem(ERROR_YEAR % {"year": table.year}, table.name)]
    problems: list[ImportProblem] = []
    gemeente: str | None = None
    skipped: list[str] = []
    used: set[str] = set()
    for row in table.rows:
        code = _is_gemeente(row, names, gemeente)
        if code is not None:
            gemeente = code
        elif gemeente is None:
            problems.append(ImportProblem(ERROR_MUNICIPALITY, table.name, row.line))
            break
        else:
            code = names.code(gemeente, row.name, row.kind, used)
            problem = _unmapped(code, row, table, names, gemeente)
            if code is None and problem is None:
                skipped.append(row.name)  # a buurt: the shipped names have none here
            if code is None or problem is not None:
                problems += [problem] if problem else []
                continue
            _note_renumbered(code, row, table, batch)
        used.add(code)
        problems += _observations(code, row, table, batch)
    if skipped:
        batch.notes.append(
            f"{table.name}: {len(skipped)} buurten niet gekoppeld (geen buurtnamen van "
            f"{gemeente} in de meegeleverde CBS-namen), o.a. {', '.join(skipped[:3])}."
        )
    return problems


def _unmapped(
    code: str | None, row: StatLineRow, table: StatLineTable, names: RegionNames, gemeente: str
) -> ImportProblem | None:
    """The problem with a row's name or division, or None (also for a buurt left out because
    the shipped names have no buurten of this municipality)."""
    if code is None:
        is_wijk = row.kind == "wijk" or WIJK_PREFIX.match(normalise(row.name))
        if not is_wijk and not names.has_buurt_names(gemeente):
            return None
        return ImportProblem(
            ERROR_UNKNOWN_NAME % {"name": row.name[:80], "gemeente": gemeente},
            table.name,
            row.line,
        )
    if table.year != VINTAGE and row.division not in (None, UNCHANGED_DIVISION):
        return ImportProblem(
            ERROR_DIVISION % {"name": row.name[:80], "code": row.division}, table.name, row.line
        )
    return None


def _note_renumbered(code: str, row: StatLineRow, table: StatLineTable, batch: Batch) -> None:
    number = WIJK_PREFIX.match(normalise(row.name))
    if number and code.startswith("WK") and number.group(1) != code[-2:]:
        batch.notes.append(
            f"{table.name}: '{row.name}' heet in de CBS-indeling 2020 wijk {code[-2:]}; "
            f"op naam gekoppeld aan {code}."
        )


def _observations(
    code: str, row: StatLineRow, table: StatLineTable, batch: Batch
) -> list[ImportProblem]:
    values: dict[str, float | None] = {}
    symbols: dict[str, str] = {}
    problems: list[ImportProblem] = []
    for key, raw in row.cells.items():
        if isinstance(raw, str) and raw.strip() == SECRET:
            values[key], symbols[key] = None, SECRET
            continue
        try:
            values[key] = parse_number(raw, decimal_comma=True) if isinstance(raw, str) else raw
        except NotANumber:
            message = ERROR_NOT_A_NUMBER % {"value": str(raw)[:20]}
            problems.append(ImportProblem(message, table.name, row.line, key))
            continue
        if values[key] is None:
            symbols[key] = SECRET  # an empty cell: CBS did not publish it
    if problems:
        return problems
    period = str(table.year)
    if (code, period) in batch.seen:
        return [ImportProblem(f"{code} komt dubbel voor in {period}.", table.name, row.line)]
    batch.seen.add((code, period))
    inhabitants = values[INHABITANTS]
    if inhabitants is not None and not code.startswith("GM") and table.year == VINTAGE:
        batch.populations[code] = (table.year, int(inhabitants))
    if not code.startswith("BU"):  # the catalogue compares wijken; buurten give populations
        batch.observations += _rates(code, period, values, symbols)
    return []


def _rates(
    code: str, period: str, values: dict[str, float | None], symbols: dict[str, str]
) -> list[ObservationRow]:
    """Count per 1,000 inhabitants; a figure CBS kept secret as a row without value and
    numerator, with '.' and the inhabitants as its denominator when CBS published them."""
    catalogue = load()
    inhabitants = values[INHABITANTS]
    rows = []
    for indicator_id in COUNTS:
        count, indicator = values[indicator_id], catalogue.indicators[indicator_id]
        if inhabitants == 0:
            continue  # nobody lives here: no rate, and nothing hidden
        if count is None or inhabitants is None:
            symbol = symbols.get(indicator_id) or symbols.get(INHABITANTS, SECRET)
            denominator = None if inhabitants is None else float(inhabitants)
            rows.append(
                ObservationRow(code, indicator_id, period, None, None, denominator, symbol=symbol)
            )
            continue
        rows.append(
            ObservationRow(
                code,
                indicator_id,
                period,
                count / inhabitants * indicator.multiplier,
                float(count),
                float(inhabitants),
                derived=indicator.derived,
            )
        )
    return rows
