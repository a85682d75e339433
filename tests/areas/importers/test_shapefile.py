"""The small polygon shapefile reader (`areas/importers/shapefile.py`) on hand-made files: rings
become GeoJSON with holes in their polygon, and every broken length is refused in Dutch."""

import struct

import pytest

from ruggensteun.areas.importers.shapefile import (
    ShapefileError,
    encoding_of,
    prj_check,
    read_dbf,
    read_shp,
)

pytestmark = pytest.mark.issue(15)

Ring = list[tuple[float, float]]

# Clockwise outer rings (as shapefiles store them) and a counter-clockwise hole inside the first.
OUTER: Ring = [(4.0, 52.0), (4.0, 52.1), (4.1, 52.1), (4.1, 52.0), (4.0, 52.0)]
HOLE: Ring = [(4.02, 52.02), (4.08, 52.02), (4.08, 52.08), (4.02, 52.08), (4.02, 52.02)]
ISLAND: Ring = [(4.2, 52.0), (4.2, 52.05), (4.25, 52.05), (4.25, 52.0), (4.2, 52.0)]


def polygon_record(number: int, rings: list[Ring], kind: int = 5) -> bytes:
    points = [point for ring in rings for point in ring]
    starts, total = [], 0
    for ring in rings:
        starts.append(total)
        total += len(ring)
    content = struct.pack("<i4d", kind, 0, 0, 0, 0) + struct.pack("<ii", len(rings), len(points))
    content += struct.pack(f"<{len(rings)}i", *starts)
    content += b"".join(struct.pack("<2d", x, y) for x, y in points)
    return struct.pack(">ii", number, len(content) // 2) + content


def shp(*shapes: list[Ring]) -> bytes:
    records = b"".join(polygon_record(n, rings) for n, rings in enumerate(shapes, start=1))
    length = 100 + len(records)
    header = struct.pack(">i20xi", 9994, length // 2) + struct.pack("<ii4d4d", 1000, 5, *[0.0] * 8)
    return header + records


def dbf(rows: list[str], width: int = 8) -> bytes:
    header_length = 32 + 32 + 1
    header = struct.pack("<B3xIHH20x", 3, len(rows), header_length, width + 1)
    field = b"WK_CODE".ljust(11, b"\x00") + b"C" + b"\x00" * 4 + bytes([width, 0]) + b"\x00" * 14
    body = b"".join(b" " + row.encode("latin-1").ljust(width) for row in rows)
    return header + field + b"\x0d" + body + b"\x1a"


def test_an_outer_ring_with_a_hole_is_one_polygon_and_a_second_outer_ring_a_multipolygon() -> None:
    first, second = read_shp(shp([OUTER, HOLE], [OUTER, ISLAND]))
    assert first == {
        "type": "Polygon",
        "coordinates": [[list(p) for p in OUTER], [list(p) for p in HOLE]],
    }
    assert second is not None and second["type"] == "MultiPolygon"
    assert second["coordinates"] == [[[list(p) for p in OUTER]], [[list(p) for p in ISLAND]]]


def test_the_attribute_table_is_read_as_text_by_column() -> None:
    assert read_dbf(dbf(["WK036300", "WK036301"])) == [
        {"WK_CODE": "WK036300"},
        {"WK_CODE": "WK036301"},
    ]


def test_a_truncated_shp_is_refused_with_both_lengths() -> None:
    data = shp([OUTER, HOLE])
    with pytest.raises(ShapefileError) as caught:
        read_shp(data[:-10])
    assert str(caught.value) == (
        f"Het .shp-bestand is afgebroken of beschadigd: de kop noemt {len(data)} bytes, "
        f"het bestand heeft er {len(data) - 10}."
    )


def test_a_record_whose_length_runs_past_the_end_is_refused() -> None:
    data = bytearray(shp([OUTER]))
    struct.pack_into(">i", data, 104, 10_000)  # the first record's content length
    with pytest.raises(ShapefileError, match="beschadigd bij object 1: de lengte van het object"):
        read_shp(bytes(data))


def test_a_record_with_more_points_than_bytes_is_refused() -> None:
    data = bytearray(shp([OUTER]))
    struct.pack_into("<i", data, 108 + 40, 500)  # the number of points
    with pytest.raises(ShapefileError, match="het aantal delen of punten klopt niet"):
        read_shp(bytes(data))


def test_points_or_lines_are_refused() -> None:
    data = bytearray(shp([OUTER]))
    struct.pack_into("<i", data, 32, 1)
    with pytest.raises(ShapefileError, match="vormtype 1"):
        read_shp(bytes(data))


def test_a_file_that_is_no_shapefile_is_refused() -> None:
    with pytest.raises(ShapefileError, match="te kort"):
        read_shp(b"\x00" * 20)
    with pytest.raises(ShapefileError, match="bestandscode"):
        read_shp(b"{}" * 60)


def test_a_truncated_dbf_is_refused() -> None:
    data = dbf(["WK036300", "WK036301"])
    with pytest.raises(ShapefileError, match="de kop noemt 2 regels"):
        read_dbf(data[:-12])


def test_only_wgs84_longitude_latitude_is_accepted() -> None:
    prj_check(
        'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
        'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
    )
    with pytest.raises(ShapefileError) as caught:
        prj_check('PROJCS["Amersfoort_RD_New",GEOGCS["GCS_Amersfoort",DATUM["D_Amersfoort"]]]')
    assert "'Amersfoort_RD_New'" in str(caught.value)
    assert "WGS84 (EPSG:4326)" in str(caught.value)


def test_the_cpg_names_the_encoding() -> None:
    assert encoding_of("ISO-8859-1") == encoding_of(None) == "iso8859-1"
    assert encoding_of("UTF-8\n") == "utf-8"
    assert encoding_of("1252") == "cp1252"
    with pytest.raises(ShapefileError, match="onbekende tekenset"):
        encoding_of("KLINGON-1")
