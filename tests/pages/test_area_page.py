"""The area page's shape (issue 15, item 6): rows with area-level figures apart from the rows that
only wider levels have, notes once per section as footnotes, and the key figures on top."""

import re

import pytest
from django.test import Client

from ruggensteun.areas.models import FocusArea
from ruggensteun.monitor.catalogue import load
from ruggensteun.monitor.dashboard import Cell, IndicatorLine, domain_table
from ruggensteun.pages.area_page import AreaPage
from ruggensteun.pages.wijk_tables import fold_wijken, parts

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


def test_wijk_columns_split_into_even_parts_of_at_most_ten() -> None:
    assert [len(part) for part in parts(14)] == [7, 7]  # Amsterdam Nieuw-West
    assert [len(part) for part in parts(10)] == [10]  # Heerlen Noord
    assert [len(part) for part in parts(11)] == [6, 5]
    assert [list(part) for part in parts(3)] == [[0, 1, 2]]
    assert parts(0) == []
    assert not fold_wijken(5) and fold_wijken(6)


@pytest.mark.django_db
def test_heerlen_noord_folds_its_ten_wijken_out_of_the_main_tables(client: Client) -> None:
    html = client.get("/gebieden/heerlen-noord/").content.decode()
    section = html[html.index('id="domein-werk_inkomen"') : html.index('id="domein-veiligheid')]
    main = section[: section.index('id="wijken-werk_inkomen"')]
    folded = section[section.index('id="wijken-werk_inkomen"') :]
    # The main table: area, rest, Heerlen, Nederland; no wijk column.
    assert "Wijk 12 Hoensbroek-De Dem" not in main
    assert "Per wijk: de cijfers van de 10 wijken" in folded
    # One part with all ten wijken; a wijk cell shows its latest figure and its change only.
    assert folded.count('<table class="rs-table rs-indicators rs-wijk-table">') == 1
    assert all(f"Wijk {n}" in folded for n in (10, 11, 12, 13, 14, 20, 21, 22, 23, 24))
    assert "rs-before" not in folded[: folded.index("</details>")]


@pytest.mark.django_db
def test_zaandam_oost_keeps_a_column_per_wijk(client: Client) -> None:
    html = client.get("/gebieden/zaandam-oost/").content.decode()
    assert 'id="wijken-werk_inkomen"' not in html
    section = html[html.index('id="domein-werk_inkomen"') : html.index('id="domein-veiligheid')]
    assert '<th scope="col" class="rs-num">Wijk 12 Poelenburg</th>' in section


@pytest.mark.django_db
def test_each_figure_says_which_population_it_uses(client: Client) -> None:
    """Zaanstad: the header's 156,794 inhabitants are CBS KWB 2020 (AANT_INW), as are the KWB
    rates' denominators (3,800 on bijstand / 156,794); RIVM's COVID-19 rates for 2020 divide by
    the Coronadashboard's own 156,810 (8,148 positives / 156,810 × 100,000 = 5,196 per 100,000)."""
    area = FocusArea.objects.get(slug="zaandam-oost")
    page = AreaPage(area)
    rates = page.rate_populations
    (kwb,) = rates["werk_inkomen"]
    assert (kwb.region, kwb.counts) == ("Zaanstad", ((156794, ("2020",)),))
    assert {i.id for i in kwb.indicators} == {
        "kwb_ao_per_1000",
        "kwb_bijstand_per_1000",
        "kwb_ww_per_1000",
    }
    municipal, regional = rates["corona"]
    assert municipal.region == "Zaanstad" and (156810, ("2020",)) in municipal.counts
    positives = page.comparisons.row("rivm_positief_per_100k", "2020").municipality
    assert (positives.numerator, positives.denominator) == (8148, 156810)
    assert positives.value == pytest.approx(8148 / 156810 * 100_000)
    assert regional.region == "veiligheidsregio Zaanstreek-Waterland"
    assert [i.id for i in regional.indicators] == ["rivm_testen_per_1000"]

    html = Client().get("/gebieden/zaandam-oost/").content.decode()
    assert (
        '156.794 inwoners <span class="rs-muted">(bron: CBS Kerncijfers wijken en buurten 2020 '
        "(AANT_INW))</span>" in html
    )
    corona = html[html.index('id="domein-corona"') :]
    note = corona[corona.index('rs-population-note">') :]
    assert "Zaanstad 156.810 (2020)" in note[: note.index("</p>")]


@pytest.mark.django_db
def test_heerlen_rates_name_both_years_of_their_population() -> None:
    """Heerlen: bijstand and WW per 1,000 shown 2019 beside 2020, each over KWB's AANT_INW of
    that year (the header's 87,086 for 2020)."""
    area = FocusArea.objects.get(slug="heerlen-noord")
    (kwb,) = AreaPage(area).rate_populations["werk_inkomen"]
    assert [labels for _count, labels in kwb.counts] == [("2019",), ("2020",)]
    assert kwb.counts[1][0] == area.municipality.population == 87086


@pytest.mark.django_db
def test_english_pages_show_english_units(client: Client) -> None:
    client.post("/taal/", {"language": "en", "next": "/"})
    html = client.get("/gebieden/heerlen-noord/").content.decode()
    assert "(per 1,000 inhabitants)" in html
    assert "per 1.000 inwoners)" not in html
