"""The column forms of the tests (issue 14) on cases computed by hand; that they equal the scalar
functions on every input is checked in test_properties.py."""

from __future__ import annotations

import math

import polars as pl
import pytest

from ruggensteun.analysis import vectorised
from ruggensteun.analysis.intervals import rate_interval
from ruggensteun.analysis.significance import Verdict, normal_two_sided_p, verdict

pytestmark = pytest.mark.issue(14)


def column(expr: pl.Expr, frame: pl.DataFrame) -> list[object]:
    return frame.select(expr.alias("out")).to_series().to_list()


def test_p_values_in_columns_equal_the_scalar_ones_exactly() -> None:
    """The standard library's erfc on the column (the former Abramowitz-Stegun formula was 0.05 %
    off at z = 4 and 1 % at z = 8); infinite z gives 0, NaN stays NaN, null stays null."""
    grid = [i / 16 for i in range(-16 * 40, 16 * 40)] + [math.inf, math.nan]
    got = column(vectorised.two_sided_p(pl.col("z")), pl.DataFrame({"z": grid}))
    for z, value in zip(grid[:-1], got[:-1], strict=True):
        assert value == normal_two_sided_p(z)
    assert isinstance(got[-1], float) and math.isnan(got[-1])
    assert column(vectorised.two_sided_p(pl.col("z")), pl.DataFrame({"z": [None]})) == [None]


def test_the_rest_of_the_municipality_cannot_exceed_its_denominator() -> None:
    """Area 10/900 in a municipality of 200/1000: rest 190/100. Before issue 14 the column test
    gave z = -44.8 and the verdict sign. better; now no test."""
    frame = pl.DataFrame({"k1": [10.0, 30.0], "n1": [900.0, 100.0], "k2": [190.0, 20.0]})
    frame = frame.with_columns(n2=pl.Series([100.0, 100.0]))
    z = column(vectorised.two_proportion_z(*map(pl.col, ["k1", "n1", "k2", "n2"])), frame)
    assert z[0] is None
    assert z[1] == pytest.approx(1.633, abs=1e-3)


def test_difference_of_differences_refuses_k_above_n() -> None:
    """Area 10/100 → 30/100, rest 10/100 → 12/100: z = 2.557 (test_significance.py); with the
    area's 30 of 100 written as 130 of 100: no test."""
    frame = pl.DataFrame({"after": [30.0, 130.0]})
    area = [pl.lit(10.0), pl.lit(100.0), pl.col("after"), pl.lit(100.0)]
    rest = [pl.lit(10.0), pl.lit(100.0), pl.lit(12.0), pl.lit(100.0)]
    z = column(vectorised.difference_of_differences_z(area, rest), frame)
    assert z[0] == pytest.approx(2.557, abs=1e-3) and z[1] is None


def test_rate_difference_of_changes_in_columns() -> None:
    """The hand case of test_significance.py: z = 2.482957; a zero count gives no test."""
    frame = pl.DataFrame({"before": [100.0, 0.0]})
    area = [pl.col("before"), pl.lit(1_000.0), pl.lit(150.0), pl.lit(1_000.0)]
    rest = [pl.lit(200.0), pl.lit(2_000.0), pl.lit(200.0), pl.lit(2_000.0)]
    z = column(vectorised.rate_difference_of_changes_z(area, rest), frame)
    assert z[0] == pytest.approx(2.482957, abs=1e-6) and z[1] is None
    widened = column(vectorised.rate_difference_of_changes_z(area, rest, 0.1), frame)
    assert widened[0] == pytest.approx(0.405465 / math.sqrt(0.126667), abs=1e-5)


def test_rate_bounds_equal_the_rate_interval() -> None:
    frame = pl.DataFrame({"c": [1.0, 9.0, 10.0, 400.0, None], "t": [50_000.0] * 4 + [1.0]})
    lower, upper = vectorised.rate_bounds(pl.col("c"), pl.col("t"), 100_000.0)
    rows = frame.select(lower.alias("lo"), upper.alias("hi")).rows()
    for (count, population), row in zip(frame.rows(), rows, strict=True):
        interval = None if count is None else rate_interval(count, population, 100_000)
        if interval is None:
            assert row == (None, None)
        else:
            assert row == pytest.approx((interval.lower, interval.upper), rel=1e-14)


def test_verdict_in_columns_equals_the_scalar_verdict() -> None:
    rows = [
        (0.1, 0.05, True, None),
        (0.1, 0.0500001, True, None),
        (-0.1, 0.01, True, True),
        (-0.1, 0.01, False, None),
        (0.1, 0.01, None, None),
        (0.1, 0.01, True, False),
        (0.0, 0.01, True, None),
        (math.nan, 0.01, True, None),
        (0.1, None, True, None),
    ]
    frame = pl.DataFrame(
        rows,
        schema={"d": pl.Float64, "q": pl.Float64, "worse": pl.Boolean, "relevant": pl.Boolean},
        orient="row",
    )
    expr = vectorised.verdict(
        pl.col("d"), pl.col("q"), pl.col("worse"), relevant=pl.col("relevant")
    )
    got = column(expr, frame)
    expected = [verdict(d, q, w, relevant=r).value for d, q, w, r in rows]
    assert got == expected
    assert expected[:3] == [Verdict.WORSE, Verdict.SAME, Verdict.BETTER]


def test_relevance_in_columns() -> None:
    frame = pl.DataFrame({"d": [2.2, 1.9, 1.0, 0.0, None], "ref": [20.0, 20.0, 0.0, 0.0, 1.0]})
    got = column(vectorised.is_relevant(pl.col("d"), pl.col("ref"), 0.10), frame)
    assert got == [True, False, True, False, None]
