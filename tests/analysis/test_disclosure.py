"""Disclosure control over a municipality table (issue 14, item 6): no suppressed cell can be
recovered by any sum or difference of published cells.

The property test checks the module with its own solver: the table's relations as a matrix over
*all* cells (one row x_a − Σ x_members = 0 per aggregate), restricted to the unknown cells and
brought to reduced echelon form with fractions; a cell is recoverable when its unit vector is in
that row space. The module itself works in another formulation (spans of base-cell
vectors), so the two do not share a mistake.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from fractions import Fraction

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ruggensteun.analysis.disclosure import (
    CELLS,
    Counts,
    Rule,
    Table,
    protect,
    protect_cells,
)

pytestmark = pytest.mark.issue(14)

PROPORTION = Rule(min_count=5, min_denominator=50, proportion=True)
RATE = Rule(min_count=5, min_denominator=50, proportion=False)


def echelon(rows: list[list[Fraction]]) -> list[list[Fraction]]:
    """Reduced row echelon form over the rationals by Gaussian elimination (exact)."""
    rows = [row[:] for row in rows if any(row)]
    found = 0
    width = len(rows[0]) if rows else 0
    for column in range(width):
        pivot = next((r for r in range(found, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[found], rows[pivot] = rows[pivot], rows[found]
        lead = rows[found][column]
        rows[found] = [entry / lead for entry in rows[found]]
        for r in range(len(rows)):
            if r != found and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[found], strict=True)]
        found += 1
    return rows[:found]


def recoverable(table: Table, published: Collection[str]) -> set[str]:
    """Every unpublished cell whose value the published cells and the relations fix: its unit
    vector lies in the row space of the relations restricted to the unknown cells. In reduced
    echelon form that means one row is exactly that unit vector (a combination of the rows has
    each row's coefficient at that row's pivot, so it can only be the row whose pivot it is)."""
    cells = sorted(set(table.base) | set(table.aggregates))
    unknown = [c for c in cells if c not in published]
    relations = []
    for aggregate, members in table.aggregates.items():
        row = dict.fromkeys(cells, Fraction(0))
        row[aggregate] = Fraction(1)
        for member in members:
            row[member] -= 1
        relations.append([row[c] for c in unknown])
    return {
        unknown[row.index(1)]
        for row in echelon(relations)
        if sum(1 for entry in row if entry != 0) == 1
    }


def municipality(
    wijken: Mapping[str, Counts | None],
    areas: Mapping[str, Collection[str]],
    remainder: Counts | None = None,
) -> Table:
    """Wijken (each also shown on its own, with its rest), focus areas with their rest, the
    municipality, and the remainder when the wijken do not cover the municipality."""
    base = dict(wijken)
    if remainder is not None:
        base["remainder"] = remainder
    aggregates: dict[str, list[str]] = {"gm": sorted(base)}
    for wijk in wijken:
        aggregates[f"rest:{wijk}"] = [b for b in sorted(base) if b != wijk]
    for area, members in areas.items():
        aggregates[area] = sorted(members)
        aggregates[f"rest:{area}"] = [b for b in sorted(base) if b not in members]
    return Table(base, aggregates, set(wijken) | set(aggregates))


def shown(reasons: Mapping[str, object]) -> set[str]:
    return {cell for cell, reason in reasons.items() if reason is None}


def test_a_small_wijk_cannot_be_recovered_from_the_municipality_or_its_focus_area() -> None:
    """The issue's case: wijk a (3/400) among four others, focus area {a, b}. With only the
    area-vs-rest complement, a = municipality − (b + c + d + e) and a = focus area − b."""
    wijken = {
        "a": Counts(3, 400),
        "b": Counts(40, 700),
        "c": Counts(90, 1200),
        "d": Counts(150, 2000),
        "e": Counts(60, 900),
    }
    table = municipality(wijken, {"fa": {"a", "b"}})
    reasons = protect(table, PROPORTION)
    published = shown(reasons)
    assert reasons["a"] == "suppressed_small"
    # Moving a unit between a and b changes neither the focus area, its rest, the municipality
    # nor c, d, e: hiding b and both wijken's rests is enough (four cells, not the area).
    assert {c for c, r in reasons.items() if r} == {"a", "b", "rest:a", "rest:b"}
    assert not {"gm", "b", "c", "d", "e"} <= published  # municipality minus the other wijken
    assert not {"fa", "b"} <= published  # focus area minus the other member
    assert not {"gm", "rest:a"} <= published  # municipality minus the wijk's own rest
    assert "a" not in recoverable(table, published)
    assert recoverable(table, published).isdisjoint(c for c, r in reasons.items() if r is not None)


def test_three_wijken_by_hand() -> None:
    """Wijken 3/400, 50/600, 80/900, each with its rest, and the municipality 133/1900. The
    cheapest way to hide w1 swaps it with a wijk: w1↔w2 and w1↔w3 both change three published
    cells with denominators summing to 3400 (w + rest:w always add up to 1900); w2 has the
    smaller denominator. Left: w3, rest:w3 = w1 + w2 and gm, which fix w1 + w2 only."""
    wijken = {"w1": Counts(3, 400), "w2": Counts(50, 600), "w3": Counts(80, 900)}
    reasons = protect(municipality(wijken, {}), PROPORTION)
    assert reasons == {
        "w1": "suppressed_small",
        "w2": "suppressed_complement",
        "rest:w1": "suppressed_complement",
        "rest:w2": "suppressed_complement",
        "w3": None,
        "rest:w3": None,
        "gm": None,
    }


def test_an_unpublished_remainder_hides_a_small_wijk_at_the_lowest_cost() -> None:
    """With a remainder (60/1000 in no wijk) the swap w1↔remainder changes one published cell,
    rest:w1 = w2 + w3 + remainder; every other cell holds both or neither. A swap with w2 would
    change five (w2, rest:w1, rest:w2, fa, rest:fa). What stays shown fixes w1 + remainder only
    (gm − w2 − w3 = rest:fa = 63/1400)."""
    wijken = {"w1": Counts(3, 400), "w2": Counts(50, 600), "w3": Counts(80, 900)}
    table = municipality(wijken, {"fa": {"w2", "w3"}}, remainder=Counts(60, 1000))
    reasons = protect(table, PROPORTION)
    hidden = {c for c, r in reasons.items() if r is not None}
    assert hidden == {"w1", "rest:w1"}
    assert "remainder" not in reasons  # never published, so no reason
    assert recoverable(table, shown(reasons)) == set()


def test_a_remainder_of_zero_is_known_and_hides_nothing() -> None:
    """A 0/0 remainder (the wijken cover the municipality) is zero to anyone with the map, so it
    cannot serve as the unseen partner of a swap: the result is that of no remainder at all.
    Here rest:fa = w1 (+ remainder) = 3/400 is small too. Moves for w1: from nowhere changes gm,
    rest:w2, rest:w3 (three cells); from w2 changes w2, rest:w1, rest:w2, fa (four); from w3
    likewise four. So the municipality goes; w2, w3 and fa = rest:w1 = w2 + w3 stay."""
    wijken = {"w1": Counts(3, 400), "w2": Counts(50, 600), "w3": Counts(80, 900)}
    without = protect(municipality(wijken, {"fa": {"w2", "w3"}}), PROPORTION)
    table = municipality(wijken, {"fa": {"w2", "w3"}}, remainder=Counts(0, 0))
    assert protect(table, PROPORTION) == without
    assert without == {
        "w1": "suppressed_small",
        "rest:fa": "suppressed_small",
        "gm": "suppressed_complement",
        "rest:w2": "suppressed_complement",
        "rest:w3": "suppressed_complement",
        "w2": None,
        "w3": None,
        "rest:w1": None,
        "fa": None,
    }


def test_the_municipality_itself_is_subject_to_the_rule() -> None:
    wijken = {"w1": Counts(1, 30), "w2": Counts(2, 15)}
    reasons = protect(municipality(wijken, {}), PROPORTION)
    assert reasons["gm"] == "suppressed_small"  # 3/45: below both thresholds
    assert set(reasons.values()) == {"suppressed_small"}  # rest:w1 = w2, rest:w2 = w1


def test_den_minus_num_applies_to_proportions_not_to_rates() -> None:
    """398 of 400 positive: only 2 negatives, which the proportion rule protects; as a rate
    (398 events per 400 inhabitant-years) nothing is small."""
    wijken = {"w1": Counts(398, 400), "w2": Counts(300, 900), "w3": Counts(500, 1100)}
    table = municipality(wijken, {})
    assert protect(table, PROPORTION)["w1"] == "suppressed_small"
    assert set(protect(table, RATE).values()) == {None}


def test_no_small_cell_means_nothing_is_hidden() -> None:
    wijken = {"w1": Counts(30, 400), "w2": Counts(50, 600)}
    reasons = protect(municipality(wijken, {"fa": {"w1"}}), PROPORTION)
    assert set(reasons.values()) == {None}
    assert "rest:fa" in reasons  # w2 = gm − fa: a complement that exists


def test_a_missing_wijk_leaves_its_areas_out_and_the_municipality_total_in() -> None:
    """w3 has no counts (the source left it out): fa = {w1, w3} and the rests that contain w3
    have no value and get no reason; the municipality (160/2400) and rest:w3 keep their own
    totals. w1 (2/300) = fb − w2. Hiding moves for w1: taking the unit from w2 changes w2 and
    rest:fa = w2 + w4 (600 + 1400), from w3 changes rest:w3 and fb (1700 + 900), from w4 three
    cells, from nowhere three cells. What is left fixes w1 + w2, w3 and w4, not w1."""
    wijken = {"w1": Counts(2, 300), "w2": Counts(50, 600), "w3": None, "w4": Counts(70, 800)}
    base = municipality(wijken, {"fa": {"w1", "w3"}, "fb": {"w1", "w2"}})
    totals = {"gm": Counts(160, 2400), "rest:w3": Counts(122, 1700)}
    table = Table(base.base, base.aggregates, base.published, totals)
    reasons = protect(table, PROPORTION)
    assert reasons == {
        "w1": "suppressed_small",
        "w2": "suppressed_complement",
        "rest:fa": "suppressed_complement",
        "w4": None,
        "gm": None,
        "rest:w3": None,
        "fb": None,
    }
    assert "w1" not in recoverable(table, shown(reasons))


def test_the_result_does_not_depend_on_the_order_of_the_input() -> None:
    wijken = {f"w{i}": Counts(i if i % 3 else 40 + i, 100 * i + 50) for i in range(1, 9)}
    areas = {"fa": {"w1", "w2", "w5"}, "fb": {"w3", "w4"}}
    table = municipality(wijken, areas, remainder=Counts(4, 70))
    shuffled = Table(
        dict(reversed(list(table.base.items()))),
        {a: list(reversed(list(m))) for a, m in reversed(list(table.aggregates.items()))},
        sorted(table.published, reverse=True),
    )
    assert protect(table, PROPORTION) == protect(shuffled, PROPORTION)


def test_cells_that_are_both_base_and_aggregate_are_refused() -> None:
    with pytest.raises(ValueError, match="both base and aggregate"):
        protect(Table({"w1": Counts(1, 2)}, {"w1": ["w1"]}, {"w1"}), PROPORTION)


def value(table: Table, cell: str) -> Counts:
    members = table.aggregates.get(cell, [cell])
    parts = [table.base[m] for m in members]
    assert all(part is not None for part in parts)
    return Counts(sum(p.numerator for p in parts if p), sum(p.denominator for p in parts if p))


@st.composite
def counts(draw: st.DrawFn) -> Counts:
    """Small and large denominators, numerators near 0, near the denominator, or anywhere."""
    den = draw(st.one_of(st.integers(1, 80), st.integers(81, 20_000)))
    num = draw(
        st.one_of(
            st.integers(0, min(9, den)), st.integers(max(0, den - 9), den), st.integers(0, den)
        )
    )
    return Counts(num, den)


@st.composite
def tables(draw: st.DrawFn) -> tuple[Table, Rule]:
    """2-15 wijken, 0-4 focus areas (random subsets), a remainder (none, 0/0 or counts), some
    wijken not shown on their own. A rest without a denominator (an area covering the whole
    municipality) is not shown, as in the comparison."""
    n = draw(st.integers(2, 15))
    wijken = {f"wk{i:02d}": draw(counts()) for i in range(n)}
    names = sorted(wijken)
    subsets = st.sets(st.sampled_from(names), min_size=1)
    areas = {f"fa{i}": draw(subsets) for i in range(draw(st.integers(0, 4)))}
    remainder = draw(st.one_of(st.none(), st.just(Counts(0, 0)), counts()))
    table = municipality(wijken, areas, remainder)
    unshown = draw(st.sets(st.sampled_from(names), max_size=n // 3))
    published = {c for c in table.published if c not in unshown and value(table, c).denominator > 0}
    rule = draw(st.sampled_from([PROPORTION, RATE, Rule(10, 100, True)]))
    return Table(table.base, table.aggregates, published), rule


@settings(deadline=None, max_examples=200)
@given(tables())
def test_no_suppressed_cell_is_recoverable_and_no_small_cell_is_shown(
    case: tuple[Table, Rule],
) -> None:
    table, rule = case
    reasons = protect(table, rule)
    assert set(reasons) == set(table.published)
    for cell, reason in reasons.items():
        counts = value(table, cell)
        small = (
            counts.numerator < rule.min_count
            or counts.denominator < rule.min_denominator
            or (rule.proportion and counts.denominator - counts.numerator < rule.min_count)
        )
        assert (reason == "suppressed_small") == small, cell
    suppressed = {c for c, r in reasons.items() if r is not None}
    # The reader knows the map: a 0/0 remainder is known to be zero.
    known = shown(reasons) | {c for c, counts in table.base.items() if counts == Counts(0, 0)}
    assert recoverable(table, known).isdisjoint(suppressed)


def long_frame(table: Table, rule: Rule, period: str) -> list[dict[str, object]]:
    rows = []
    for cell in [*table.base, *table.aggregates]:
        counts = value(table, cell) if cell in table.aggregates else table.base[cell]
        rows.append(
            {
                "municipality": "GM0479",
                "period": period,
                "cell": cell,
                "kind": "aggregate"
                if cell in table.aggregates
                else "remainder"
                if cell == "remainder"
                else "base",
                "members": list(table.aggregates.get(cell, [])),
                "numerator": None if counts is None else counts.numerator,
                "denominator": None if counts is None else counts.denominator,
                "published": cell in table.published,
                "min_count": rule.min_count,
                "min_denominator": rule.min_denominator,
                "proportion": rule.proportion,
            }
        )
    return rows


def test_the_frame_wrapper_applies_protect_per_table_and_keeps_the_row_order() -> None:
    small = municipality(
        {"w1": Counts(3, 400), "w2": Counts(50, 600), "w3": Counts(80, 900)},
        {"fa": {"w1", "w2"}},
        remainder=Counts(20, 300),
    )
    large = municipality({"w1": Counts(30, 400), "w2": Counts(50, 600)}, {})
    rows = long_frame(small, PROPORTION, "2020") + long_frame(large, PROPORTION, "2021")
    schema = {"municipality": pl.Utf8, "period": pl.Utf8, **CELLS}
    cells = pl.DataFrame(rows, schema=schema, orient="row")
    result = protect_cells(cells, ["municipality", "period"])
    assert result.select(cells.columns).equals(cells)
    got = {(p, c): r for p, c, r in result.select("period", "cell", "disclosure").iter_rows()}
    expected = protect(small, PROPORTION)
    assert {c: got[("2020", c)] for c in expected} == {
        c: (r.value if r else None) for c, r in expected.items()
    }
    assert got[("2020", "remainder")] is None
    assert all(got[("2021", c)] is None for c in large.published)


def test_the_frame_wrapper_on_an_empty_frame() -> None:
    cells = pl.DataFrame([], schema={"municipality": pl.Utf8, **CELLS})
    result = protect_cells(cells, ["municipality"])
    assert result.height == 0 and result.schema["disclosure"] == pl.Utf8
