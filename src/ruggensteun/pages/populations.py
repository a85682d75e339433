"""Which population each figure of the area page uses (issue 15, item 9).

The page header names the municipality's inhabitants from one source and year (Region.population
with its population_source); a rate per 1,000 or 100,000 inhabitants divides by its own source's
count instead (RIVM's COVID-19 figures for Zaanstad in 2020 by 156,810, the header's CBS KWB 2020
by 156,794). The domain sections say so in one footnote, with the stored denominators of the
municipality's (or the safety region's) rows: presentation only, nothing is recomputed here.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext

from ruggensteun.areas.models import FocusArea
from ruggensteun.monitor.catalogue import Indicator, load
from ruggensteun.monitor.dashboard import Dashboard, IndicatorLine
from ruggensteun.monitor.results import AreaComparisons

# The units whose denominator is a number of inhabitants.
PER_INHABITANTS = ("per_1000", "per_100000")


@dataclass(frozen=True)
class RatePopulation:
    """The inhabitants one region's rates in a domain divide by, as one source counts them."""

    region: str  # the municipality, or the safety region for figures only it has
    counted_as: str  # the catalogue's description of the denominator ("inwoners (AANT_INW)")
    # Each count with the periods it holds for, in table order: ((156810, ("2020",)), ...).
    counts: tuple[tuple[int, tuple[str, ...]], ...]
    indicators: tuple[Indicator, ...]


@dataclass
class _Group:
    counts: dict[int, list[str]] = field(default_factory=dict)  # inhabitants -> period labels
    indicators: dict[str, Indicator] = field(default_factory=dict)

    def add(self, indicator: Indicator, denominators: list[tuple[str, int]]) -> None:
        for period, count in denominators:
            labels = self.counts.setdefault(count, [])
            if period not in labels:
                labels.append(period)
        if denominators:
            self.indicators.setdefault(indicator.id, indicator)


def rate_populations(
    area: FocusArea, dashboard: Dashboard, comparisons: AreaComparisons
) -> dict[str, list[RatePopulation]]:
    """Per domain key, the populations behind its rates per 1,000 or 100,000 inhabitants, one
    entry per region and kind of count; domains without such rates are left out."""
    found: dict[str, list[RatePopulation]] = {}
    for block in dashboard.domains:
        groups: dict[tuple[str, str], _Group] = {}
        for line in block.lines:
            indicator = line.indicator
            if indicator.unit in PER_INHABITANTS:
                key = (_region_label(area, indicator), indicator.denominator)
                groups.setdefault(key, _Group()).add(indicator, _denominators(line, comparisons))
        entries = [
            RatePopulation(
                region=region,
                counted_as=counted_as,
                counts=tuple((count, tuple(labels)) for count, labels in group.counts.items()),
                indicators=tuple(group.indicators.values()),
            )
            for (region, counted_as), group in groups.items()
            if group.counts
        ]
        if entries:
            found[block.key] = entries
    return found


def _denominators(line: IndicatorLine, comparisons: AreaComparisons) -> list[tuple[str, int]]:
    """The stored denominators of the municipality's (or region's) figure in the line's period
    and, where the line shows it beside, its baseline period: (period label, inhabitants)."""
    catalogue = load()
    row = comparisons.row(line.indicator.id, line.period)
    periods = [row.baseline] if line.baseline_label and row.baseline else []
    found = []
    for period in [*periods, line.period]:
        denominator = comparisons.row(line.indicator.id, period).municipality.denominator
        if denominator:
            found.append((catalogue.period_label(period), round(denominator)))
    return found


def _region_label(area: FocusArea, indicator: Indicator) -> str:
    """Whose figure the municipality column holds for `indicator`."""
    region = area.municipality.safety_region
    if indicator.unit_level == "VR" and region is not None:
        return gettext("veiligheidsregio %(name)s") % {"name": region.display_name}
    return area.municipality.display_name
