"""axe-core (vendored from npm) on public pages: no serious or critical WCAG 2.1 AA violations."""

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.e2e
# Loaded from the app's own static files: the Content-Security-Policy refuses inline script.
AXE = "/static/vendor/axe-core/axe.min.js"
PAGES = [
    "/vergelijk/?gebieden=zaandam-oost&gebieden=utrecht-overvecht",
    "/",
    "/?programma=manifest16",
    "/gebieden/zaandam-oost/",
    "/gebieden/zaandam-oost/?indicator=rivm_positief_per_100k",
    "/wijken/WK047912/",
    "/signalen/?gebied=zaandam-oost",
    "/praktijken/?q=gezondheid",
    "/praktijken/coronaveilige-pleintjes-buurtvaders-schilderswijk/",
    "/coalities/gezondheidsverschillencoalitie-moerwijk/",
    "/gebieden/den-haag-zuidwest/",
    # Issue 15: an area whose wijken fold into a table per domain, and one with the shipped
    # Amsterdam wijk boundaries as a choropleth.
    "/gebieden/heerlen-noord/",
    "/gebieden/amsterdam-zuidoost/",
    "/inloggen/",
]


def serious_violations(page: Page) -> list[str]:
    page.add_script_tag(url=AXE)
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(page: Page, live_url: str, path: str) -> None:
    page.goto(live_url + path)
    assert serious_violations(page) == []


@pytest.mark.issue(15)
def test_the_figures_upload_page_has_no_serious_violations(page: Page, live_url: str) -> None:
    """The analyst's template upload (/gemeenten/<GM>/cijfers/), logged in as Zaanstad's analyst."""
    page.context.clear_cookies()
    page.goto(f"{live_url}/inloggen/?next=/gemeenten/GM0479/cijfers/")
    page.get_by_label("E-mailadres").fill("analist@demo.ruggensteun.nl")
    page.get_by_label("Wachtwoord").fill("ruggensteun-demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/gemeenten/GM0479/cijfers/")
    assert page.get_by_role("heading", name="Eigen cijfers van Zaanstad").is_visible()
    assert serious_violations(page) == []
