"""Reading delimited text files for importers, with Dutch problem reports instead of tracebacks."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .base import ImportProblem, ImportRejected


@dataclass(frozen=True)
class Table:
    """A delimited file read into memory: header and rows, each row with its line number."""

    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]


def _read_text(path: Path) -> str:
    try:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    except FileNotFoundError:
        raise ImportRejected([ImportProblem("Het bestand bestaat niet.", file=path.name)]) from None
    except (OSError, EOFError) as exc:
        raise ImportRejected(
            [ImportProblem(f"Het bestand kan niet gelezen worden ({exc}).", file=path.name)]
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportRejected(
            [
                ImportProblem(
                    "De tekst is geen geldige UTF-8 (sla het bestand op als 'CSV UTF-8').",
                    file=path.name,
                    row=line,
                )
            ]
        ) from None


def read_table(
    path: Path, *, required: Sequence[str], delimiters: str = ",;", strip: bool = True
) -> Table:
    """Read a CSV (optionally gzipped) whose header must contain `required` columns.

    The delimiter is detected from the header line among `delimiters`. Rows with a different
    number of fields than the header are reported, as is a file without data rows.
    """
    text = _read_text(path)
    if not text.strip():
        raise ImportRejected([ImportProblem("Het bestand is leeg.", file=path.name)])
    first_line = text.split("\n", 1)[0]
    delimiter = max(delimiters, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in next(reader)]
    missing = [column for column in required if column not in header]
    if missing:
        found = ", ".join(header[:8]) + (" ..." if len(header) > 8 else "")
        raise ImportRejected(
            [
                ImportProblem(
                    f"Verplichte kolom(men) ontbreken: {', '.join(missing)}. "
                    f"Gevonden kolommen: {found}. Klopt het scheidingsteken?",
                    file=path.name,
                    row=1,
                )
            ]
        )
    problems: list[ImportProblem] = []
    rows: list[tuple[int, dict[str, str]]] = []
    for line_number, fields in enumerate(reader, start=2):
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        if len(fields) != len(header):
            problems.append(
                ImportProblem(
                    f"{len(fields)} velden gevonden, {len(header)} verwacht "
                    "(afgebroken of verschoven regel?).",
                    file=path.name,
                    row=line_number,
                )
            )
            continue
        values = [value.strip() for value in fields] if strip else fields
        rows.append((line_number, dict(zip(header, values, strict=True))))
    if problems:
        raise ImportRejected(problems, rows_read=len(rows) + len(problems))
    if not rows:
        raise ImportRejected(
            [ImportProblem("Het bestand bevat geen gegevensregels.", file=path.name)]
        )
    return Table(name=path.name, header=header, rows=rows)
