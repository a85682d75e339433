"""The key figures that open an area's page: its population, its stacking and the indicators on
which its wijken stand furthest from Nederland, in the unfavourable direction.

Presentation only: the figures are the stored comparisons; nothing is tested or estimated here.
"""

from dataclasses import dataclass

from ruggensteun.monitor.dashboard import Cell, Dashboard, DomainBlock, IndicatorLine, cell
from ruggensteun.monitor.results import AreaComparisons, ComparisonRow, Figure

# Cards with the worst indicators: a handful, so the page opens with what matters most.
WORST_COUNT = 3


@dataclass(frozen=True)
class WorstIndicator:
    """An indicator on which a wijk of the area (or the area) is furthest from Nederland."""

    line: IndicatorLine
    domain: DomainBlock
    worst_name: str  # the area or the wijk with the least favourable figure
    worst: Cell
    ratio: float  # that figure against Nederland's, > 1 means unfavourable


@dataclass(frozen=True)
class KeyFigures:
    population: int | None  # the sum over the member wijken, when every one is known
    population_source: str  # the members' population sources, each once ("" when unknown)
    members: int
    flagged: list[DomainBlock]  # domains where the area's score is among the worst 10%
    domains: int
    unscored: int  # domains without wijk figures, hence without a score for the area
    worst: list[WorstIndicator]


def key_figures(dashboard: Dashboard, comparisons: AreaComparisons) -> KeyFigures:
    members = dashboard.members
    populations = [member.population for member in members]
    known = bool(members) and all(value is not None for value in populations)
    return KeyFigures(
        population=sum(value for value in populations if value is not None) if known else None,
        population_source="; ".join(
            dict.fromkeys(m.population_source for m in members if m.population_source)
        )
        if known
        else "",
        members=len(members),
        flagged=[block for block in dashboard.domains if block.flagged],
        domains=len(dashboard.domains),
        unscored=sum(1 for block in dashboard.domains if block.flagged is None),
        worst=worst_indicators(dashboard, comparisons)[:WORST_COUNT],
    )


def worst_indicators(dashboard: Dashboard, comparisons: AreaComparisons) -> list[WorstIndicator]:
    """Every indicator with an area-level figure that is less favourable than Nederland's, by
    how far (the ratio to Nederland's figure), furthest first."""
    rows = {(row.indicator, row.period): row for row in comparisons.rows}
    names = [dashboard.area.name, *(member.display_name for member in dashboard.members)]
    found = []
    for block in dashboard.domains:
        for noted in block.table.local:
            indicator = noted.line.indicator
            row = rows.get((indicator.id, noted.line.period))
            worst = _worst(row, names, indicator.higher_is_worse) if row else None
            if worst and worst[2] > 1:
                name, figure, ratio = worst
                shown = cell(figure, indicator.unit, not indicator.derived)
                found.append(WorstIndicator(noted.line, block, name, shown, ratio))
    return sorted(found, key=lambda item: -item.ratio)


def _worst(
    row: ComparisonRow, names: list[str], higher_is_worse: bool | None
) -> tuple[str, Figure, float] | None:
    """The least favourable of the area's and its wijken's figures, and its ratio to NL's."""
    national = row.nederland.value
    figures = [
        (name, figure)
        for name, figure in zip(names, (row.area, *row.members), strict=False)
        if figure.value
    ]
    if higher_is_worse is None or not national or not figures:
        return None
    pick = max if higher_is_worse else min
    name, figure = pick(figures, key=lambda item: item[1].value or 0.0)
    value = figure.value or 0.0
    return name, figure, (value / national if higher_is_worse else national / value)
