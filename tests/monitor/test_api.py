import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_indicator_catalogue(client: Client) -> None:
    body = client.get("/api/v1/indicators/").json()
    assert body["count"] == len(body["results"]) >= 40
    ids = {item["id"]: item for item in body["results"]}
    assert ids["ggd_moeite_rondkomen"]["polarity"] == "higher_is_worse"
    assert ids["misdrijven_per_1000"]["is_gap"] is True
    one = client.get("/api/v1/indicators/rivm_aandeel_positief/").json()
    assert one["kind"] == "proportion" and one["data_source"] == "rivm-testen-vr"
    assert client.get("/api/v1/indicators/bestaat_niet/").status_code == 404


def test_observations_filtered_and_paginated(client: Client) -> None:
    body = client.get(
        "/api/v1/observations/", {"indicator": "ggd_moeite_rondkomen", "region": "WK047912"}
    ).json()
    values = {(o["period"], o["value"]) for o in body["results"]}
    assert values == {("2016", 35.6), ("2020", 30.2)}
    municipal = client.get(
        "/api/v1/observations/",
        {"indicator": "ggd_moeite_rondkomen", "gemeente": "GM0479", "period": "2020"},
    ).json()
    # Zaanstad itself, its 19 wijken and 50 buurten, minus those CBS did not publish.
    assert 19 < municipal["count"] <= 1 + 19 + 50
    assert client.get("/api/v1/observations/", {"region": "Poelenburg"}).status_code == 400


def test_comparisons_of_an_area_follow_the_contract(client: Client) -> None:
    rows = client.get(
        "/api/v1/focus-areas/zaandam-oost/comparisons/",
        {"indicator": "rivm_positief_per_100k", "period": "2020"},
    ).json()
    assert len(rows) == 1
    row = rows[0]
    assert row["area"]["value"] is None and row["area"]["reason"] == "source_missing"
    assert row["municipality"]["numerator"] == 8148
    # 5,196 against 4,556 per 100,000: within the normal spread of Dutch municipalities (issue 14).
    assert row["significance_municipality_nederland"] == "not_different"
    assert row["nederland"]["value"] == pytest.approx(4555.68, abs=0.01)
    assert client.get("/api/v1/focus-areas/nergens/comparisons/").status_code == 404


@pytest.mark.issue(15)
def test_comparisons_say_whether_the_municipal_figure_is_the_safety_regions(
    client: Client,
) -> None:
    url = "/api/v1/focus-areas/zaandam-oost/comparisons/"
    period = {"indicator": "rivm_aandeel_positief", "period": "tot-23-dec-2020"}
    (tests,) = client.get(url, period).json()
    # RIVM publishes GGD tests per safety region only: Zaanstad's column holds its region's.
    assert tests["reference_region"] == {
        "code": "VR11",
        "name": "Zaanstreek-Waterland",
        "level": "veiligheidsregio",
    }
    assert any("VR11" in note for note in tests["notes"])
    assert tests["municipality"]["value"] is not None  # the existing field stays (stable contract)
    (cases,) = client.get(url, {"indicator": "rivm_positief_per_100k", "period": "2020"}).json()
    assert cases["reference_region"] == {"code": "GM0479", "name": "Zaanstad", "level": "gemeente"}
