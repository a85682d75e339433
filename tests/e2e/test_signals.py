"""A professional records a signal, is stopped by the personal-data check, corrects the text
and finds the signal on the area dashboard beside the matching domain."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_professional_corrects_a_signal_with_a_phone_number(page: Page, live_url: str) -> None:
    page.goto(live_url + "/inloggen/?next=/signalen/nieuw/")
    page.get_by_label("E-mailadres").fill("professional@demo.ruggensteun.nl")
    page.get_by_label("Wachtwoord").fill("ruggensteun-demo")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Signaal vastleggen")).to_be_visible()

    page.get_by_label("Wijk of buurt").select_option(label="Wijk 12 Poelenburg (WK047912)")
    page.get_by_label("Thema").select_option("geldzorgen")
    page.get_by_label("Periode").select_option("2021-K1")
    page.get_by_label("Uw rol").select_option("wijkteam")
    page.get_by_label("4", exact=True).check()
    page.get_by_label("meer dan eerder").check()
    page.get_by_label("midden: meerdere keren gezien").check()
    narrative = page.get_by_label("Korte toelichting")
    narrative.fill("Meer gezinnen met schulden sinds de lockdown; bel me op 06-12345678.")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    refusal = page.locator("#weigering")
    expect(refusal).to_contain_text("Het signaal is niet opgeslagen.")
    expect(refusal).to_contain_text("telefoonnummer")
    expect(refusal).not_to_contain_text("06-12345678")
    page.screenshot(path="test-artifacts/signal-refused.png", full_page=False)

    narrative.fill("Meer gezinnen met schulden sinds de lockdown, vooral rond de huurbetaling.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page).to_have_url(re.compile(r"/gebieden/zaandam-oost/#signalen-werk_inkomen$"))
    expect(page.get_by_text("Het signaal is opgeslagen.")).to_be_visible()
    aside = page.locator("#signalen-werk_inkomen")
    expect(aside).to_contain_text("Signalen van professionals: werk en inkomen")
    expect(aside).to_contain_text("Geldzorgen en armoede: 1 signaal, gem. intensiteit 4,0")
    # It sits in the work & income domain, right after that domain's indicators.
    expect(page.locator("#domein-werk_inkomen #signalen-werk_inkomen")).to_have_count(1)
    aside.screenshot(path="test-artifacts/signal-beside-domain.png")
