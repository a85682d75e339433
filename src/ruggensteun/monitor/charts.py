"""Charts of the monitor as Vega-Lite specs, rendered to SVG on the server with vl-convert.

The same spec serves the web page and the PDF report (issue 8), needs no JavaScript and
no network, and every chart travels with a table and a one-paragraph text alternative.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from ruggensteun.analysis.numbers import format_number
from ruggensteun.areas.models import FocusArea, Level, Region

from .catalogue import Indicator, load
from .models import Observation
from .selectors import area_comparisons

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
HIGHLIGHT = "#154273"  # Rijkshuisstijl dark blue (also the map's colour)
MUTED = "#a6b4c4"
REFERENCE = "#b5121b"
FONT = "DejaVu Sans, Verdana, sans-serif"
WIDTH = 520


@dataclass(frozen=True)
class Chart:
    """An SVG chart with its alternatives: `description` says in words what it shows, and
    `header`/`rows` hold the same figures as a table."""

    key: str
    title: str
    spec: dict[str, Any]
    description: str
    header: list[str]
    rows: list[list[str]]
    numeric_from: int = 1  # table columns from this index hold numbers (right-aligned)

    @property
    def svg(self) -> str:
        locale = "en-US" if translation.get_language() == "en" else "nl-NL"
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


def _config() -> dict[str, Any]:
    return {
        "font": FONT,
        "view": {"stroke": None},
        "axis": {"labelFontSize": 11, "titleFontSize": 11, "labelLimit": 220},
        "legend": {"labelFontSize": 11, "titleFontSize": 11, "orient": "bottom"},
    }


def _name(indicator: Indicator) -> str:
    return indicator.name_en if translation.get_language() == "en" else indicator.name_nl


def _unit_title(indicator: Indicator) -> str:
    name = _name(indicator)
    return name if indicator.unit_label in name else f"{name} ({indicator.unit_label})"


def wijk_indicators() -> list[Indicator]:
    """Indicators the shipped data has per wijk: those a ranking or choropleth can show."""
    return [
        indicator
        for indicator in load().indicators.values()
        if "wijk" in indicator.levels and not indicator.is_gap and indicator.domain != "context"
    ]


def default_indicator(area: FocusArea) -> Indicator | None:
    choices = wijk_indicators()
    return choices[0] if choices else None


# --- ranked bar chart of the municipality's wijken ----------------------------------------------


@dataclass(frozen=True)
class WijkValue:
    region: Region
    value: float | None
    in_area: bool


def wijk_values(area: FocusArea, indicator: Indicator, period: str) -> list[WijkValue]:
    """The figure of every wijk of the area's municipality (same vintage), highest first;
    wijken without a published figure last."""
    member_codes = {m.region.code for m in area.members.select_related("region")}
    member_wijken = {code[:8] for code in member_codes if code.startswith(("WK", "BU"))}
    prefix = "WK" + area.municipality.code[2:]
    wijken = Region.objects.filter(
        vintage=area.municipality.vintage, level=Level.WIJK, code__startswith=prefix
    ).order_by("code")
    values = dict(
        Observation.objects.filter(
            region__in=wijken, indicator=indicator.id, period=period
        ).values_list("region_id", "value")
    )
    result = [WijkValue(wijk, values.get(wijk.pk), wijk.code in member_wijken) for wijk in wijken]
    return sorted(result, key=lambda w: (w.value is None, -(w.value or 0), w.region.code))


def wijk_ranking(area: FocusArea, indicator: Indicator, period: str) -> Chart | None:
    items = wijk_values(area, indicator, period)
    known = [item for item in items if item.value is not None]
    if len(known) < 2:
        return None
    municipality = area.municipality.display_name
    area_label, other_label = _("in %(area)s") % {"area": area.name}, _("andere wijken")
    data = [
        {
            "wijk": item.region.display_name,
            "waarde": item.value,
            "groep": area_label if item.in_area else other_label,
        }
        for item in known
    ]
    title = _("%(indicator)s per wijk van %(municipality)s, %(period)s") % {
        "indicator": _name(indicator),
        "municipality": municipality,
        "period": load().period_label(period),
    }
    spec = {
        "$schema": SCHEMA,
        "config": _config(),
        "width": WIDTH - 220,
        "data": {"values": data},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "wijk", "type": "nominal", "sort": None, "title": None},
            "x": {"field": "waarde", "type": "quantitative", "title": _unit_title(indicator)},
            "color": {
                "field": "groep",
                "type": "nominal",
                "title": None,
                "scale": {"domain": [area_label, other_label], "range": [HIGHLIGHT, MUTED]},
            },
        },
    }
    rows = [
        [
            str(rank),
            item.region.display_name + (" *" if item.in_area else ""),
            format_number(item.value, indicator.unit)
            if item.value is not None
            else _("geen cijfer"),
        ]
        for rank, item in enumerate(items, start=1)
    ]
    return Chart(
        key="wijken",
        title=title,
        spec=spec,
        description=_ranking_text(area, indicator, items, known),
        header=[_("Rang"), _("Wijk (* = in het gebied)"), _unit_title(indicator)],
        rows=rows,
        numeric_from=2,
    )


def _ranking_text(
    area: FocusArea, indicator: Indicator, items: list[WijkValue], known: list[WijkValue]
) -> str:
    places = [
        _("%(wijk)s op plaats %(rank)d (%(value)s)")
        % {
            "wijk": item.region.display_name,
            "rank": rank,
            "value": format_number(item.value, indicator.unit),
        }
        for rank, item in enumerate(known, start=1)
        if item.in_area
    ]
    text = _(
        "De %(count)d wijken van %(municipality)s met een cijfer, van hoog naar laag. "
        "Hoogste: %(top)s (%(top_value)s); laagste: %(bottom)s (%(bottom_value)s)."
    ) % {
        "count": len(known),
        "municipality": area.municipality.display_name,
        "top": known[0].region.display_name,
        "top_value": format_number(known[0].value, indicator.unit),
        "bottom": known[-1].region.display_name,
        "bottom_value": format_number(known[-1].value, indicator.unit),
    }
    if places:
        text += " " + _("Wijken van het gebied: %(places)s.") % {"places": "; ".join(places)}
    missing = len(items) - len(known)
    if missing:
        text += " " + _("%(count)d wijken zonder gepubliceerd cijfer.") % {"count": missing}
    return text


# --- trend of one indicator over its periods ----------------------------------------------------


def trend(
    area: FocusArea, indicator: Indicator, periods: tuple[str, ...] = (), bars: bool = False
) -> Chart | None:
    """The indicator in every period it has (or in `periods`), for the area, the rest of the
    municipality, the municipality and Nederland (only series with at least two figures)."""
    rows = {row["period"]: row for row in area_comparisons(area, indicator=indicator.id)}
    periods = tuple(p for p in (periods or indicator.periods) if p in rows)
    series = _series(area, indicator, periods, rows)
    data = [
        {"periode": load().period_label(p), "reeks": label, "waarde": values[p]}
        for label, values in series
        for p in periods
        if values.get(p) is not None
    ]
    shown = [label for label, values in series if sum(v is not None for v in values.values()) >= 2]
    data = [d for d in data if d["reeks"] in shown]
    if not shown:
        return None
    labels = [load().period_label(p) for p in periods]
    title = (
        _("%(indicator)s per periode") % {"indicator": _name(indicator)}
        if bars
        else _("%(indicator)s, %(first)s–%(last)s")
        % {"indicator": _name(indicator), "first": labels[0], "last": labels[-1]}
    )
    spec = {
        "$schema": SCHEMA,
        "config": _config(),
        "width": WIDTH - 120,
        "height": 220,
        "data": {"values": data},
        "mark": {"type": "bar"} if bars else {"type": "line", "point": True},
        "encoding": {
            **(_bar_axes(labels, shown, indicator) if bars else _line_axes(labels, indicator)),
            "color": {
                "field": "reeks",
                "type": "nominal",
                "title": None,
                "sort": shown,
                "scale": {"domain": shown, "range": _palette(len(shown))},
                "legend": {"columns": 2, "labelLimit": 260},
            },
            "strokeDash": {"field": "reeks", "type": "nominal", "sort": shown, "legend": None},
        },
    }
    table_rows = [
        [label, *(_cell(values.get(p), indicator) for p in periods)]
        for label, values in series
        if any(v is not None for v in values.values())
    ]
    return Chart(
        key="trend",
        title=title,
        spec=spec,
        description=_trend_text(indicator, periods, series, shown),
        header=[_("Reeks"), *labels],
        rows=table_rows,
    )


def _line_axes(labels: list[str], indicator: Indicator) -> dict[str, Any]:
    return {
        "x": {
            "field": "periode",
            "type": "ordinal",
            "sort": labels,
            "title": None,
            "axis": {"labelAngle": 0},
        },
        "y": {
            "field": "waarde",
            "type": "quantitative",
            "title": _unit_title(indicator),
            "scale": {"zero": False},
        },
    }


def _bar_axes(labels: list[str], shown: list[str], indicator: Indicator) -> dict[str, Any]:
    return {
        "y": {
            "field": "periode",
            "type": "nominal",
            "sort": labels,
            "title": None,
            "axis": {"labelLimit": 200},
        },
        "yOffset": {"field": "reeks", "type": "nominal", "sort": shown},
        "x": {"field": "waarde", "type": "quantitative", "title": _unit_title(indicator)},
    }


def _series(
    area: FocusArea,
    indicator: Indicator,
    periods: tuple[str, ...],
    rows: dict[str, dict[str, Any]],
) -> list[tuple[str, dict[str, float | None]]]:
    """(label, value per period): the area, else its wijken (GGD estimates have no counts to
    add up), then the rest of the municipality, the municipality and Nederland."""
    municipality = area.municipality.display_name

    def column(key: str) -> dict[str, float | None]:
        return {p: rows[p].get(f"{key}_value") for p in periods}

    series = [(area.name, column("area"))]
    if all(v is None for v in series[0][1].values()):
        series = _member_series(area, indicator, periods)
    return [
        *series,
        (_("rest van %(municipality)s") % {"municipality": municipality}, column("rest")),
        (municipality, column("gm")),
        (_("Nederland"), column("nl")),
    ]


def _member_series(
    area: FocusArea, indicator: Indicator, periods: tuple[str, ...]
) -> list[tuple[str, dict[str, float | None]]]:
    members = [m.region for m in area.members.select_related("region") if m.region.level == "wijk"]
    found: dict[int, dict[str, float | None]] = {m.pk: {p: None for p in periods} for m in members}
    for region_id, period, value in Observation.objects.filter(
        region__in=members, indicator=indicator.id, period__in=periods
    ).values_list("region_id", "period", "value"):
        found[region_id][period] = value
    return [(m.display_name, found[m.pk]) for m in sorted(members, key=lambda r: r.code)]


def _palette(count: int) -> list[str]:
    """Distinguishable colours; the last three are the references (rest, gemeente, NL)."""
    local = ["#154273", "#01689b", "#42145f", "#a90061", "#e17000", "#39870c", "#673327"]
    references = ["#8fcae7", "#999999", "#b5121b"]
    return (local * 3)[: max(count - 3, 0)] + references[-min(count, 3) :]


def _cell(value: float | None, indicator: Indicator) -> str:
    return format_number(value, indicator.unit) if value is not None else "–"


def _trend_text(
    indicator: Indicator,
    periods: tuple[str, ...],
    series: list[tuple[str, dict[str, float | None]]],
    shown: list[str],
) -> str:
    first, last = periods[0], periods[-1]
    parts = [
        _("%(series)s van %(start)s naar %(end)s")
        % {
            "series": label,
            "start": format_number(values[first], indicator.unit),
            "end": format_number(values[last], indicator.unit),
        }
        for label, values in series
        if label in shown and values.get(first) is not None and values.get(last) is not None
    ]
    text = _("%(indicator)s, %(first)s en %(last)s: ") % {
        "indicator": _name(indicator),
        "first": load().period_label(first),
        "last": load().period_label(last),
    }
    return text + "; ".join(parts) + "."


def area_charts(area: FocusArea, indicator: Indicator) -> list[Chart]:
    """The charts for one chosen indicator: its trend and its ranking over the wijken."""
    charts = [trend(area, indicator)]
    periods = indicator.periods
    if periods and "wijk" in indicator.levels:
        charts.append(wijk_ranking(area, indicator, periods[-1]))
    return [chart for chart in charts if chart is not None]


def covid_chart(area: FocusArea) -> Chart | None:
    """Positive tests per 100,000 inhabitants by wave, municipality against Nederland."""
    catalogue = load()
    indicator = catalogue.indicators.get("rivm_positief_per_100k")
    if indicator is None:
        return None
    return trend(area, indicator, periods=("tot-23-dec-2020", "na-23-dec-2020"), bars=True)


def chart_indicators() -> list[Indicator]:
    """Indicators worth a chart: figures per wijk, or more than one period."""
    return [
        indicator
        for indicator in load().indicators.values()
        if not indicator.is_gap
        and indicator.domain != "context"
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


CLASS_COLOURS = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]


def choropleth(area: FocusArea, indicator: Indicator, shapes: list[Any]) -> dict[str, Any] | None:
    """GeoJSON features of the municipality's wijken coloured in five quantile classes of
    the indicator's latest period, with the area's wijken marked; None without boundaries."""
    if not shapes or "wijk" not in indicator.levels or not indicator.periods:
        return None
    period = indicator.periods[-1]
    values = {item.region.code: item for item in wijk_values(area, indicator, period)}
    known = sorted(v.value for v in values.values() if v.value is not None)
    breaks = [known[min(len(known) - 1, len(known) * q // 5)] for q in range(1, 5)] if known else []
    features = []
    for shape in shapes:
        item = values.get(shape.region.code)
        value = item.value if item else None
        colour = CLASS_COLOURS[sum(value > b for b in breaks)] if value is not None else "#ffffff"
        features.append(
            {
                "type": "Feature",
                "geometry": shape.geojson,
                "properties": {
                    "name": shape.region.display_name,
                    "label": format_number(value, indicator.unit)
                    if value is not None
                    else _("geen cijfer"),
                    "colour": colour,
                    "in_area": bool(item and item.in_area),
                },
            }
        )
    legend = [
        {"colour": colour, "label": label}
        for colour, label in zip(
            CLASS_COLOURS, _class_labels(breaks, known, indicator), strict=False
        )
    ]
    return {
        "features": {"type": "FeatureCollection", "features": features},
        "legend": legend,
        "title": _("%(indicator)s per wijk, %(period)s")
        % {"indicator": _name(indicator), "period": load().period_label(period)},
    }


def _class_labels(breaks: list[float], known: list[float], indicator: Indicator) -> list[str]:
    if not known:
        return []
    edges = [known[0], *breaks, known[-1]]
    return [
        f"{format_number(low, indicator.unit)} – {format_number(high, indicator.unit)}"
        for low, high in itertools.pairwise(edges)
    ]
