"""The compare page compares areas by their own figures, and the wijk page names its own unit
and the safety region whose figures stand in its municipality's column (issue 15, items 6 and 9).
Figures from the shipped data (GGD 2016 and 2020, RIVM tests per safety region)."""

import pytest
from django.test import Client

from ruggensteun.monitor.catalogue import load
from ruggensteun.monitor.cells import cell
from ruggensteun.monitor.dashboard import indicator_line
from ruggensteun.monitor.results import ComparisonRow, Figure

pytestmark = [pytest.mark.issue(15)]

COMPARE = "/vergelijk/?gebieden=zaandam-oost&gebieden=heerlen-noord&domein=werk_inkomen"


def test_a_cell_pairs_the_baseline_with_the_change() -> None:
    # Hand-computed: 27,9 in 2016, 23,7 in 2020 -> -4,2; the stored change wins when present.
    paired = cell(Figure(value=23.7), "percent", before=Figure(value=27.9))
    assert (paired.before, paired.text, paired.change) == ("27,9", "23,7%", "-4,2")
    stored = cell(Figure(value=23.7, change=-4.25), "percent", before=Figure(value=27.9))
    assert stored.change == "-4,2"
    assert cell(Figure(value=23.7), "percent", before=Figure()).before == ""


def test_a_wijk_names_its_own_change_wijk() -> None:
    indicator = load().indicators["ggd_moeite_rondkomen"]
    row = ComparisonRow(
        "ggd_moeite_rondkomen", "2020", area=Figure(value=30.2, change=-5.4), baseline="2016"
    )
    assert indicator_line(indicator, row, [], "2020", own="wijk").change == "wijk -5,4 sinds 2016"
    assert indicator_line(indicator, row, [], "2020").change.startswith("gebied ")


@pytest.mark.django_db
def test_the_compare_page_shows_each_areas_own_figure(client: Client) -> None:
    html = client.get(COMPARE).content.decode()
    row = html[html.index('<th scope="row">Moeite met rondkomen <span') :]
    row = row[: row.index("</tr>")]
    # Heerlen Noord has its own 2020 figure (19,7%; Heerlen 17,7%); Zaandam Oost has none and
    # says why, with the range over its five wijken (Pelders- en Hoornseveld 21,7% to
    # Poelenburg 30,2%), not a blank cell.
    assert "<strong>19,7%</strong>" in row and "17,7%" in row
    assert "niet berekenbaar; wijken 21,7% – 30,2%" in row
    # The domain choice: labelled radio buttons, the chosen one checked.
    assert '<legend class="utrecht-form-fieldset__legend">Domein</legend>' in html
    assert 'id="domein-werk_inkomen" name="domein" value="werk_inkomen" checked' in html


@pytest.mark.django_db
def test_the_wijk_page_shows_before_and_during_and_labels_the_region(client: Client) -> None:
    html = client.get("/wijken/WK047912/").content.decode()
    # Poelenburg's difficulty making ends meet: 35,6% in 2016, 30,2% in 2020.
    assert '<span class="rs-before">35,6&nbsp;→</span> 30,2%' in html
    assert "gebied -" not in html and "gebied +" not in html
    # GGD tests are published per safety region: Zaanstad's column holds VR11's figure.
    tests = html[html.index(">GGD-testen per 1.000 inwoners<") :]
    assert "Veiligheidsregio Zaanstreek-Waterland" in tests[: tests.index("</tr>")]
    ggd = html[html.index(">Moeite met rondkomen<") :]
    assert "Veiligheidsregio" not in ggd[: ggd.index("</tr>")]
