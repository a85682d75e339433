"""The area report "Diagnose sociale impact": its figures are the dashboard's, every empty cell
carries its mark, the PDF is accessible, and an area without signals or practices still renders."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from pypdf import PdfReader

from ruggensteun.analysis.numbers import format_number
from ruggensteun.areas.models import FocusArea, FocusAreaMember, Level, MatchMethod, Region
from ruggensteun.monitor.catalogue import load
from ruggensteun.monitor.dashboard import area_dashboard
from ruggensteun.monitor.models import ComparisonResult
from ruggensteun.monitor.selectors import latest_result_set
from ruggensteun.reports import builder
from ruggensteun.reports.builder import MARK_LEGEND, area_report, mark_counts
from ruggensteun.reports.render import html_to_pdf, report_html
from ruggensteun.signals.models import Signal
from tests.reports.conftest import Rendered, pdf_text, table_cells, visible_text

pytestmark = pytest.mark.django_db

POELENBURG = "WK047912"
TITLE = "Diagnose sociale impact — Zaandam Oost"
EMPTY_MARKS = {"×", ".", "–", "n.b."}
SIGNIFICANCE_MARKS = {"*", "†", "*†"}


def _stored(code: str | None, indicator: str, period: str, *, area: str = "") -> dict:
    rows = ComparisonResult.objects.filter(
        result_set=latest_result_set(), indicator=indicator, period=period
    )
    row = rows.get(focus_area__slug=area) if area else rows.get(region__code=code)
    return row.data  # type: ignore[return-value]


# --- (a) the PDF shows the dashboard's figures ----------------------------------------------------


def test_pdf_has_poelenburg_and_zaanstad_making_ends_meet_as_on_the_dashboard(
    zaandam: Rendered, client: Client
) -> None:
    unit = load().indicators["ggd_moeite_rondkomen"].unit
    wijk = _stored(POELENBURG, "ggd_moeite_rondkomen", "2020")
    poelenburg = format_number(wijk["area_value"], unit)
    zaanstad = format_number(wijk["gm_value"], unit)
    assert (poelenburg, zaanstad) == ("30,2%", "17,9%")  # the published GGD figures
    dashboard = client.get("/gebieden/zaandam-oost/").content.decode()
    assert poelenburg in dashboard and zaanstad in dashboard
    # In the PDF on one line: the 2020 row of making ends meet, Poelenburg before Zaanstad.
    line = next(
        line
        for line in zaandam.text.splitlines()
        if "2020 n.b." in line and poelenburg in line and zaanstad in line
    )
    assert line.index(poelenburg) < line.index(zaanstad)


def test_pdf_has_every_figure_the_dashboard_shows(zaandam: Rendered, client: Client) -> None:
    dashboard = area_dashboard(zaandam.area)
    page = client.get("/gebieden/zaandam-oost/").content.decode()
    figures = {
        cell.text
        for block in dashboard.domains
        for line in block.lines
        for cell in [line.area, *line.members, line.rest, line.municipality, line.nederland]
        if not cell.empty
    }
    assert len(figures) > 50
    assert all(figure in page for figure in figures)
    tokens = set(re.findall(r"[\d.]+(?:,\d)?%?", zaandam.text))
    missing = sorted(figure for figure in figures if figure not in tokens)
    assert not missing, f"not in the PDF: {missing}"


def test_report_and_dashboard_agree_on_stacking(zaandam: Rendered) -> None:
    dashboard = area_dashboard(zaandam.area)
    sections = zaandam.content["sections"]
    assert [(s.key, s.flagged, s.score) for s in sections] == [
        (b.key, b.flagged, b.score) for b in dashboard.domains
    ]
    assert f"{dashboard.stacking_count} van de 6 domeinen" in zaandam.text


# --- (b) every empty cell carries its mark --------------------------------------------------------


def test_every_empty_cell_in_the_domain_tables_has_a_legend_mark(zaandam: Rendered) -> None:
    legend = {mark for mark, _meaning in MARK_LEGEND}
    cells = table_cells(zaandam.html)
    assert len(cells) > 300
    for cell in cells:
        text, spans = cell["text"].strip(), cell["spans"]
        assert text or spans.get("empty"), f"empty cell: {cell}"
        if not text:
            assert spans["empty"] in EMPTY_MARKS and spans["empty"] in legend
        if "mark" in spans:
            assert spans["mark"] in SIGNIFICANCE_MARKS
    counted = {mark: 0 for mark in EMPTY_MARKS}
    for cell in cells:
        if "empty" in cell["spans"]:
            counted[cell["spans"]["empty"]] += 1
    expected = mark_counts(zaandam.content["sections"])
    assert {mark: n for mark, n in counted.items() if n} == expected
    assert expected["n.b."] > 50  # GGD estimates cannot be summed to an area figure


def test_pdf_shows_every_not_computable_mark_of_the_builder(zaandam: Rendered) -> None:
    html_text = visible_text(zaandam.html)
    cells = mark_counts(zaandam.content["sections"])["n.b."]
    # The same count in the PDF as in the HTML it was made from, where the legend and method
    # notes add theirs to the cells the builder marked.
    assert html_text.count("n.b.") >= cells
    assert zaandam.text.count("n.b.") == html_text.count("n.b.")


def _suppress(data: dict, prefix: str, reason: str) -> dict:
    return {**data, f"{prefix}_value": None, f"{prefix}_reason": reason}


@pytest.mark.slow
def test_suppressed_cells_show_a_cross_in_html_and_pdf() -> None:
    """The shipped data has no suppressed cells; make three, as a recompute would."""
    area = FocusArea.objects.select_related("municipality").get(slug="utrecht-overvecht")
    result_set = latest_result_set()
    area_row = ComparisonResult.objects.get(
        result_set=result_set, focus_area=area, indicator="ggd_moeite_rondkomen", period="2020"
    )
    area_row.data = _suppress(
        _suppress(area_row.data, "gm", "suppressed_small"), "rest", "suppressed_complement"
    )
    area_row.save()
    member = area.members.get().region
    wijk_row = ComparisonResult.objects.get(
        result_set=result_set, region=member, indicator="ggd_roker", period="2020"
    )
    wijk_row.data = _suppress(wijk_row.data, "area", "suppressed_small")
    wijk_row.save()
    content = area_report(area)
    assert mark_counts(content["sections"])["×"] == 3
    html = report_html(area, for_pdf=True)
    crosses = [c for c in table_cells(html) if c["spans"].get("empty") == "×"]
    assert len(crosses) == 3
    text = pdf_text(html_to_pdf(html))
    assert text.count("×") == visible_text(html).count("×")
    rows = [line for line in text.splitlines() if re.search(r"\b2020 .*×.*%", line)]
    # Making ends meet: the rest of the municipality and the municipality; smokers: the wijk.
    assert sorted(line.count("×") for line in rows) == [1, 2]


# --- (c) an area without signals, practices or figures --------------------------------------------


@pytest.mark.slow
def test_area_without_signals_or_practices_renders_cleanly() -> None:
    zaanstad = Region.objects.get(vintage=2020, level=Level.GEMEENTE, code="GM0479")
    area = FocusArea.objects.create(
        slug="alleen-poelenburg", name="Alleen Poelenburg", municipality=zaanstad, vintage=2020
    )
    FocusAreaMember.objects.create(
        focus_area=area,
        region=Region.objects.get(vintage=2020, code=POELENBURG),
        match_method=MatchMethod.MANUAL,
    )
    assert not Signal.objects.exists()
    html = report_html(area)
    assert "None" not in visible_text(html) and "{{" not in html
    pdf = html_to_pdf(report_html(area, for_pdf=True))
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    for expected in (
        "Diagnose sociale impact — Alleen Poelenburg",
        "geen openbare tellingen van signalen",
        "nog geen actieve coalities",
        "nog geen gepubliceerde aanpakken",
        "Leerkringen en startgeld maken nog geen deel uit",
        "Wijk 12 Poelenburg",
    ):
        assert expected in text, expected


@pytest.mark.slow
def test_area_without_wijken_renders_and_says_why() -> None:
    # Every default area has wijken since issue 15: make one without.
    area = FocusArea.objects.create(
        slug="zonder-wijken",
        name="Zonder wijken",
        vintage=2020,
        municipality=FocusArea.objects.get(slug="heerlen-noord").municipality,
    )
    assert not area.members.exists()
    html = report_html(area, for_pdf=True)
    assert "nog geen CBS-wijken gekoppeld" in html
    assert table_cells(html) == []  # no domain tables without figures
    assert html_to_pdf(html).startswith(b"%PDF")


# --- (e) accessible PDF ---------------------------------------------------------------------------


def _outline_titles(items: list) -> list[str]:
    titles = []
    for item in items:
        titles += _outline_titles(item) if isinstance(item, list) else [item.title]
    return titles


def _structure_types(node: object, found: set[str]) -> set[str]:
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, dict):
        if "/S" in node:
            found.add(str(node["/S"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            _structure_types(kid, found)
    return found


def test_pdf_is_tagged_with_language_title_and_bookmarks(zaandam: Rendered) -> None:
    reader = PdfReader(io.BytesIO(zaandam.pdf))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "nl"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None and reader.metadata.title == TITLE
    titles = _outline_titles(reader.outline)
    for heading in ("Samenvatting", "Werk en inkomen", "Gezondheid", "Signalen van professionals"):
        assert heading in titles
    # Tables with header cells (TH) and their rows in the structure tree.
    types = _structure_types(catalog["/StructTreeRoot"], set())
    assert {"/Table", "/TH", "/TD", "/H1", "/H2", "/Figure"} <= types


def test_domain_tables_have_header_rows_and_row_headers(zaandam: Rendered) -> None:
    tables = re.findall(r'<table class="figures.*?</table>', zaandam.html, re.S)
    assert tables
    for table in tables:
        assert "<thead><tr>" in table and '<th scope="col">Indicator</th>' in table
        assert table.count('<th scope="row">') == table.count("<tr>") - 1


# --- builder details ------------------------------------------------------------------------------


def test_many_wijken_continue_in_a_second_table(
    zaandam: Rendered, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builder, "MAX_WIJK_COLUMNS", 2)
    sections = area_report(zaandam.area)["sections"]
    tables = next(s for s in sections if s.key == "werk_inkomen").tables
    assert [len(t.columns) for t in tables] == [2 + 4, 2, 1]
    assert [t.with_test for t in tables] == [True, False, False]
    names = [c for t in tables for c in t.columns if c.startswith("Wijk")]
    assert names == [m.display_name for m in zaandam.content["members"]]
    assert all(len(row.cells) == len(t.columns) for t in tables for row in t.rows)


def test_signal_counts_are_public_aggregates_only() -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    poelenburg = Region.objects.get(vintage=2020, code=POELENBURG)
    common = {
        "region": poelenburg,
        "period": "2021-K1",
        "professional_role": "wijkteam",
        "intensity": 4,
        "confidence": "midden",
        "sensitivity": "normaal",
        "origin": "formulier",
    }
    for trend in ["meer"] * 5 + ["gelijk"]:
        Signal.objects.create(theme="geldzorgen", trend=trend, **common)
    for _ in range(3):
        Signal.objects.create(theme="eenzaamheid", trend="meer", **common)
    for _ in range(6):
        Signal.objects.create(theme="ondermijning", trend="meer", **common)
    html = report_html(area)
    text = visible_text(html)
    assert "Geldzorgen en armoede" in text
    # Every public theme in taxonomy order: geldzorgen first (6 signals), then werkloosheid
    # (none) ... eenzaamheid (3 signals): hidden and empty look alike.
    signals = table_cells(html, "signals")
    assert [c["text"] for c in signals[:3]] == ["6", "4,0", "5 / 0"]
    assert [c["spans"].get("empty") for c in signals[3:6]] == ["–", "–", "–"]
    rows = re.findall(r'<th scope="row">([^<]+)</th>((?:<td.*?</td>)+)</tr>', html)
    cells = {name: body for name, body in rows}
    assert cells["Eenzaamheid en isolement"] == cells["Werkloosheid en baanverlies"]
    assert "ondermijnende activiteiten" not in text  # sensitive themes are not even counted
