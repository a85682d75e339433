"""The choropleth credits the boundaries it draws from their stored source (issue 15): the
shipped CBS/Kadaster boundaries of Amsterdam, or an analyst's upload, never a fixed text."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Role
from ruggensteun.areas.importers.amsterdam_boundaries import SOURCE, STORED_SOURCE
from ruggensteun.areas.importers.wijk_boundaries import UPLOADED
from ruggensteun.areas.models import FocusArea, RegionGeometry
from ruggensteun.areas.selectors import wijk_boundaries
from ruggensteun.areas.services import region_geometries_store
from ruggensteun.imports.services import import_execute
from ruggensteun.monitor import charts
from tests.accounts.factories import user_with_role
from tests.areas.test_wijk_boundaries import ZAANSTAD_WIJKEN, collection

pytestmark = [pytest.mark.django_db, pytest.mark.issue(15)]


def map_data(page: str) -> dict[str, object]:
    script = page.split('id="wijkkaart" type="application/json">')[1].split("</script>")[0]
    data: dict[str, object] = json.loads(script)
    return data


def test_amsterdam_zuidoost_credits_the_shipped_boundaries(client: Client) -> None:
    import_execute(source=SOURCE)  # skipped when the session's data already holds them
    area = FocusArea.objects.get(slug="amsterdam-zuidoost")
    indicator = charts.chosen_indicator(area, None)
    assert indicator is not None
    drawn = charts.choropleth(area, indicator, wijk_boundaries(area.municipality))
    assert drawn is not None
    assert drawn.sources == [STORED_SOURCE]
    assert drawn.features["sources"] == [STORED_SOURCE]
    assert drawn.features["credit"] == (
        "wijkgrenzen: CBS/Kadaster Wijk- en Buurtkaart 2021, vereenvoudigd (meegeleverd)"
    )
    data = map_data(client.get(reverse("focus-area-detail", args=["amsterdam-zuidoost"])).text)
    assert data["sources"] == [STORED_SOURCE]
    assert len(data["features"]) == 99  # type: ignore[arg-type]
    assert "upload analist" not in json.dumps(data)


def test_an_uploaded_map_credits_the_upload_and_its_file(client: Client) -> None:
    client.force_login(user_with_role(Role.ANALIST, "GM0479"))
    name = "zaanstad <wijken> & co.geojson"
    client.post(
        reverse("wijk-boundaries-upload", args=["GM0479"]),
        {"file": SimpleUploadedFile(name, collection(ZAANSTAD_WIJKEN))},
    )
    page = client.get(reverse("focus-area-detail", args=["zaandam-oost"])).text
    data = map_data(page)
    stored = RegionGeometry.objects.get(region__code="WK047912", region__vintage=2020).source
    assert stored.startswith(UPLOADED) and "wijken" in stored
    assert data["sources"] == [stored]
    assert data["credit"] == f"wijkgrenzen: {stored}"
    assert "<" not in stored and "&" not in stored  # the upload keeps a file-system-safe name


def test_a_source_with_markup_reaches_the_page_escaped(client: Client) -> None:
    """Whatever a stored source holds, the page embeds it as JSON with markup escaped; the
    script then shows it as text (boundary-map.js)."""
    hostile = 'Gemeente <img src=x onerror="alert(1)"> & co'
    shapes = json.loads(collection(ZAANSTAD_WIJKEN))["features"]
    region_geometries_store(
        vintage=2020,
        geometries={f["properties"]["statcode"]: f["geometry"] for f in shapes},
        source=hostile,
    )
    page = client.get(reverse("focus-area-detail", args=["zaandam-oost"])).text
    script = page.split('id="wijkkaart"')[1].split("</script>")[0]
    assert "<img" not in script and hostile not in page
    assert map_data(page)["credit"] == f"wijkgrenzen: {hostile}"
