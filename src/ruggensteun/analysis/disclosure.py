"""Disclosure control over a whole municipality table: primary and complementary suppression.

The table (one municipality × indicator × period)
-------------------------------------------------
*Base cells* are the municipality's wijken and the *remainder* (the municipality minus the sum of
its wijken, when the wijken do not cover it: never published, but part of every sum). Every other
cell is an *aggregate*, a sum of base cells: a focus area (its member wijken), the rest of the
municipality of an area (the complement, remainder included) and the municipality (all base cells).
Numerator and denominator obey the same sums, so one structure serves both and a cell is hidden
with both.

Primary rule: a published cell, the municipality included, is `suppressed_small` when its
numerator < min_count or its denominator < min_denominator, or, for proportions only,
denominator − numerator < min_count (a handful of cases *without* the property tells as much as a
handful with it; a rate has no such complement).

Secondary rule (`suppressed_complement`)
----------------------------------------
A reader knows the published cells and how the cells add up. Write every cell c as its 0/1
vector v_c over the base cells; the unknown base values x satisfy v_k·x = (value of k) for every
published cell k. A hidden cell j is *determined* when v_j·x is the same for every such x, which
holds exactly when v_j lies in the span of the published vectors (otherwise a vector y with
v_k·y = 0 for every published k and v_j·y ≠ 0 exists, and x + t·y is as consistent as x). This
is the same condition as "e_j lies in the row space of the relation matrix restricted to the
unknown cells" (relations x_a − Σ x_members = 0): eliminating the aggregates turns one into the
other. The span is computed exactly (integer elimination, each row divided by the gcd of its
entries: Gaussian elimination over the rationals with denominators cleared), never in floating
point, where a rank can come out wrong.

While some primary cell is determined, a *hiding move* is applied to it: a vector y that adds
one unit to a base cell of j and takes it from one base cell outside j (or from nowhere). The
published cells that y changes (those that contain exactly one of the two base cells) are the
ones that would still pin j down along y; suppressing all of them leaves y invisible, so j is no
longer determined. Among all such moves the cheapest is taken: fewest cells, then the smallest
sum of denominators, then the smallest denominators, then ids. Cells already hidden cost nothing,
so later moves reuse earlier complements. (Hiding "the smallest cell next to j" one at a time
can fail to make progress: while the municipality and rest:w are shown, w = municipality − rest:w
whichever other wijk is hidden.) The number of published cells falls with every move
and j cannot be determined once nothing is published, so the loop ends; every choice is
ordered, so it is deterministic. A cell that becomes undetermined stays so (hiding more only
shrinks the span), so each primary cell is settled once. A complementary cell is itself changed
by the move that hid it, which no published cell sees from then on: so it is not determined
either, and in the result no suppressed cell is determined by the published cells.

Limits (for the method notes)
-----------------------------
- Protection is against recovering a value exactly. A reader may still bound a hidden cell
  (counts are never negative; a proportion's numerator ≤ its denominator): a small cell hidden
  together with a small complement lies in a narrow range. This is the textbook "cell suppression
  against exact disclosure"; protection intervals (τ-ARGUS) would be the next step.
- Municipal figures come from public national sources, so the relation Nederland = Σ
  municipalities is out of scope, as are cells outside this table (other indicators, periods).
- A base cell without counts (a wijk the source left out) is an unknown like the remainder;
  aggregates that contain it have no value unless given (`Table.totals`, e.g. the municipality
  from its own source) and are then unknowns too. Missing cells get no reason from this module:
  the caller keeps its own (not_published, not_computable).

`protect` works on one table; `protect_cells` applies it per group of a long polars frame (the
shape is in its docstring).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import polars as pl

from .spec import Reason


@dataclass(frozen=True)
class Counts:
    numerator: float
    denominator: float


@dataclass(frozen=True)
class Rule:
    """The primary rule of one indicator; thresholds of 0 switch a test off."""

    min_count: float = 0.0
    min_denominator: float = 0.0
    proportion: bool = True  # also denominator − numerator < min_count

    def small(self, counts: Counts) -> bool:
        num, den = counts.numerator, counts.denominator
        return (
            num < self.min_count
            or den < self.min_denominator
            or (self.proportion and den - num < self.min_count)
        )


@dataclass(frozen=True)
class Table:
    """One municipality table. `aggregates` maps an aggregate to the base cells it sums;
    `totals` gives an aggregate's own counts (None: missing) instead of the sum of its members."""

    base: Mapping[str, Counts | None]
    aggregates: Mapping[str, Collection[str]]
    published: Collection[str]
    totals: Mapping[str, Counts | None] = field(default_factory=dict)


@dataclass(frozen=True)
class _Cell:
    mask: int  # bit i set: base cell i is part of the sum
    counts: Counts | None


