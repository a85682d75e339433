"""The report as a download and a page, its cache, the command and the overview of all areas."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import CommandError, call_command
from django.test import Client
from pypdf import PdfReader

from ruggensteun.analysis.numbers import format_number as number
from ruggensteun.areas.models import FocusArea
from ruggensteun.monitor.catalogue import load
from ruggensteun.monitor.dashboard import area_dashboard
from ruggensteun.monitor.models import ComparisonResult
from ruggensteun.monitor.selectors import area_stackings, latest_result_set
from ruggensteun.practices.models import Coalition, CoalitionType
from ruggensteun.reports import render
from ruggensteun.reports.management.commands import area_report as command
from ruggensteun.reports.overview import overview_rows
from ruggensteun.reports.service import OVERVIEW_NAME, overview_document
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db

REPORT = "/gebieden/zaandam-oost/rapport"


# --- (d) the view ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_pdf_download_for_anyone(client: Client) -> None:
    response = client.get(f"{REPORT}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="diagnose-zaandam-oost.pdf"'
    assert response.content.startswith(b"%PDF")
    assert "Diagnose sociale impact — Zaandam Oost" in pdf_text(response.content)


@pytest.mark.issue(12)
def test_html_page_is_styled_under_the_strict_content_security_policy(client: Client) -> None:
    """The page links its stylesheet from this origin: no inline <style> and no style
    attribute, which style-src 'self' (without 'unsafe-inline') would block."""
    response = client.get(f"{REPORT}.html")
    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in response["Content-Security-Policy"].split(";")
        if directive.strip()
    }
    assert policy["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    html = response.content.decode()
    assert "<style" not in html and " style=" not in html
    link = re.search(r'<link rel="stylesheet" href="([^"]+)">', html)
    assert link and link.group(1) == "/static/reports/report.css"
    stylesheet = finders.find("reports/report.css")
    assert stylesheet and "@page" in Path(str(stylesheet)).read_text(encoding="utf-8")


def test_pdf_and_written_html_embed_the_stylesheet(tmp_path: Path) -> None:
    """Documents that stand on their own keep the styles inside."""
    area = FocusArea.objects.get(slug="zaandam-oost")
    assert "@page" in render.report_html(area, for_pdf=True)
    call_command("area_report", "zaandam-oost", "--format", "html", "--out", str(tmp_path))
    written = (tmp_path / "diagnose-zaandam-oost.html").read_text(encoding="utf-8")
    assert "<style>" in written and "@page" in written and "<link" not in written


def test_html_page_inline_with_a_link_to_the_pdf(client: Client) -> None:
    response = client.get(f"{REPORT}.html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response["Content-Disposition"].startswith("inline")
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "<title>Diagnose sociale impact — Zaandam Oost</title>" in html
    assert 'href="rapport.pdf"' in html


@pytest.mark.parametrize(
    "path", [f"{REPORT}.doc", f"{REPORT}.PDF", "/gebieden/nergens/rapport.pdf"]
)
def test_unknown_format_or_area_is_not_found(client: Client, path: str) -> None:
    assert client.get(path).status_code == 404


def test_report_is_cached_until_something_it_shows_changes(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def counting(area: FocusArea, *, for_pdf: bool = False, linked_css: bool = False) -> str:
        calls.append(area.slug)
        return f"<p>{area.name} {len(calls)}</p>"

    monkeypatch.setattr(render, "report_html", counting)
    first = client.get(f"{REPORT}.html").content
    assert client.get(f"{REPORT}.html").content == first
    assert calls == ["zaandam-oost"]
    Coalition.objects.create(name="Samen Poelenburg", slug="samen", type=CoalitionType.AD_HOC)
    assert client.get(f"{REPORT}.html").content != first
    assert len(calls) == 2


# --- (f) the command ------------------------------------------------------------------------------


@pytest.mark.slow
def test_command_writes_one_area_report(tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("area_report", "zaandam-oost", "--out", str(tmp_path), stdout=out)
    path = tmp_path / "diagnose-zaandam-oost.pdf"
    assert path.read_bytes().startswith(b"%PDF")
    assert f"Geschreven: {path}" in out.getvalue()
    call_command("area_report", "zaandam-oost", "--format", "html", "--out", str(tmp_path))
    assert "Zaandam Oost" in (tmp_path / "diagnose-zaandam-oost.html").read_text()


def test_command_explains_an_unknown_area_in_dutch() -> None:
    with pytest.raises(CommandError, match=r"Onbekend gebied 'nergens'.*area_report --list"):
        call_command("area_report", "nergens")
    with pytest.raises(CommandError, match="Geef een gebied op"):
        call_command("area_report")
    out = io.StringIO()
    call_command("area_report", "--list", stdout=out)
    assert "zaandam-oost  (Zaandam Oost, Zaanstad)" in out.getvalue()


@pytest.mark.slow
def test_command_all_writes_every_focus_area_and_the_overview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Area reports are tested above; here a stand-in writes them, the overview is real."""

    def fake(slug: str, out: Path, fmt: str = "pdf") -> Path:
        path = out / f"diagnose-{slug}.{fmt}"
        path.write_text(slug)
        return path

    monkeypatch.setattr(command, "write_area_report", fake)
    out = io.StringIO()
    call_command("area_report", "--all", "--workers", "1", "--out", str(tmp_path), stdout=out)
    slugs = set(FocusArea.objects.filter(is_default=True).values_list("slug", flat=True))
    assert len(slugs) == 20
    assert {p.name for p in tmp_path.iterdir()} == {
        *(f"diagnose-{slug}.pdf" for slug in slugs),
        f"{OVERVIEW_NAME}.pdf",
    }
    assert "Geschreven: 20 rapporten en overzicht-alle-gebieden.pdf" in out.getvalue()
    overview = PdfReader(tmp_path / f"{OVERVIEW_NAME}.pdf")
    assert overview.metadata is not None
    assert overview.metadata.title == "Diagnose sociale impact — overzicht van alle gebieden"
    assert overview.trailer["/Root"]["/Lang"] == "nl"


