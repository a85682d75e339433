"""Polars expressions for intervals and tests, so comparisons run column-wise over many rows.

Each function here is the column form of the scalar function of the same name in `intervals`,
`significance` or `overdispersion` and gives the same value on every input, missing and invalid
ones included (null where the scalar gives None; tests/analysis/test_properties.py checks it).
Inputs are cast to Float64. A tau2 argument is the between-unit variance of `overdispersion`: a
column, a number or None; a null tau2 means not estimable, so no correction.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import polars as pl

from .intervals import EXACT_BELOW, POISSON_EXACT_95, Z95
from .significance import INVERSE_SQRT2, SMALL_COUNT, Verdict, poisson_rate_exact


def _f(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.Float64)


def _finite(*exprs: pl.Expr) -> pl.Expr:
    """True where every value is finite; null where one is null (a `when` reads that as false)."""
    return pl.all_horizontal(*(_f(e).is_finite() for e in exprs))


def _expr(value: pl.Expr | float) -> pl.Expr:
    return _f(value if isinstance(value, pl.Expr) else pl.lit(float(value)))


def _tau2(tau2: pl.Expr | float | None) -> pl.Expr:
    return pl.lit(0.0) if tau2 is None else _expr(tau2).fill_null(0.0)


def _erfc_batch(values: pl.Series) -> pl.Series:
    result = [None if x is None else math.erfc(x) for x in values.cast(pl.Float64).to_list()]
    return pl.Series(values.name, result, dtype=pl.Float64)


def erfc(x: pl.Expr) -> pl.Expr:
    """Complementary error function: the standard library's `math.erfc` on each value of the
    materialised column (polars has none), so it equals the scalar tests' exactly; about 0.1 s
    per million values. (Before issue 14 an Abramowitz-Stegun formula, 1 % off at z = 8.)"""
    return _f(x).map_batches(_erfc_batch, return_dtype=pl.Float64, is_elementwise=True)


def two_sided_p(z: pl.Expr) -> pl.Expr:
    """`significance.normal_two_sided_p`."""
    return erfc(_f(z).abs() * INVERSE_SQRT2)


# Intervals


def wilson_bounds(k: pl.Expr, n: pl.Expr, z: float = Z95) -> tuple[pl.Expr, pl.Expr]:
    """`intervals.wilson` as (lower, upper)."""
    k, n = _f(k), _f(n)
    denominator = n + z * z
    centre = (k + z * z / 2) / denominator
    half = z * (k * (n - k) / n + z * z / 4).sqrt() / denominator
    valid = _finite(k, n) & (n > 0) & (k >= 0) & (k <= n)
    lower = pl.when(valid).then(pl.max_horizontal(centre - half, pl.lit(0.0)))
    upper = pl.when(valid).then(pl.min_horizontal(centre + half, pl.lit(1.0)))
    return lower, upper


def byars_bounds(count: pl.Expr, z: float = Z95) -> tuple[pl.Expr, pl.Expr]:
    """`intervals.byars` as (lower, upper): both null for a null, negative or non-finite count."""
    count = _f(count)
    valid = _finite(count) & (count >= 0)
    base = 1 - 1 / (9 * count) - z / (3 * count.sqrt())
    lower = pl.when((count > 0) & (base > 0)).then(count * base.pow(3)).otherwise(0.0)
    upper_count = count + 1
    upper = upper_count * (1 - 1 / (9 * upper_count) + z / (3 * upper_count.sqrt())).pow(3)
    return pl.when(valid).then(lower), pl.when(valid).then(upper)


def poisson_bounds(count: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """`intervals.poisson_interval` as (lower, upper): the exact table for whole counts below 10,
    Byars from 10 on, null otherwise."""
    count = _f(count)
    large = _finite(count) & (count >= EXACT_BELOW)
    # abs() turns -0.0 into the table's 0.0; a negative or fractional count finds no key: null.
    key = count.abs().replace_strict(
        [float(c) for c in range(EXACT_BELOW)], list(range(EXACT_BELOW)), default=None
    )
    key = pl.when(count >= 0).then(key)
    lower, upper = byars_bounds(count)
    table = [
        key.replace_strict(list(range(EXACT_BELOW)), [row[side] for row in POISSON_EXACT_95])
        for side in (0, 1)
    ]
    return (
        pl.when(large).then(lower).otherwise(table[0]),
        pl.when(large).then(upper).otherwise(table[1]),
    )


def rate_bounds(
    count: pl.Expr, population: pl.Expr, multiplier: pl.Expr | float
) -> tuple[pl.Expr, pl.Expr]:
    """`intervals.rate_interval` as (lower, upper)."""
    population = _f(population)
    scale = _expr(multiplier)
    valid = _finite(population, scale) & (population > 0)
    lower, upper = poisson_bounds(count)
    return (
        pl.when(valid).then(lower * (scale / population)),
        pl.when(valid).then(upper * (scale / population)),
    )


# Tests: an estimate d with variance v, widened by tau2


def adjusted_z(d: pl.Expr, v: pl.Expr, tau2: pl.Expr | float | None = None) -> pl.Expr:
    """`overdispersion.adjusted_z`: d / sqrt(v + tau2)."""
    d, v, extra = _f(d), _f(v), _tau2(tau2)
    valid = _finite(d, v, extra) & (v > 0) & (extra >= 0)
    return pl.when(valid).then(d / (v + extra).sqrt())


def _proportion_ok(k: pl.Expr, n: pl.Expr) -> pl.Expr:
    return _finite(k, n) & (n > 0) & (k >= 0) & (k <= n)


def _rate_ok(c: pl.Expr, t: pl.Expr) -> pl.Expr:
    return _finite(c, t) & (c >= 0) & (t > 0)


def proportion_estimate(
    k1: pl.Expr, n1: pl.Expr, k2: pl.Expr, n2: pl.Expr
) -> tuple[pl.Expr, pl.Expr]:
    """`significance.proportion_estimate` as (d, v); both null where the scalar gives None."""
    k1, n1, k2, n2 = map(_f, (k1, n1, k2, n2))
    pooled = (k1 + k2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    valid = _proportion_ok(k1, n1) & _proportion_ok(k2, n2) & (variance > 0)
    return pl.when(valid).then(k1 / n1 - k2 / n2), pl.when(valid).then(variance)


def two_proportion_z(
    k1: pl.Expr, n1: pl.Expr, k2: pl.Expr, n2: pl.Expr, tau2: pl.Expr | float | None = None
) -> pl.Expr:
    """z of `significance.two_proportion_z`; null unless 0 <= k <= n > 0 on both sides."""
    return adjusted_z(*proportion_estimate(k1, n1, k2, n2), tau2)


def _haldane(count: pl.Expr) -> pl.Expr:
    return pl.when(count == 0).then(0.5).otherwise(count)


def rate_estimate(
    c1: pl.Expr, t1: pl.Expr, c2: pl.Expr, t2: pl.Expr, *, haldane: bool = False
) -> tuple[pl.Expr, pl.Expr]:
    """`significance.rate_estimate` as (d, v)."""
    c1, t1, c2, t2 = map(_f, (c1, t1, c2, t2))
    valid = _rate_ok(c1, t1) & _rate_ok(c2, t2)
    if haldane:
        c1, c2 = _haldane(c1), _haldane(c2)
    valid = valid & (c1 > 0) & (c2 > 0)
    return (
        pl.when(valid).then((c1.log() - t1.log()) - (c2.log() - t2.log())),
        pl.when(valid).then(1 / c1 + 1 / c2),
    )


def log_rate_ratio_z(
    c1: pl.Expr,
    t1: pl.Expr,
    c2: pl.Expr,
    t2: pl.Expr,
    tau2: pl.Expr | float | None = None,
    *,
    haldane: bool = False,
) -> pl.Expr:
    """z of `significance.log_rate_ratio_z` (the Wald test, whatever the counts)."""
    return adjusted_z(*rate_estimate(c1, t1, c2, t2, haldane=haldane), tau2)


def _exact_p(rows: pl.Series) -> pl.Series:
    values: list[float | None] = []
    for c1, t1, c2, t2, todo in rows.struct.unnest().iter_rows():
        result = (
            poisson_rate_exact(c1, t1, c2, t2) if todo and None not in (c1, t1, c2, t2) else None
        )
        values.append(None if result is None else result.p_value)
    return pl.Series(rows.name, values, dtype=pl.Float64)


def poisson_rate_exact_p(
    c1: pl.Expr, t1: pl.Expr, c2: pl.Expr, t2: pl.Expr, where: pl.Expr | None = None
) -> pl.Expr:
    """p of `significance.poisson_rate_exact`, only on the rows where `where` is true (all rows
    without it; null elsewhere).

    The exact test has no closed form, so this calls the scalar function row by row (one Python
    call per row, in `map_batches`); `where` keeps that to the few small-count rows.
    """
    todo = pl.lit(True) if where is None else where.fill_null(False)
    columns = pl.struct(
        _f(c1).alias("c1"),
        _f(t1).alias("t1"),
        _f(c2).alias("c2"),
        _f(t2).alias("t2"),
        todo.alias("todo"),
    )
    return columns.map_batches(_exact_p, return_dtype=pl.Float64, is_elementwise=True)


def poisson_rate_ratio_p(
    c1: pl.Expr, t1: pl.Expr, c2: pl.Expr, t2: pl.Expr, tau2: pl.Expr | float | None = None
) -> pl.Expr:
    """p of `significance.poisson_rate_ratio`: exact where a count is below 10 (with tau2 > 0
    the larger of the exact and the Haldane random-effects p), else the widened Wald test."""
    c1, t1, c2, t2 = map(_f, (c1, t1, c2, t2))
    extra = _tau2(tau2)
    valid = _rate_ok(c1, t1) & _rate_ok(c2, t2)
    large = valid & (c1 >= SMALL_COUNT) & (c2 >= SMALL_COUNT)
    small = valid & ((c1 < SMALL_COUNT) | (c2 < SMALL_COUNT))
    exact = poisson_rate_exact_p(c1, t1, c2, t2, where=small)
    widened = two_sided_p(log_rate_ratio_z(c1, t1, c2, t2, extra, haldane=True))
    conservative = pl.when(exact.is_not_null() & widened.is_not_null()).then(
        pl.max_horizontal(exact, widened)
    )
    return (
        pl.when(large)
        .then(two_sided_p(log_rate_ratio_z(c1, t1, c2, t2, extra)))
        .when(small & (extra == 0))
        .then(exact)
        .when(small)
        .then(conservative)
    )


def proportion_change_estimate(
    area: Sequence[pl.Expr], reference: Sequence[pl.Expr]
) -> tuple[pl.Expr, pl.Expr]:
    """`significance.proportion_change_estimate` as (d, v); `area` and `reference` are
    (k1, n1, k2, n2) each: before and after."""
    groups = [tuple(map(_f, group)) for group in (area, reference)]
    valid = pl.all_horizontal(
        _proportion_ok(k1, n1) & _proportion_ok(k2, n2) for k1, n1, k2, n2 in groups
    )
    changes, variances = [], []
    for k1, n1, k2, n2 in groups:
        p1, p2 = k1 / n1, k2 / n2
        changes.append(p2 - p1)
        variances.append(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    variance = variances[0] + variances[1]
    valid = valid & (variance > 0)
    return pl.when(valid).then(changes[0] - changes[1]), pl.when(valid).then(variance)


def difference_of_differences_z(
    area: Sequence[pl.Expr], reference: Sequence[pl.Expr], tau2: pl.Expr | float | None = None
) -> pl.Expr:
    """z of `significance.difference_of_differences`."""
    return adjusted_z(*proportion_change_estimate(area, reference), tau2)


def rate_change_estimate(
    area: Sequence[pl.Expr], reference: Sequence[pl.Expr]
) -> tuple[pl.Expr, pl.Expr]:
    """`significance.rate_change_estimate` as (d, v); `area` and `reference` are (c1, t1, c2, t2)
    each: before and after."""
    groups = [tuple(map(_f, group)) for group in (area, reference)]
    valid = pl.all_horizontal(
        _rate_ok(c1, t1) & _rate_ok(c2, t2) & (c1 > 0) & (c2 > 0) for c1, t1, c2, t2 in groups
    )
    logs = [(c2.log() - t2.log()) - (c1.log() - t1.log()) for c1, t1, c2, t2 in groups]
    variances = [1 / c1 + 1 / c2 for c1, _, c2, _ in groups]
    return (
        pl.when(valid).then(logs[0] - logs[1]),
        pl.when(valid).then(variances[0] + variances[1]),
    )


def rate_difference_of_changes_z(
    area: Sequence[pl.Expr], reference: Sequence[pl.Expr], tau2: pl.Expr | float | None = None
) -> pl.Expr:
    """z of `significance.rate_difference_of_changes`."""
    return adjusted_z(*rate_change_estimate(area, reference), tau2)


# Relevance, verdicts and false-discovery rate


def is_relevant(difference: pl.Expr, reference: pl.Expr, minimum: pl.Expr | float) -> pl.Expr:
    """`significance.is_relevant`: |difference| / |reference| >= minimum."""
    difference, reference = _f(difference), _f(reference)
    least = _expr(minimum)
    return pl.when(_finite(difference, reference)).then(
        pl.when(reference == 0)
        .then(difference != 0)
        .otherwise(difference.abs() / reference.abs() >= least)
    )


def verdict(
    difference: pl.Expr,
    q: pl.Expr,
    higher_is_worse: pl.Expr,
    alpha: float = 0.05,
    relevant: pl.Expr | None = None,
) -> pl.Expr:
    """`significance.verdict` (as its string value): significant at q <= alpha and not
    irrelevant; a null `relevant` means not assessed, as the scalar's None."""
    difference, q = _f(difference), _f(q)
    irrelevant = pl.lit(False) if relevant is None else relevant.not_().fill_null(False)
    worse = pl.when(higher_is_worse).then(difference > 0).otherwise(difference < 0)
    return (
        pl.when(difference.is_null() | q.is_null() | difference.is_nan() | q.is_nan())
        .then(pl.lit(Verdict.NOT_TESTABLE.value))
        .when((q > alpha) | (difference == 0) | irrelevant)
        .then(pl.lit(Verdict.SAME.value))
        .when(higher_is_worse.is_null())
        .then(pl.lit(Verdict.DIFFERENT.value))
        .when(worse)
        .then(pl.lit(Verdict.WORSE.value))
        .otherwise(pl.lit(Verdict.BETTER.value))
    )


