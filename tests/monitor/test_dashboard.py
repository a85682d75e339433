"""The area dashboard and downloads, as a visitor gets them."""

import csv
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_dashboard_shows_narrative_stacking_wijk_values_and_reasons(client: Client) -> None:
    html = client.get("/gebieden/zaandam-oost/").content.decode()
    assert "Samenvatting" in html and "Stapeling van problemen" in html
    # Poelenburg's published 2020 figure for making ends meet, in Dutch notation.
    assert "30,2%" in html
    assert "niet berekenbaar" in html  # the area total of an estimate
    assert (
        "Nog geen cijfers beschikbaar" in html
        and "Geregistreerde misdrijven per 1.000 inwoners" in html
    )
    assert "Cijfer van veiligheidsregio Zaanstreek-Waterland (VR11)" in html


def test_csv_download_reads_back_with_definitions(client: Client) -> None:
    response = client.get("/gebieden/zaandam-oost/cijfers.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    poelenburg = next(
        r
        for r in rows
        if r["CBS-code"] == "WK047912"
        and r["indicator-id"] == "ggd_moeite_rondkomen"
        and r["periode"] == "2020"
    )
    assert poelenburg["waarde"] == "30,2"
    assert poelenburg["gemeente"] == "17,9" and poelenburg["Nederland"] == "13,9"
    assert poelenburg["definitie"].startswith("Aandeel volwassenen dat moeite heeft")
    area = next(
        r
        for r in rows
        if r["gebied of wijk"] == "Zaandam Oost"
        and r["indicator-id"] == "ggd_moeite_rondkomen"
        and r["periode"] == "2020"
    )
    assert area["waarde"] == "" and area["reden als de waarde ontbreekt"] == "niet berekenbaar"


def test_xlsx_download_has_figures_and_indicator_definitions(client: Client) -> None:
    response = client.get("/gebieden/zaandam-oost/cijfers.xlsx")
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["cijfers", "indicatoren", "toelichting"]
    header, *rows = list(workbook["cijfers"].iter_rows(values_only=True))
    index = {name: i for i, name in enumerate(header)}
    values = [
        r
        for r in rows
        if r[index["CBS-code"]] == "WK047912"
        and r[index["indicator-id"]] == "ggd_moeite_rondkomen"
        and r[index["periode"]] == "2020"
    ]
    assert values[0][index["waarde"]] == 30.2
    definitions = {r[0]: r for r in workbook["indicatoren"].iter_rows(values_only=True)}
    assert definitions["kwb_laag_opgeleid"][7] == "ja"  # derived
    assert definitions["kwb_bijstand_per_1000"][7] == "nee"  # rounded, tested (issue 15)


def test_unknown_area_or_format_is_404(client: Client) -> None:
    assert client.get("/gebieden/zaandam-oost/cijfers.pdf").status_code == 404
    assert client.get("/gebieden/nergens/cijfers.csv").status_code == 404


def test_wijk_page_shows_values_percentiles_and_its_focus_area(client: Client) -> None:
    html = client.get("/wijken/WK047912/").content.decode()
    assert "Wijk 12 Poelenburg" in html and "Zaandam Oost" in html
    assert "30,2%" in html and "17,9%" in html and "13,9%" in html
    assert "Percentiel onder alle wijken" in html
    # Rounded KWB counts are tested since issue 15, so they get their interval (24,2 per 1.000
    # for Zaanstad).
    assert "24,2" in html and "23,5 – 25,0" in html
    assert client.get("/wijken/WK000000/").status_code == 404


def test_english_is_a_choice_not_the_browser_default(client: Client) -> None:
    dutch = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nl"' in dutch and "Focusgebieden" in dutch
    response = client.post("/taal/", {"language": "en", "next": "/gebieden/zaandam-oost/"})
    assert response.status_code == 302 and response["Location"] == "/gebieden/zaandam-oost/"
    english = client.get("/gebieden/zaandam-oost/").content.decode()
    assert '<html lang="en"' in english
    assert "Difficulty making ends meet" in english  # the catalogue's English name


def test_compare_two_areas_side_by_side(client: Client) -> None:
    html = client.get(
        "/vergelijk/", {"gebieden": ["zaandam-oost", "utrecht-overvecht"], "domein": "werk_inkomen"}
    ).content.decode()
    assert "Zaandam Oost" in html and "Utrecht Overvecht" in html
    assert "17,9%" in html  # Zaanstad's making-ends-meet share, 2020
    assert "niet berekenbaar" in html  # Zaandam Oost as a whole
    assert "Eenzaam" not in html  # another domain
    one = client.get("/vergelijk/", {"gebieden": "zaandam-oost"}).content.decode()
    assert "Kies twee tot vier gebieden" in one
    five = client.get(
        "/vergelijk/",
        {
            "gebieden": [
                "zaandam-oost",
                "utrecht-overvecht",
                "arnhem-oost",
                "breda-noord",
                "delft-west",
            ]
        },
    )
    assert "Vergelijk ten hoogste 4 gebieden" in five.content.decode()


