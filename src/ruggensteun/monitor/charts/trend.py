"""The trend of one indicator over its periods: the area (or its wijken), the rest of the
municipality, the municipality and Nederland, as lines or bars."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from ruggensteun.areas.models import FocusArea
from ruggensteun.monitor.catalogue import Indicator, load
from ruggensteun.monitor.models import Observation
from ruggensteun.monitor.results import ComparisonRow, Figure
from ruggensteun.monitor.selectors import area_rows

from .base import (
    SCHEMA,
    WIDTH,
    Chart,
    ChartSpec,
    config,
    indicator_name,
    indicator_number,
    unit_title,
)


def trend(
    area: FocusArea, indicator: Indicator, periods: tuple[str, ...] = (), bars: bool = False
) -> Chart | None:
    """The indicator in every period it has (or in `periods`), for the area, the rest of the
    municipality, the municipality and Nederland (only series with at least two figures)."""
    rows = {row.period: row for row in area_rows(area, indicator=indicator.id)}
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
        _("%(indicator)s per periode") % {"indicator": indicator_name(indicator)}
        if bars
        else _("%(indicator)s, %(first)s–%(last)s")
        % {"indicator": indicator_name(indicator), "first": labels[0], "last": labels[-1]}
    )
    spec: ChartSpec = {
        "$schema": SCHEMA,
        "config": config(),
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


def _line_axes(labels: list[str], indicator: Indicator) -> ChartSpec:
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
            "title": unit_title(indicator),
            "scale": {"zero": False},
        },
    }


def _bar_axes(labels: list[str], shown: list[str], indicator: Indicator) -> ChartSpec:
    return {
        "y": {
            "field": "periode",
            "type": "nominal",
            "sort": labels,
            "title": None,
            "axis": {"labelLimit": 200},
        },
        "yOffset": {"field": "reeks", "type": "nominal", "sort": shown},
        "x": {"field": "waarde", "type": "quantitative", "title": unit_title(indicator)},
    }


def _series(
    area: FocusArea,
    indicator: Indicator,
    periods: tuple[str, ...],
    rows: dict[str, ComparisonRow],
) -> list[tuple[str, dict[str, float | None]]]:
    """(label, value per period): the area, else its wijken (GGD estimates have no counts to
    add up), then the rest of the municipality, the municipality and Nederland."""
    municipality = area.municipality.display_name

    def column(level: Callable[[ComparisonRow], Figure]) -> dict[str, float | None]:
        return {p: level(rows[p]).value for p in periods}

    series = [(area.name, column(lambda row: row.area))]
    if all(v is None for v in series[0][1].values()):
        series = _member_series(area, indicator, periods)
    return [
        *series,
        (
            _("rest van %(municipality)s") % {"municipality": municipality},
            column(lambda row: row.rest),
        ),
        (municipality, column(lambda row: row.municipality)),
        (_("Nederland"), column(lambda row: row.nederland)),
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
    return indicator_number(value, indicator) if value is not None else "–"


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
            "start": indicator_number(values[first], indicator),
            "end": indicator_number(values[last], indicator),
        }
        for label, values in series
        if label in shown and values.get(first) is not None and values.get(last) is not None
    ]
    text = _("%(indicator)s, %(first)s en %(last)s: ") % {
        "indicator": indicator_name(indicator),
        "first": load().period_label(first),
        "last": load().period_label(last),
    }
    return text + "; ".join(parts) + "."


def covid_chart(area: FocusArea) -> Chart | None:
    """Positive tests per 100,000 inhabitants by wave, municipality against Nederland."""
    catalogue = load()
    indicator = catalogue.indicators.get("rivm_positief_per_100k")
    if indicator is None:
        return None
    return trend(area, indicator, periods=("tot-23-dec-2020", "na-23-dec-2020"), bars=True)
