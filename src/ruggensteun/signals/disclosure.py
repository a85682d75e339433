"""Which public signal counts may be shown: primary and complementary (secondary) suppression.

Every public table of signals (the signals page, the area page and the report) shows cells of
one theme × quarter and, as their margin, the theme's total over all quarters. The cells are
built once (selectors.public_table) and suppressed here, per theme, so no page can be
subtracted from another:

1. Primary: a total below five hides the theme (its total and every quarter); a quarter below
   five is hidden.
2. Secondary: while the hidden quarters of a theme could be recovered from the total minus the
   published quarters - exactly one hidden quarter, hidden quarters that together hold fewer
   than five signals, or hidden quarters of one signal each (sum equal to their number) - the
   smallest published quarter is hidden as well.
3. When no published quarter is left to hide and the hidden ones are still exposed, the total
   is hidden too.

A hidden cell and an empty cell look the same ("–"), so nobody learns that one to four signals
exist. The pages publish no margins over themes (no domain, area or per-quarter totals); a
table that adds one must suppress along that dimension as well.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

SUPPRESS_BELOW = 5  # the programme's disclosure rule for counts (METHODS.md)


@dataclass(frozen=True)
class Suppression:
    """What one theme hides: the periods of hidden quarter cells, and whether its total."""

    hidden: frozenset[str]
    total_hidden: bool


def exposed(hidden_counts: Collection[int]) -> bool:
    """Whether hidden cells whose sum is known (total minus the published cells) give away a
    count: one hidden cell is its sum; a sum below five is itself a small count; a sum equal
    to the number of cells means one signal in each."""
    if not hidden_counts:
        return False
    total = sum(hidden_counts)
    return len(hidden_counts) == 1 or total < SUPPRESS_BELOW or total <= len(hidden_counts)


def suppress_theme(cells: Mapping[str, int]) -> Suppression:
    """The cells (period → count, counts above zero) of one theme to hide, and its total."""
    total = sum(cells.values())
    if total == 0:
        return Suppression(frozenset(), total_hidden=False)
    if total < SUPPRESS_BELOW:
        return Suppression(frozenset(cells), total_hidden=True)
    hidden = {period for period, count in cells.items() if count < SUPPRESS_BELOW}
    published = sorted((count, period) for period, count in cells.items() if period not in hidden)
    while exposed([cells[p] for p in hidden]) and published:
        hidden.add(published.pop(0)[1])
    if exposed([cells[p] for p in hidden]):
        return Suppression(frozenset(cells), total_hidden=True)
    return Suppression(frozenset(hidden), total_hidden=False)
