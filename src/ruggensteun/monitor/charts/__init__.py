"""Charts of the monitor as Vega-Lite specs, rendered to SVG on the server with vl-convert.

The same spec serves the web page and the PDF report (issue 8), needs no JavaScript and
no network, and every chart travels with a table and a one-paragraph text alternative.
`base` holds the look, the rendering and the choice of indicator; `ranking`, `trend` and
`choropleth` one kind of chart each.
"""

from ruggensteun.areas.models import FocusArea
from ruggensteun.monitor.catalogue import Indicator

from .base import (
    FONT,
    HIGHLIGHT,
    MUTED,
    REFERENCE,
    SCHEMA,
    WIDTH,
    Chart,
    ChartSpec,
    chart_indicators,
    chosen_indicator,
    default_indicator,
    indicator_choices,
    render_svg,
    wijk_indicators,
)
from .choropleth import CLASS_COLOURS, Choropleth, LegendEntry, choropleth
from .ranking import WijkValue, wijk_ranking, wijk_values
from .trend import covid_chart, trend


def area_charts(area: FocusArea, indicator: Indicator) -> list[Chart]:
    """The charts for one chosen indicator: its trend and its ranking over the wijken."""
    charts = [trend(area, indicator)]
    periods = indicator.periods
    if periods and "wijk" in indicator.levels:
        charts.append(wijk_ranking(area, indicator, periods[-1]))
    return [chart for chart in charts if chart is not None]


__all__ = [
    "CLASS_COLOURS",
    "FONT",
    "HIGHLIGHT",
    "MUTED",
    "REFERENCE",
    "SCHEMA",
    "WIDTH",
    "Chart",
    "ChartSpec",
    "Choropleth",
    "LegendEntry",
    "WijkValue",
    "area_charts",
    "chart_indicators",
    "choropleth",
    "chosen_indicator",
    "covid_chart",
    "default_indicator",
    "indicator_choices",
    "render_svg",
    "trend",
    "wijk_indicators",
    "wijk_ranking",
    "wijk_values",
]
