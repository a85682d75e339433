"""Writing reports to files, for the command (and its worker processes)."""

from __future__ import annotations

from pathlib import Path

from ruggensteun.areas.models import FocusArea

from .overview import overview_rows
from .render import html_to_pdf, overview_html, report_html, report_pdf

OVERVIEW_NAME = "overzicht-alle-gebieden"


def report_filename(slug: str, fmt: str) -> str:
    return f"diagnose-{slug}.{fmt}"


def write_area_report(slug: str, out: Path, fmt: str = "pdf") -> Path:
    """Render one area's report into `out`; returns the file written."""
    area = FocusArea.objects.select_related("municipality").get(slug=slug)
    path = out / report_filename(slug, fmt)
    if fmt == "pdf":
        path.write_bytes(report_pdf(area))
    else:
        path.write_text(report_html(area), encoding="utf-8")
    return path


def overview_document(slugs: list[str], fmt: str = "pdf") -> bytes:
    areas = list(
        FocusArea.objects.filter(slug__in=slugs)
        .select_related("municipality")
        .prefetch_related("members__region")
        .order_by("municipality__name", "name")
    )
    rows, header = overview_rows(areas)
    html = overview_html(rows, header, for_pdf=fmt == "pdf")
    return html_to_pdf(html) if fmt == "pdf" else html.encode()


def write_overview(slugs: list[str], out: Path, fmt: str = "pdf") -> Path:
    """The overview comparing the areas with these slugs."""
    path = out / f"{OVERVIEW_NAME}.{fmt}"
    path.write_bytes(overview_document(slugs, fmt))
    return path