def _bh(p: pl.Expr) -> pl.Expr:
    """BH q-values of one family, in place: q = p * (m / rank), running minimum from the
    largest p down, capped at 1; null and NaN are no tests."""
    p = p.fill_nan(None)
    m = p.count().cast(pl.Float64)
    rank = pl.int_range(1, p.len() + 1).cast(pl.Float64)
    ordered = p.sort(nulls_last=True)
    q = (ordered * (m / rank)).reverse().cum_min().reverse().clip(upper_bound=1.0)
    return q.gather(p.rank("ordinal") - 1)


def _check_p(values: pl.Series) -> pl.Series:
    values = values.cast(pl.Float64)
    present = values.fill_nan(None)  # polars orders NaN above every number
    outside = present.filter((present < 0) | (present > 1))
    if outside.len():
        raise ValueError(f"p-value outside [0, 1]: {outside[0]}")
    return values


def benjamini_hochberg(p_values: pl.Series) -> pl.Series:
    """`significance.benjamini_hochberg` over one family, in input order (null and NaN give
    null; a p-value outside [0, 1] raises ValueError)."""
    values = _check_p(p_values)
    return pl.DataFrame({"p": values}).select(_bh(pl.col("p"))).to_series().alias(p_values.name)


def benjamini_hochberg_by(frame: pl.DataFrame, p: str, by: Sequence[str]) -> pl.Series:
    """BH per family: the rows with equal values in `by` are one family (as the scalar
    `benjamini_hochberg` run on each). Returns the q-values in row order, named q_<p>."""
    _check_p(frame.get_column(p))
    expr = _bh(pl.col(p).cast(pl.Float64))
    column = expr.over(list(by)) if by else expr
    return frame.select(column.alias(f"q_{p}")).to_series()
