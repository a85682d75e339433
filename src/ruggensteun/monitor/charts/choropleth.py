"""The map of the municipality's wijken in five quantile classes of an indicator."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ruggensteun.areas.models import FocusArea, RegionGeometry
from ruggensteun.monitor.catalogue import Indicator, load

from .base import indicator_name, indicator_number
from .ranking import wijk_values

CLASS_COLOURS = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str  # the class's range of values


@dataclass(frozen=True)
class Choropleth:
    """A map of the wijken: the GeoJSON FeatureCollection drawn by the page's script (each
    feature with its name, label, colour and whether it lies in the area; the collection with
    the `sources` of the boundaries drawn and the map's `credit` line), and its legend."""

    features: dict[str, object]
    legend: list[LegendEntry]
    title: str
    sources: list[str]  # as stored with the boundaries: shipped CBS/Kadaster or an upload


def boundary_sources(shapes: list[RegionGeometry]) -> list[str]:
    """The distinct sources of the boundaries, sorted: the map credits each one."""
    return sorted({shape.source for shape in shapes if shape.source})


def credit(sources: list[str]) -> str:
    """The map's credit line for the wijk boundaries (the script shows it as text)."""
    return _("wijkgrenzen: %(sources)s") % {"sources": "; ".join(sources)} if sources else ""


def choropleth(
    area: FocusArea, indicator: Indicator, shapes: list[RegionGeometry]
) -> Choropleth | None:
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
                    "label": indicator_number(value, indicator)
                    if value is not None
                    else _("geen cijfer"),
                    "colour": colour,
                    "in_area": bool(item and item.in_area),
                },
            }
        )
    legend = [
        LegendEntry(colour, label)
        for colour, label in zip(
            CLASS_COLOURS, _class_labels(breaks, known, indicator), strict=False
        )
    ]
    sources = boundary_sources(shapes)
    return Choropleth(
        # `sources` and `credit` are foreign members of the collection (RFC 7946, 6.1):
        # Leaflet ignores them, boundary-map.js reads the credit.
        features={
            "type": "FeatureCollection",
            "features": features,
            "sources": sources,
            "credit": credit(sources),
        },
        legend=legend,
        title=_("%(indicator)s per wijk, %(period)s")
        % {"indicator": indicator_name(indicator), "period": load().period_label(period)},
        sources=sources,
    )


def _class_labels(breaks: list[float], known: list[float], indicator: Indicator) -> list[str]:
    if not known:
        return []
    edges = [known[0], *breaks, known[-1]]
    return [
        f"{indicator_number(low, indicator)} – {indicator_number(high, indicator)}"
        for low, high in itertools.pairwise(edges)
    ]
