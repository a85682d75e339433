"""Polars expressions for intervals and tests, so comparisons run column-wise over many rows."""

from __future__ import annotations

import math

import polars as pl

from .intervals import Z95

SQRT2 = math.sqrt(2.0)


def erfc(x: pl.Expr) -> pl.Expr:
    """Complementary error function for x >= 0 (Abramowitz & Stegun 7.1.26, error < 1.5e-7)."""
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return poly * (-(x * x)).exp()


def two_sided_p(z: pl.Expr) -> pl.Expr:
    return erfc(z.abs() / SQRT2)


def wilson_bounds(k: pl.Expr, n: pl.Expr, z: float = Z95) -> tuple[pl.Expr, pl.Expr]:
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * ((p * (1 - p) / n) + z * z / (4 * n * n)).sqrt() / denominator
    valid = (n > 0) & (k >= 0) & (k <= n)
    lower = pl.when(valid).then(pl.max_horizontal(centre - half, pl.lit(0.0)))
    upper = pl.when(valid).then(pl.min_horizontal(centre + half, pl.lit(1.0)))
    return lower, upper


def byars_bounds(count: pl.Expr, z: float = Z95) -> tuple[pl.Expr, pl.Expr]:
    lower = (
        pl.when(count > 0)
        .then(count * (1 - 1 / (9 * count) - z / (3 * count.sqrt())).pow(3))
        .when(count == 0)
        .then(0.0)
    )
    upper_count = count + 1
    upper = pl.when(count >= 0).then(
        upper_count * (1 - 1 / (9 * upper_count) + z / (3 * upper_count.sqrt())).pow(3)
    )
    return pl.max_horizontal(lower, pl.lit(0.0)), upper


def two_proportion_z(k1: pl.Expr, n1: pl.Expr, k2: pl.Expr, n2: pl.Expr) -> pl.Expr:
    pooled = (k1 + k2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    return pl.when((n1 > 0) & (n2 > 0) & (variance > 0)).then((k1 / n1 - k2 / n2) / variance.sqrt())


def log_rate_ratio_z(c1: pl.Expr, t1: pl.Expr, c2: pl.Expr, t2: pl.Expr) -> pl.Expr:
    valid = (c1 > 0) & (c2 > 0) & (t1 > 0) & (t2 > 0)
    return pl.when(valid).then(((c1 / t1) / (c2 / t2)).log() / (1 / c1 + 1 / c2).sqrt())


def benjamini_hochberg(p_values: pl.Series) -> pl.Series:
    """BH-adjusted p-values over all non-null entries, in input order (nulls stay null)."""
    frame = pl.DataFrame({"p": p_values.cast(pl.Float64)}).with_row_index("position")
    tested = frame.filter(pl.col("p").is_not_null()).sort("p")
    m = tested.height
    tested = tested.with_columns(
        q=(pl.col("p") * m / pl.int_range(1, m + 1).cast(pl.Float64))
        .reverse()
        .cum_min()
        .reverse()
        .clip(upper_bound=1.0)
    )
    return (
        frame.join(tested.select("position", "q"), on="position", how="left")
        .sort("position")
        .get_column("q")
        .alias(p_values.name)
    )
