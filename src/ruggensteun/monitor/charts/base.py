"""What every chart shares: the Vega-Lite spec's look, the SVG rendering and the choice of
indicator to chart."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ruggensteun.analysis.numbers import format_number
from ruggensteun.areas.models import FocusArea
from ruggensteun.monitor.catalogue import CONTEXT_DOMAIN, Indicator, load
from ruggensteun.web.templatetags.humanize_nl import active_language, unit_text

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
HIGHLIGHT = "#154273"  # Rijkshuisstijl dark blue (also the map's colour)
MUTED = "#a6b4c4"
REFERENCE = "#b5121b"
FONT = "DejaVu Sans, Verdana, sans-serif"
WIDTH = 520

# A Vega-Lite spec (or a part of one): JSON as the Vega-Lite schema defines it, handed to
# vl-convert whole, so it stays a plain dictionary rather than a typed model of that schema.
ChartSpec = dict[str, Any]


@dataclass(frozen=True)
class Chart:
    """An SVG chart with its alternatives: `description` says in words what it shows, and
    `header`/`rows` hold the same figures as a table."""

    key: str
    title: str
    spec: ChartSpec
    description: str
    header: list[str]
    rows: list[list[str]]
    numeric_from: int = 1  # table columns from this index hold numbers (right-aligned)

    @property
    def svg(self) -> str:
        locale = "en-US" if active_language() == "en" else "nl-NL"
        return render_svg(json.dumps(self.spec, sort_keys=True), self.title, locale)


@lru_cache(maxsize=256)
def render_svg(spec_json: str, title: str, locale: str = "nl-NL") -> str:
    """The spec as an SVG string (numbers in the locale's notation), marked as an image with
    its title for screen readers (the text alternative follows it in the page). No network:
    the data is inline and vl-convert bundles Vega-Lite."""
    import vl_convert

    svg: str = vl_convert.vegalite_to_svg(
        json.loads(spec_json),
        format_locale="en-US" if locale == "en-US" else "nl-NL",
        allowed_base_urls=[],
    )
    label = title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def config() -> ChartSpec:
    return {
        "font": FONT,
        "view": {"stroke": None},
        "axis": {"labelFontSize": 11, "titleFontSize": 11, "labelLimit": 220},
        "legend": {"labelFontSize": 11, "titleFontSize": 11, "orient": "bottom"},
    }


def indicator_name(indicator: Indicator) -> str:
    return indicator.name_en if active_language() == "en" else indicator.name_nl


def unit_title(indicator: Indicator) -> str:
    """The name with its unit in the page's language ("... (per 1,000 inhabitants)")."""
    name, unit = indicator_name(indicator), unit_text(indicator.unit)
    return name if unit in name else f"{name} ({unit})"


def indicator_number(value: float | None, indicator: Indicator) -> str:
    """A figure of the indicator as the chart's table and text show it: the decimals of its unit,
    in the notation of the page's language (1.234,5 or 1,234.5)."""
    return format_number(value, indicator.unit, language=active_language())


def wijk_indicators() -> list[Indicator]:
    """Indicators the shipped data has per wijk: those a ranking or choropleth can show."""
    return [
        indicator
        for indicator in load().indicators.values()
        if "wijk" in indicator.levels
        and not indicator.is_gap
        and indicator.domain != CONTEXT_DOMAIN
    ]


def default_indicator(area: FocusArea) -> Indicator | None:
    choices = wijk_indicators()
    return choices[0] if choices else None


def chart_indicators() -> list[Indicator]:
    """Indicators worth a chart: figures per wijk, or more than one period."""
    return [
        indicator
        for indicator in load().indicators.values()
        if not indicator.is_gap
        and indicator.domain != CONTEXT_DOMAIN
        and ("wijk" in indicator.levels or len(indicator.periods) > 1)
    ]


def indicator_choices() -> list[tuple[str, list[Indicator]]]:
    """The chart indicators grouped by domain label, in catalogue order."""
    catalogue = load()
    groups: dict[str, list[Indicator]] = {}
    for indicator in chart_indicators():
        label = catalogue.domain_label(indicator.domain)
        groups.setdefault(label, []).append(indicator)
    return list(groups.items())


def chosen_indicator(area: FocusArea, requested: str | None) -> Indicator | None:
    """The indicator asked for in the URL if it can be charted, else the default."""
    by_id = {indicator.id: indicator for indicator in chart_indicators()}
    return by_id.get(requested or "") or default_indicator(area)
