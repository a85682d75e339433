"""The overview that the batch adds to the area reports: all areas side by side, with their
stacking per domain (as on the dashboards) and a few key figures from the stored results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.monitor.catalogue import DOMAINS, load
from ruggensteun.monitor.models import ComparisonResult
from ruggensteun.monitor.selectors import latest_result_set, overview_stacking

from .builder import MISSING_MARK, ReportCell, report_cell

COVID_INDICATOR = "rivm_positief_per_100k"
MONEY_INDICATOR = "ggd_moeite_rondkomen"


@dataclass(frozen=True)
class DomainFlag:
    flagged: bool | None  # None: no wijk figures to rank
    score: float | None


@dataclass
class OverviewRow:
    area: FocusArea
    domains: list[DomainFlag]
    stacked: int
    covid: list[ReportCell]  # the municipality's positives per 100,000, per period
    money_municipality: ReportCell
    money_wijken: list[tuple[str, ReportCell]] = field(default_factory=list)


def _latest(periods: tuple[str, ...]) -> str:
    return periods[-1] if periods else ""


def overview_rows(areas: list[FocusArea]) -> tuple[list[OverviewRow], dict[str, Any]]:
    """One row per area and what the header needs (period labels, Nederland's figures)."""
    catalogue = load()
    result_set = latest_result_set()
    covid = catalogue.indicators[COVID_INDICATOR]
    money = catalogue.indicators[MONEY_INDICATOR]
    money_period = _latest(money.periods)
    stacking = overview_stacking(areas)
    area_rows: dict[tuple[int, str, str], dict[str, Any]] = {}
    wijk_values: dict[int, dict[str, Any]] = {}
    members: dict[int, list[Region]] = {
        area.pk: sorted((m.region for m in area.members.all()), key=lambda r: r.code)
        for area in areas
    }
    if result_set is not None:
        for item in ComparisonResult.objects.filter(
            result_set=result_set,
            focus_area__in=areas,
            indicator__in=[COVID_INDICATOR, MONEY_INDICATOR],
        ):
            area_rows[(item.focus_area_id, item.indicator, item.period)] = item.data  # type: ignore[index]
        regions = [region for found in members.values() for region in found]
        for item in ComparisonResult.objects.filter(
            result_set=result_set,
            region__in=regions,
            indicator=MONEY_INDICATOR,
            period=money_period,
        ):
            wijk_values[item.region_id] = item.data  # type: ignore[index]
    rows = []
    national: dict[str, ReportCell] = {}
    for area in areas:
        entry = stacking.get(area.pk, {"domains": {}, "count": 0})
        domains = [
            DomainFlag(result.flagged, result.score)
            if (result := entry["domains"].get(key))
            else DomainFlag(None, None)
            for key in DOMAINS
        ]
        covid_cells = []
        for period in covid.periods:
            row = area_rows.get((area.pk, COVID_INDICATOR, period))
            covid_cells.append(report_cell(row, "gm", covid))
            if row is not None and row.get("nl_value") is not None:
                national[period] = report_cell(row, "nl", covid)
        money_row = area_rows.get((area.pk, MONEY_INDICATOR, money_period))
        if money_row is not None and money_row.get("nl_value") is not None:
            national[MONEY_INDICATOR] = report_cell(money_row, "nl", money)
        rows.append(
            OverviewRow(
                area=area,
                domains=domains,
                stacked=entry["count"],
                covid=covid_cells,
                money_municipality=report_cell(money_row, "gm", money),
                money_wijken=[
                    (region.display_name, report_cell(wijk_values.get(region.pk), "area", money))
                    for region in members[area.pk]
                ],
            )
        )
    context = {
        "domains": [catalogue.domain_label(key) for key in DOMAINS],
        "covid_periods": [catalogue.period_label(p) for p in covid.periods],
        "covid_national": [national.get(p, ReportCell("", MISSING_MARK)) for p in covid.periods],
        "money_period": catalogue.period_label(money_period),
        "money_national": national.get(MONEY_INDICATOR, ReportCell("", MISSING_MARK)),
        "result_set": result_set,
        "generated": timezone.localtime(),
        "catalogue_version": catalogue.version,
    }
    return rows, context
