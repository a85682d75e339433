"""The ranked bar chart of the municipality's wijken, with the area's wijken marked."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ruggensteun.areas.models import FocusArea, Level, Region
from ruggensteun.monitor.catalogue import Indicator, load
from ruggensteun.monitor.models import Observation

from .base import (
    HIGHLIGHT,
    MUTED,
    SCHEMA,
    WIDTH,
    Chart,
    config,
    indicator_name,
    indicator_number,
    unit_title,
)


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
        "indicator": indicator_name(indicator),
        "municipality": municipality,
        "period": load().period_label(period),
    }
    spec = {
        "$schema": SCHEMA,
        "config": config(),
        "width": WIDTH - 220,
        "data": {"values": data},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "wijk", "type": "nominal", "sort": None, "title": None},
            "x": {"field": "waarde", "type": "quantitative", "title": unit_title(indicator)},
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
            indicator_number(item.value, indicator) if item.value is not None else _("geen cijfer"),
        ]
        for rank, item in enumerate(items, start=1)
    ]
    return Chart(
        key="wijken",
        title=title,
        spec=spec,
        description=_ranking_text(area, indicator, items, known),
        header=[_("Rang"), _("Wijk (* = in het gebied)"), unit_title(indicator)],
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
            "value": indicator_number(item.value, indicator),
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
        "top_value": indicator_number(known[0].value, indicator),
        "bottom": known[-1].region.display_name,
        "bottom_value": indicator_number(known[-1].value, indicator),
    }
    if places:
        text += " " + _("Wijken van het gebied: %(places)s.") % {"places": "; ".join(places)}
    missing = len(items) - len(known)
    if missing:
        text += " " + _("%(count)d wijken zonder gepubliceerd cijfer.") % {"count": missing}
    return text
