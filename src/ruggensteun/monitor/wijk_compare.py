"""The wijk page and the compare page, shaped from the stored results (read-only; no
statistics here). Split from `dashboard` (the area dashboard), whose cells and labels they use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.utils.translation import gettext, gettext_lazy

from ruggensteun.areas.models import FocusArea, Region

from .catalogue import CONTEXT_DOMAIN, DOMAINS, Indicator, load
from .dashboard import Cell, cell, indicator_line, latest_rows
from .models import ComparisonResult, DomainResult
from .results import NO_FIGURE, ComparisonRow
from .selectors import area_rows, latest_result_set

# The unit of a wijk's own figure, as its change names it ("wijk -5,4 sinds 2016").
WIJK = gettext_lazy("wijk")


@dataclass(frozen=True)
class WijkLine:
    indicator: Indicator
    period_label: str
    wijk: Cell
    municipality: Cell
    nederland: Cell
    percentile: float | None
    flagged: bool
    change: str
    # The region whose figure stands in the municipality's column ("Veiligheidsregio
    # Zaanstreek-Waterland") where the source has no municipal figures, else "".
    region: str = ""
    baseline_label: str = ""  # as IndicatorLine.baseline_label


class WijkBlock(NamedTuple):
    """One domain on a wijk's page (a tuple: the template unpacks it)."""

    key: str
    labels: dict[str, str]  # the domain's label per language
    lines: list[WijkLine]
    domain: DomainResult | None  # the wijk's latest flag and score in the domain


@dataclass(frozen=True)
class WijkDashboard:
    blocks: list[WijkBlock]
    areas: list[FocusArea]  # the focus areas the wijk belongs to
    stacking: int  # domains in which the wijk is among the worst of Nederland


def wijk_dashboard(wijk: Region) -> WijkDashboard | None:
    """A wijk's figures against its municipality and Nederland, with its national percentile.
    None when the wijk has no computed results (only wijken of focus-area municipalities do)."""
    from .models import Ranking

    catalogue = load()
    result_set = latest_result_set()
    if result_set is None:
        return None
    rows = [
        ComparisonRow.stored(c.data)
        for c in ComparisonResult.objects.filter(result_set=result_set, region=wijk)
    ]
    if not rows:
        return None
    ranks = {
        (r.indicator, r.period): r
        for r in Ranking.objects.filter(result_set=result_set, region=wijk)
    }
    domains = {
        d.domain: d
        for d in DomainResult.objects.filter(result_set=result_set, region=wijk).order_by("period")
    }
    blocks: dict[str, list[WijkLine]] = {key: [] for key in DOMAINS}
    by_key = {(row.indicator, row.period): row for row in rows}
    region = _region_label(wijk)
    for row in latest_rows(rows, catalogue):
        indicator = catalogue.indicators[row.indicator]
        if indicator.domain not in blocks or (
            row.area.value is None and row.municipality.value is None
        ):
            continue
        rank = ranks.get((indicator.id, row.period))
        before = None
        if indicator.domain != "corona" and row.baseline and row.baseline != row.period:
            before = by_key.get((indicator.id, row.baseline))
        line = indicator_line(
            indicator, row, [], catalogue.period_label(row.period), before=before, own=str(WIJK)
        )
        blocks[indicator.domain].append(
            WijkLine(
                indicator=indicator,
                period_label=line.period_label,
                wijk=line.area,
                municipality=line.municipality,
                nederland=line.nederland,
                percentile=rank.percentile if rank else None,
                flagged=bool(rank and rank.flagged),
                change="" if line.baseline_label else line.change,
                region=region if indicator.unit_level == "VR" else "",
                baseline_label=line.baseline_label,
            )
        )
    return WijkDashboard(
        blocks=[
            WijkBlock(key, catalogue.domains[key], blocks[key], domains.get(key)) for key in DOMAINS
        ],
        areas=list(FocusArea.objects.filter(members__region=wijk)),
        stacking=sum(1 for d in domains.values() if d.flagged),
    )


def _region_label(wijk: Region) -> str:
    """'Veiligheidsregio Zaanstreek-Waterland': the safety region of the wijk's municipality."""
    municipality = wijk.parent
    region = municipality.safety_region if municipality else None
    return gettext("Veiligheidsregio %(name)s") % {"name": region.display_name} if region else ""


@dataclass(frozen=True)
class CompareRow:
    indicator: Indicator
    period_label: str
    cells: list[tuple[Cell, Cell]]  # per area: (area, municipality)


def compare_areas(areas: list[FocusArea], domain: str | None = None) -> list[CompareRow]:
    """Two to four areas side by side: each indicator's latest period, area and municipality."""
    catalogue = load()
    per_area = [{(r.indicator, r.period): r for r in area_rows(area)} for area in areas]
    keys = sorted({key for rows in per_area for key in rows})
    latest: dict[str, str] = {}
    for indicator_id, period in keys:
        order = catalogue.indicators[indicator_id].periods
        current = latest.get(indicator_id)
        if current is None or (
            period in order and (current not in order or order.index(period) > order.index(current))
        ):
            latest[indicator_id] = period
    result = []
    for indicator_id, period in sorted(latest.items()):
        indicator = catalogue.indicators[indicator_id]
        if indicator.domain == CONTEXT_DOMAIN or (domain and indicator.domain != domain):
            continue
        exact = not indicator.derived
        cells = []
        for rows in per_area:
            row = rows.get((indicator_id, period))
            local = row.area if row else NO_FIGURE
            municipal = row.municipality if row else NO_FIGURE
            cells.append(
                (cell(local, indicator.unit, exact), cell(municipal, indicator.unit, exact))
            )
        result.append(CompareRow(indicator, catalogue.period_label(period), cells))
    return result
