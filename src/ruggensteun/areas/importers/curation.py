"""The documented composition of the default focus areas: for each name in the source list that
is no CBS wijk, the CBS wijken (2020 division) a person decided on, why, and how sure that is.

The decisions are data (`areas/data/curation.csv`), read and checked with the focus-area list
(`focus_areas.py`) and applied in the same all-or-nothing import."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ruggensteun.areas.models import Confidence, Level, Region
from ruggensteun.imports.base import ImportProblem
from ruggensteun.imports.tabular import read_table

CURATION_PATH = Path(__file__).resolve().parent.parent / "data" / "curation.csv"
CURATION_SOURCE = "meegeleverde samenstelling (curation.csv)"
CONFIDENCE = {"hoog": Confidence.HIGH, "middel": Confidence.MEDIUM, "laag": Confidence.LOW}
VINTAGE = 2020


@dataclass(frozen=True)
class CurationRow:
    area: str
    listed_name: str
    codes: tuple[str, ...]
    reason: str
    confidence: str  # a `Confidence` value


@dataclass(frozen=True)
class CurationRead:
    rows: list[CurationRow]
    problems: list[ImportProblem]
    rows_read: int


def read_curation(path: Path, areas: Mapping[str, tuple[str, tuple[str, ...]]]) -> CurationRead:
    """Read and check the decisions; `areas` maps each area's name to its municipality code and
    the names its source lists. Every problem is reported (file, row, column, Dutch message)."""
    table = read_table(
        path, required=["area", "name_in_source", "cbs_codes", "reason", "confidence"]
    )
    wijken = _wijken({gm for gm, _names in areas.values()})
    rows: list[CurationRow] = []
    problems: list[ImportProblem] = []
    seen: set[tuple[str, str]] = set()
    for line, record in table.rows:
        row = CurationRow(
            area=record["area"].strip(),
            listed_name=record["name_in_source"].strip(),
            codes=tuple(c.strip() for c in record["cbs_codes"].split(";") if c.strip()),
            reason=record["reason"].strip(),
            confidence=CONFIDENCE.get(record["confidence"].strip(), ""),
        )
        found = _row_problems(row, record["confidence"], areas, wijken)
        if (row.area, row.listed_name) in seen:
            found.append(("name_in_source", f"'{row.listed_name}' staat dubbel bij {row.area}."))
        seen.add((row.area, row.listed_name))
        problems += [ImportProblem(message, table.name, line, column) for column, message in found]
        rows.append(row)
    return CurationRead(rows=rows, problems=problems, rows_read=len(table.rows))


def _wijken(gm_codes: set[str]) -> dict[str, tuple[str, set[str]]]:
    """Per municipality code: its name and the codes of its wijken in the 2020 division."""
    found: dict[str, tuple[str, set[str]]] = {}
    for gm in Region.objects.filter(vintage=VINTAGE, level=Level.GEMEENTE, code__in=gm_codes):
        codes = set(
            Region.objects.filter(vintage=VINTAGE, level=Level.WIJK, parent=gm).values_list(
                "code", flat=True
            )
        )
        found[gm.code] = (gm.display_name, codes)
    return found


def _row_problems(
    row: CurationRow,
    confidence: str,
    areas: Mapping[str, tuple[str, tuple[str, ...]]],
    wijken: Mapping[str, tuple[str, set[str]]],
) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if not row.reason:
        found.append(("reason", "Geef de reden van het besluit."))
    if not row.confidence:
        found.append(("confidence", f"Onbekende zekerheid '{confidence}' (hoog, middel of laag)."))
    if row.area not in areas:
        found.append(("area", f"Gebied '{row.area}' staat niet in de lijst van focusgebieden."))
        return found
    gm_code, names = areas[row.area]
    if row.listed_name not in names:
        found.append(
            ("name_in_source", f"'{row.listed_name}' is geen naam uit de bron van {row.area}.")
        )
    gm_name, codes = wijken.get(gm_code, (gm_code, set()))
    found += [
        ("cbs_codes", f"'{code}' is geen CBS-wijk van {gm_name} ({gm_code}) in de indeling 2020.")
        for code in row.codes
        if code not in codes
    ]
    return found
