"""A visitor finds Zaandam Oost from the home page; an analyst defines an own area."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_visitor_goes_from_the_overview_to_zaandam_oost(page: Page, live_url: str) -> None:
    page.goto(live_url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Focusgebieden")
    page.get_by_role("link", name="Manifest 16 gebieden").click()
    expect(page.get_by_text("16 gebieden, gegroepeerd per gemeente")).to_be_visible()
    page.get_by_role("link", name="Zaandam Oost").click()
    expect(page).to_have_url(re.compile(r"/gebieden/zaandam-oost/$"))
    table = page.locator("section", has=page.locator("#wijken-kop")).locator("table")
    for code in ["WK047911", "WK047912", "WK047913", "WK047914", "WK047915"]:
        expect(table).to_contain_text(code)
    expect(table).to_contain_text("Wijk 12 Poelenburg")
    # The dashboard above it: narrative, stacking and Poelenburg's published figure.
    expect(page.get_by_role("heading", name="Samenvatting")).to_be_visible()
    expect(page.locator("#domein-werk_inkomen > .rs-table-wrap table")).to_contain_text("30,2%")
    # Leaflet drew the municipal boundary as an SVG path inside the map.
    expect(page.locator("#kaart path.leaflet-interactive")).to_have_count(1)


def test_analyst_logs_in_and_defines_an_area(page: Page, live_url: str) -> None:
    page.goto(live_url + "/gebieden/nieuw/")
    expect(page).to_have_url(re.compile(r"/inloggen/"))
    page.get_by_label("E-mailadres").fill("analist@demo.ruggensteun.nl")
    page.get_by_label("Wachtwoord").fill("ruggensteun-demo")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Gemeente").select_option("GM0479")
    page.get_by_role("button", name="Toon wijken en buurten").click()
    page.get_by_label("Naam van het gebied").fill("Bomenbuurt en Poelenburg")
    page.get_by_label("Bomenbuurt BU04791120").check()
    page.get_by_label("Poelenburg BU04791210").check()
    page.get_by_role("button", name="Gebied opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bomenbuurt en Poelenburg")
    members = page.locator("section", has=page.locator("#wijken-kop")).locator("table")
    expect(members).to_contain_text("BU04791120")
    expect(page.get_by_role("status")).to_contain_text("is aangemaakt")
