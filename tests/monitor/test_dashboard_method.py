"""What the visitor reads about the method (issue 14, items 8-10): the meaning of a stacking
flag with the share of Dutch wijken it stands for, "niet getoetst: afgeleid" for derived
indicators, and the count of hidden and published cells of an area.

Shipped data (the session's recompute): every domain flags 315 of the 3,150 Dutch wijken with a
domain score in 2020 (10.0%); Zaandam Oost is flagged in werk en inkomen (score 96.0), gezondheid
and leefbaarheid en wonen, and all five of its wijken are in the worst 10% themselves. Its 68
stored rows have a municipal figure each and no area or rest figure (GGD estimates are not
summable, the other sources have no wijk figures): 68 published cells, none hidden. Nieuwegein
Centrale As has 68 rows, one of them (COVID-19 deaths up to 23 December 2020) with a municipal
count below 5: 1 hidden (te klein), 67 published.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation

from ruggensteun.areas.models import FocusArea
from ruggensteun.monitor.catalogue import load
from ruggensteun.monitor.dashboard import area_dashboard
from ruggensteun.monitor.explain import StackingShare, cell_count_text
from ruggensteun.monitor.selectors import area_cell_counts
from ruggensteun.reports.builder import area_report
from ruggensteun.reports.stacking import UNWEIGHTED

pytestmark = pytest.mark.issue(14)

SHARE_2020 = "hoort bij de 10% slechtst scorende wijken van Nederland (315 van 3.150 wijken)"
ZAANDAM_WIJKEN = (
    "Wijk 11 Zaandam Zuid, Wijk 12 Poelenburg, Wijk 13 Pelders- en Hoornseveld, "
    "Wijk 14 Rosmolenwijk, Wijk 15 Kogerveldwijk"
)


def _rows(html: str, text: str) -> list[str]:
    """The table rows of the dashboard that contain `text` (one per period shown), as text."""
    rows = [r for r in re.findall(r"<tr>.*?</tr>", html, flags=re.S) if text in r]
    assert rows, text
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)) for row in rows]


# --- item 10: hidden and published cells -------------------------------------------------------


def test_cells_are_counted_per_level_and_reason() -> None:
    stored = [
        # Published area and municipality, rest hidden as small; Nederland never counts.
        {"area_value": 3.0, "rest_reason": "suppressed_small", "gm_value": 5.0, "nl_value": 4.0},
        # Area and rest hidden as complements, municipality published.
        {
            "area_reason": "suppressed_complement",
            "rest_reason": "suppressed_complement",
            "gm_value": 5.0,
        },
        # Empty for other reasons: neither hidden nor published.
        {"area_reason": "source_missing", "rest_reason": "not_computable", "gm_reason": ""},
    ]
    counts = area_cell_counts(FocusArea(), stored=stored)
    assert counts.published == 3
    assert dict(counts.by_reason) == {"suppressed_small": 1, "suppressed_complement": 2}
    assert counts.suppressed == 3
    assert cell_count_text(counts) == (
        "3 cellen afgeschermd (te klein: 1, herleidbaar: 2), 3 gepubliceerd"
    )
    with translation.override("en"):
        assert cell_count_text(counts) == (
            "3 cells suppressed (too small: 1, derivable: 2), 3 published"
        )


@pytest.mark.django_db
def test_the_dashboard_counts_the_hidden_and_published_cells_of_the_area(client: Client) -> None:
    html = client.get("/gebieden/zaandam-oost/").content.decode()
    assert "0 cellen afgeschermd, 68 gepubliceerd" in html
    html = client.get("/gebieden/nieuwegein-centrale-as/").content.decode()
    assert "1 cel afgeschermd (te klein: 1), 67 gepubliceerd" in html


@pytest.mark.django_db
def test_the_report_context_counts_the_cells_too() -> None:
    content = area_report(FocusArea.objects.get(slug="nieuwegein-centrale-as"))
    assert content["cells_text"] == (
        "Cellen van het gebied, de rest van de gemeente en de gemeente: "
        "1 cel afgeschermd (te klein: 1), 67 gepubliceerd."
    )


# --- item 9: derived indicators are not tested -----------------------------------------------


@pytest.mark.django_db
def test_a_derived_indicator_says_not_tested_instead_of_a_verdict(client: Client) -> None:
    indicator = load().indicators["kwb_laag_opgeleid"]
    assert indicator.derived
    html = client.get("/gebieden/zaandam-oost/").content.decode()
    (row,) = _rows(html, indicator.name_nl)
    assert "niet getoetst: afgeleid" in row
    assert "niet toetsbaar" not in row and "t.o.v. NL" not in row
    # Rounded benefit counts are tested since issue 15 (their rounding in the variance).
    (bijstand,) = _rows(html, load().indicators["kwb_bijstand_per_1000"].name_nl)
    assert "t.o.v. NL" in bijstand and "niet getoetst" not in bijstand
    # Tests per 1,000 are reconstructed too, in each of their three periods; positives per
    # 100,000 are counts and keep their verdict in each of their four.
    tests = _rows(html, load().indicators["rivm_testen_per_1000"].name_nl)
    assert len(tests) == 3 and all("niet getoetst: afgeleid" in row for row in tests)
    positives = _rows(html, load().indicators["rivm_positief_per_100k"].name_nl)
    assert len(positives) == 4 and all("t.o.v. NL" in row for row in positives)

    client.post("/taal/", {"language": "en", "next": "/"})
    english = client.get("/gebieden/zaandam-oost/").content.decode()
    (row,) = _rows(english, indicator.name_en)
    assert "not tested: derived" in row


@pytest.mark.django_db
def test_the_report_says_not_tested_for_a_derived_indicator() -> None:
    content = area_report(FocusArea.objects.get(slug="zaandam-oost"))
    tests = {
        row.indicator.id: row.test
        for section in content["sections"]
        for table in section.tables
        for row in table.rows
    }
    assert tests["kwb_laag_opgeleid"] == "niet getoetst: afgeleid"
    assert "niet getoetst" not in tests["kwb_bijstand_per_1000"]  # rounded, tested (issue 15)
    assert tests["rivm_testen_per_1000"] == "niet getoetst: afgeleid"
    assert "niet getoetst" not in tests["rivm_positief_per_100k"]


# --- item 8: what a stacking flag means ------------------------------------------------------


def test_the_share_reads_as_wijken_of_nederland() -> None:
    assert StackingShare(3150, 315, 10.0).text() == SHARE_2020
    assert StackingShare(1000, 105, 10.5).text() == (
        "hoort bij de 10,5% slechtst scorende wijken van Nederland (105 van 1.000 wijken)"
    )
    with translation.override("en"):
        assert StackingShare(3150, 315, 10.0).text() == (
            "is among the worst-scoring 10% of Dutch districts (315 of 3,150 districts)"
        )


@pytest.mark.django_db
def test_the_dashboard_explains_a_flag_with_the_share_of_dutch_wijken(client: Client) -> None:
    dashboard = area_dashboard(FocusArea.objects.get(slug="zaandam-oost"))
    blocks = {block.key: block for block in dashboard.domains}
    work = blocks["werk_inkomen"]
    assert work.flagged and work.share == StackingShare(3150, 315, 10.0)
    assert work.flag_text == SHARE_2020
    assert blocks["veiligheid_ondermijning"].flag_text == ""  # no wijk figures, no flag
    assert not dashboard.population_weighted  # no wijk populations in the shipped data

    html = client.get("/gebieden/zaandam-oost/").content.decode()
    assert html.count(SHARE_2020) == 3  # the three flagged domains
    assert "In 3 domeinen hoort de score van dit gebied bij de 10% slechtst scorende" in html
    assert "de wijken wegen nu even zwaar" in html
    # The old rule and the old wording are gone.
    assert "minstens één indicator" not in html
    assert "ongewogen" not in html and "Gem. percentiel wijken" not in html


@pytest.mark.django_db
def test_the_report_separates_the_area_flag_from_its_flagged_wijken() -> None:
    content = area_report(FocusArea.objects.get(slug="zaandam-oost"))
    sections = {section.key: section for section in content["sections"]}
    assert sections["werk_inkomen"].summary == (
        f"De score van Zaandam Oost (96) {SHARE_2020}. {ZAANDAM_WIJKEN} horen zelf bij de 10% "
        "slechtst scorende wijken."
    )
    assert sections["veiligheid_ondermijning"].summary == "Geen wijkcijfers om te rangschikken."
    assert content["stacking_line"] == (
        "3 van de 6 domeinen waarin de score van het gebied bij de 10% slechtst scorende "
        "wijken van Nederland hoort"
    )
    assert content["weighting_note"] == UNWEIGHTED
