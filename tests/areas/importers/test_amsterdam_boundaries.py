"""Amsterdam's shipped wijk boundaries (`areas/importers/amsterdam_boundaries.py`, loaded once
per session like `make data`): 99 wijken stored simplified, the area pages of Zuidoost and
Nieuw-West draw the choropleth without an upload, broken files are refused with nothing stored,
a second run changes nothing, and an analyst's upload still replaces a shipped boundary."""

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Role
from ruggensteun.areas.importers.amsterdam_boundaries import SOURCE, STORED_SOURCE
from ruggensteun.areas.models import FocusArea, RegionGeometry
from ruggensteun.imports.models import ImportRun, ImportStatus
from ruggensteun.imports.services import import_execute
from tests.accounts.factories import user_with_role
from tests.imports.checks import rejected

pytestmark = [pytest.mark.django_db, pytest.mark.issue(15)]

FOLDER = Path("cbs_kwb_amsterdam_wijken_2016_2021")
STEM = "wijkgrenzen_amsterdam_2021"
SUFFIXES = (".shp", ".dbf", ".prj", ".cpg")
# The README's bounding box of the 99 polygons: 4.729–5.068 E, 52.278–52.431 N.
BOX = (4.7287, 52.2781, 5.0685, 52.4311)


def amsterdam() -> dict[str, RegionGeometry]:
    shapes = RegionGeometry.objects.filter(
        region__vintage=2020, region__code__startswith="WK0363"
    ).select_related("region")
    return {shape.region.code: shape for shape in shapes}


def copies(data_dir: Path, tmp_path: Path) -> list[Path]:
    paths = []
    for suffix in SUFFIXES:
        target = tmp_path / f"{STEM}{suffix}"
        shutil.copyfile(data_dir / FOLDER / f"{STEM}{suffix}", target)
        paths.append(target)
    return paths


def positions(geometry: dict[str, Any]) -> list[list[float]]:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [point for polygon in polygons for ring in polygon for point in ring]


def test_make_data_stores_the_99_wijk_boundaries_of_amsterdam_simplified() -> None:
    shapes = amsterdam()
    assert len(shapes) == 99
    assert {shape.source for shape in shapes.values()} == {STORED_SOURCE}
    run = ImportRun.objects.get(source=SOURCE, status=ImportStatus.SUCCEEDED)
    assert (run.rows_read, run.rows_accepted) == (99, 99)
    # Waterland (WK036373) has three separate parts in the file; Driemond (WK036398) one ring.
    waterland, driemond = shapes["WK036373"].geojson, shapes["WK036398"].geojson
    assert waterland["type"] == "MultiPolygon" and len(waterland["coordinates"]) == 3
    assert driemond["type"] == "Polygon" and len(driemond["coordinates"]) == 1
    # Driemond, a village in the south-east, lies within 4.997–5.022 E, 52.302–52.325 N.
    assert all(4.997 < lon < 5.022 and 52.302 < lat < 52.325 for lon, lat in positions(driemond))
    every = [point for shape in shapes.values() for point in positions(shape.geojson)]
    assert all(BOX[0] <= lon <= BOX[2] and BOX[1] <= lat <= BOX[3] for lon, lat in every)
    # 78,373 points in the file, about 7,400 after simplifying at about a metre (shapes.py);
    # about 160 kB stored for Amsterdam, far under the 3 MB cap per municipality.
    assert 5_000 < len(every) < 10_000
    size = sum(len(json.dumps(s.geojson, separators=(",", ":"))) for s in shapes.values())
    assert 100_000 < size < 250_000


def test_a_second_run_changes_nothing(data_dir: Path) -> None:
    before = {code: (s.pk, s.geojson) for code, s in amsterdam().items()}
    assert import_execute(source=SOURCE).skipped
    forced = import_execute(source=SOURCE, force=True)
    assert not forced.skipped
    assert forced.run.messages == ["0 wijkgrenzen opgeslagen, 99 ongewijzigd."]
    assert {code: (s.pk, s.geojson) for code, s in amsterdam().items()} == before


