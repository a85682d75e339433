"""Wijk boundaries uploaded by an analyst as GeoJSON, for the choropleth on the area page.

The shipped data has wijk boundaries for Amsterdam only (`amsterdam_boundaries`; CBS publishes
the whole country as a large GeoPackage). For any municipality an analyst uploads a GeoJSON
FeatureCollection in WGS84 (longitude, latitude) with the CBS wijk code in a property; every
problem is reported before anything is stored, and the upload replaces the earlier boundaries of
those wijken (the shipped ones too) in one transaction. Only each wijk's geometry is stored,
simplified and rounded (see `shapes`), within a size cap per wijk and per municipality.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

from ruggensteun.areas.models import Level, Region
from ruggensteun.areas.services import region_geometries_store
from ruggensteun.cbs import level_of
from ruggensteun.imports.base import (
    ImportProblem,
    ImportRejected,
    ParsedBatch,
    Progress,
    WriteResult,
    register,
)
from ruggensteun.imports.models import ImportRun

from .shapes import ShapeError, clean_geometry

CODE_PROPERTIES = ("code", "wijkcode", "WK_CODE", "wk_code", "statcode", "CBS_CODE")
MAX_FEATURES = 1000
# Stored GeoJSON after simplifying: a detailed wijk takes some tens of kB, a whole
# municipality with a hundred wijken under 3 MB; past that the area page becomes too heavy.
MAX_WIJK_BYTES = 250_000
MAX_MUNICIPALITY_BYTES = 3_000_000
VINTAGE = 2020
# How an uploaded boundary's source begins: shipped boundaries never replace these.
UPLOADED = "Geüpload door een analist"

NUL_CHARACTER = "Het bestand bevat een NUL-teken; dat kan niet in een tekstbestand."
TOO_DEEP = "Geen geldige GeoJSON: de JSON is te diep genest."


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
                found = self._feature(path.name, number, feature, known, problems)
                if found and found[0] in geometries:
                    problems.append(
                        ImportProblem(f"Wijk {found[0]} staat er twee keer in.", path.name)
                    )
                elif found:
                    geometries[found[0]] = found[1]
        problems += size_problems(geometries, paths[0].name if paths else "")
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
    ) -> tuple[str, dict[str, Any]] | None:
        """The feature's wijk code and cleaned geometry, or None after reporting why not."""
        where = f"object {number}"
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            problems.append(ImportProblem(f"{where}: geen GeoJSON-Feature met properties.", file))
            return None
        code = _code(feature["properties"])
        if not code:
            names = ", ".join(CODE_PROPERTIES)
            problems.append(ImportProblem(f"{where}: geen wijkcode (één van: {names}).", file))
            return None
        if code not in known:
            scope = f" van gemeente {self.municipality_code}" if self.municipality_code else ""
            named = f"'{code}' is" if level_of(code) == Level.WIJK else "dit is"
            message = f"{where}: {named} geen CBS-wijkcode{scope} (indeling 2020)."
            problems.append(ImportProblem(message, file))
            return None
        try:
            return code, clean_geometry(feature.get("geometry"))
        except ShapeError as exc:
            problems.append(ImportProblem(f"{where} ({code}): {exc}", file))
            return None

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        source = f"{UPLOADED} ({run.files[0] if run.files else 'GeoJSON'})"
        stored = region_geometries_store(vintage=VINTAGE, geometries=batch.records, source=source)
        return WriteResult(accepted=stored)


def _code(properties: dict[str, Any]) -> str:
    """The wijk code from the first code property that holds text or a number."""
    for key in CODE_PROPERTIES:
        value = properties.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()[:40]
    return ""


def size_problems(geometries: dict[str, dict[str, Any]], file: str) -> list[ImportProblem]:
    """A wijk or a municipality whose stored boundaries would still be too large."""
    problems = []
    per_municipality: Counter[str] = Counter()
    for code, geometry in geometries.items():
        size = len(json.dumps(geometry, separators=(",", ":")))
        per_municipality["GM" + code[2:6]] += size
        if size > MAX_WIJK_BYTES:
            problems.append(
                ImportProblem(
                    f"Wijk {code}: de grens is na vereenvoudigen {size // 1000} kB, te groot "
                    f"(hooguit {MAX_WIJK_BYTES // 1000} kB). Vereenvoudig de grenzen eerst.",
                    file,
                )
            )
    for municipality, size in sorted(per_municipality.items()):
        if size > MAX_MUNICIPALITY_BYTES:
            problems.append(
                ImportProblem(
                    f"De wijkgrenzen van {municipality} zijn samen {size // 1000} kB, te groot "
                    f"(hooguit {MAX_MUNICIPALITY_BYTES // 1000} kB). Vereenvoudig ze eerst.",
                    file,
                )
            )
    return problems


def _document(path: Path, problems: list[ImportProblem]) -> Any:
    """The parsed JSON, or None after reporting why it cannot be read."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(ImportProblem("Geen geldige JSON: de tekst is geen UTF-8.", path.name))
        return None
    if "\x00" in text or "\\u0000" in text:
        problems.append(ImportProblem(NUL_CHARACTER, path.name))
        return None
    try:
        return json.loads(text)
    except RecursionError:
        problems.append(ImportProblem(TOO_DEEP, path.name))
    except json.JSONDecodeError as exc:
        where = f"regel {exc.lineno}, kolom {exc.colno}"
        problems.append(ImportProblem(f"Geen geldige JSON ({where}).", path.name))
    except ValueError:  # e.g. a number of thousands of digits
        problems.append(ImportProblem("Geen geldige JSON (een getal is te lang).", path.name))
    return None


def _in_rd_new(document: dict[str, Any]) -> bool:
    try:
        return "28992" in json.dumps(document.get("crs") or "")[:10_000]
    except (RecursionError, ValueError, TypeError):
        return False


def _features(path: Path, problems: list[ImportProblem]) -> Iterator[tuple[int, Any]]:
    document = _document(path, problems)
    if document is None:
        return
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        problems.append(
            ImportProblem(
                "Verwacht een GeoJSON FeatureCollection met één Feature per wijk.", path.name
            )
        )
        return
    if _in_rd_new(document):
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