def protect(table: Table, rule: Rule) -> dict[str, Reason | None]:
    """The reason for every published cell with a value: None (publish), `suppressed_small` or
    `suppressed_complement`. Published cells without a value (missing, or an empty sum such as
    the rest of an area that is the whole municipality, or 0/0) are left out."""
    cells, width = _cells(table)
    unknown = set(table.published) - set(cells)
    if unknown:
        raise ValueError(f"published cells that are not in the table: {sorted(unknown)}")
    shown = sorted(c for c in set(table.published) if cells[c].counts is not None)
    primary = {c for c in shown if rule.small(_counts(cells[c]))}
    hidden = set(primary)
    at_risk = sorted(primary)
    while at_risk:
        span = _Span(width, (cells[c].mask for c in shown if c not in hidden))
        at_risk = [c for c in at_risk if span.contains(cells[c].mask)]
        if at_risk:
            hidden |= _cheapest_move(cells[at_risk[0]].mask, width, cells, shown, hidden)
    return {
        c: Reason.SUPPRESSED_SMALL
        if c in primary
        else Reason.SUPPRESSED_COMPLEMENT
        if c in hidden
        else None
        for c in shown
    }


def _counts(cell: _Cell) -> Counts:
    assert cell.counts is not None  # only cells with a value are published
    return cell.counts


def _cells(table: Table) -> tuple[dict[str, _Cell], int]:
    overlap = set(table.base) & set(table.aggregates)
    if overlap:
        raise ValueError(f"cells both base and aggregate: {sorted(overlap)}")
    # A base cell of 0/0 (the remainder when the wijken cover the municipality, an empty
    # wijk) is zero to anyone who knows the map: it leaves the algebra, as a known zero.
    zero = {cell for cell, counts in table.base.items() if counts == Counts(0, 0)}
    index = {cell: i for i, cell in enumerate(sorted(set(table.base) - zero))}
    cells = {
        cell: _cell(1 << index[cell] if cell in index else 0, table.base[cell])
        for cell in table.base
    }
    for cell, members in table.aggregates.items():
        unknown = set(members) - set(table.base)
        if unknown:
            raise ValueError(f"aggregate {cell} sums cells that are not base cells: {unknown}")
        mask = sum(1 << index[m] for m in set(members) if m in index)
        counts = table.totals[cell] if cell in table.totals else _sum(table.base, members)
        cells[cell] = _cell(mask, counts)
    return cells, len(index)


def _cell(mask: int, counts: Counts | None) -> _Cell:
    # An empty sum is zero by the table's structure: nothing to publish or protect.
    return _Cell(mask, counts if mask else None)


def _sum(base: Mapping[str, Counts | None], members: Collection[str]) -> Counts | None:
    parts = [base[m] for m in set(members)]
    if any(part is None for part in parts):
        return None
    known = [part for part in parts if part is not None]
    return Counts(sum(part.numerator for part in known), sum(part.denominator for part in known))


def _moves(mask: int, width: int) -> Iterator[tuple[int, int]]:
    """Hiding moves for a cell as (plus, minus) bit masks: one unit onto a base cell of the
    cell, taken from a base cell outside it or from nowhere (minus = 0)."""
    inside = [1 << i for i in range(width) if mask >> i & 1]
    outside = [1 << i for i in range(width) if not mask >> i & 1]
    for plus in inside:
        yield plus, 0
        for minus in outside:
            yield plus, minus


def _cheapest_move(
    mask: int, width: int, cells: Mapping[str, _Cell], shown: Sequence[str], hidden: set[str]
) -> set[str]:
    """The published cells to hide so that the cell with `mask` is no longer determined."""
    open_cells = [(c, cells[c].mask, _counts(cells[c]).denominator) for c in shown]
    open_cells = [item for item in open_cells if item[0] not in hidden]
    best: tuple[Any, ...] | None = None
    for plus, minus in _moves(mask, width):
        changed = [(den, c) for c, m, den in open_cells if bool(m & plus) != bool(m & minus)]
        changed.sort()
        key = (len(changed), sum(den for den, _ in changed), changed)
        if best is None or key < best:
            best = key
    if best is None or not best[0]:
        # A determined cell is changed by every move through some published cell; no move
        # without one means the span test and the moves disagree, which would loop forever.
        raise RuntimeError("disclosure: no hiding move for a determined cell")
    return {c for _, c in best[2]}


