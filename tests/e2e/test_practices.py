"""A coalition member submits a practice, an editor publishes it, and it appears in the Dutch
search and on the area page."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

TITLE = "Samen eten in Poelenburg"


def login(page: Page, live_url: str, email: str, path: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_url}/inloggen/?next={path}")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill("ruggensteun-demo")
    page.get_by_role("button", name="Inloggen").click()


def test_submit_publish_search_and_area_page(page: Page, live_url: str) -> None:
    login(page, live_url, "coalitie@demo.ruggensteun.nl", "/praktijken/nieuw/")
    expect(page.get_by_role("heading", name="Aanpak beschrijven")).to_be_visible()
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Probleem").fill(
        "Eenzame oudere bewoners komen sinds de lockdown de deur niet meer uit."
    )
    page.get_by_label("Doelgroep").fill("Ouderen in de flats van Poelenburg.")
    page.get_by_label("Doel", exact=True).fill("Elkaar weer ontmoeten, elke week.")
    page.get_by_label("Aanpak en activiteiten").fill("Bewoners koken om de beurt in het buurthuis.")
    page.get_by_label("gezondheid").check()
    page.get_by_label("Focusgebieden").select_option(label="Zaandam Oost")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.locator("p.rs-note")).to_contain_text("Status: concept")
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_text("Status: ingediend.")).to_be_visible()
    # Not public yet: the search does not find it.
    page.goto(live_url + "/praktijken/?q=samen+eten")
    expect(page.get_by_role("heading", name="0 aanpakken")).to_be_visible()

    login(page, live_url, "programma@demo.ruggensteun.nl", "/praktijken/redactie/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="In beoordeling nemen").click()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Status: gepubliceerd.")).to_be_visible()

    page.context.clear_cookies()
    page.goto(live_url + "/praktijken/?q=eenzaamheid+ouderen")
    hit = page.locator("article", has_text=TITLE)
    expect(hit).to_be_visible()
    expect(hit.locator("mark").first).to_be_visible()  # the matched words are highlighted
    page.screenshot(path="test-artifacts/practice-search.png", full_page=False)
    page.goto(live_url + "/gebieden/zaandam-oost/")
    section = page.locator("#aanpakken")
    expect(section.get_by_role("link", name=TITLE)).to_be_visible()
    section.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(re.compile(r"/praktijken/samen-eten-in-poelenburg/$"))
