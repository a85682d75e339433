"""Invariants of the analysis core, checked on generated cases (Hypothesis).

The hand-computed cases are in test_intervals.py, test_significance.py, test_overdispersion.py,
test_vectorised.py and test_compare.py; these say what holds for every input: an area's value is
its pooled counts, an interval contains its estimate and narrows with more data,
Benjamini-Hochberg keeps the order of the p-values, does not depend on their order and never
lowers one, tau² is never negative and only widens a test, and every column function equals its
scalar function row by row, with missing values (null / None), NaN and impossible counts too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ruggensteun.analysis import significance as s
from ruggensteun.analysis import vectorised
from ruggensteun.analysis.compare import aggregate_areas
from ruggensteun.analysis.intervals import byars, poisson_interval, rate_interval, wilson
from ruggensteun.analysis.overdispersion import adjusted_z, dispersion, estimate
from ruggensteun.analysis.significance import benjamini_hochberg
from ruggensteun.analysis.spec import AREAS, INDICATORS, OBSERVATIONS, frame

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

Number = float | None


@st.composite
def counts(draw: st.DrawFn, max_trials: int = 1_000_000) -> tuple[int, int]:
    """(successes, trials) with 0 <= successes <= trials and at least one trial."""
    trials = draw(st.integers(min_value=1, max_value=max_trials))
    return draw(st.integers(min_value=0, max_value=trials)), trials


members = st.lists(counts(max_trials=100_000), min_size=1, max_size=8)
p_values = st.lists(
    st.one_of(st.none(), st.floats(min_value=0.0, max_value=1.0)), min_size=0, max_size=30
)
# What a column can hold besides a sound number: missing, NaN, infinite, negative, fractional.
special = st.sampled_from([None, math.nan, math.inf, -math.inf, -1.0, -0.0, 0.5, 2.5])


def number(low: float, high: float) -> st.SearchStrategy[Number]:
    whole = st.integers(min_value=int(low), max_value=int(high)).map(float)
    return st.one_of(special, whole, whole, st.floats(low, high, allow_nan=False))


@st.composite
def proportion(draw: st.DrawFn) -> tuple[Number, Number]:
    """Mostly 0 <= k <= n, sometimes anything (k > n, NaN, null)."""
    if draw(st.booleans()):
        k, n = draw(counts())
        return float(k), float(n)
    return draw(number(0, 1_000)), draw(number(0, 1_000))


rate_count = st.one_of(number(0, 30), number(0, 1_000_000))
population = number(1, 10_000_000)
tau2 = st.one_of(
    st.none(), st.just(0.0), st.floats(0, 5), st.sampled_from([-0.1, math.nan, math.inf])
)


def scalar(function: Callable[..., Any], *args: Number, **kwargs: Any) -> Any:
    """The scalar function's answer, or None for a missing input (the column's null)."""
    return None if any(a is None for a in args) else function(*args, **kwargs)


def same(got: Number, expected: Number, rel: float = 1e-12) -> bool:
    if expected is None or got is None:
        return got is expected
    if math.isnan(expected):
        return math.isnan(got)
    return bool(got == pytest.approx(expected, rel=rel, abs=1e-300))


def table(rows: Sequence[Sequence[Any]], names: str) -> pl.DataFrame:
    return pl.DataFrame(
        [list(row) for row in rows],
        schema=dict.fromkeys(names.split(), pl.Float64),
        orient="row",
    )


def values(frame: pl.DataFrame, *exprs: pl.Expr) -> list[tuple[Any, ...]]:
    return frame.select(e.alias(f"c{i}") for i, e in enumerate(exprs)).rows()


# Pooled aggregation, intervals


@pytest.mark.issue(13)
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


@pytest.mark.issue(13)
@given(counts())
def test_the_wilson_interval_contains_the_proportion_and_lies_in_0_1(
    case: tuple[int, int],
) -> None:
    successes, trials = case
    interval = wilson(successes, trials)
    assert interval is not None
    assert 0.0 <= interval.lower <= interval.upper <= 1.0
    assert interval.lower - EPSILON <= successes / trials <= interval.upper + EPSILON


@pytest.mark.issue(13)
@given(st.integers(min_value=0, max_value=10_000_000))
def test_the_byars_interval_contains_the_count_and_is_not_negative(count: int) -> None:
    interval = byars(count)
    assert interval is not None
    assert 0.0 <= interval.lower <= count < interval.upper


@pytest.mark.issue(13)
@given(st.integers(min_value=0, max_value=100_000), st.integers(min_value=1, max_value=10**7))
def test_a_rate_interval_contains_the_rate(count: int, population: int) -> None:
    interval = rate_interval(count, population, 100_000)
    assert interval is not None
    rate = count / population * 100_000
    assert 0.0 <= interval.lower <= rate * (1 + EPSILON) and rate < interval.upper


@pytest.mark.issue(14)
@given(counts(max_trials=100_000), st.integers(min_value=2, max_value=100))
def test_the_wilson_interval_narrows_with_more_trials(case: tuple[int, int], factor: int) -> None:
    successes, trials = case
    small, large = wilson(successes, trials), wilson(successes * factor, trials * factor)
    assert small is not None and large is not None
    assert large.upper - large.lower < small.upper - small.lower


@pytest.mark.issue(14)
@given(st.integers(min_value=1, max_value=100_000), st.integers(min_value=1, max_value=1_000))
def test_the_poisson_interval_narrows_relative_to_a_larger_count(count: int, more: int) -> None:
    """Across the switch from the exact table to Byars at 10 too."""
    small, large = poisson_interval(count), poisson_interval(count + more)
    assert small is not None and large is not None
    assert (large.upper - large.lower) / (count + more) < (small.upper - small.lower) / count


# Column functions equal scalar functions


@pytest.mark.issue(14)
@settings(deadline=None)
@given(st.lists(proportion(), min_size=1, max_size=20))
def test_the_vectorised_wilson_bounds_equal_the_scalar_interval(
    cases: list[tuple[Number, Number]],
) -> None:
    rows = values(table(cases, "k n"), *vectorised.wilson_bounds(pl.col("k"), pl.col("n")))
    for (k, n), (lower, upper) in zip(cases, rows, strict=True):
        interval = scalar(wilson, k, n)
        expected = (None, None) if interval is None else (interval.lower, interval.upper)
        assert same(lower, expected[0]) and same(upper, expected[1])


@pytest.mark.issue(14)
@settings(deadline=None)
@given(st.lists(st.tuples(number(0, 100), population), min_size=1, max_size=20))
def test_the_vectorised_count_bounds_equal_the_scalar_intervals(
    cases: list[tuple[Number, Number]],
) -> None:
    frame = table(cases, "c t")
    c, t = pl.col("c"), pl.col("t")
    rows = values(
        frame,
        *vectorised.byars_bounds(c),
        *vectorised.poisson_bounds(c),
        *vectorised.rate_bounds(c, t, 100_000.0),
    )
    for (count, people), row in zip(cases, rows, strict=True):
        intervals = [
            scalar(byars, count),
            scalar(poisson_interval, count),
            scalar(rate_interval, count, people, 100_000.0),
        ]
        for index, interval in enumerate(intervals):
            lower, upper = row[2 * index : 2 * index + 2]
            if interval is None:
                assert (lower, upper) == (None, None)
            else:
                assert same(lower, interval.lower) and same(upper, interval.upper)


@pytest.mark.issue(14)
@settings(deadline=None)
@given(st.lists(st.one_of(special, st.floats(-40, 40)), min_size=1, max_size=30))
def test_the_vectorised_p_value_equals_the_scalar_one(zs: list[Number]) -> None:
    rows = values(table([(z,) for z in zs], "z"), vectorised.two_sided_p(pl.col("z")))
    for z, (p,) in zip(zs, rows, strict=True):
        assert same(p, scalar(s.normal_two_sided_p, z), rel=0.0)


@pytest.mark.issue(14)
@settings(deadline=None)
@given(st.lists(st.tuples(number(-50, 50), number(0, 10), tau2), min_size=1, max_size=20))
def test_the_vectorised_adjusted_z_equals_the_scalar_one(
    cases: list[tuple[Number, Number, Number]],
) -> None:
    rows = values(
        table(cases, "d v tau"), vectorised.adjusted_z(pl.col("d"), pl.col("v"), pl.col("tau"))
    )
    for (d, v, extra), (z,) in zip(cases, rows, strict=True):
        assert same(z, None if d is None or v is None else adjusted_z(d, v, extra))


def z_of(result: s.TestResult | None) -> Number:
    return None if result is None else result.statistic


def p_of(result: s.TestResult | None) -> Number:
    return None if result is None else result.p_value


@pytest.mark.issue(14)
@settings(deadline=None)
@given(st.lists(st.tuples(proportion(), proportion(), tau2), min_size=1, max_size=15))
def test_the_vectorised_two_proportion_z_equals_the_scalar_test(
    cases: list[tuple[tuple[Number, Number], tuple[Number, Number], Number]],
) -> None:
    frame = table([(*a, *b, t) for a, b, t in cases], "k1 n1 k2 n2 tau")
    k1, n1, k2, n2, tau = map(pl.col, frame.columns)
    z = vectorised.two_proportion_z(k1, n1, k2, n2, tau)
    for ((a, b), (c, d), extra), (got, p) in zip(
        cases, values(frame, z, vectorised.two_sided_p(z)), strict=True
    ):
        expected = scalar(s.two_proportion_z, a, b, c, d, tau2=extra)
        assert same(got, z_of(expected)) and same(p, p_of(expected), rel=1e-11)


@pytest.mark.issue(14)
@settings(deadline=None)
@given(
    st.lists(
        st.tuples(rate_count, population, rate_count, population, tau2, st.booleans()),
        min_size=1,
        max_size=15,
    )
)
def test_the_vectorised_log_rate_ratio_z_equals_the_scalar_test(
    cases: list[tuple[Number, Number, Number, Number, Number, bool]],
) -> None:
    frame = table([case[:5] for case in cases], "c1 t1 c2 t2 tau")
    c1, t1, c2, t2, tau = map(pl.col, frame.columns)
    plain = vectorised.log_rate_ratio_z(c1, t1, c2, t2, tau)
    haldane = vectorised.log_rate_ratio_z(c1, t1, c2, t2, tau, haldane=True)
    for (a, b, c, d, extra, _), (got, got_haldane) in zip(
        cases, values(frame, plain, haldane), strict=True
    ):
        expected = scalar(s.log_rate_ratio_z, a, b, c, d, tau2=extra)
        expected_haldane = scalar(s.log_rate_ratio_z, a, b, c, d, tau2=extra, haldane=True)
        assert same(got, z_of(expected)) and same(got_haldane, z_of(expected_haldane))


@pytest.mark.issue(14)
@settings(deadline=None)
@given(st.lists(st.tuples(rate_count, population, rate_count, population, tau2), max_size=10))
def test_the_vectorised_rate_tests_equal_the_scalar_tests(
    cases: list[tuple[Number, Number, Number, Number, Number]],
) -> None:
    """The exact test alone, and the rate test that picks exact or Wald (and tau²)."""
    frame = table(cases, "c1 t1 c2 t2 tau")
    c1, t1, c2, t2, tau = map(pl.col, frame.columns)
    exact = vectorised.poisson_rate_exact_p(c1, t1, c2, t2)
    chosen = vectorised.poisson_rate_ratio_p(c1, t1, c2, t2, tau)
    for (a, b, c, d, extra), (got_exact, got) in zip(
        cases, values(frame, exact, chosen), strict=True
    ):
        assert same(got_exact, p_of(scalar(s.poisson_rate_exact, a, b, c, d)))
        assert same(got, p_of(scalar(s.poisson_rate_ratio, a, b, c, d, tau2=extra)), rel=1e-11)


@pytest.mark.issue(14)
@settings(deadline=None)
@given(
    st.lists(st.tuples(proportion(), proportion(), proportion(), proportion(), tau2), max_size=12)
)
def test_the_vectorised_difference_of_differences_equals_the_scalar_test(
    cases: list[tuple[Any, ...]],
) -> None:
    frame = table([(*a1, *a2, *b1, *b2, t) for a1, a2, b1, b2, t in cases], "a b c d e f g h tau")
    k = [pl.col(name) for name in "abcdefgh"]
    z = vectorised.difference_of_differences_z(k[:4], k[4:], pl.col("tau"))
    for row, (got,) in zip(frame.rows(), values(frame, z), strict=True):
        changes = [tuple(row[:4]), tuple(row[4:8])]
        missing = None in row[:8]
        expected = None if missing else s.difference_of_differences(changes, tau2=row[8])
        assert same(got, z_of(expected))


@pytest.mark.issue(14)
@settings(deadline=None)
@given(
    st.lists(
        st.tuples(*[rate_count, population] * 4, tau2),
        max_size=12,
    )
)
def test_the_vectorised_rate_difference_of_changes_equals_the_scalar_test(
    cases: list[tuple[Number, ...]],
) -> None:
    frame = table(cases, "a b c d e f g h tau")
    c = [pl.col(name) for name in "abcdefgh"]
    z = vectorised.rate_difference_of_changes_z(c[:4], c[4:], pl.col("tau"))
    for row, (got,) in zip(cases, values(frame, z), strict=True):
        changes = [tuple(row[:4]), tuple(row[4:8])]
        missing = None in row[:8]
        expected = None if missing else s.rate_difference_of_changes(changes, tau2=row[8])
        assert same(got, z_of(expected))


flag = st.sampled_from([None, True, False])


@pytest.mark.issue(14)
@settings(deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(special, st.floats(-5, 5), st.just(0.0)),
            st.one_of(st.none(), st.just(math.nan), st.floats(0, 1), st.just(0.05)),
            flag,
            flag,
            st.one_of(special, st.floats(-50, 50)),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_the_vectorised_verdict_and_relevance_equal_the_scalar_ones(
    cases: list[tuple[Number, Number, bool | None, bool | None, Number]],
) -> None:
    frame = pl.DataFrame(
        cases,
        schema={
            "d": pl.Float64,
            "q": pl.Float64,
            "w": pl.Boolean,
            "r": pl.Boolean,
            "b": pl.Float64,
        },
        orient="row",
    )
    d, q, w, r, b = map(pl.col, frame.columns)
    rows = values(frame, vectorised.verdict(d, q, w, relevant=r), vectorised.is_relevant(d, b, 0.1))
    for (diff, qv, worse, relevant, base), (got, got_relevant) in zip(cases, rows, strict=True):
        assert got == s.verdict(diff, qv, worse, relevant=relevant).value
        assert got_relevant == s.is_relevant(diff, base, 0.1)


# Benjamini-Hochberg


@pytest.mark.issue(13)
@given(p_values)
def test_benjamini_hochberg_is_at_least_the_raw_p_value_and_at_most_1(
    raw: list[float | None],
) -> None:
    adjusted = benjamini_hochberg(raw)
    assert len(adjusted) == len(raw)
    for p, q in zip(raw, adjusted, strict=True):
        assert (p is None) == (q is None)
        if p is not None and q is not None:
            # p·(m/rank) with rank = m can round one ulp below p (0.75887136709537·3/3).
            assert p * (1 - EPSILON) <= q <= 1.0


@pytest.mark.issue(13)
@given(p_values)
def test_benjamini_hochberg_keeps_the_order_of_the_p_values(raw: list[float | None]) -> None:
    adjusted = benjamini_hochberg(raw)
    pairs = sorted((p, q) for p, q in zip(raw, adjusted, strict=True) if p is not None)
    qs = [q for _, q in pairs]
    assert qs == sorted(qs)  # type: ignore[type-var]


@pytest.mark.issue(14)
@given(st.data())
def test_benjamini_hochberg_does_not_depend_on_the_order_of_its_input(data: st.DataObject) -> None:
    raw = data.draw(p_values)
    order = data.draw(st.permutations(range(len(raw))))
    adjusted = benjamini_hochberg(raw)
    shuffled = benjamini_hochberg([raw[i] for i in order])
    assert shuffled == [adjusted[i] for i in order]


nan_or_p = st.one_of(st.none(), st.just(math.nan), st.floats(min_value=0.0, max_value=1.0))


@pytest.mark.issue(14)
@settings(deadline=None)
@given(st.lists(nan_or_p, max_size=30))
def test_the_vectorised_benjamini_hochberg_equals_the_scalar_one(raw: list[float | None]) -> None:
    vector = vectorised.benjamini_hochberg(pl.Series("p", raw, dtype=pl.Float64)).to_list()
    assert vector == benjamini_hochberg(raw)


@pytest.mark.issue(14)
@settings(deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), nan_or_p), max_size=40))
def test_benjamini_hochberg_per_family_equals_the_scalar_one_on_each_family(
    rows: list[tuple[int, float | None]],
) -> None:
    frame = pl.DataFrame(rows, schema={"family": pl.Int64, "p": pl.Float64}, orient="row")
    got = vectorised.benjamini_hochberg_by(frame, "p", ["family"]).to_list()
    expected: list[float | None] = [None] * len(rows)
    for family in {f for f, _ in rows}:
        positions = [i for i, (f, _) in enumerate(rows) if f == family]
        for i, q in zip(
            positions, benjamini_hochberg([rows[i][1] for i in positions]), strict=True
        ):
            expected[i] = q
    assert got == expected


# Overdispersion

unit = st.tuples(
    st.one_of(st.floats(-20, 20), st.sampled_from([None, math.nan, 0.0])),
    st.one_of(st.floats(1e-3, 1e3), st.sampled_from([None, math.nan, 0.0, -1.0, math.inf])),
)


@pytest.mark.issue(14)
@settings(deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), unit), max_size=60))
def test_dispersion_per_group_equals_the_scalar_estimate(
    rows: list[tuple[int, tuple[Number, Number]]],
) -> None:
    frame = pl.DataFrame(
        [(g, d, v) for g, (d, v) in rows],
        schema={"g": pl.Int64, "d": pl.Float64, "v": pl.Float64},
        orient="row",
    )
    for row in dispersion(frame, ["g"], min_units=3).to_dicts():
        units = [u for g, u in rows if g == row["g"]]
        result = estimate([d for d, _ in units], [v for _, v in units], min_units=3)
        if result is None:
            assert (row["phi"], row["tau2"]) == (None, None)
        else:
            assert row["units"] == result.units
            assert row["phi"] == pytest.approx(result.phi, rel=1e-9)
            assert row["tau2"] == pytest.approx(result.tau2, rel=1e-8, abs=1e-12)


@pytest.mark.issue(14)
@given(st.lists(st.tuples(st.floats(-20, 20), st.floats(1e-3, 1e3)), min_size=10, max_size=60))
def test_tau2_is_never_negative_and_only_widens_a_test(units: list[tuple[float, float]]) -> None:
    d, v = [x for x, _ in units], [y for _, y in units]
    result = estimate(d, v)
    assert result is not None and result.tau2 >= 0 and result.phi >= 0
    for di, vi in units:
        widened, plain = adjusted_z(di, vi, result.tau2), adjusted_z(di, vi)
        assert widened is not None and plain is not None and abs(widened) <= abs(plain)


@pytest.mark.issue(14)
@given(st.lists(st.floats(1e-3, 1e3), min_size=10, max_size=60))
def test_tau2_is_zero_when_every_z_is_zero(variances: list[float]) -> None:
    result = estimate([0.0] * len(variances), variances)
    assert result is not None and result.tau2 == 0.0 and result.phi == 0.0
