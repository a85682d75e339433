"""Decoding TopoJSON (quantised, delta-encoded arcs) into GeoJSON geometries.

The shipped boundary files are TopoJSON topologies; Leaflet draws GeoJSON. This is the whole
decoding rule set of the TopoJSON specification for Polygon and MultiPolygon objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Position = list[float]
Ring = list[Position]


class TopologyError(ValueError):
    pass


def _decoded_arcs(topology: dict[str, Any], precision: int) -> list[Ring]:
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points: Ring = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append([round(x * sx + tx, precision), round(y * sy + ty, precision)])
        else:
            points = [[round(px, precision), round(py, precision)] for px, py in arc]
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    ring: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        # Consecutive arcs share their end point; keep it once.
        ring.extend(points if not ring else points[1:])
    if len(ring) < 4 or ring[0] != ring[-1]:
        raise TopologyError("A polygon ring is not closed")
    return ring


def _geometry(obj: dict[str, Any], arcs: list[Ring]) -> dict[str, Any]:
    kind = obj.get("type")
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": [_ring(r, arcs) for r in obj["arcs"]]}
    if kind == "MultiPolygon":
        return {
            "type": "MultiPolygon",
            "coordinates": [[_ring(r, arcs) for r in polygon] for polygon in obj["arcs"]],
        }
    raise TopologyError(f"Unsupported geometry type {kind!r}")


def features(
    topology: dict[str, Any], object_name: str, precision: int = 5
) -> Iterator[dict[str, Any]]:
    """Yield a GeoJSON Feature for every geometry of one named object in the topology."""
    if topology.get("type") != "Topology":
        raise TopologyError("Not a TopoJSON topology")
    try:
        collection = topology["objects"][object_name]
    except KeyError:
        raise TopologyError(f"The topology has no object {object_name!r}") from None
    arcs = _decoded_arcs(topology, precision)
    for obj in collection.get("geometries", [collection]):
        yield {
            "type": "Feature",
            "properties": dict(obj.get("properties") or {}),
            "geometry": _geometry(obj, arcs),
        }
