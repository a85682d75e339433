"""Reports rendered once per test session from the shipped data (a PDF takes seconds)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
from pypdf import PdfReader

from ruggensteun.areas.models import FocusArea
from ruggensteun.reports.builder import area_report
from ruggensteun.reports.render import html_to_pdf, report_html


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


@dataclass(frozen=True)
class Rendered:
    area: FocusArea
    content: dict[str, Any]  # what the builder gave the template
    html: str  # the HTML the PDF was made from
    pdf: bytes
    text: str  # extracted from the PDF


def render(slug: str) -> Rendered:
    area = FocusArea.objects.select_related("municipality").get(slug=slug)
    html = report_html(area, for_pdf=True)
    pdf = html_to_pdf(html)
    return Rendered(area, area_report(area), html, pdf, pdf_text(pdf))


@pytest.fixture(scope="session")
def zaandam(django_db_setup: None, django_db_blocker: Any) -> Rendered:
    """Zaandam Oost's report, rendered once per session (per xdist worker) on first request."""
    with django_db_blocker.unblock():
        return render("zaandam-oost")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests of the rendered report are slow: a PDF takes seconds (the first one the fixture)."""
    for item in items:
        if "zaandam" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


class Cells(HTMLParser):
    """The cells of the tables with a given class: per cell its text and the classes of the
    spans in it (`empty` holds the mark of an empty cell, `mark` a significance mark)."""

    def __init__(self, table_class: str) -> None:
        super().__init__()
        self.table_class = table_class
        self.depth = 0  # inside a wanted table
        self.cell: dict[str, Any] | None = None
        self.span: str | None = None
        self.cells: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table" and self.table_class in classes:
            self.depth = 1
        elif self.depth and tag == "td" and "num" in classes:
            self.cell = {"text": "", "spans": {}}
        elif self.cell is not None and tag == "span":
            self.span = classes[0] if classes else ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth = 0
        elif tag == "td" and self.cell is not None:
            self.cells.append(self.cell)
            self.cell = None
        elif tag == "span":
            self.span = None

    def handle_data(self, data: str) -> None:
        if self.cell is None:
            return
        if self.span is not None:
            self.cell["spans"][self.span] = self.cell["spans"].get(self.span, "") + data
        else:
            self.cell["text"] += data


def table_cells(html: str, table_class: str = "figures") -> list[dict[str, Any]]:
    parser = Cells(table_class)
    parser.feed(html)
    return parser.cells


class VisibleText(HTMLParser):
    """The text a reader sees: no head (title, style), no attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in {"head", "style", "script"}

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in {"head", "style", "script"}

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)
