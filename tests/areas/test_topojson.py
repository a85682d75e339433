import pytest

from ruggensteun.areas.topojson import TopologyError, features

# Two unit squares side by side sharing the arc x=1; quantised with scale 0.5 and a translate.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [4.0, 52.0]},
    "arcs": [
        [[2, 0], [0, 2]],  # 0: shared edge (1,0) -> (1,1) in decoded units
        [[2, 2], [-2, 0], [0, -2], [2, 0]],  # 1: left square's other sides
        [[2, 0], [2, 0], [0, 2], [-2, 0]],  # 2: right square's other sides
    ],
    "objects": {
        "squares": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"code": "A"}},
                {"type": "MultiPolygon", "arcs": [[[2, -1]]], "properties": {"code": "B"}},
            ],
        }
    },
}


def test_quantised_delta_arcs_decode_to_closed_rings() -> None:
    left, right = features(TOPOLOGY, "squares")
    assert left["properties"] == {"code": "A"}
    # x = 4.0 + 0.5 * q, y = 52.0 + 0.5 * q with q the running sum of the deltas.
    assert left["geometry"] == {
        "type": "Polygon",
        "coordinates": [[[5.0, 52.0], [5.0, 53.0], [4.0, 53.0], [4.0, 52.0], [5.0, 52.0]]],
    }
    # Arc -1 is arc 0 reversed: the right square walks the shared edge downwards.
    assert right["geometry"]["type"] == "MultiPolygon"
    assert right["geometry"]["coordinates"] == [
        [[[5.0, 52.0], [6.0, 52.0], [6.0, 53.0], [5.0, 53.0], [5.0, 52.0]]]
    ]


def test_an_unknown_object_or_open_ring_is_refused() -> None:
    with pytest.raises(TopologyError):
        list(features(TOPOLOGY, "missing"))
    broken = {**TOPOLOGY, "objects": {"x": {"type": "Polygon", "arcs": [[1]]}}}
    broken["arcs"] = [[[0, 0], [1, 0]], [[0, 0], [1, 0], [0, 1]]]
    with pytest.raises(TopologyError):
        list(features(broken, "x"))
