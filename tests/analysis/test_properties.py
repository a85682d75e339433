"""Invariants of the analysis core, checked on generated cases (Hypothesis).

The hand-computed cases are in test_intervals.py, test_significance.py and test_compare.py; these
say what holds for every input: an area's value is its pooled counts, an interval contains its
estimate, and Benjamini-Hochberg keeps the order of the p-values and never lowers one.
"""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ruggensteun.analysis import vectorised
from ruggensteun.analysis.compare import aggregate_areas
from ruggensteun.analysis.intervals import byars, rate_interval, wilson
from ruggensteun.analysis.significance import benjamini_hochberg
from ruggensteun.analysis.spec import AREAS, INDICATORS, OBSERVATIONS, frame

pytestmark = pytest.mark.issue(13)

# Floating point: a bound may miss an estimate on its edge (k = 0 or k = n) by rounding only.
EPSILON = 1e-12

PROPORTION = {
    "indicator": "aandeel",
    "domain": "gezondheid",
    "kind": "proportion",
    "multiplier": 100.0,
    "higher_is_worse": True,
    "min_count": 5.0,
    "min_denominator": 50.0,
    "testable": True,
    "baseline": None,
}


@st.composite
def counts(draw: st.DrawFn, max_trials: int = 1_000_000) -> tuple[int, int]:
    """(successes, trials) with 0 <= successes <= trials and at least one trial."""
    trials = draw(st.integers(min_value=1, max_value=max_trials))
    return draw(st.integers(min_value=0, max_value=trials)), trials


members = st.lists(counts(max_trials=100_000), min_size=1, max_size=8)
p_values = st.lists(
    st.one_of(st.none(), st.floats(min_value=0.0, max_value=1.0)), min_size=0, max_size=30
)


@settings(deadline=None)
@given(members)
def test_an_area_value_is_the_sum_of_numerators_over_the_sum_of_denominators(
    member_counts: list[tuple[int, int]],
) -> None:
    codes = [f"WK0001{index:02d}" for index in range(len(member_counts))]
    observations = frame(
        [
            {"region": code, "indicator": "aandeel", "period": "2020", "value": None}
            | {"numerator": k, "denominator": n, "symbol": None}
            for code, (k, n) in zip(codes, member_counts, strict=True)
        ],
        OBSERVATIONS,
    )
    areas = frame([{"area": "a", "municipality": "GM0001", "member": c} for c in codes], AREAS)
    (row,) = aggregate_areas(observations, areas, frame([PROPORTION], INDICATORS)).to_dicts()
    numerator = sum(k for k, _ in member_counts)
    denominator = sum(n for _, n in member_counts)
    assert (row["area_num"], row["area_den"]) == (numerator, denominator)
    assert row["area_value"] == pytest.approx(100 * numerator / denominator)
    assert row["area_reason"] is None


@given(counts())
def test_the_wilson_interval_contains_the_proportion_and_lies_in_0_1(
    case: tuple[int, int],
) -> None:
    successes, trials = case
    interval = wilson(successes, trials)
    assert interval is not None
    assert 0.0 <= interval.lower <= interval.upper <= 1.0
    assert interval.lower - EPSILON <= successes / trials <= interval.upper + EPSILON


@given(st.integers(min_value=0, max_value=10_000_000))
def test_the_byars_interval_contains_the_count_and_is_not_negative(count: int) -> None:
    interval = byars(count)
    assert interval is not None
    assert 0.0 <= interval.lower <= count < interval.upper


@given(st.integers(min_value=0, max_value=100_000), st.integers(min_value=1, max_value=10**7))
def test_a_rate_interval_contains_the_rate(count: int, population: int) -> None:
    interval = rate_interval(count, population, 100_000)
    assert interval is not None
    rate = count / population * 100_000
    assert 0.0 <= interval.lower <= rate * (1 + EPSILON) and rate < interval.upper


@settings(deadline=None)
@given(st.lists(counts(), min_size=1, max_size=20))
def test_the_vectorised_wilson_bounds_equal_the_scalar_interval(
    cases: list[tuple[int, int]],
) -> None:
    k = pl.Series("k", [float(s) for s, _ in cases])
    n = pl.Series("n", [float(t) for _, t in cases])
    lower, upper = vectorised.wilson_bounds(pl.lit(k), pl.lit(n))
    bounds = pl.select(lower.alias("lower"), upper.alias("upper")).to_dicts()
    for (successes, trials), row in zip(cases, bounds, strict=True):
        interval = wilson(successes, trials)
        assert interval is not None
        assert (row["lower"], row["upper"]) == (
            pytest.approx(interval.lower, abs=EPSILON),
            pytest.approx(interval.upper, abs=EPSILON),
        )


@given(p_values)
def test_benjamini_hochberg_is_at_least_the_raw_p_value_and_at_most_1(
    raw: list[float | None],
) -> None:
    adjusted = benjamini_hochberg(raw)
    assert len(adjusted) == len(raw)
    for p, q in zip(raw, adjusted, strict=True):
        assert (p is None) == (q is None)
        if p is not None and q is not None:
            # p·m/rank with rank = m can round one ulp below p (0.75887136709537·3/3).
            assert p * (1 - EPSILON) <= q <= 1.0


@given(p_values)
def test_benjamini_hochberg_keeps_the_order_of_the_p_values(raw: list[float | None]) -> None:
    adjusted = benjamini_hochberg(raw)
    pairs = sorted((p, q) for p, q in zip(raw, adjusted, strict=True) if p is not None)
    qs = [q for _, q in pairs]
    assert qs == sorted(qs)  # type: ignore[type-var]


@settings(deadline=None)
@given(p_values)
def test_the_vectorised_benjamini_hochberg_equals_the_scalar_one(raw: list[float | None]) -> None:
    vector = vectorised.benjamini_hochberg(pl.Series("p", raw, dtype=pl.Float64)).to_list()
    expected = benjamini_hochberg(raw)
    assert [q is None for q in vector] == [q is None for q in expected]
    assert [q for q in vector if q is not None] == pytest.approx(
        [q for q in expected if q is not None], abs=EPSILON
    )
