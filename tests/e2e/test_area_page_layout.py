"""Zaandam Oost's area page at 1280 px: short enough to read, and its tables without a horizontal
scroll (issue 15, item 6). Before the change the page was 13,412 px tall and the main table
scrolled sideways; the screenshots before and after are docs/img/area-page-*.png."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page

pytestmark = [pytest.mark.e2e, pytest.mark.issue(15)]

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "img"
AREA = "/gebieden/zaandam-oost/"


def page_height(page: Page) -> int:
    return int(page.evaluate("() => document.documentElement.scrollHeight"))


def overflowing_tables(page: Page) -> list[str]:
    """Every table wider than its scroll box (or than the viewport), by its caption or label."""
    return list(
        page.evaluate(
            """() => [...document.querySelectorAll('main table')].filter(table => {
                const box = table.closest('.rs-table-wrap') || table.parentElement;
                return box.scrollWidth > box.clientWidth + 1
                    || table.getBoundingClientRect().right > window.innerWidth;
            }).map(table => (table.caption ? table.caption.textContent : table.id).trim())"""
        )
    )


def test_the_area_page_fits_1280_px_without_sideways_scroll(page: Page, live_url: str) -> None:
    page.goto(live_url + AREA)
    height, overflowing = page_height(page), overflowing_tables(page)
    print(f"area page at 1280 px: {height} px tall, overflowing: {overflowing}")
    if os.environ.get("AREA_PAGE_SCREENSHOT"):
        page.screenshot(path=str(IMAGES / os.environ["AREA_PAGE_SCREENSHOT"]), full_page=True)
    assert height < 5000
    assert overflowing == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280


def overflowing_domain_tables(page: Page) -> list[str]:
    """The domain sections' tables (main and per-wijk parts, opened) wider than their box."""
    page.evaluate(
        "() => document.querySelectorAll('.rs-domain-section, .rs-per-wijk')"
        ".forEach(details => { details.open = true; })"
    )
    return list(
        page.evaluate(
            """() => [...document.querySelectorAll('.rs-domain-section table')].filter(table => {
                const box = table.closest('.rs-table-wrap') || table.parentElement;
                return box.scrollWidth > box.clientWidth + 1
                    || table.getBoundingClientRect().right > window.innerWidth;
            }).map(table => table.caption ? table.caption.textContent.trim() : table.className)"""
        )
    )


@pytest.mark.parametrize("slug", ["heerlen-noord", "amsterdam-nieuw-west"])
def test_areas_with_many_wijken_fold_them_and_fit_1280_px(
    page: Page, live_url: str, slug: str
) -> None:
    """Heerlen Noord (10 wijken) and Amsterdam Nieuw-West (14): before, three main tables ran to
    1,819 and 2,317 px; now their wijken sit in folded per-wijk tables of at most 10 columns."""
    page.goto(f"{live_url}/gebieden/{slug}/")
    height = page_height(page)
    overflowing = overflowing_domain_tables(page)
    print(f"{slug} at 1280 px: {height} px tall, overflowing domain tables: {overflowing}")
    assert overflowing == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280
