"""Issue 12, finding 1 in the browser: an area's name is text on the map, and no page breaks
its Content-Security-Policy."""

import pytest
from playwright.sync_api import Page, expect

from tests.web.pages import KEY_PAGES

pytestmark = [pytest.mark.e2e, pytest.mark.issue(12)]

PAYLOAD = "<img src=x onerror=window.__xss=1>"
DEMO_PASSWORD = "ruggensteun-demo"
PUBLIC_PAGES = [*KEY_PAGES, "/gebieden/zaandam-oost/rapport.html"]
ADMIN_PAGES = ["/beheer/", "/beheer/accounts/user/", "/beheer/accounts/user/add/"]
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(
    event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' at '
    + event.sourceFile + ':' + event.lineNumber + ' ' + (event.sample || ''));
});
"""


def log_in(page: Page, live_url: str, email: str, next_path: str) -> None:
    page.goto(f"{live_url}/inloggen/?next={next_path}")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def csp_violations(page: Page, live_url: str, paths: list[str]) -> dict[str, list[str]]:
    """Each path's CSP violations, from the page's own event and from the console."""
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    found = {}
    for path in paths:
        console.clear()
        page.goto(live_url + path)
        page.wait_for_load_state("networkidle")
        reported = page.evaluate("window.__cspViolations") + console
        if reported:
            found[path] = reported
    return found


def test_an_area_name_with_markup_is_text_in_the_map_tooltip(page: Page, live_url: str) -> None:
    log_in(page, live_url, "analist@demo.ruggensteun.nl", "/gebieden/nieuw/")
    page.get_by_label("Gemeente").select_option("GM0479")
    page.get_by_role("button", name="Toon wijken en buurten").click()
    page.get_by_label("Naam van het gebied").fill(PAYLOAD)
    page.get_by_label("Poelenburg BU04791210").check()
    page.get_by_role("button", name="Gebied opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PAYLOAD)

    page.goto(live_url + "/")
    tooltip = page.locator("#overzichtskaart .leaflet-tooltip", has_text="Zaanstad")
    municipalities = page.locator("#overzichtskaart path.leaflet-interactive")
    for index in range(1, municipalities.count()):  # the first path is the country's outline
        shape = municipalities.nth(index)
        shape.dispatch_event("mouseover")
        if tooltip.count():
            break
        shape.dispatch_event("mouseout")
    expect(tooltip).to_contain_text(PAYLOAD)
    assert PAYLOAD in (tooltip.text_content() or "")
    expect(tooltip.locator("img")).to_have_count(0)
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_no_public_page_breaks_the_content_security_policy(page: Page, live_url: str) -> None:
    page.add_init_script(LISTEN)
    assert csp_violations(page, live_url, PUBLIC_PAGES) == {}


def test_the_admin_does_not_break_the_content_security_policy(page: Page, live_url: str) -> None:
    page.add_init_script(LISTEN)
    log_in(page, live_url, "beheer@demo.ruggensteun.nl", "/beheer/")
    expect(page).to_have_url(f"{live_url}/beheer/")
    assert csp_violations(page, live_url, ADMIN_PAGES) == {}
