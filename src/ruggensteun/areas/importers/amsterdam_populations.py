"""Amsterdam's inhabitants per wijk 2016-2021 (CBS Kerncijfers wijken en buurten, the
`wijken_info.csv` extract): the population of the 2020 wijken, and of the 2021 wijken where that
division is loaded.

The file has codes of the 2021 division; Amsterdam's 99 wijken were the same in 2016-2021, so the
2020 figures go to the 2020 wijken with the same code. A code that is not an Amsterdam wijk in
the division refuses the whole file. CBS rounds the counts to 5.
"""

from __future__ import annotations

from collections.abc import Sequence
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
from ruggensteun.imports.tabular import read_table

SOURCE = "cbs-kwb-amsterdam-inwoners"
MUNICIPALITY = "GM0363"
YEARS = range(2016, 2022)
# Which year's inhabitants each loaded division gets: its own year (1 January).
VINTAGES = (2020, 2021)
POPULATION_SOURCE = (
    "CBS Kerncijfers wijken en buurten %(year)s (a_inw, inwoners op 1 januari %(year)s, "
    "afgerond op 5)"
)
ERROR_CODE = "'%(code)s' is geen wijk van Amsterdam (GM0363)."
ERROR_YEAR = "'%(year)s' is geen jaar van 2016 t/m 2021."
ERROR_COUNT = "'%(value)s' is geen aantal inwoners."
ERROR_DOUBLE = "Wijk %(code)s komt in %(year)s dubbel voor."
ERROR_MISSING = "Voor %(year)s ontbreken %(count)s wijken van Amsterdam, o.a. %(codes)s."


@register
class AmsterdamPopulationsImporter:
    source: ClassVar[str] = SOURCE
    label: ClassVar[str] = "CBS Kerncijfers wijken en buurten: inwoners per wijk van Amsterdam"
    depends_on: ClassVar[tuple[str, ...]] = ("cbs-wijknamen",)

    def default_paths(self, data_dir: Path) -> list[Path]:
        return [data_dir / "cbs_kwb_amsterdam_wijken_2016_2021" / "wijken_info.csv"]

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        table = read_table(paths[0], required=["gwb_code", "year", "a_inw"])
        wijken = set(
            Region.objects.filter(
                vintage=VINTAGES[0], level=Level.WIJK, parent__code=MUNICIPALITY
            ).values_list("code", flat=True)
        )
        problems: list[ImportProblem] = []
        counts: dict[int, dict[str, int]] = {}
        for line, record in table.rows:
            problem, year, count = _read(record, wijken)
            if problem is None and record["gwb_code"] in counts.get(year, {}):
                problem = ERROR_DOUBLE % {"code": record["gwb_code"], "year": year}
            if problem is not None:
                problems.append(ImportProblem(problem, table.name, line))
                continue
            counts.setdefault(year, {})[record["gwb_code"]] = count
        problems += _missing(counts, wijken, table.name)
        if problems:
            raise ImportRejected(problems, rows_read=len(table.rows))
        return ParsedBatch(records=counts, rows_read=len(table.rows))

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        counts: dict[int, dict[str, int]] = batch.records
        done = 0
        notes = []
        for vintage in VINTAGES:
            known = set(
                Region.objects.filter(vintage=vintage, level=Level.WIJK).values_list(
                    "code", flat=True
                )
            )
            rows = [
                RegionRow(
                    code=code,
                    level=Level.WIJK,
                    population=count,
                    population_source=POPULATION_SOURCE % {"year": vintage},
                )
                for code, count in sorted(counts.get(vintage, {}).items())
                if code in known
            ]
            done += regions_upsert(vintage=vintage, rows=rows, progress=progress)
            total = sum(row.population or 0 for row in rows)
            notes.append(f"Indeling {vintage}: {len(rows)} wijken, samen {total} inwoners.")
        return WriteResult(accepted=done, notes=tuple(notes))


def _read(record: dict[str, str], wijken: set[str]) -> tuple[str | None, int, int]:
    """(problem or None, year, inhabitants) of one row."""
    code = record["gwb_code"]
    if code not in wijken:
        return ERROR_CODE % {"code": code[:20]}, 0, 0
    try:
        year = int(record["year"])
    except ValueError:
        year = 0
    if year not in YEARS:
        return ERROR_YEAR % {"year": record["year"][:10]}, 0, 0
    try:
        count = int(record["a_inw"])
    except ValueError:
        count = -1
    if count < 0:
        return ERROR_COUNT % {"value": record["a_inw"][:20]}, year, 0
    return None, year, count


def _missing(counts: dict[int, dict[str, int]], wijken: set[str], file: str) -> list[ImportProblem]:
    """A year must cover every wijk: a partial year would give the area a wrong population."""
    problems = []
    for year, found in sorted(counts.items()):
        absent = sorted(wijken - set(found))
        if absent:
            message = ERROR_MISSING % {
                "year": year,
                "count": len(absent),
                "codes": ", ".join(absent[:3]),
            }
            problems.append(ImportProblem(message, file))
    return problems
