"""The folded "Per wijk" tables of an area with many wijken (issue 15, item 6).

Up to `MAX_WIJK_COLUMNS` wijken the domain tables hold a column per wijk. A wider area (Heerlen
Noord has 10 wijken, Amsterdam Nieuw-West 14) keeps the area, the rest of the municipality, the
municipality and Nederland in the main table, and shows its wijken in a folded table per domain,
split into parts of at most `MAX_PART_COLUMNS` wijken so that no part scrolls sideways at 1280 px.
"""

from dataclasses import dataclass
from math import ceil

from ruggensteun.monitor.dashboard import Cell, Dashboard, IndicatorLine

MAX_WIJK_COLUMNS = 5
MAX_PART_COLUMNS = 10


@dataclass(frozen=True)
class WijkRow:
    line: IndicatorLine
    cells: list[Cell]  # the part's wijken, in column order


@dataclass(frozen=True)
class WijkTable:
    """One part of a domain's per-wijk table: some of the wijken, every indicator row."""

    names: list[str]
    rows: list[WijkRow]


def fold_wijken(members: int) -> bool:
    """Whether an area with this many wijken shows them apart from its main tables."""
    return members > MAX_WIJK_COLUMNS


def parts(count: int, size: int = MAX_PART_COLUMNS) -> list[range]:
    """`count` columns in the fewest parts of at most `size`, as even as possible:
    14 -> 7 + 7, 10 -> 10, 11 -> 6 + 5."""
    if count <= 0:
        return []
    number = ceil(count / size)
    base, extra = divmod(count, number)
    found, start = [], 0
    for index in range(number):
        width = base + (1 if index < extra else 0)
        found.append(range(start, start + width))
        start += width
    return found


def wijk_tables(dashboard: Dashboard) -> dict[str, list[WijkTable]]:
    """Per domain key, the parts of its per-wijk table (only the rows of the main table)."""
    names = [member.display_name for member in dashboard.members]
    found: dict[str, list[WijkTable]] = {}
    for block in dashboard.domains:
        lines = [noted.line for noted in block.table.local]
        if lines:
            found[block.key] = [
                WijkTable(
                    names=[names[i] for i in part],
                    rows=[WijkRow(line, [line.members[i] for i in part]) for line in lines],
                )
                for part in parts(len(names))
            ]
    return found
