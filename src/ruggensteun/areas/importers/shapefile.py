"""A small reader for polygon shapefiles: the `.shp` shapes as GeoJSON, the `.dbf` attributes.

Only what a boundary file needs, after the ESRI Shapefile Technical Description (1998): shape
type 5 (Polygon) and null shapes, dBase III attribute tables, a `.prj` that must say WGS84
longitude/latitude. Every length and offset is checked against the bytes that are there, so a
truncated or corrupt file is refused with a Dutch message instead of a traceback or a silently
shorter list. Rings become GeoJSON: a clockwise ring starts a polygon, a counter-clockwise ring
is a hole of the polygon that contains it.
"""

from __future__ import annotations

import codecs
import itertools
import struct
from dataclasses import dataclass
from typing import Any

FILE_CODE = 9994
VERSION = 1000
NULL_SHAPE, POLYGON = 0, 5
HEADER_BYTES = 100
MAX_RECORDS = 10_000

SHP_TOO_SHORT = "Het .shp-bestand is te kort voor een shapefile (minder dan 100 bytes)."
SHP_NOT_A_SHAPEFILE = "Het .shp-bestand is geen shapefile (de bestandscode is niet 9994)."
SHP_TRUNCATED = (
    "Het .shp-bestand is afgebroken of beschadigd: de kop noemt %(expected)s bytes, "
    "het bestand heeft er %(actual)s."
)
SHP_NOT_POLYGONS = (
    "Het .shp-bestand bevat geen vlakken (Polygon, type 5) maar vormtype %(kind)s; "
    "alleen wijkgrenzen als vlakken worden gelezen."
)
SHP_BAD_RECORD = "Het .shp-bestand is beschadigd bij object %(number)s: %(reason)s."
SHP_TOO_MANY = "Het .shp-bestand heeft meer dan %(max)s objecten."
DBF_TRUNCATED = "Het .dbf-bestand is afgebroken of beschadigd: %(reason)s."
DBF_COUNT = (
    "Het .dbf-bestand heeft %(dbf)s regels, het .shp-bestand %(shp)s objecten; "
    "ze horen bij elkaar en moeten even veel hebben."
)
CPG_UNKNOWN = "Het .cpg-bestand noemt een onbekende tekenset: '%(name)s'."
PRJ_NOT_WGS84 = (
    "Het .prj-bestand noemt geen WGS84-lengte/breedte (GCS_WGS_1984) maar '%(name)s'. "
    "Exporteer de shapefile in WGS84 (EPSG:4326), bijvoorbeeld met QGIS."
)

Ring = list[list[float]]


class ShapefileError(ValueError):
    """The shapefile cannot be read; the message says why, in Dutch."""


@dataclass(frozen=True)
class ShapeRecord:
    """One object: its attributes from the `.dbf` and its geometry (None for a null shape)."""

    number: int  # 1-based, as in the file
    attributes: dict[str, str]
    geometry: dict[str, Any] | None


def encoding_of(cpg: str | None) -> str:
    """The Python codec for the `.cpg` file's text (ISO-8859-1 when there is none)."""
    name = (cpg or "").strip() or "ISO-8859-1"
    try:
        # ArcGIS writes a Windows code page as its bare number ("1252").
        return codecs.lookup(f"cp{name}" if name.isdigit() else name).name
    except LookupError:
        raise ShapefileError(CPG_UNKNOWN % {"name": name[:40]}) from None


def prj_check(text: str) -> None:
    """Refuses a projection other than WGS84 longitude/latitude (e.g. RD New, EPSG:28992)."""
    head = text.strip()
    name = head.split('"')[1] if head.count('"') >= 2 else head[:40]
    geographic = head.upper().startswith("GEOGCS[")
    if not (geographic and ("WGS_1984" in head or "WGS 84" in head or "WGS84" in head)):
        raise ShapefileError(PRJ_NOT_WGS84 % {"name": name[:60] or "leeg"})


def read_shp(data: bytes) -> list[dict[str, Any] | None]:
    """The geometries of a polygon `.shp` file as GeoJSON (None for a null shape)."""
    if len(data) < HEADER_BYTES:
        raise ShapefileError(SHP_TOO_SHORT)
    if struct.unpack_from(">i", data, 0)[0] != FILE_CODE:
        raise ShapefileError(SHP_NOT_A_SHAPEFILE)
    expected = struct.unpack_from(">i", data, 24)[0] * 2
    if expected != len(data):
        raise ShapefileError(SHP_TRUNCATED % {"expected": expected, "actual": len(data)})
    version, kind = struct.unpack_from("<ii", data, 28)
    if version != VERSION or kind not in (NULL_SHAPE, POLYGON):
        raise ShapefileError(SHP_NOT_POLYGONS % {"kind": kind})
    shapes: list[dict[str, Any] | None] = []
    offset = HEADER_BYTES
    while offset < len(data):
        if len(shapes) >= MAX_RECORDS:
            raise ShapefileError(SHP_TOO_MANY % {"max": MAX_RECORDS})
        number = len(shapes) + 1
        if offset + 8 > len(data):
            raise _bad(number, "de kop van het object is onvolledig")
        length = struct.unpack_from(">i", data, offset + 4)[0] * 2
        start, offset = offset + 8, offset + 8 + length
        if length < 4 or offset > len(data):
            raise _bad(number, "de lengte van het object klopt niet")
        shapes.append(_shape(memoryview(data)[start:offset], number))
    return shapes