def test_a_truncated_shp_is_refused_in_dutch_and_nothing_is_stored(
    data_dir: Path, tmp_path: Path
) -> None:
    RegionGeometry.objects.filter(region__code__startswith="WK0363").delete()
    paths = copies(data_dir, tmp_path)
    shp = paths[0]
    shp.write_bytes(shp.read_bytes()[:600_000])
    report = rejected(SOURCE, paths).report()
    assert (
        f"{STEM}.shp: Het .shp-bestand is afgebroken of beschadigd: de kop noemt 1259656 bytes, "
        "het bestand heeft er 600000." in report
    )
    assert amsterdam() == {}


def test_a_projection_other_than_wgs84_is_refused(data_dir: Path, tmp_path: Path) -> None:
    paths = copies(data_dir, tmp_path)
    paths[2].write_text(
        'PROJCS["RD_New",GEOGCS["GCS_Amersfoort",DATUM["D_Amersfoort",SPHEROID["Bessel_1841",'
        '6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],'
        'PROJECTION["Double_Stereographic"],UNIT["Meter",1.0]]',
        encoding="latin-1",
    )
    before = {code: s.geojson for code, s in amsterdam().items()}
    report = rejected(SOURCE, paths).report()
    assert "Het .prj-bestand noemt geen WGS84-lengte/breedte (GCS_WGS_1984) maar 'RD_New'" in report
    assert {code: s.geojson for code, s in amsterdam().items()} == before


def test_a_code_that_is_no_amsterdam_wijk_of_2020_is_refused(
    data_dir: Path, tmp_path: Path
) -> None:
    paths = copies(data_dir, tmp_path)
    dbf = paths[1]
    dbf.write_bytes(dbf.read_bytes().replace(b"WK036398", b"WK047911"))  # a Zaanstad wijk
    report = rejected(SOURCE, paths).report()
    assert "object 1: 'WK047911' is geen wijk van Amsterdam (GM0363) in de CBS-indeling 2020." in (
        report
    )


def test_a_missing_prj_is_refused(data_dir: Path, tmp_path: Path) -> None:
    paths = copies(data_dir, tmp_path)
    report = rejected(SOURCE, [paths[0], paths[1]]).report()
    assert "Het .prj-bestand van de shapefile ontbreekt" in report


def test_an_analysts_upload_replaces_a_shipped_boundary_and_a_later_run_keeps_it(
    client: Client,
) -> None:
    client.force_login(user_with_role(Role.ANALIST, "GM0363"))
    ring = [[4.95, 52.30], [4.96, 52.30], [4.96, 52.31], [4.95, 52.31], [4.95, 52.30]]
    feature = {
        "type": "Feature",
        "properties": {"WK_CODE": "WK036398"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    content = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    response = client.post(
        reverse("wijk-boundaries-upload", args=["GM0363"]),
        {"file": SimpleUploadedFile("driemond.geojson", content)},
        follow=True,
    )
    assert "1 wijkgrenzen opgeslagen." in response.content.decode()
    uploaded = amsterdam()["WK036398"]
    assert uploaded.source.startswith("Geüpload door een analist")
    assert uploaded.geojson == {"type": "Polygon", "coordinates": [ring]}

    forced = import_execute(source=SOURCE, force=True)
    assert forced.run.messages == [
        "0 wijkgrenzen opgeslagen, 98 ongewijzigd.",
        "1 wijken houden hun geüploade grens, o.a. WK036398.",
    ]
    assert amsterdam()["WK036398"].geojson == uploaded.geojson


@pytest.mark.parametrize("slug", ["amsterdam-zuidoost", "amsterdam-nieuw-west"])
def test_the_area_page_draws_the_choropleth_of_amsterdams_wijken_without_an_upload(
    client: Client, slug: str
) -> None:
    area = FocusArea.objects.get(slug=slug)
    members = {member.region.code for member in area.members.select_related("region")}
    page = client.get(reverse("focus-area-detail", args=[slug])).content.decode()
    assert '<div id="kaart" class="rs-map" role="region"' in page
    data = json.loads(
        page.split('id="wijkkaart" type="application/json">')[1].split("</script>")[0]
    )
    features = data["features"]
    assert len(features) == 99
    names = {f["properties"]["name"] for f in features if f["properties"]["in_area"]}
    assert len(names) == len(members) > 0
    assert all(f["properties"]["colour"].startswith("#") for f in features)
