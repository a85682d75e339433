"""Amsterdam's 99 wijk boundaries, shipped, as the default choropleth of Amsterdam's areas.

Source: CBS/Kadaster Wijk- en Buurtkaart 2021 (CBS open data, CC BY 4.0, "Bron: CBS, Kadaster"),
the wijken of Amsterdam (GM0363) as an ESRI shapefile in WGS84 longitude/latitude (the `.prj`
says GCS_WGS_1984), fields WK_CODE, WK_NAAM, Shape_Leng, Shape_Area. Taken byte for byte from the
public repository `luukvlug1905/streamlit-politie` (commit 629a745, files `politie_wijken_geo.*`);
provenance and checksums in `data/cbs_kwb_amsterdam_wijken_2016_2021/README.md`.

The codes are those of the 2021 division; Amsterdam's 99 wijken were the same in 2016-2021, so
each boundary is stored for the 2020 wijk with the same code, and a code that is not an Amsterdam
wijk of 2020 refuses the file. The shapes are simplified and size-capped exactly like an upload
(`shapes.clean_geometry`, `wijk_boundaries.size_problems`). An analyst's later GeoJSON upload
replaces them; a later run of this source leaves uploaded boundaries in place and rewrites only
boundaries that changed, so running it twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from ruggensteun.areas.models import Level, Region, RegionGeometry
from ruggensteun.areas.services import region_geometries_store
from ruggensteun.imports.base import (
    ImportProblem,
    ImportRejected,
    ParsedBatch,
    Progress,
    WriteResult,
    register,
)
from ruggensteun.imports.models import ImportRun

from .shapefile import (
    DBF_COUNT,
    ShapefileError,
    ShapeRecord,
    encoding_of,
    prj_check,
    read_dbf,
    read_shp,
)
from .shapes import ShapeError, clean_geometry
from .wijk_boundaries import UPLOADED, VINTAGE, size_problems

SOURCE = "amsterdam-wijkgrenzen"
MUNICIPALITY = "GM0363"
FOLDER = "cbs_kwb_amsterdam_wijken_2016_2021"
STEM = "wijkgrenzen_amsterdam_2021"
CODE_FIELD = "WK_CODE"
STORED_SOURCE = "CBS/Kadaster Wijk- en Buurtkaart 2021, vereenvoudigd (meegeleverd)"

ERROR_MISSING_FILE = (
    "Het %(suffix)s-bestand van de shapefile ontbreekt; geef .shp, .dbf en .prj samen op."
)
ERROR_OTHER_FILE = "Dit bestand hoort niet bij een shapefile (.shp, .shx, .dbf, .prj, .cpg)."
ERROR_NO_CODE_FIELD = "De tabel heeft geen kolom %(field)s met de CBS-wijkcode."
ERROR_NOT_A_WIJK = "'%(code)s' is geen wijk van Amsterdam (GM0363) in de CBS-indeling 2020."
ERROR_DOUBLE = "Wijk %(code)s staat er twee keer in."
ERROR_NO_SHAPE = "Wijk %(code)s heeft geen geometrie."
ERROR_EMPTY = "De shapefile bevat geen wijken."
REQUIRED = (".shp", ".dbf", ".prj")
ALLOWED = (*REQUIRED, ".shx", ".cpg")


@dataclass(frozen=True)
class Boundaries:
    """The cleaned geometry of each wijk code, and the Amsterdam wijken the file lacks."""

    geometries: dict[str, dict[str, Any]]
    absent: list[str]


@register
class AmsterdamBoundariesImporter:
    source: ClassVar[str] = SOURCE
    label: ClassVar[str] = "CBS/Kadaster Wijk- en Buurtkaart 2021: wijkgrenzen van Amsterdam"
    depends_on: ClassVar[tuple[str, ...]] = ("cbs-wijknamen",)

    def default_paths(self, data_dir: Path) -> list[Path]:
        folder = data_dir / FOLDER
        return [folder / f"{STEM}{suffix}" for suffix in (".shp", ".dbf", ".prj", ".cpg")]

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        files = _by_suffix(paths)
        records = _records(files)
        wijken = set(
            Region.objects.filter(
                vintage=VINTAGE, level=Level.WIJK, parent__code=MUNICIPALITY
            ).values_list("code", flat=True)
        )
        problems: list[ImportProblem] = []
        geometries: dict[str, dict[str, Any]] = {}
        shp = files[".shp"].name
        for record in records:
            found = _geometry(record, wijken, geometries, problems, shp)
            if found is not None:
                geometries[found[0]] = found[1]
        problems += size_problems(geometries, shp)
        if not problems and not geometries:
            problems.append(ImportProblem(ERROR_EMPTY, shp))
        if problems:
            raise ImportRejected(problems, rows_read=len(records))
        absent = sorted(wijken - set(geometries))
        return ParsedBatch(records=Boundaries(geometries, absent), rows_read=len(records))

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        boundaries: Boundaries = batch.records
        stored = {
            code: (source, geojson)
            for code, source, geojson in RegionGeometry.objects.filter(
                region__vintage=VINTAGE, region__code__in=list(boundaries.geometries)
            ).values_list("region__code", "source", "geojson")
        }
        uploaded = sorted(
            code for code, (source, _) in stored.items() if source.startswith(UPLOADED)
        )
        changed = {
            code: geometry
            for code, geometry in boundaries.geometries.items()
            if code not in uploaded and stored.get(code) != (STORED_SOURCE, geometry)
        }
        written = region_geometries_store(vintage=VINTAGE, geometries=changed, source=STORED_SOURCE)
        notes = [
            f"{written} wijkgrenzen opgeslagen, "
            f"{len(boundaries.geometries) - written - len(uploaded)} ongewijzigd."
        ]
        if uploaded:
            notes.append(
                f"{len(uploaded)} wijken houden hun geüploade grens, "
                f"o.a. {', '.join(uploaded[:3])}."
            )
        if boundaries.absent:
            notes.append(
                f"{len(boundaries.absent)} wijken van Amsterdam hebben geen grens in het bestand, "
                f"o.a. {', '.join(boundaries.absent[:3])}."
            )
        return WriteResult(accepted=len(boundaries.geometries) - len(uploaded), notes=tuple(notes))


def _by_suffix(paths: Sequence[Path]) -> dict[str, Path]:
    """The shapefile's parts by suffix; refuses other files and missing required parts."""
    files: dict[str, Path] = {}
    problems = []
    for path in paths:
        suffix = path.suffix.lower()
        if suffix in ALLOWED:
            files[suffix] = path
        else:
            problems.append(ImportProblem(ERROR_OTHER_FILE, path.name))
    problems += [
        ImportProblem(ERROR_MISSING_FILE % {"suffix": suffix})
        for suffix in REQUIRED
        if suffix not in files
    ]
    if problems:
        raise ImportRejected(problems)
    return files


