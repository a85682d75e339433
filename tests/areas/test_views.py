import json

import pytest
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Role, User
from ruggensteun.areas.models import FocusArea, MatchMethod, Region
from ruggensteun.areas.services import FocusAreaError, focus_area_define
from tests.accounts.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst() -> User:
    return user_with_role(Role.ANALIST, "GM0479", email="analist@example.org")


def test_home_lists_the_areas_by_city_with_population(
    client: Client, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    # programmes, area count, monitor version, areas version (4), practices version (3), imports
    # version, then on a
    # cache miss: areas with programmes and members, result set, domain results, the map's
    # outline and municipalities, adoptions per area (3)
    with django_assert_num_queries(21):
        response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/gebieden/zaandam-oost/"' in html
    assert "Zaanstad" in html and "156.794" in html
    assert html.count("<tbody>") == 19 + 1  # 20 areas in 19 municipalities, and the gap table
    assert "slechtste 10%" in html
    body = html.split("<body", 1)[1]
    assert (
        '<h2 class="utrecht-heading-2" id="gaten">Welke cijfers er zijn, en welke niet</h2>' in body
    )
    assert "<title>Focusgebieden · Ruggensteun</title>" in html
    # The map: the Netherlands' outline and the 19 municipalities, each naming its areas.
    map_json = html.split('id="overzichtskaart-data" type="application/json">', 1)[1]
    features = json.loads(map_json.split("</script>", 1)[0])["features"]
    assert [f["properties"]["kind"] for f in features].count("gemeente") == 19
    zaanstad = next(f for f in features if f["properties"].get("name") == "Zaanstad")
    assert zaanstad["properties"]["areas"] == ["Zaandam Oost"]
    assert zaanstad["properties"]["anchor"] == "gm-GM0479" and 'id="gm-GM0479"' in html
    with django_assert_num_queries(11):  # the table comes from the cache now
        again = client.get("/").content.decode()
    assert again.count("slechtste 10%") == html.count("slechtste 10%")


def test_home_filters_by_programme(client: Client) -> None:
    manifest = client.get("/", {"programma": "manifest16"}).content.decode()
    assert "Zaandam Oost" in manifest and "Delft West" not in manifest
    assert "16 gebieden" in manifest
    nplv = client.get("/", {"programma": "nplv20"}).content.decode()
    assert "Delft West" in nplv and "20 gebieden" in nplv
    unknown = client.get("/", {"programma": "<script>"}).content.decode()
    assert "20 gebieden" in unknown and "<script>" not in unknown


def test_area_page_lists_members_with_codes_and_the_map(client: Client) -> None:
    response = client.get("/gebieden/zaandam-oost/")
    html = response.content.decode()
    assert response.status_code == 200
    for code, name in [
        ("WK047911", "Zaandam Zuid"),
        ("WK047912", "Poelenburg"),
        ("WK047913", "Pelders- en Hoornseveld"),
        ("WK047914", "Rosmolenwijk"),
        ("WK047915", "Kogerveldwijk"),
    ]:
        assert code in html and name in html
    assert 'id="gemeentegrens" type="application/json"' in html
    assert '"type": "Polygon"' in html or '"type": "MultiPolygon"' in html


def test_area_page_shows_unmatched_names(client: Client) -> None:
    html = client.get("/gebieden/den-haag-zuidwest/").content.decode()
    assert "Niet gekoppelde namen uit de bron" in html
    assert "Bouwlust" in html and "WK051833" in html


def test_unknown_area_is_404(client: Client) -> None:
    assert client.get("/gebieden/bestaat-niet/").status_code == 404


def test_creating_an_area_needs_the_permission(client: Client) -> None:
    url = reverse("focus-area-create")
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(user_with_role(Role.PROFESSIONAL, "WK047912"))
    assert client.get(url).status_code == 403


def test_an_analyst_defines_areas_only_in_the_own_municipality(
    client: Client, analyst: User
) -> None:
    client.force_login(analyst)
    page = client.get(reverse("focus-area-create"))
    assert list(page.context["municipalities"]) == [Region.objects.get(vintage=2020, code="GM0479")]
    assert client.get(reverse("focus-area-create"), {"gemeente": "GM0518"}).status_code == 403
    den_haag = Region.objects.get(vintage=2020, code="GM0518")
    moerwijk = Region.objects.get(vintage=2020, code="WK051836")
    with pytest.raises(FocusAreaError, match="binnen de eigen gemeente"):
        focus_area_define(actor=analyst, name="Elders", municipality=den_haag, members=[moerwijk])


def test_an_analyst_defines_an_own_area_from_buurten(client: Client, analyst: User) -> None:
    client.force_login(analyst)
    buurten = Region.objects.filter(vintage=2020, code__in=["BU04791120", "BU04791210"])
    page = client.get(reverse("focus-area-create"), {"gemeente": "GM0479"}).content.decode()
    assert "Bomenbuurt" in page and "BU04791120" in page
    response = client.post(
        reverse("focus-area-create"),
        {
            "gemeente": "GM0479",
            "name": "Bomenbuurt en Poelenburg",
            "members": [b.pk for b in buurten],
        },
    )
    assert response.status_code == 302
    area = FocusArea.objects.get(slug="bomenbuurt-en-poelenburg")
    assert area.created_by == analyst and not area.is_default
    assert sorted(area.members.values_list("region__code", flat=True)) == [
        "BU04791120",
        "BU04791210",
    ]
    assert set(area.members.values_list("match_method", flat=True)) == {MatchMethod.MANUAL}


def test_a_wijk_and_its_own_buurt_together_are_refused(client: Client, analyst: User) -> None:
    client.force_login(analyst)
    chosen = Region.objects.filter(vintage=2020, code__in=["WK047912", "BU04791210"])
    response = client.post(
        reverse("focus-area-create"),
        {"gemeente": "GM0479", "name": "Dubbel", "members": [r.pk for r in chosen]},
    )
    assert response.status_code == 200
    assert "ligt in een gekozen wijk" in response.content.decode()
    assert not FocusArea.objects.filter(name="Dubbel").exists()
