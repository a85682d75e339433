"""The overview that the batch adds to the area reports: all areas side by side, with their
stacking per domain (as on the dashboards) and a few key figures from the stored results."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from ruggensteun.areas.models import FocusArea
from ruggensteun.monitor.catalogue import DOMAINS, load
from ruggensteun.monitor.models import ResultSet
from ruggensteun.monitor.results import AreaStacking
from ruggensteun.monitor.selectors import area_stackings, latest_result_set, member_comparisons_of

from .builder import MISSING_MARK, ReportCell, municipality_cell, report_cell

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


@dataclass(frozen=True)
class OverviewHeader:
    """What the overview shows above and beside the rows: the domains, the periods and
    Nederland's figures, and when and from which results it was made."""

    domains: list[str]  # domain labels
    covid_periods: list[str]  # period labels
    covid_national: list[ReportCell]
    money_period: str  # its label
    money_national: ReportCell
    result_set: ResultSet | None
    generated: datetime.datetime
    catalogue_version: str


def _latest(periods: tuple[str, ...]) -> str:
    return periods[-1] if periods else ""


def overview_rows(areas: list[FocusArea]) -> tuple[list[OverviewRow], OverviewHeader]:
    """One row per area and what the header needs (period labels, Nederland's figures)."""
    catalogue = load()
    result_set = latest_result_set()
    covid = catalogue.indicators[COVID_INDICATOR]
    money = catalogue.indicators[MONEY_INDICATOR]
    money_period = _latest(money.periods)
    stacking = area_stackings(areas)
    comparisons = member_comparisons_of(areas, indicators=[COVID_INDICATOR, MONEY_INDICATOR])
    rows = []
    national: dict[str, ReportCell] = {}
    for area in areas:
        entry = stacking.get(area.pk, AreaStacking({}, 0))
        domains = [
            DomainFlag(result.flagged, result.score)
            if (result := entry.domains.get(key))
            else DomainFlag(None, None)
            for key in DOMAINS
        ]
        found = comparisons[area.pk]
        covid_cells = []
        for period in covid.periods:
            row = found.row(COVID_INDICATOR, period)
            covid_cells.append(municipality_cell(row, covid))
            if row.nederland.value is not None:
                national[period] = report_cell(row.nederland, covid)
        money_row = found.row(MONEY_INDICATOR, money_period)
        if money_row.nederland.value is not None:
            national[MONEY_INDICATOR] = report_cell(money_row.nederland, money)
        money_figures = found.member_figures(MONEY_INDICATOR, money_period)
        rows.append(
            OverviewRow(
                area=area,
                domains=domains,
                stacked=entry.count,
                covid=covid_cells,
                money_municipality=municipality_cell(money_row, money),
                money_wijken=[
                    (region.display_name, report_cell(figure, money))
                    for region, figure in zip(found.members, money_figures, strict=True)
                ],
            )
        )
    header = OverviewHeader(
        domains=[catalogue.domain_label(key) for key in DOMAINS],
        covid_periods=[catalogue.period_label(p) for p in covid.periods],
        covid_national=[national.get(p, ReportCell("", MISSING_MARK)) for p in covid.periods],
        money_period=catalogue.period_label(money_period),
        money_national=national.get(MONEY_INDICATOR, ReportCell("", MISSING_MARK)),
        result_set=result_set,
        generated=timezone.localtime(),
        catalogue_version=catalogue.version,
    )
    return rows, header
