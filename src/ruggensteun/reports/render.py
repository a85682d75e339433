"""HTML and PDF from the same templates. The PDF is tagged (PDF/UA-1) with the document language,
title and bookmarks from the headings; WeasyPrint needs Pango and HarfBuzz (see README).

The stylesheet is one static file (reports/report.css). The page served to browsers links it, so
the strict Content-Security-Policy (style-src 'self', no inline styles) holds; the PDF and the
HTML files written by the command embed it, as they must stand on their own.

Rendered reports are cached by area and by a version of everything they show (the latest
results, the focus areas, signals, coalitions, practices and imports), so a repeated download
is served from the cache and any change makes a new key.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import fields
from functools import cache as memoise
from pathlib import Path

from django.core.cache import cache
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation

from ruggensteun.areas.models import FocusArea
from ruggensteun.areas.selectors import areas_version
from ruggensteun.imports.selectors import imports_version
from ruggensteun.monitor.selectors import monitor_version
from ruggensteun.practices.selectors import practices_version
from ruggensteun.signals.selectors import signals_version

from .builder import area_report
from .overview import OverviewHeader, OverviewRow

REPORT_TEMPLATE = "reports/area_report.html"
OVERVIEW_TEMPLATE = "reports/overview_report.html"
FORMATS = ("html", "pdf")
CACHE_SECONDS = 86400
QUIET_LOGGERS = ("weasyprint", "fontTools")
STYLESHEET = "reports/report.css"
STYLESHEET_PATH = Path(__file__).parent / "static" / STYLESHEET


@memoise
def report_css() -> str:
    """The report's stylesheet, for documents that embed it (PDF, files on disk)."""
    return STYLESHEET_PATH.read_text(encoding="utf-8")


def quiet_weasyprint() -> None:
    """WeasyPrint logs every layout step at INFO, and fontTools every subset; keep warnings."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def report_html(area: FocusArea, *, for_pdf: bool = False, linked_css: bool = False) -> str:
    """The report as HTML; `linked_css` links the static stylesheet instead of embedding it
    (the page for browsers, under the Content-Security-Policy)."""
    styles = {"stylesheet": static(STYLESHEET)} if linked_css else {"report_css": report_css()}
    # The report is Dutch, whatever language the visitor chose for the site.
    with translation.override("nl"):
        return render_to_string(
            REPORT_TEMPLATE, {**area_report(area), "for_pdf": for_pdf, **styles}
        )


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    quiet_weasyprint()
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url)
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    return pdf


def report_pdf(area: FocusArea) -> bytes:
    return html_to_pdf(report_html(area, for_pdf=True))


def overview_html(rows: list[OverviewRow], header: OverviewHeader, *, for_pdf: bool = True) -> str:
    """The overview of all areas; the header's fields are names in the template."""
    context = {item.name: getattr(header, item.name) for item in fields(header)}
    with translation.override("nl"):
        return render_to_string(
            OVERVIEW_TEMPLATE,
            {"for_pdf": for_pdf, **context, "rows": rows, "report_css": report_css()},
        )


# --- cache ---------------------------------------------------------------------------------------


def report_version() -> str:
    """Changes whenever anything a report shows changes: a recompute or the catalogue, a focus
    area, a signal, a coalition, published practice or adoption, or an import. Each app says
    when its part changed (its `<app>_version` selector); this only combines them."""
    parts = [
        monitor_version(),
        areas_version(),
        signals_version(),
        practices_version(),
        imports_version(),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def cached_report(area: FocusArea, fmt: str) -> bytes:
    """The area's report as HTML (for the browser: stylesheet linked) or PDF bytes, rendered
    once per version of its content."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    key = f"area-report:{fmt}:{area.slug}:{report_version()}"
    body: bytes | None = cache.get(key)
    if body is None:
        body = report_pdf(area) if fmt == "pdf" else report_html(area, linked_css=True).encode()
        cache.set(key, body, CACHE_SECONDS)
    return body
