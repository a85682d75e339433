"""A visitor reads Zaandam Oost's figures, switches to English and downloads the table."""

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_overview_to_dashboard_english_and_csv(page: Page, live_url: str) -> None:
    page.goto(live_url + "/")
    expect(page.get_by_role("columnheader", name="Stapeling")).to_be_visible()
    # The map of the Netherlands: its outline and the 19 municipalities with focus areas.
    expect(page.locator("#overzichtskaart path.leaflet-interactive")).to_have_count(1 + 19)
    page.get_by_role("link", name="Zaandam Oost").click()
    expect(page.get_by_role("heading", name="Stapeling van problemen")).to_be_visible()
    work = page.locator("#domein-werk_inkomen > .rs-table-wrap table")
    expect(work).to_contain_text("Moeite met rondkomen")
    expect(work).to_contain_text("30,2%")  # Poelenburg, GGD 2020
    expect(page.locator("#kaart path.leaflet-interactive")).to_have_count(1)
    page.screenshot(path="test-artifacts/dashboard-zaandam-oost-nl.png", full_page=False)
    # Charts: choose another indicator; its wijken are ranked, with words and a table beside.
    page.get_by_label("Indicator").select_option("ggd_eenzaam")
    page.get_by_role("button", name="Toon", exact=True).click()
    ranking = page.locator("#grafiek-wijken")
    expect(ranking).to_contain_text("Eenzaam per wijk van Zaanstad, 2020")
    expect(ranking.locator("svg[role=img]")).to_be_visible()
    ranking.get_by_text("Toon als tabel").click()
    expect(ranking.get_by_role("table")).to_contain_text("Wijk 12 Poelenburg *")
    ranking.screenshot(path="test-artifacts/chart-wijken-eenzaam.png")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/gebieden/zaandam-oost/\?indicator=ggd_eenzaam$"))
    expect(page.get_by_role("heading", name="Stacking of problems")).to_be_visible()
    expect(ranking).to_contain_text("Lonely per district of Zaanstad, 2020")
    expect(work).to_contain_text("Difficulty making ends meet")
    page.screenshot(path="test-artifacts/dashboard-zaandam-oost-en.png", full_page=False)

    with page.expect_download() as download:
        page.locator("a[href$='cijfers.csv']").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    poelenburg = [
        r
        for r in rows
        if r["CBS-code"] == "WK047912"
        and r["indicator-id"] == "ggd_moeite_rondkomen"
        and r["periode"] == "2020"
    ]
    assert poelenburg[0]["waarde"] == "30,2"
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
