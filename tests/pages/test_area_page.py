"""The area page's shape (issue 15, item 6): rows with area-level figures apart from the rows that
only wider levels have, notes once per section as footnotes, and the key figures on top."""

import re

import pytest
from django.test import Client

from ruggensteun.areas.models import FocusArea
from ruggensteun.monitor.catalogue import load
from ruggensteun.monitor.dashboard import Cell, IndicatorLine, domain_table
from ruggensteun.pages.area_page import AreaPage

pytestmark = pytest.mark.issue(15)

EMPTY = Cell("", "geen cijfers op dit niveau")
REGION = "Cijfer van veiligheidsregio Zaanstreek-Waterland (VR11); geen cijfers per gemeente."
DERIVED = "Afgeleid uit afgeronde of gereconstrueerde aantallen: niet op significantie getoetst."


def line(indicator: str, area: Cell, members: list[Cell], notes: list[str]) -> IndicatorLine:
    return IndicatorLine(
        indicator=load().indicators[indicator],
        period="2020",
        period_label="2020",
        area=area,
        members=members,
        rest=Cell("", "niet berekenbaar"),
        municipality=Cell("17,9%"),
        nederland=Cell("13,9%"),
        verdict_rest="",
        verdict_nl="",
        change="",
        notes=notes,
    )


def test_rows_without_area_level_figures_fold_and_notes_become_footnotes() -> None:
    local = line("ggd_moeite_rondkomen", Cell("", "niet berekenbaar"), [Cell("30,2%")], [])
    derived = line("kwb_bijstand_per_1000", EMPTY, [EMPTY], [DERIVED])
    regional = line("rivm_aandeel_positief", EMPTY, [EMPTY], [REGION, DERIVED])
    table = domain_table([local, derived, regional])
    assert [noted.line for noted in table.local] == [local]
    assert [noted.line for noted in table.elsewhere] == [derived, regional]
    # Each note once, numbered in order of first use; a row points to its notes.
    assert table.notes == [DERIVED, REGION]
    assert [noted.refs for noted in table.elsewhere] == [[1], [2, 1]]
    assert table.local[0].refs == []
    assert table.elsewhere_reasons == ["geen cijfers op dit niveau"]
    assert not table.elsewhere_has_rest
    assert [i.id for i in table.elsewhere_indicators] == [
        "kwb_bijstand_per_1000",
        "rivm_aandeel_positief",
    ]


def test_an_area_figure_alone_keeps_the_row_in_the_main_table() -> None:
    only_area = line("ggd_moeite_rondkomen", Cell("24,0%"), [EMPTY, EMPTY], [])
    assert domain_table([only_area]).local[0].line is only_area


@pytest.mark.django_db
def test_zaandam_oost_opens_with_its_worst_indicators_against_nederland() -> None:
    figures = AreaPage(FocusArea.objects.get(slug="zaandam-oost")).key_figures
    assert figures.members == 5 and figures.domains == 6
    assert [block.key for block in figures.flagged] == [
        "werk_inkomen",
        "gezondheid",
        "leefbaarheid_wonen",
    ]
    # Shipped GGD 2020: Poelenburg 30,2% against NL 13,9% (2.17), 13,5% against 6,7% (2.01),
    # 14,6% against 7,3% (2.00).
    worst = [(w.line.indicator.id, w.worst_name, w.worst.text) for w in figures.worst]
    assert worst == [
        ("ggd_moeite_rondkomen", "Wijk 12 Poelenburg", "30,2%"),
        ("ggd_angst_depressie_hoog", "Wijk 12 Poelenburg", "13,5%"),
        ("ggd65_moeite_rondkomen", "Wijk 12 Poelenburg", "14,6%"),
    ]
    assert [w.line.nederland.text for w in figures.worst] == ["13,9%", "6,7%", "7,3%"]


@pytest.mark.django_db
def test_the_page_folds_municipal_rows_and_keeps_them_reachable(client: Client) -> None:
    html = client.get("/gebieden/zaandam-oost/").content.decode()
    assert html.index('id="kerncijfers-kop"') < html.index('id="inhoud-kop"')
    assert html.index('id="inhoud-kop"') < html.index('id="domein-werk_inkomen"')
    # Work and income: the GGD rows in the main table, the municipal ones folded with their
    # figures one click away, each note once as a footnote.
    section = html[html.index('id="domein-werk_inkomen"') : html.index('id="domein-veiligheid')]
    assert '<details class="rs-domain-section" id="domein-werk_inkomen" open>' in html
    assert "Ook beschikbaar voor de gemeente of regio" in section
    notes = re.findall(r'<li id="noot-werk_inkomen-\d+">(.*?)</li>', section)
    assert notes and all(section.count(note) == 1 for note in notes)
    assert 'id="elders-werk_inkomen"' in section and "Personen met bijstand" in section
    # COVID-19 has no area-level figures: closed, everything folded.
    assert '<details class="rs-domain-section" id="domein-corona">' in html


@pytest.mark.django_db
def test_the_domain_tables_show_before_and_during_side_by_side(client: Client) -> None:
    html = client.get("/gebieden/zaandam-oost/").content.decode()
    section = html[html.index('id="domein-werk_inkomen"') : html.index('id="domein-veiligheid')]
    row = section[section.index(">Moeite met rondkomen<") :]
    row = row[: row.index("</tr>")]
    # Shipped GGD: Poelenburg 35,6% (2016) -> 30,2% (2020), Zaanstad 22,8% -> 17,9%,
    # Nederland 19,2% -> 13,9%, each with its change below.
    assert "2016&nbsp;→ 2020" in row
    assert '<span class="rs-before">35,6&nbsp;→</span> 30,2%' in row
    assert '<span class="rs-before">22,8&nbsp;→</span> 17,9%' in row
    assert '<span class="rs-before">19,2&nbsp;→</span> 13,9%' in row
    assert '<span class="rs-muted rs-change">-5,4</span>' in row