# --- the overview ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_overview_compares_stacking_and_key_figures_of_every_area() -> None:
    areas = list(FocusArea.objects.filter(is_default=True).select_related("municipality"))
    rows, header = overview_rows(areas)
    assert len(rows) == 20
    zaandam = next(row for row in rows if row.area.slug == "zaandam-oost")
    dashboard = area_dashboard(zaandam.area)
    assert zaandam.stacked == dashboard.stacking_count == 3
    assert [(d.flagged, d.score) for d in zaandam.domains] == [
        (block.flagged, block.score) for block in dashboard.domains
    ]
    assert ("Wijk 12 Poelenburg", "30,2%") in [(n, c.text) for n, c in zaandam.money_wijken]
    assert zaandam.money_municipality.text == "17,9%"
    stored = ComparisonResult.objects.get(
        result_set=latest_result_set(),
        focus_area=zaandam.area,
        indicator="rivm_positief_per_100k",
        period="2020",
    ).data
    unit = load().indicators["rivm_positief_per_100k"].unit
    positives = number(stored["gm_value"], unit)
    assert positives == zaandam.covid[0].text.rstrip("†") == "5.196"
    heerlen = next(row for row in rows if row.area.slug == "heerlen-noord")
    # Heerlen Noord has its curated wijken (Hoensbroek 10-14, Heerlerheide 20-24, issue 15).
    flagged = area_stackings([heerlen.area])[heerlen.area.pk].count
    assert heerlen.stacked == flagged > 0
    assert header.covid_periods[0] == "2020"
    text = pdf_text(overview_document([area.slug for area in areas]))
    assert "Zaandam Oost" in text and positives in text and "30,2%" in text
