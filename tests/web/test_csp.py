"""Issue 12, finding 1: a strict Content-Security-Policy on every page, and nothing in the pages
or templates that such a policy would block (inline script, style attributes, event handlers)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

from ruggensteun.accounts.models import Role
from ruggensteun.monitor.charts import CLASS_COLOURS
from tests.accounts.factories import user_with_role
from tests.areas.test_wijk_boundaries import ZAANSTAD_WIJKEN, collection, upload
from tests.web.pages import KEY_PAGES

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "ruggensteun"
STATIC_JS = sorted((SRC / "web" / "static" / "web").glob("*.js"))
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}

PUBLIC_PAGES = [*KEY_PAGES, "/bestaat-niet/"]


class InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP blocks: inline scripts and styles, handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and not names.get("src") and names.get("type") not in DATA_SCRIPT_TYPES:
            self.found.append(f"inline <script> at {self.getpos()}")
        if tag == "style":
            self.found.append(f"<style> element at {self.getpos()}")
        for name, value in attrs:
            if name == "style":
                self.found.append(f"style attribute on <{tag}> at {self.getpos()}")
            if name.startswith("on"):
                self.found.append(f"{name} handler on <{tag}> at {self.getpos()}")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"javascript: URL on <{tag}> at {self.getpos()}")


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.found


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def assert_strict_csp(header: str) -> None:
    assert "'unsafe-inline'" not in header
    assert "'unsafe-eval'" not in header
    policy = directives(header)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]


@pytest.mark.issue(12)
@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_a_strict_csp_and_no_inline_code(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code in {200, 404}
    assert_strict_csp(response["Content-Security-Policy"])
    assert inline_code(response.content.decode()) == []


@pytest.mark.issue(12)
@pytest.mark.django_db
def test_the_swagger_ui_loads_its_start_script_from_a_url(client: Client) -> None:
    page = client.get("/api/v1/docs/").content.decode()
    script_urls = re.findall(r'<script src="([^"]+)"', page)
    start = [url for url in script_urls if "script" in url.split("?", 1)[-1]]
    assert start, script_urls
    script = client.get(start[0].replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()


@pytest.mark.issue(12)
@pytest.mark.django_db
def test_the_area_report_page_has_no_inline_code(client: Client) -> None:
    response = client.get("/gebieden/zaandam-oost/rapport.html")
    assert response.status_code == 200
    assert_strict_csp(response["Content-Security-Policy"])
    assert inline_code(response.content.decode()) == []


@pytest.mark.issue(12)
@pytest.mark.django_db
def test_the_admin_has_a_strict_csp_and_no_inline_code(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TWO_FACTOR_REQUIRED = False
    client.force_login(user_with_role("beheerder"))
    for path in ["/beheer/", "/beheer/accounts/user/", "/beheer/accounts/user/add/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict_csp(response["Content-Security-Policy"])
        assert inline_code(response.content.decode()) == [], path


@pytest.mark.issue(12)
@pytest.mark.django_db
def test_the_choropleth_legend_uses_classes_for_the_quantile_colours(client: Client) -> None:
    client.force_login(user_with_role(Role.ANALIST, "GM0479"))
    upload(client, collection(ZAANSTAD_WIJKEN))
    response = client.get("/gebieden/zaandam-oost/")
    page = response.content.decode()
    assert "rs-legend" in page
    for quantile in range(1, 6):
        assert f"rs-swatch--q{quantile}" in page
    assert inline_code(page) == []


@pytest.mark.issue(12)
def test_the_legend_classes_have_the_map_colours() -> None:
    css = (SRC / "web" / "static" / "web" / "ruggensteun.css").read_text()
    for quantile, colour in enumerate(CLASS_COLOURS, start=1):
        rule = re.search(rf"\.rs-swatch--q{quantile}\s*\{{([^}}]*)\}}", css)
        assert rule is not None, quantile
        assert colour in rule.group(1)


def templates() -> list[Path]:
    return sorted(path for path in SRC.rglob("templates/**/*.html"))


@pytest.mark.issue(12)
def test_no_template_holds_inline_script_style_attributes_or_handlers() -> None:
    inline_script = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    style_attribute = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
    handler = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
    found = []
    for path in templates():
        text = path.read_text()
        for name, pattern in [
            ("inline script", inline_script),
            ("style attribute", style_attribute),
            ("event handler", handler),
        ]:
            found += [f"{path.relative_to(SRC)}: {name}" for _ in pattern.findall(text)]
    assert templates()
    assert found == []


@pytest.mark.issue(12)
@pytest.mark.parametrize("script", STATIC_JS, ids=lambda path: path.name)
def test_map_scripts_never_build_html_from_data(script: Path) -> None:
    source = script.read_text()
    for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("]:
        assert sink not in source, sink
    # Leaflet inserts a string tooltip or popup as HTML: every one gets an element built
    # with textContent instead.
    bound = re.findall(r"\.(?:bindTooltip|bindPopup|setContent)\(\s*([^\s(,)]*)", source)
    assert bound, "the map scripts bind tooltips"
    assert set(bound) == {"textElement"}
    assert "textContent" in source
