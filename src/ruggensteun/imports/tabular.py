"""Reading delimited text files for importers, with Dutch problem reports instead of tracebacks.

Files are read as a stream, line by line (a `.gz` unpacked on the fly), within the limits of
`imports.limits`: a line, a field and the number of rows are capped, and a NUL character or
bytes that are not UTF-8 refuse the file at their line.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .base import ImportProblem, ImportRejected
from .limits import (
    FIELD_TOO_LONG,
    LINE_TOO_LONG,
    MAX_FIELD_CHARS,
    MAX_LINE_CHARS,
    MAX_ROWS,
    NUL_CHARACTER,
    TOO_MANY_ROWS,
    dutch_number,
    open_unpacked,
    rejected,
)

NOT_UTF8 = "De tekst is geen geldige UTF-8 (sla het bestand op als 'CSV UTF-8')."
BROKEN_CSV = "Deze regel is geen geldige CSV (een aanhalingsteken te veel of te weinig?)."
# Bytes that are not UTF-8 come through the decoder as lone surrogates (errors="surrogateescape").
UNDECODABLE = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True)
class Table:
    """A delimited file read into memory: header and rows, each row with its line number."""

    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]
    delimiter: str = ","


def _checked_lines(text: io.TextIOBase, name: str) -> Iterator[str]:
    """The lines of the file, refusing a line that is too long, holds a NUL or is not UTF-8."""
    for number in itertools.count(1):
        line = text.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        if len(line) > MAX_LINE_CHARS:
            raise rejected(LINE_TOO_LONG % {"chars": dutch_number(MAX_LINE_CHARS)}, name, number)
        if "\x00" in line:
            raise rejected(str(NUL_CHARACTER), name, number)
        if UNDECODABLE.search(line):
            raise rejected(NOT_UTF8, name, number)
        yield line


def _header(first: str, delimiter: str, required: Sequence[str], name: str) -> list[str]:
    try:
        fields = next(csv.reader([first], delimiter=delimiter), [])
    except csv.Error:
        # A header is short: a field past csv's limit or broken quoting means this is no CSV.
        raise rejected(BROKEN_CSV, name, 1) from None
    if any(len(field) > MAX_FIELD_CHARS for field in fields):
        raise rejected(FIELD_TOO_LONG % {"chars": dutch_number(MAX_FIELD_CHARS)}, name, 1)
    header = [column.strip() for column in fields]
    missing = [column for column in required if column not in header]
    if missing:
        found = ", ".join(c[:40] for c in header[:8]) + (" ..." if len(header) > 8 else "")
        raise ImportRejected(
            [
                ImportProblem(
                    f"Verplichte kolom(men) ontbreken: {', '.join(missing)}. "
                    f"Gevonden kolommen: {found}. Klopt het scheidingsteken?",
                    file=name,
                    row=1,
                )
            ]
        )
    return header


def _rows(
    reader: Iterator[list[str]], header: list[str], name: str, *, strip: bool
) -> tuple[list[tuple[int, dict[str, str]]], list[ImportProblem]]:
    """The data rows keyed by column, and the problems of rows that are not."""
    problems: list[ImportProblem] = []
    rows: list[tuple[int, dict[str, str]]] = []
    for line_number in itertools.count(2):
        fields = _next_row(reader, name, line_number)
        if fields is None:
            break
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        problem = _row_problem(fields, header, name, line_number)
        if problem:
            problems.append(problem)
            continue
        values = [value.strip() for value in fields] if strip else fields
        rows.append((line_number, dict(zip(header, values, strict=True))))
    return rows, problems


def _next_row(reader: Iterator[list[str]], name: str, line_number: int) -> list[str] | None:
    try:
        fields = next(reader, None)
    except csv.Error as exc:
        too_long = "field larger than field limit" in str(exc)
        message = FIELD_TOO_LONG % {"chars": dutch_number(MAX_FIELD_CHARS)}
        raise rejected(message if too_long else BROKEN_CSV, name, line_number) from None
    if fields is not None and line_number - 1 > MAX_ROWS:
        raise rejected(TOO_MANY_ROWS % {"rows": dutch_number(MAX_ROWS)}, name)
    return fields


def _row_problem(
    fields: list[str], header: list[str], name: str, line_number: int
) -> ImportProblem | None:
    if len(fields) != len(header):
        return ImportProblem(
            f"{len(fields)} velden gevonden, {len(header)} verwacht "
            "(afgebroken of verschoven regel?).",
            file=name,
            row=line_number,
        )
    too_long = next((i for i, value in enumerate(fields) if len(value) > MAX_FIELD_CHARS), None)
    if too_long is not None:
        message = FIELD_TOO_LONG % {"chars": dutch_number(MAX_FIELD_CHARS)}
        return ImportProblem(message, file=name, row=line_number, column=header[too_long])
    return None


def read_table(
    path: Path, *, required: Sequence[str], delimiters: str = ",;", strip: bool = True
) -> Table:
    """Read a CSV (optionally gzipped) whose header must contain `required` columns.

    The delimiter is detected from the header line among `delimiters`. Rows with a different
    number of fields than the header are reported, as is a file without data rows.
    """
    with open_unpacked(path) as binary:
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="")
        lines = _checked_lines(text, path.name)
        first = next(lines, "")
        if not first.strip() and not any(line.strip() for line in lines):
            raise ImportRejected([ImportProblem("Het bestand is leeg.", file=path.name)])
        delimiter = max(delimiters, key=first.count)
        header = _header(first, delimiter, required, path.name)
        reader = csv.reader(lines, delimiter=delimiter)
        rows, problems = _rows(reader, header, path.name, strip=strip)
    if problems:
        raise ImportRejected(problems, rows_read=len(rows) + len(problems))
    if not rows:
        raise ImportRejected(
            [ImportProblem("Het bestand bevat geen gegevensregels.", file=path.name)]
        )
    return Table(name=path.name, header=header, rows=rows, delimiter=delimiter)
