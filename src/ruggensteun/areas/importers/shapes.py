"""Uploaded boundary geometries, checked and reduced to what a map on the pages needs.

Only the geometry type and its coordinates are kept (no foreign members), coordinates are rounded
to 6 decimals (about 0.1 m) and every ring is simplified with Douglas–Peucker at a tolerance of
about a metre, keeping it a valid ring (closed, at least 4 points). The uploaded file may hold
far more detail than a page can carry: a 19 MB upload once made the public area page 19 MB.
"""

from __future__ import annotations

import math
from typing import Any

MAX_POINTS = 500_000  # points of one uploaded geometry, before simplifying
TOLERANCE = 1e-5  # degrees; about 0.7 m east-west and 1.1 m north-south in the Netherlands
DECIMALS = 6
# Douglas–Peucker is n log n on real boundaries but n² on a crafted zigzag: cap its work per ring.
STEPS_PER_POINT = 50
# WGS84 bounds of the Netherlands with a margin; RD New coordinates (metres) fall far outside.
LON_RANGE = (2.0, 8.0)
LAT_RANGE = (50.0, 54.5)

NOT_A_POLYGON = "de geometrie moet een Polygon of MultiPolygon zijn."
NO_COORDINATES = "coördinaten ontbreken."
NOT_NUMBERS = "de coördinaten zijn geen getallen in de GeoJSON-vorm."
TOO_MANY_POINTS = "te veel punten; vereenvoudig de grenzen eerst."
OUTSIDE = (
    "coördinaten buiten Nederland in WGS84 (lengte 2–8, breedte 50–54,5). "
    "Staat het bestand in RD New? Exporteer dan in EPSG:4326."
)
SHORT_RING = "een ring heeft minstens 4 punten nodig."
OPEN_RING = "een ring is niet gesloten (het laatste punt moet gelijk zijn aan het eerste)."
TOO_COMPLEX = "de grens is te groot of te grillig om te vereenvoudigen; vereenvoudig haar eerst."

Point = tuple[float, float]


class ShapeError(ValueError):
    """The geometry cannot be accepted; the message says why, in Dutch."""


def clean_geometry(geometry: Any) -> dict[str, Any]:
    """A new (Multi)Polygon holding only type and simplified, rounded coordinates."""
    if not isinstance(geometry, dict) or geometry.get("type") not in {"Polygon", "MultiPolygon"}:
        raise ShapeError(NOT_A_POLYGON)
    kind = geometry["type"]
    polygons = geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [polygons]
    if not isinstance(polygons, list) or not polygons:
        raise ShapeError(NO_COORDINATES)
    budget = [MAX_POINTS]
    cleaned = [_polygon(polygon, budget) for polygon in polygons]
    return {"type": kind, "coordinates": cleaned[0] if kind == "Polygon" else cleaned}


def _polygon(polygon: Any, budget: list[int]) -> list[list[list[float]]]:
    if not isinstance(polygon, list) or not polygon:
        raise ShapeError(NO_COORDINATES)
    return [simplify_ring(_points(ring, budget)) for ring in polygon]


def _points(ring: Any, budget: list[int]) -> list[Point]:
    """The ring's positions as (lon, lat), checked: numbers, in the Netherlands, a closed ring."""
    if not isinstance(ring, list) or not ring:
        raise ShapeError(NO_COORDINATES)
    budget[0] -= len(ring)
    if budget[0] < 0:
        raise ShapeError(TOO_MANY_POINTS)
    points = [_point(position) for position in ring]
    if len(points) < 4:
        raise ShapeError(SHORT_RING)
    if points[0] != points[-1]:
        raise ShapeError(OPEN_RING)
    return points


def _point(position: Any) -> Point:
    if not isinstance(position, list) or len(position) < 2:
        raise ShapeError(NOT_NUMBERS)
    lon, lat = position[0], position[1]
    for value in (lon, lat):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ShapeError(NOT_NUMBERS)
        if not math.isfinite(value):
            raise ShapeError(NOT_NUMBERS)
    if not (LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]):
        raise ShapeError(OUTSIDE)
    return float(lon), float(lat)


def simplify_ring(points: list[Point]) -> list[list[float]]:
    """A closed ring (first point == last, at least 4 points) simplified and rounded."""
    kept = _radial(points)
    # A closed ring's ends coincide: split it at the point farthest from the start.
    far = max(range(len(kept)), key=lambda i: _squared(kept[i], kept[0]))
    if far in (0, len(kept) - 1):
        candidate = kept
    else:
        candidate = _douglas_peucker(kept[: far + 1])[:-1] + _douglas_peucker(kept[far:])
    for ring in (candidate, kept, points):
        rounded = _rounded(ring)
        if len(rounded) >= 4:
            return rounded
    return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in points]


def _radial(points: list[Point]) -> list[Point]:
    """Drop points closer than the tolerance to the previous kept point (linear, and it makes
    Douglas–Peucker's work small on over-dense input)."""
    limit = TOLERANCE * TOLERANCE
    kept = [points[0]]
    for point in points[1:-1]:
        if _squared(point, kept[-1]) > limit:
            kept.append(point)
    kept.append(points[-1])
    return kept


def _douglas_peucker(points: list[Point]) -> list[Point]:
    """Iterative Douglas–Peucker on an open chain; refuses when its work exceeds the cap."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    limit, steps = TOLERANCE * TOLERANCE, STEPS_PER_POINT * len(points)
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        steps -= last - first
        if steps < 0:
            raise ShapeError(TOO_COMPLEX)
        index, distance = _farthest(points, first, last)
        if distance > limit:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _farthest(points: list[Point], first: int, last: int) -> tuple[int, float]:
    (ax, ay), (bx, by) = points[first], points[last]
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    best, best_distance = first, -1.0
    for index in range(first + 1, last):
        px, py = points[index]
        t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
        distance = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
        if distance > best_distance:
            best, best_distance = index, distance
    return best, best_distance


def _squared(a: Point, b: Point) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def _rounded(points: list[Point]) -> list[list[float]]:
    """Rounded to DECIMALS, without repeated consecutive points; the ring stays closed."""
    result: list[list[float]] = []
    for x, y in points:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not result or point != result[-1]:
            result.append(point)
    if result[0] != result[-1]:
        result.append(result[0])
    return result