def test_overview_download_has_one_row_per_area_with_its_domain_flags(client: Client) -> None:
    response = client.get("/overzicht.csv", {"programma": "manifest16"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 16
    zaandam = next(r for r in rows if r["gebied"] == "Zaandam Oost")
    assert zaandam["gemeentecode"] == "GM0479" and zaandam["wijken"] == "5"
    # The same stacking the page shows: count of flagged domains equals the "ja" cells.
    flags = [v for k, v in zaandam.items() if k.endswith("slechtste 10%")]
    assert int(zaandam["stapeling"]) == flags.count("ja")
    workbook = load_workbook(io.BytesIO(client.get("/overzicht.xlsx").content), read_only=True)
    assert workbook.sheetnames == ["tabel", "indicatoren", "toelichting"]
    assert len(list(workbook["tabel"].iter_rows(values_only=True))) == 1 + 20


def test_compare_download_matches_the_page(client: Client) -> None:
    query = {"gebieden": ["zaandam-oost", "utrecht-overvecht"], "domein": "werk_inkomen"}
    page = client.get("/vergelijk/", query).content.decode()
    assert "/vergelijk/tabel.csv?" in page
    response = client.get("/vergelijk/tabel.csv", query)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    making_ends_meet = next(r for r in rows if r["indicator-id"] == "ggd_moeite_rondkomen")
    assert making_ends_meet["Zaanstad (gemeente van Zaandam Oost)"] == "17,9%"
    # The area has no figure of its own: the reason, with the range over its wijken.
    assert making_ends_meet["Zaandam Oost"] == "niet berekenbaar; wijken 21,7% – 30,2%"
    assert making_ends_meet["definitie"].startswith("Aandeel volwassenen")
    assert {r["domein"] for r in rows} == {"werk en inkomen"}
    assert client.get("/vergelijk/tabel.csv", {"gebieden": "zaandam-oost"}).status_code == 404


def test_area_charts_come_with_a_text_and_a_table(client: Client) -> None:
    html = client.get(
        "/gebieden/zaandam-oost/", {"indicator": "ggd_moeite_rondkomen"}
    ).content.decode()
    charts = html.split('id="grafieken"', 1)[1]
    assert charts.count('<svg role="img"') == 3  # trend, wijken ranked, COVID-19 by period
    # The ranked wijken: Poelenburg first with Zaanstad's highest share (30,2%).
    assert "Hoogste: Wijk 12 Poelenburg (30,2%)" in charts
    assert "Wijk 12 Poelenburg op plaats 1 (30,2%)" in charts
    assert (
        '<th scope="row">1</th><td>Wijk 12 Poelenburg *</td><td class="rs-num">30,2%</td>' in charts
    )
    # The trend, 2016 to 2020, in words: Poelenburg 35,6% → 30,2%, Zaanstad 22,8% → 17,9%.
    assert "Wijk 12 Poelenburg van 35,6% naar 30,2%" in charts
    assert "Zaanstad van 22,8% naar 17,9%" in charts
    # An unknown indicator falls back to the default instead of failing.
    fallback = client.get("/gebieden/zaandam-oost/", {"indicator": "<script>"})
    assert fallback.status_code == 200 and "<script>" not in fallback.content.decode()


def test_english_dashboard_has_english_sentences_labels_and_programmes(client: Client) -> None:
    client.post("/taal/", {"language": "en", "next": "/"})
    html = client.get("/gebieden/zaandam-oost/").content.decode()
    assert "Manifesto: 16 areas" in html
    assert "work and income" in html
    # No figure of Zaanstad or its safety region differs from Nederland beyond the normal spread
    # between municipalities (issue 14): the summary has no comparison sentences in any language.
    assert "hoger dan" not in html and "lager dan" not in html
    assert "There are no figures yet for" in html
    assert "not computable" in html and "niet berekenbaar" not in html


@pytest.mark.issue(13)
def test_dashboard_query_count_is_pinned(client: Client, django_assert_num_queries: Any) -> None:
    # Always (15): the area with its programmes, members and unmatched names (4), the
    # municipality's outline, the result set, the wijk boundaries, the signals version,
    # practices in the area; similar practices: result set and domain flags, published
    # practices, result set and similar areas (5); the curation decisions (1; their wijk
    # names only when there are decisions, issue 15).
    # With cold fragment caches (22 more):
    # - the dashboard (6): result set, members, the comparison rows of the area and all its
    #   wijken in one query (monitor.selectors.member_comparisons), domain results, result
    #   set and similar areas;
    # - the signals beside the figures (5): members and public signals (2), and for all
    #   domains together result set, members and the wijken's comparison rows (3; one
    #   member_comparisons read by signals.selectors.figures_direction);
    # - the charts (11): trend rows (2), members and observations of the wijken (2); the
    #   ranking's members, observations and wijken (3); COVID-19 rows (2), members and
    #   observations (2).
    with django_assert_num_queries(15 + 22):
        cold = client.get("/gebieden/zaandam-oost/")
    assert cold.status_code == 200
    with django_assert_num_queries(15):
        warm = client.get("/gebieden/zaandam-oost/")
    assert "30,2%" in warm.content.decode()  # the dashboard fragment, from the cache
