"""CBS's rounding of published counts as extra variance in the tests (METHODS §3a, issue 15).

CBS rounds counts at wijk level (benefit recipients to multiples of 10). A rounding error of a
count rounded to a multiple of r is taken as uniform on [-r/2, r/2] and independent between
counts: variance r²/12 per rounded count, so a sum of k rounded counts carries k·r²/12. The
catalogue gives r per indicator (`rounding`); 0 or none means exact counts.
"""

from __future__ import annotations

import polars as pl

from .spec import Kind, is_kind


def rounding_variance(count: pl.Expr, size: pl.Expr, rounded: pl.Expr | float) -> pl.Expr:
    """The variance the source's rounding adds on the test's scale (METHODS §3a): a count that is
    the sum of `rounded` counts each rounded to a multiple of r carries rounded·r²/12 more
    variance (each rounding error uniform on [-r/2, r/2]); on the scale of a proportion that is
    divided by size², on the log scale of a rate by count² (delta method; a zero count as 0.5,
    as Haldane's). 0 where the indicator is not rounded or the counts are missing."""
    count = count.cast(pl.Float64)
    per_count = pl.col("rounding").pow(2) / 12
    scale = (
        pl.when(is_kind(Kind.PROPORTION))
        .then(size.cast(pl.Float64))
        .otherwise(pl.when(count == 0).then(0.5).otherwise(count))
    )
    extra = rounded * per_count / scale.pow(2)
    return pl.when(pl.col("rounding") > 0).then(extra).otherwise(0.0).fill_null(0.0).fill_nan(0.0)


def nl_minus(prefix: str, part: str) -> pl.Expr:
    """Nederland without the area (or municipality): the independent comparison group."""
    return pl.col(f"nl_{part}") - pl.col(f"{prefix}_{part}")


Pair = tuple[pl.Expr, pl.Expr, pl.Expr, pl.Expr, pl.Expr, pl.Expr]


def pairs() -> dict[str, Pair]:
    """Each test's (k1, n1, rounded1, k2, n2, rounded2): the counts of the unit and of its
    reference, and how many rounded published counts each adds up. The area sums its
    members' counts; the rest (municipality minus area) and Nederland minus the area add the
    one rounded total they are taken from."""
    area = pl.col("area_counts").cast(pl.Float64)
    return {
        "rest": (
            pl.col("area_num"),
            pl.col("area_den"),
            area,
            pl.col("rest_num"),
            pl.col("rest_den"),
            area + 1,
        ),
        "nl": (
            pl.col("area_num"),
            pl.col("area_den"),
            area,
            nl_minus("area", "num"),
            nl_minus("area", "den"),
            area + 1,
        ),
        "gm_nl": (
            pl.col("gm_num"),
            pl.col("gm_den"),
            pl.lit(1.0),
            nl_minus("gm", "num"),
            nl_minus("gm", "den"),
            pl.lit(2.0),
        ),
    }


def pair_counts(pair: Pair) -> tuple[pl.Expr, pl.Expr, pl.Expr, pl.Expr]:
    """(k1, n1, k2, n2) of a test's pair, as the tests take them."""
    return pair[0], pair[1], pair[3], pair[4]


def pair_rounding(
    k1: pl.Expr, n1: pl.Expr, r1: pl.Expr, k2: pl.Expr, n2: pl.Expr, r2: pl.Expr
) -> pl.Expr:
    return rounding_variance(k1, n1, r1) + rounding_variance(k2, n2, r2)
