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
    page.get_by_role("link", name="Zaandam Oost").click()
    expect(page.get_by_role("heading", name="Stapeling van problemen")).to_be_visible()
    work = page.locator("#domein-werk_inkomen + div table")
    expect(work).to_contain_text("Moeite met rondkomen")
    expect(work).to_contain_text("30,2%")  # Poelenburg, GGD 2020
    expect(page.locator("#kaart path.leaflet-interactive")).to_have_count(1)
    page.screenshot(path="test-artifacts/dashboard-zaandam-oost-nl.png", full_page=False)

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/gebieden/zaandam-oost/$"))
    expect(page.get_by_role("heading", name="Stacking of problems")).to_be_visible()
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
