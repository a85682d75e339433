"""Wijk boundaries uploaded by an analyst as GeoJSON, for the choropleth on the area page.

The shipped data has no wijk boundaries (CBS publishes them as a large GeoPackage). An analyst
uploads a GeoJSON FeatureCollection in WGS84 (longitude, latitude) with the CBS wijk code in a
property; every problem is reported before anything is stored, and the upload replaces the
earlier boundaries of those wijken in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

from ruggensteun.areas.models import Level, Region
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

CODE_PROPERTIES = ("code", "wijkcode", "WK_CODE", "wk_code", "statcode", "CBS_CODE")
MAX_FEATURES = 1000
MAX_POINTS = 500_000
# WGS84 bounds of the Netherlands with a margin; RD New coordinates (metres) fall far outside.
LON_RANGE = (2.0, 8.0)
LAT_RANGE = (50.0, 54.5)
VINTAGE = 2020


@register
class WijkBoundariesImporter:
    source: ClassVar[str] = "wijkgrenzen-geojson"
    label: ClassVar[str] = "Wijkgrenzen (GeoJSON, geüpload door een analist)"
    depends_on: ClassVar[tuple[str, ...]] = ("cbs-indeling-2020",)
    on_demand: ClassVar[bool] = True

    def __init__(self, municipality_code: str | None = None) -> None:
        # Set by the upload page: only wijken of this municipality are accepted.
        self.municipality_code = municipality_code

    def default_paths(self, data_dir: Path) -> list[Path]:
        return []

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        problems: list[ImportProblem] = []
        geometries: dict[str, dict[str, Any]] = {}
        known = self._known_codes()
        read = 0
        for path in paths:
            for number, feature in _features(path, problems):
                read += 1
                code = self._feature(path.name, number, feature, known, problems)
                if code and code in geometries:
                    problems.append(ImportProblem(f"Wijk {code} staat er twee keer in.", path.name))
                elif code:
                    geometries[code] = feature["geometry"]
        if not problems and not geometries:
            problems.append(ImportProblem("Het bestand bevat geen wijken."))
        if problems:
            raise ImportRejected(problems, rows_read=read)
        return ParsedBatch(records=geometries, rows_read=read)

    def _known_codes(self) -> set[str]:
        wijken = Region.objects.filter(vintage=VINTAGE, level=Level.WIJK)
        if self.municipality_code:
            wijken = wijken.filter(code__startswith="WK" + self.municipality_code[2:])
        return set(wijken.values_list("code", flat=True))

    def _feature(
        self,
        file: str,
        number: int,
        feature: Any,
        known: set[str],
        problems: list[ImportProblem],
    ) -> str | None:
        where = f"object {number}"
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            problems.append(ImportProblem(f"{where}: geen GeoJSON-Feature met properties.", file))
            return None
        code = next(
            (
                str(feature["properties"][key]).strip()
                for key in CODE_PROPERTIES
                if feature["properties"].get(key)
            ),
            "",
        )
        if not code:
            names = ", ".join(CODE_PROPERTIES)
            problems.append(ImportProblem(f"{where}: geen wijkcode (één van: {names}).", file))
            return None
        if code not in known:
            scope = f" van gemeente {self.municipality_code}" if self.municipality_code else ""
            problems.append(
                ImportProblem(
                    f"{where}: '{code}' is geen CBS-wijkcode{scope} (indeling 2020).", file
                )
            )
            return None
        message = _geometry_problem(feature.get("geometry"))
        if message:
            problems.append(ImportProblem(f"{where} ({code}): {message}", file))
            return None
        return code

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        source = f"Geüpload door een analist ({run.files[0] if run.files else 'GeoJSON'})"
        stored = region_geometries_store(vintage=VINTAGE, geometries=batch.records, source=source)
        return WriteResult(accepted=stored)


def _features(path: Path, problems: list[ImportProblem]) -> Iterator[tuple[int, Any]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.append(ImportProblem(f"Geen geldige JSON ({exc}).", path.name))
        return
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        problems.append(
            ImportProblem(
                "Verwacht een GeoJSON FeatureCollection met één Feature per wijk.", path.name
            )
        )
        return
    crs = json.dumps(document.get("crs") or "")
    if "28992" in crs:
        problems.append(
            ImportProblem(
                "Dit bestand staat in RD New (EPSG:28992). Lever het aan in WGS84 (EPSG:4326), "
                "bijvoorbeeld met QGIS: Exporteren → GeoJSON, CRS EPSG:4326.",
                path.name,
            )
        )
        return
    items = document.get("features")
    if not isinstance(items, list):
        problems.append(ImportProblem("'features' ontbreekt of is geen lijst.", path.name))
        return
    if len(items) > MAX_FEATURES:
        problems.append(
            ImportProblem(f"Te veel objecten ({len(items)}; hooguit {MAX_FEATURES}).", path.name)
        )
        return
    yield from enumerate(items, start=1)


def _geometry_problem(geometry: Any) -> str:
    """'' when the geometry is a (Multi)Polygon in WGS84 within the Netherlands."""
    if not isinstance(geometry, dict) or geometry.get("type") not in {"Polygon", "MultiPolygon"}:
        return "de geometrie moet een Polygon of MultiPolygon zijn."
    polygons = geometry.get("coordinates") or []
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    try:
        points = [tuple(point) for polygon in polygons for ring in polygon for point in ring]
        if len(points) > MAX_POINTS:
            return "te veel punten; vereenvoudig de grenzen eerst."
        if any(len(point) < 2 for point in points) or not points:
            return "coördinaten ontbreken."
        inside = all(
            LON_RANGE[0] <= float(p[0]) <= LON_RANGE[1]
            and LAT_RANGE[0] <= float(p[1]) <= LAT_RANGE[1]
            for p in points
        )
    except (TypeError, ValueError):
        return "de coördinaten zijn geen getallen in de GeoJSON-vorm."
    if not inside:
        return (
            "coördinaten buiten Nederland in WGS84 (lengte 2–8, breedte 50–54,5). "
            "Staat het bestand in RD New? Exporteer dan in EPSG:4326."
        )
    return ""