def _bad(number: int, reason: str) -> ShapefileError:
    return ShapefileError(SHP_BAD_RECORD % {"number": number, "reason": reason})


def _shape(content: memoryview, number: int) -> dict[str, Any] | None:
    """One record's content: a null shape or a polygon of parts (rings)."""
    kind = struct.unpack_from("<i", content, 0)[0]
    if kind == NULL_SHAPE:
        return None
    if kind != POLYGON:
        raise ShapefileError(SHP_NOT_POLYGONS % {"kind": kind})
    if len(content) < 44:
        raise _bad(number, "het vlak is onvolledig")
    parts, points = struct.unpack_from("<ii", content, 36)
    if parts < 1 or points < parts or len(content) != 44 + 4 * parts + 16 * points:
        raise _bad(number, "het aantal delen of punten klopt niet met de lengte")
    starts = list(struct.unpack_from(f"<{parts}i", content, 44))
    if starts[0] != 0 or any(b <= a for a, b in itertools.pairwise(starts)):
        raise _bad(number, "de delen van het vlak staan niet op volgorde")
    if starts[-1] >= points:
        raise _bad(number, "een deel van het vlak begint na het laatste punt")
    values = struct.unpack_from(f"<{2 * points}d", content, 44 + 4 * parts)
    coordinates = [[values[i], values[i + 1]] for i in range(0, len(values), 2)]
    rings = [coordinates[a:b] for a, b in zip(starts, [*starts[1:], points], strict=True)]
    return _geojson(rings)


def _geojson(rings: list[Ring]) -> dict[str, Any]:
    """Clockwise rings are outer rings; each other ring is a hole of the outer ring holding it
    (or, held by none, an outer ring itself, as other readers do)."""
    polygons: list[list[Ring]] = [[ring] for ring in rings if _signed_area(ring) <= 0]
    for ring in rings:
        if _signed_area(ring) > 0:
            owner = next((p for p in polygons if _contains(p[0], ring[0])), None)
            if owner is None:
                polygons.append([ring])
            else:
                owner.append(ring)
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def _signed_area(ring: Ring) -> float:
    """Twice the ring's signed area: positive when counter-clockwise (x east, y north)."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, [*ring[1:], ring[0]], strict=True))


def _contains(ring: Ring, point: list[float]) -> bool:
    """Whether `point` lies inside `ring` (even-odd rule)."""
    x, y = point[0], point[1]
    inside = False
    for (ax, ay), (bx, by) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            inside = not inside
    return inside


def read_dbf(data: bytes, *, encoding: str = "latin-1") -> list[dict[str, str]]:
    """The rows of a dBase III table as text, stripped; deleted rows as empty rows (they keep
    their place: row n belongs to shape n)."""
    if len(data) < 33:
        raise ShapefileError(DBF_TRUNCATED % {"reason": "de kop is onvolledig"})
    count, header, width = struct.unpack_from("<IHH", data, 4)
    fields = _fields(data, header, width)
    if header + count * width > len(data):
        reason = f"de kop noemt {count} regels, maar er staan er minder in"
        raise ShapefileError(DBF_TRUNCATED % {"reason": reason})
    rows: list[dict[str, str]] = []
    for index in range(count):
        start = header + index * width
        record = data[start : start + width]
        if record[:1] == b"*":
            rows.append({})
            continue
        row: dict[str, str] = {}
        position = 1
        for name, size in fields:
            row[name] = record[position : position + size].decode(encoding, "replace").strip()
            position += size
        rows.append(row)
    return rows


def _fields(data: bytes, header: int, width: int) -> list[tuple[str, int]]:
    """The table's (name, width) columns, checked against the width of a row."""
    if header < 33 or header > len(data):
        raise ShapefileError(DBF_TRUNCATED % {"reason": "de lengte van de kop klopt niet"})
    fields = []
    for start in range(32, header - 1, 32):
        if data[start] == 0x0D:
            break
        name = data[start : start + 11].split(b"\x00")[0].decode("ascii", "replace").strip()
        fields.append((name, data[start + 16]))
    if not fields or 1 + sum(size for _, size in fields) != width:
        raise ShapefileError(
            DBF_TRUNCATED % {"reason": "de kolommen passen niet bij de regellengte"}
        )
    return fields
