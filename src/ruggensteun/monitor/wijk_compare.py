"""The wijk page and the compare page, shaped from the stored results (read-only; no
statistics here). Split from `dashboard` (the area dashboard), whose cells and labels they use."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import NamedTuple

from django.utils.translation import gettext, gettext_lazy

from ruggensteun.analysis.numbers import format_number
from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.web.templatetags.humanize_nl import active_language

from .catalogue import CONTEXT_DOMAIN, DOMAINS, Indicator, load
from .dashboard import Cell, cell, indicator_line, latest_rows
from .models import ComparisonResult, DomainResult
from .results import ComparisonRow
from .selectors import latest_result_set, member_comparisons_of

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
    # Per area: its own figure (or why it has none, with the range of its wijken' figures)
    # and its municipality's, which is the safety region's where `regions` names one.
    cells: list[tuple[Cell, Cell]]
    regions: list[str] = field(default_factory=list)

    @property
    def columns(self) -> list[tuple[Cell, Cell, str]]:
        """Per area: its cell, its municipality's cell and the region that figure is of."""
        regions = self.regions or [""] * len(self.cells)
        return [(own, gm, region) for (own, gm), region in zip(self.cells, regions, strict=True)]


def compare_areas(areas: list[FocusArea], domain: str | None = None) -> list[CompareRow]:
    """Two to four areas side by side by their own figures: each indicator's latest period,
    the area's figure (where it has none: the reason and the range over its wijken) and, for
    context, its municipality's."""
    catalogue = load()
    found = member_comparisons_of(areas)
    per_area = [found[area.pk] for area in areas]
    latest = _latest_periods({(r.indicator, r.period) for c in per_area for r in c.rows})
    regions = [_municipality_region(area) for area in areas]
    result = []
    for indicator_id, period in sorted(latest.items()):
        indicator = catalogue.indicators[indicator_id]
        if indicator.domain == CONTEXT_DOMAIN or (domain and indicator.domain != domain):
            continue
        exact = not indicator.derived
        cells = []
        for comparisons in per_area:
            row = comparisons.row(indicator_id, period)
            cells.append(
                (
                    _area_cell(row, indicator, exact),
                    cell(row.municipality, indicator.unit, exact),
                )
            )
        by_region = indicator.unit_level == "VR"
        result.append(
            CompareRow(
                indicator,
                catalogue.period_label(period),
                cells,
                [region if by_region else "" for region in regions],
            )
        )
    return result


def _latest_periods(keys: set[tuple[str, str]]) -> dict[str, str]:
    """Per indicator its latest period among `keys`, in the catalogue's order of periods."""
    catalogue = load()
    latest: dict[str, str] = {}
    for indicator_id, period in sorted(keys):
        order = catalogue.indicators[indicator_id].periods
        current = latest.get(indicator_id)
        if current is None or (
            period in order and (current not in order or order.index(period) > order.index(current))
        ):
            latest[indicator_id] = period
    return latest


def _area_cell(row: ComparisonRow, indicator: Indicator, exact: bool) -> Cell:
    """The area's own figure; without one, its reason and the range of its wijken's figures
    ("niet berekenbaar; wijken 21,7% – 30,2%"), so an area is compared by what it has."""
    shown = cell(row.area, indicator.unit, exact)
    values = [figure.value for figure in row.members if figure.value is not None]
    if not shown.empty or not values:
        return shown
    language = active_language()
    low, high = (
        format_number(min(values), indicator.unit, language=language),
        format_number(max(values), indicator.unit, language=language),
    )
    span = low if low == high else f"{low} – {high}"
    return replace(
        shown,
        reason=gettext("%(reason)s; wijken %(span)s") % {"reason": shown.reason, "span": span},
    )


def _municipality_region(area: FocusArea) -> str:
    """The safety region's name for figures the source publishes per safety region only."""
    region = area.municipality.safety_region
    return gettext("Veiligheidsregio %(name)s") % {"name": region.display_name} if region else ""