def _records(files: dict[str, Path]) -> list[ShapeRecord]:
    """The shapefile's objects; refuses a projection other than WGS84 and a broken file."""
    prj, shp, dbf = files[".prj"], files[".shp"], files[".dbf"]
    cpg = files.get(".cpg")
    current = prj
    try:
        prj_check(prj.read_text(encoding="latin-1"))
        current = cpg or dbf
        encoding = encoding_of(cpg.read_text(encoding="latin-1") if cpg else None)
        current = shp
        shapes = read_shp(shp.read_bytes())
        current = dbf
        rows = read_dbf(dbf.read_bytes(), encoding=encoding)
    except ShapefileError as exc:
        raise ImportRejected([ImportProblem(str(exc), current.name)]) from None
    if len(rows) != len(shapes):
        message = DBF_COUNT % {"dbf": len(rows), "shp": len(shapes)}
        raise ImportRejected([ImportProblem(message, dbf.name)], rows_read=len(shapes))
    if rows and not any(CODE_FIELD in row for row in rows):
        problem = ImportProblem(ERROR_NO_CODE_FIELD % {"field": CODE_FIELD}, dbf.name)
        raise ImportRejected([problem], rows_read=len(shapes))
    return [
        ShapeRecord(number, row, shape)
        for number, (row, shape) in enumerate(zip(rows, shapes, strict=True), start=1)
    ]


def _geometry(
    record: ShapeRecord,
    wijken: set[str],
    seen: dict[str, dict[str, Any]],
    problems: list[ImportProblem],
    file: str,
) -> tuple[str, dict[str, Any]] | None:
    """The record's wijk code and cleaned geometry, or None after reporting why not."""
    code = record.attributes.get(CODE_FIELD, "")[:20]
    message = None
    if code not in wijken:
        message = ERROR_NOT_A_WIJK % {"code": code}
    elif code in seen:
        message = ERROR_DOUBLE % {"code": code}
    elif record.geometry is None:
        message = ERROR_NO_SHAPE % {"code": code}
    else:
        try:
            return code, clean_geometry(record.geometry)
        except ShapeError as exc:
            message = f"{code}: {exc}"
    problems.append(ImportProblem(f"object {record.number}: {message}", file))
    return None
