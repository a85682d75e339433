"""Reading StatLine's "Kerncijfers wijken en buurten" tables: a CSV download ("CSV met labels":
title lines, a header of topic labels such as "Sociale zekerheid/Personen per soort uitkering;
Bijstand (aantal)", a unit line, the data, "Bron: CBS") or a SQLite copy with one table per year
and the same labels joined by underscores. Both give the same rows of raw cells by label."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ruggensteun.imports.base import ImportProblem, ImportRejected
from ruggensteun.imports.limits import open_unpacked
from ruggensteun.monitor.importers.numbers import NotANumber, parse_number

# indicator → the end of its (normalised) StatLine label; the denominator is always inhabitants.
INHABITANTS = "aantal inwoners"
KIND_LABEL = "soort regio"
DIVISION_LABEL = "indelingswijziging wijken en buurten"
YEAR = re.compile(r"(20\d\d)")
UNIT = re.compile(r"\s*\([^)]*\)\s*$")
ERROR_NO_YEAR = "Het jaar van de tabel is onbekend (verwacht in de titel of de bestandsnaam)."
ERROR_COLUMN = "Kolom '%(label)s' ontbreekt (StatLine-kolomnamen verwacht)."
COUNTS = {
    "kwb_bijstand_per_1000": "personen per soort uitkering bijstand",
    "kwb_ww_per_1000": "personen per soort uitkering ww",
    "kwb_ao_per_1000": "personen per soort uitkering ao",
}


@dataclass(frozen=True)
class StatLineRow:
    line: int
    name: str
    kind: str  # StatLine's "Soort regio" where the download has it, else ""
    division: float | None
    cells: dict[str, str | float | None]  # key (INHABITANTS or an indicator) → raw value


@dataclass(frozen=True)
class StatLineTable:
    name: str
    year: int
    rows: list[StatLineRow]


def normalise(label: str) -> str:
    """'Sociale zekerheid/Personen per soort uitkering; Bijstand (aantal)' and
    'Sociale_zekerheid_Personen_per_soort_uitkering_Bijstand' → '... uitkering bijstand'."""
    text = label.replace("\ufeff", "").replace("\u00a0", " ")
    text = UNIT.sub("", text.strip())
    text = re.sub(r"[_|/;]+", " ", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def _columns(labels: Sequence[str], table: str) -> dict[str, int]:
    """Positions of the name column (0), the inhabitants, the counts and the optional columns."""
    keys = [normalise(label) for label in labels]
    found: dict[str, int] = {"name": 0}
    wanted = {INHABITANTS: INHABITANTS, **{k: v for k, v in COUNTS.items()}}
    problems = []
    for key, ending in wanted.items():
        position = next((i for i, k in enumerate(keys) if k.endswith(ending)), None)
        if position is None:
            problems.append(ImportProblem(ERROR_COLUMN % {"label": ending}, table))
        else:
            found[key] = position
    if problems:
        raise ImportRejected(problems)
    for key, ending in ((KIND_LABEL, KIND_LABEL), (DIVISION_LABEL, DIVISION_LABEL)):
        position = next((i for i, k in enumerate(keys) if k.endswith(ending)), None)
        if position is not None:
            found[key] = position
    return found


def _row(line: int, values: Sequence[str | float | None], columns: dict[str, int]) -> StatLineRow:
    division = values[columns[DIVISION_LABEL]] if DIVISION_LABEL in columns else None
    return StatLineRow(
        line=line,
        name=str(values[0] or "").replace("\ufeff", "").strip(),
        kind=str(values[columns[KIND_LABEL]]).strip().lower() if KIND_LABEL in columns else "",
        division=_division(division),
        cells={key: values[columns[key]] for key in (INHABITANTS, *COUNTS)},
    )


def _division(value: str | float | None) -> float | None:
    if value is None or isinstance(value, float | int):
        return None if value is None else float(value)
    try:
        return parse_number(value)
    except NotANumber:
        return None  # StatLine writes "." for the gemeente row


def _is_footer(name: str) -> bool:
    return name.lower().startswith(("bron:", "bron ")) or not name


def read_sqlite(path: Path) -> list[StatLineTable]:
    """One table per year, named like 'Kerncijfers_wijken_en_buurten_2020_pp'."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = [
                n
                for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
            tables = []
            for table in sorted(names):
                quoted = table.replace('"', '""')
                cursor = connection.execute(f'SELECT * FROM "{quoted}"')
                labels = [d[0] for d in cursor.description]
                tables.append(_table(f"{path.name}:{table}", table, labels, cursor.fetchall(), 1))
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise ImportRejected(
            [ImportProblem(f"Geen leesbare SQLite-tabel ({exc}).", path.name)]
        ) from None
    return tables


def _table(
    name: str, title: str, labels: Sequence[str], data: Sequence[Sequence[object]], first: int
) -> StatLineTable:
    columns = _columns(labels, name)
    match = YEAR.search(title)
    if not match:
        raise ImportRejected([ImportProblem(ERROR_NO_YEAR, name)])
    rows = []
    for offset, values in enumerate(data):
        row = _row(
            first + offset,
            [_cell(value) for value in values],
            columns,
        )
        if not _is_footer(row.name):
            rows.append(row)
    return StatLineTable(name=name, year=int(match.group(1)), rows=rows)


def _cell(value: object) -> str | float | None:
    """A SQLite or CSV cell as text or number (SQLite gives integers for whole counts)."""
    if value is None or isinstance(value, float):
        return value
    return float(value) if isinstance(value, int) else str(value)


def read_csv(path: Path) -> list[StatLineTable]:
    """A StatLine CSV download: title lines, the header (its first label names the regions),
    an optional unit line, the data and a source line."""
    with open_unpacked(path) as binary:
        try:
            text = io.TextIOWrapper(binary, encoding="utf-8-sig").read()
        except UnicodeDecodeError:
            raise ImportRejected(
                [ImportProblem("De tekst is geen geldige UTF-8.", path.name)]
            ) from None
    delimiter = ";" if text.count(";") >= text.count(",") else ","
    try:
        lines = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        raise ImportRejected(
            [ImportProblem("Dit is geen geldige CSV (aanhalingstekens?).", path.name)]
        ) from None
    header = next(
        (
            i
            for i, cells in enumerate(lines)
            if any(normalise(c).endswith(INHABITANTS) for c in cells)
        ),
        None,
    )
    if header is None:
        raise ImportRejected([ImportProblem(ERROR_COLUMN % {"label": INHABITANTS}, path.name)])
    title = " ".join(" ".join(cells) for cells in lines[:header]) + " " + path.stem
    width = len(lines[header])
    data = []
    for cells in lines[header + 1 :]:
        if len(cells) <= 1:
            continue  # a blank line, the title repeated or "Bron: CBS"
        if len(cells) != width:
            raise ImportRejected(
                [ImportProblem(f"{len(cells)} velden gevonden, {width} verwacht.", path.name)]
            )
        data.append(cells)
    first = header + 2
    if data and not any(c.strip() for c in data[0][:1]):
        data, first = data[1:], first + 1  # the unit line ("", "aantal", "%", …)
    return [_table(path.name, title, lines[header], data, first)]
