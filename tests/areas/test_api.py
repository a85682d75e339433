import pytest
import yaml
from django.test import Client

from ruggensteun.areas.models import Region

pytestmark = pytest.mark.django_db


def test_focus_areas_api_gives_slug_programmes_municipality_and_members(client: Client) -> None:
    response = client.get("/api/v1/focus-areas/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 20
    zaandam = next(area for area in body["results"] if area["slug"] == "zaandam-oost")
    assert zaandam["name"] == "Zaandam Oost"
    assert zaandam["gm_code"] == "GM0479"
    assert zaandam["programmes"] == ["manifest16", "nplv20"]
    assert zaandam["vintage"] == 2020
    assert zaandam["member_codes"] == ["WK047911", "WK047912", "WK047913", "WK047914", "WK047915"]


def test_focus_area_detail_and_programme_filter(client: Client) -> None:
    unmatched = client.get("/api/v1/focus-areas/den-haag-zuidwest/").json()["unmatched_names"]
    assert [item["listed_name"] for item in unmatched] == ["Bouwlust", "Vrederust"]
    assert client.get("/api/v1/focus-areas/", {"programme": "manifest16"}).json()["count"] == 16
    assert client.get("/api/v1/focus-areas/nergens/").status_code == 404


def test_regions_filter_by_level_municipality_and_vintage(client: Client) -> None:
    body = client.get(
        "/api/v1/regions/", {"level": "wijk", "gemeente": "GM0479", "vintage": "2020"}
    ).json()
    assert body["count"] == 19
    first = body["results"][0]
    assert first == {
        "code": "WK047911",
        "name": "Wijk 11 Zaandam Zuid",
        "level": "wijk",
        "vintage": 2020,
        "parent_code": "GM0479",
        "population": None,
        "population_source": "",
    }
    gemeente = client.get(
        "/api/v1/regions/", {"level": "gemeente", "gemeente": "GM0479", "vintage": "2020"}
    ).json()
    assert gemeente["results"][0]["population"] == 156794


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"level": "provincie"}, "level"),
        ({"gemeente": "Zaanstad"}, "gemeente"),
        ({"vintage": "twintig"}, "vintage"),
    ],
)
def test_bad_region_filters_get_a_dutch_400(
    client: Client, params: dict[str, str], field: str
) -> None:
    response = client.get("/api/v1/regions/", params)
    assert response.status_code == 400
    assert field in response.json()


def test_openapi_document_in_json_and_yaml(client: Client) -> None:
    as_json = client.get("/api/v1/schema/", {"format": "json"})
    assert as_json.status_code == 200
    paths = as_json.json()["paths"]
    assert {"/api/v1/focus-areas/", "/api/v1/regions/", "/api/v1/focus-areas/{slug}/"} <= set(paths)
    as_yaml = yaml.safe_load(client.get("/api/v1/schema/", {"format": "yaml"}).content)
    assert as_yaml["openapi"].startswith("3.")
    assert client.get("/api/v1/docs/").status_code == 200


def test_the_api_is_read_only(client: Client) -> None:
    assert client.post("/api/v1/focus-areas/", {"slug": "x"}).status_code in {401, 403, 405}


@pytest.mark.issue(15)
def test_each_unmatched_name_carries_its_decision(client: Client) -> None:
    area = client.get("/api/v1/focus-areas/heerlen-noord/").json()
    assert area["member_codes"] == [f"WK0917{n}" for n in (10, 11, 12, 13, 14, 20, 21, 22, 23, 24)]
    hoensbroek = next(i for i in area["unmatched_names"] if i["listed_name"] == "Hoensbroek")
    assert hoensbroek["reason"] == "Geen CBS-wijk met deze naam in de gemeente."
    assert hoensbroek["suggestions"] == ["WK091712 Wijk 12 Hoensbroek-De Dem"]
    decision = hoensbroek["decision"]
    assert decision["codes"] == ["WK091710", "WK091711", "WK091712", "WK091713", "WK091714"]
    assert decision["confidence"] == "high"
    assert decision["reason"].startswith("Hoensbroek is een stadsdeel")
    assert decision["source"] == "meegeleverde samenstelling (curation.csv)"
    assert (decision["current"], decision["superseded_at"]) == (True, None)
    zaandam = client.get("/api/v1/focus-areas/zaandam-oost/").json()
    assert zaandam["unmatched_names"] == []


@pytest.mark.issue(15)
def test_population_is_the_sum_of_known_member_populations_else_null(client: Client) -> None:
    url = "/api/v1/focus-areas/den-haag-zuidwest/"
    codes = client.get(url).json()["member_codes"]
    assert codes == ["WK051833", "WK051834", "WK051836"]
    wijken = Region.objects.filter(vintage=2020, code__in=codes).order_by("code")
    Region.objects.filter(pk=wijken[0].pk).update(population=1000, population_source="test A")
    Region.objects.filter(pk=wijken[1].pk).update(population=250, population_source="test B")
    # Moerwijk's inhabitants are unknown: no sum.
    Region.objects.filter(pk=wijken[2].pk).update(population=None, population_source="")
    assert client.get(url).json()["population"] is None
    Region.objects.filter(pk=wijken[2].pk).update(population=5, population_source="test A")
    assert client.get(url).json()["population"] == {
        "value": 1255,
        "year": 2020,
        "source": "test A; test B",
    }