class _Span:
    """The span of 0/1 vectors over the rationals, kept in integer row echelon form."""

    def __init__(self, width: int, masks: Iterable[int]) -> None:
        self._width = width
        self._rows: dict[int, list[int]] = {}  # pivot column -> row, zero left of the pivot
        # Widest sums first: a rest then reduces against the municipality to one or two
        # entries, and the wijken after it to almost nothing. A full rank spans everything.
        for mask in sorted(set(masks), key=lambda m: (-m.bit_count(), m)):
            if len(self._rows) == width:
                break
            vector = self._reduce(self._vector(mask))
            pivot = next((i for i, entry in enumerate(vector) if entry), None)
            if pivot is not None:
                self._rows[pivot] = vector

    def contains(self, mask: int) -> bool:
        return len(self._rows) == self._width or not any(self._reduce(self._vector(mask)))

    def _vector(self, mask: int) -> list[int]:
        return [mask >> i & 1 for i in range(self._width)]

    def _reduce(self, vector: list[int]) -> list[int]:
        for pivot in sorted(self._rows):
            factor = vector[pivot]
            if factor:
                row = self._rows[pivot]
                lead = row[pivot]
                vector = [a * lead - b * factor for a, b in zip(vector, row, strict=True)]
                divisor = math.gcd(*vector)
                if divisor > 1:
                    vector = [entry // divisor for entry in vector]
        return vector


class CellKind(StrEnum):
    BASE = "base"  # a wijk
    REMAINDER = "remainder"  # municipality minus its wijken: a base cell, never published
    AGGREGATE = "aggregate"  # a sum of base cells (`members`)


CELLS = {
    "cell": pl.Utf8,
    "kind": pl.Utf8,
    "members": pl.List(pl.Utf8),
    "numerator": pl.Float64,
    "denominator": pl.Float64,
    "published": pl.Boolean,
    "min_count": pl.Float64,
    "min_denominator": pl.Float64,
    "proportion": pl.Boolean,
}


def protect_cells(cells: pl.DataFrame, by: Sequence[str]) -> pl.DataFrame:
    """`protect` per table of a long frame; returns `cells` with a `disclosure` column.

    One row per cell and table; the tables are the groups of the key columns `by` (e.g.
    municipality, indicator, period). Besides the keys the frame has the columns of `CELLS`:
    `cell` (an id, unique within its table: e.g. "wk:WK047901", "fa:12", "rest:fa:12", "gm",
    "remainder"), `kind` (`CellKind`), `members` (for an aggregate the `cell` ids of the base
    cells it sums: a focus area its wijken, a rest the other wijken and the remainder, the
    municipality all of them; ignored otherwise), `numerator` and `denominator` (the cell's own
    counts, also for aggregates; null: missing), `published` (the caller would show it; a
    remainder never is) and the rule: `min_count`, `min_denominator` (null: no threshold) and
    `proportion` (the denominator − numerator test applies), the same on every row of a table.

    `disclosure` is null (publish, or not this module's business: missing counts, unpublished
    rows), "suppressed_small" or "suppressed_complement". Row order is kept. Only tables with a
    primary cell go through the exact algebra; the rest pass untouched.
    """
    if not by:
        raise ValueError("protect_cells needs at least one key column")
    indexed = cells.with_row_index("_row")
    small = (
        pl.col("published")
        & (pl.col("kind") != CellKind.REMAINDER.value)
        & pl.col("numerator").is_not_null()
        & pl.col("denominator").is_not_null()
        & _small_expression()
    )
    keys = indexed.filter(small).select(by).unique()
    todo = indexed.join(keys, on=list(by), how="semi", nulls_equal=True)
    found: list[tuple[int, str]] = []
    for table in todo.partition_by(list(by), maintain_order=True):
        found += _protect_rows(table)
    reasons = pl.DataFrame(found, schema={"_row": pl.UInt32, "disclosure": pl.Utf8}, orient="row")
    return indexed.join(reasons, on="_row", how="left").sort("_row").drop("_row")


def _small_expression() -> pl.Expr:
    num, den = pl.col("numerator"), pl.col("denominator")
    min_count = pl.col("min_count").fill_null(0.0)
    return (
        (num < min_count)
        | (den < pl.col("min_denominator").fill_null(0.0))
        | (pl.col("proportion").fill_null(False) & (den - num < min_count))
    )


def _protect_rows(table: pl.DataFrame) -> list[tuple[int, str]]:
    rows = table.to_dicts()
    ids = [row["cell"] for row in rows]
    if len(set(ids)) != len(ids):
        raise ValueError("cell ids must be unique within a table")
    first = rows[0]
    rule = Rule(
        min_count=first["min_count"] or 0.0,
        min_denominator=first["min_denominator"] or 0.0,
        proportion=bool(first["proportion"]),
    )
    base: dict[str, Counts | None] = {}
    aggregates: dict[str, list[str]] = {}
    totals: dict[str, Counts | None] = {}
    for row in rows:
        counts = _row_counts(row)
        if row["kind"] == CellKind.AGGREGATE.value:
            aggregates[row["cell"]] = list(row["members"] or [])
            totals[row["cell"]] = counts
        else:
            base[row["cell"]] = counts
    published = {
        row["cell"] for row in rows if row["published"] and row["kind"] != CellKind.REMAINDER.value
    }
    reasons = protect(Table(base, aggregates, published, totals), rule)
    return [
        (row["_row"], reason.value)
        for row in rows
        if (reason := reasons.get(row["cell"])) is not None
    ]


def _row_counts(row: Mapping[str, Any]) -> Counts | None:
    if row["numerator"] is None or row["denominator"] is None:
        return None
    return Counts(float(row["numerator"]), float(row["denominator"]))
