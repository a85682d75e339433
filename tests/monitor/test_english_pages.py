"""English pages write English numbers and units (issue 15 item 9): the visitor chooses English
with the language switch (POST /taal/, Django's language cookie) and the area, compare and wijk
pages then show 1,234 and 30.2% and "per 1,000 inhabitants"; the Dutch pages stay as they were.
Figures from the shipped data (RIVM positives 2020 for Zaanstad, GGD 2016 and 2020, CBS KWB)."""

import pytest
from django.test import Client
from django.utils import translation

from ruggensteun.monitor.catalogue import load
from ruggensteun.monitor.cells import cell
from ruggensteun.monitor.charts.base import indicator_number, unit_title
from ruggensteun.monitor.charts.choropleth import _class_labels
from ruggensteun.monitor.dashboard import indicator_line
from ruggensteun.monitor.explain import StackingShare
from ruggensteun.monitor.results import ComparisonRow, Figure

pytestmark = [pytest.mark.issue(15)]

COMPARE = "/vergelijk/?gebieden=zaandam-oost&gebieden=heerlen-noord&domein=werk_inkomen"
POSITIVES = ">People testing positive per 100,000 inhabitants</abbr>"
DUTCH_UNITS = ("(per 1.000 inwoners)", "(per 100.000 inwoners)", "(× € 1.000)")


def english(client: Client) -> Client:
    response = client.post("/taal/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def row_of(html: str, header: str) -> str:
    row = html[html.index(header) :]
    return row[: row.index("</tr>")]


def test_a_cell_follows_the_language() -> None:
    # Hand-computed: 27,9 in 2016, 23,7 in 2020 -> -4,2; a rate of 5.196,4 per 100.000 with its
    # interval 5.084,2 - 5.310,0 (no decimals from 100 on).
    paired = (Figure(value=23.7), "percent", Figure(value=27.9))
    rate = Figure(value=5196.4, lower=5084.2, upper=5310.0)
    with translation.override("en"):
        en = cell(paired[0], paired[1], before=paired[2])
        assert (en.before, en.text, en.change) == ("27.9", "23.7%", "-4.2")
        assert (cell(rate, "per_100000").text, cell(rate, "per_100000").interval) == (
            "5,196",
            "5,084 – 5,310",
        )
    with translation.override("nl"):
        nl = cell(paired[0], paired[1], before=paired[2])
        assert (nl.before, nl.text, nl.change) == ("27,9", "23,7%", "-4,2")
        assert cell(rate, "per_100000").interval == "5.084 – 5.310"


def test_the_change_and_the_stacking_share_follow_the_language() -> None:
    indicator = load().indicators["ggd_moeite_rondkomen"]
    row = ComparisonRow(
        "ggd_moeite_rondkomen", "2020", area=Figure(value=30.2, change=-5.4), baseline="2016"
    )
    share = StackingShare(wijken=3150, flagged=315, percent=10.0)
    with translation.override("en"):
        assert indicator_line(indicator, row, [], "2020", own="wijk").change.endswith(
            "-5.4 since 2016"
        )
        assert share.text().endswith("(315 of 3,150 districts)")
    with translation.override("nl"):
        assert indicator_line(indicator, row, [], "2020", own="wijk").change == (
            "wijk -5,4 sinds 2016"
        )
        assert share.text().endswith("(315 van 3.150 wijken)")


def test_charts_write_the_unit_and_numbers_in_the_language() -> None:
    bijstand = load().indicators["kwb_bijstand_per_1000"]
    with translation.override("en"):
        assert unit_title(bijstand).endswith("per 1,000 inhabitants")
        assert indicator_number(1234.5, load().indicators["ggd_moeite_rondkomen"]) == "1,234.5%"
        # The map's legend classes: hand-made breaks between 12.5 and 104.25 per 1,000.
        assert _class_labels([40.0], [12.5, 104.25], bijstand) == ["12.5 – 40.0", "40.0 – 104"]
    with translation.override("nl"):
        assert unit_title(bijstand).endswith("per 1.000 inwoners")
        assert _class_labels([40.0], [12.5, 104.25], bijstand) == ["12,5 – 40,0", "40,0 – 104"]
        assert indicator_number(1234.5, load().indicators["ggd_moeite_rondkomen"]) == "1.234,5%"


@pytest.mark.django_db
def test_the_english_area_page_writes_english_numbers_and_units(client: Client) -> None:
    html = english(client).get("/gebieden/zaandam-oost/").content.decode()
    assert '<html lang="en"' in html
    # Zaanstad's positives per 100,000 in 2020: 5,196 (interval 5,084 - 5,310), NL 4,556.
    positives = row_of(html, POSITIVES)
    assert '<span class="rs-muted">(per 100,000 inhabitants)</span>' in positives
    assert '<td class="rs-num">5,196<br>' in positives and "5,084 – 5,310" in positives
    assert '<td class="rs-num">4,556<br>' in positives
    assert "156,794" in html  # Zaanstad's inhabitants (CBS KWB 2020)
    assert "(315 of 3,150 districts)" in html
    assert not any(unit in html for unit in DUTCH_UNITS)


@pytest.mark.django_db
def test_the_dutch_area_page_is_unchanged(client: Client) -> None:
    html = client.get("/gebieden/zaandam-oost/").content.decode()
    positives = row_of(html, ">Positief geteste personen per 100.000 inwoners</abbr>")
    assert '<span class="rs-muted">(per 100.000 inwoners)</span>' in positives
    assert '<td class="rs-num">5.196<br>' in positives and "5.084 – 5.310" in positives
    assert "156.794" in html and "(315 van 3.150 wijken)" in html
    assert "per 1,000 inhabitants" not in html


@pytest.mark.django_db
def test_the_english_compare_page_writes_english_numbers_and_units(client: Client) -> None:
    html = english(client).get(COMPARE).content.decode()
    meet = row_of(html, '<th scope="row">Difficulty making ends meet <span')
    # Heerlen Noord's own 2020 figure 19.7% (Heerlen 17.7%); Zaandam Oost's range over its
    # wijken, Pelders- en Hoornseveld 21.7% to Poelenburg 30.2%.
    assert "<strong>19.7%</strong>" in meet and "17.7%" in meet
    assert "not computable; districts 21.7% – 30.2%" in meet
    bijstand = row_of(html, "People on social assistance per 1,000 inhabitants <span")
    assert "(per 1,000 inhabitants)" in bijstand
    assert 'title="95% confidence interval"' in html
    assert not any(unit in html for unit in DUTCH_UNITS)


@pytest.mark.django_db
def test_the_english_wijk_page_writes_english_numbers(client: Client) -> None:
    html = english(client).get("/wijken/WK047912/").content.decode()
    # Poelenburg's difficulty making ends meet: 35.6% in 2016, 30.2% in 2020.
    assert '<span class="rs-before">35.6&nbsp;→</span> 30.2%' in html
    assert 'Difficulty making ends meet</abbr> <span class="rs-muted">(%)</span>' in html
    assert not any(unit in html for unit in DUTCH_UNITS)
