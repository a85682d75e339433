"""An analyst uploads wijk boundaries (GeoJSON); the area page then draws a choropleth.

The shapes here are hand-made squares around a point inside Zaanstad, placed on the real wijk
codes: the test checks the upload's rules and the colouring, not geography.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Role
from ruggensteun.areas.models import RegionGeometry
from ruggensteun.imports.models import ImportRun
from ruggensteun.monitor.models import Observation
from tests.accounts.factories import user_with_role

pytestmark = pytest.mark.django_db

ZAANSTAD_WIJKEN = ["WK047911", "WK047912", "WK047913", "WK047914", "WK047915", "WK047916"]


def square(lon: float, lat: float, size: float = 0.005) -> dict[str, object]:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def collection(codes: list[str], **changes: object) -> bytes:
    features = [
        {
            "type": "Feature",
            "properties": {"statcode": code},
            "geometry": square(4.80 + i / 100, 52.44),
        }
        for i, code in enumerate(codes)
    ]
    document = {"type": "FeatureCollection", "features": features, **changes}
    return json.dumps(document).encode()


def upload(client: Client, content: bytes, name: str = "wijken.geojson") -> str:
    response = client.post(
        reverse("wijk-boundaries-upload", args=["GM0479"]),
        {"file": SimpleUploadedFile(name, content, content_type="application/geo+json")},
        follow=True,
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_analyst_uploads_boundaries_and_the_area_page_colours_the_wijken(
    client: Client,
) -> None:
    analyst = user_with_role(Role.ANALIST, "GM0479")
    client.force_login(analyst)
    page = upload(client, collection(ZAANSTAD_WIJKEN))
    assert "6 wijkgrenzen opgeslagen." in page
    assert RegionGeometry.objects.filter(region__code__in=ZAANSTAD_WIJKEN).count() == 6
    run = ImportRun.objects.get(source="wijkgrenzen-geojson")
    assert run.actor == analyst and run.rows_accepted == 6

    area_page = client.get(reverse("focus-area-detail", args=["zaandam-oost"])).content.decode()
    data = json.loads(
        area_page.split('id="wijkkaart" type="application/json">')[1].split("</script>")[0]
    )
    by_name = {f["properties"]["name"]: f["properties"] for f in data["features"]}
    assert len(by_name) == 6
    # Zaandam Oost is wijken 11-15; wijk 16 (Zaandam Noord) is not in the area.
    assert (
        by_name["Wijk 12 Poelenburg"]["in_area"] and not by_name["Wijk 16 Zaandam Noord"]["in_area"]
    )
    # Moeite met rondkomen 2020 (the default chart indicator): Poelenburg has Zaanstad's highest
    # value and falls in the darkest class, Zaandam Noord's is below all five wijken of the area.
    values = dict(
        Observation.objects.filter(
            region__code__in=["WK047912", "WK047916"],
            region__vintage=2020,
            indicator="ggd_moeite_rondkomen",
            period="2020",
        ).values_list("region__code", "value")
    )
    assert values["WK047912"] > values["WK047916"]
    assert by_name["Wijk 12 Poelenburg"]["colour"] == "#08519c"
    assert by_name["Wijk 12 Poelenburg"]["label"] == f"{values['WK047912']:.1f}%".replace(".", ",")
    assert "wijkgrenzen: upload analist" not in area_page  # attribution lives in the script
    assert "Wijken gekleurd in vijf klassen" in area_page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{niet json", "Geen geldige JSON"),
        (json.dumps({"type": "Feature"}).encode(), "Verwacht een GeoJSON FeatureCollection"),
        (collection(["WK051836"]), "'WK051836' is geen CBS-wijkcode van gemeente GM0479"),
        (collection(["WK047912", "WK047912"]), "Wijk WK047912 staat er twee keer in."),
        (
            collection(["WK047912"], crs={"type": "name", "properties": {"name": "EPSG:28992"}}),
            "RD New (EPSG:28992)",
        ),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {"code": "WK047912"},
                            "geometry": square(118_000, 495_000, 100),
                        }
                    ],
                }
            ).encode(),
            "coördinaten buiten Nederland",
        ),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {"code": "WK047912"},
                            "geometry": {"type": "Point", "coordinates": [4.8, 52.4]},
                        }
                    ],
                }
            ).encode(),
            "Polygon of MultiPolygon",
        ),
    ],
)
def test_bad_files_are_refused_in_dutch_and_nothing_changes(
    client: Client, content: bytes, message: str
) -> None:
    client.force_login(user_with_role(Role.ANALIST, "GM0479"))
    upload(client, collection(["WK047911"]))
    before = list(
        RegionGeometry.objects.filter(region__code__startswith="WK0479").values_list(
            "region__code", "geojson"
        )
    )
    page = upload(client, content)
    assert "Het bestand is geweigerd; er is niets opgeslagen." in page
    assert message in page.replace("&#x27;", "'")
    after = list(
        RegionGeometry.objects.filter(region__code__startswith="WK0479").values_list(
            "region__code", "geojson"
        )
    )
    assert after == before


def test_an_analyst_of_another_municipality_cannot_upload(client: Client) -> None:
    client.force_login(user_with_role(Role.ANALIST, "GM0518"))
    url = reverse("wijk-boundaries-upload", args=["GM0479"])
    assert client.get(url).status_code == 403
    response = client.post(url, {"file": SimpleUploadedFile("w.geojson", collection(["WK047912"]))})
    assert response.status_code == 403
    assert not RegionGeometry.objects.filter(region__code="WK047912").exists()


def feature_collection(geometry: object, **feature_changes: object) -> bytes:
    feature = {
        "type": "Feature",
        "properties": {"statcode": "WK047912"},
        "geometry": geometry,
        **feature_changes,
    }
    return json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()


def refused_page(client: Client, content: bytes) -> str:
    client.force_login(user_with_role(Role.ANALIST, "GM0479"))
    geometries, runs = RegionGeometry.objects.count(), ImportRun.objects.count()
    page = upload(client, content).replace("&#x27;", "'")
    assert "Het bestand is geweigerd; er is niets opgeslagen." in page
    assert RegionGeometry.objects.count() == geometries
    assert ImportRun.objects.count() == runs + 1
    assert not ImportRun.objects.filter(source="wijkgrenzen-geojson", status="succeeded").exists()
    return page


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "te diep genest"),
        (
            feature_collection(
                {"type": "Polygon", "coordinates": [[[4.8, 52.44], [4.81, 52.44], [4.8, 52.44]]]}
            ),
            "minstens 4 punten",
        ),
        (b'{"type": "FeatureCollection", "features": [' + b"1" * 5000 + b"]}", "Geen geldige JSON"),
        (
            feature_collection(square(4.8, 52.44) | {"type": "Polygon"}).replace(
                b'"statcode": "WK047912"', b'"statcode": "WK047912\\u0000"'
            ),
            "NUL-teken",
        ),
    ],
    ids=["nested", "short-ring", "huge-number", "nul"],
)
def test_hostile_geojson_is_refused_in_dutch(client: Client, content: bytes, message: str) -> None:
    page = refused_page(client, content)
    assert message in page


@pytest.mark.issue(12)
def test_an_open_ring_is_refused(client: Client) -> None:
    ring = [[4.80, 52.44], [4.81, 52.44], [4.81, 52.45], [4.80, 52.45]]
    page = refused_page(client, feature_collection({"type": "Polygon", "coordinates": [ring]}))
    assert "ring is niet gesloten" in page


def circle(points: int, radius: float = 0.01) -> list[list[float]]:
    import math

    ring = [
        [
            4.82 + radius * math.cos(2 * math.pi * i / points),
            52.44 + radius * math.sin(2 * math.pi * i / points),
        ]
        for i in range(points)
    ]
    return [*ring, ring[0]]


@pytest.mark.issue(12)
def test_a_detailed_polygon_is_stored_simplified_without_extra_members(client: Client) -> None:
    client.force_login(user_with_role(Role.ANALIST, "GM0479"))
    geometry = {"type": "Polygon", "coordinates": [circle(200_000)], "bbox": [0, 0, 9, 9]}
    content = feature_collection(
        geometry, id="x" * 1000, extra={"opvulling": "x" * 100_000}
    ).replace(b'"statcode": "WK047912"', b'"statcode": "WK047912", "naam": "' + b"y" * 1000 + b'"')
    assert len(content) > 5_000_000
    page = upload(client, content)
    assert "1 wijkgrenzen opgeslagen." in page
    stored = RegionGeometry.objects.get(region__code="WK047912", region__vintage=2020).geojson
    assert set(stored) == {"type", "coordinates"} and stored["type"] == "Polygon"
    ring = stored["coordinates"][0]
    assert 4 <= len(ring) < 1000 and ring[0] == ring[-1]
    assert len(json.dumps(stored)) < 20_000
    # Still the same circle: every kept point lies on it (within the 1 m tolerance).
    assert all(abs(((x - 4.82) ** 2 + (y - 52.44) ** 2) ** 0.5 - 0.01) < 2e-5 for x, y in ring)
    assert all(len(str(x).split(".")[1]) <= 6 for point in ring for x in point)


@pytest.mark.issue(12)
def test_a_boundary_too_large_after_simplifying_is_refused(client: Client) -> None:
    # A zigzag whose every point is far above the tolerance: simplifying removes nothing.
    zigzag = [[4.80 + i * 1e-6, 52.44 + (i % 2) * 1e-3] for i in range(20_000)]
    ring = [*zigzag, [4.80, 52.43], zigzag[0]]
    page = refused_page(client, feature_collection({"type": "Polygon", "coordinates": [ring]}))
    assert "te groot" in page


@pytest.mark.issue(12)
def test_a_boundary_upload_is_audited(client: Client) -> None:
    from ruggensteun.audit.models import AuditEvent

    analyst = user_with_role(Role.ANALIST, "GM0479")
    client.force_login(analyst)
    upload(client, collection(ZAANSTAD_WIJKEN), name="zaanstad.geojson")
    run = ImportRun.objects.get(source="wijkgrenzen-geojson")
    event = AuditEvent.objects.get(action="import.upload", actor=analyst)
    assert event.object_id == str(run.pk) and event.area_code == "GM0479"
    assert event.after == {
        "source": "wijkgrenzen-geojson",
        "file": "zaanstad.geojson",
        "rows_accepted": 6,
    }
