"""Overdispersion between units of the same level, as an additive random effect (issue 14).

Every two-group test here is an estimate d with a sampling variance v on a fixed scale
(`significance`: a difference of proportions, a log rate ratio, a difference of changes). Units
of the same level (all municipalities against Nederland, all wijken of a municipality against
their rest, ...) vary more than v alone allows; this module estimates that excess variance tau²
from all units and widens every test with it: z = d / sqrt(v + tau²).

The estimate follows D. J. Spiegelhalter, "Handling over-dispersion of performance indicators",
Quality and Safety in Health Care 14 (2005) 347-351, the method behind the NHS and Fingertips
funnel plots: z_i = d_i / sqrt(v_i) for the I units with a finite z; the z's are winsorised at
their 10th and 90th percentile (linear interpolation between order statistics, numpy's and
polars' default); phi = mean(z_w²); and the DerSimonian-Laird moment estimate
tau² = (I·phi - (I - 1)) / (S1 - S2/S1) with w_i = 1/v_i, S1 = Σw, S2 = Σw², or 0 when
I·phi <= I - 1. Fewer than `min_units` units: not estimable (None), and the caller tests without
correction and says so.

`estimate` works on plain sequences, `dispersion` per group of a polars frame; both give the same
numbers (tests/analysis/test_overdispersion.py). The column form of `adjusted_z` is
`vectorised.adjusted_z`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

WINSOR = 0.10
MIN_UNITS = 10


@dataclass(frozen=True)
class Dispersion:
    units: int  # units with a finite z that went into the estimate
    phi: float  # mean squared winsorised z: about 1 when the units vary by chance alone
    tau2: float  # additive between-unit variance on the test's scale; 0 for none


def _check(winsor: float, min_units: int) -> None:
    if not 0 <= winsor < 0.5:
        raise ValueError("winsor must lie in [0, 0.5)")
    if min_units < 2:
        raise ValueError("at least two units are needed to estimate a variance between them")


def _quantile(ordered: Sequence[float], q: float) -> float:
    """Linear interpolation between order statistics (numpy's default, polars' 'linear')."""
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (position - low) * (ordered[high] - ordered[low])


def _tau2(units: int, phi: float, s1: float, s2: float) -> float | None:
    excess = units * phi - (units - 1)
    if excess <= 0:
        return 0.0
    denominator = s1 - s2 / s1
    # Only rounding can make this non-positive (one weight dwarfs all others): not estimable.
    return excess / denominator if denominator > 0 else None


def estimate(
    d: Sequence[float | None],
    v: Sequence[float | None],
    *,
    winsor: float = WINSOR,
    min_units: int = MIN_UNITS,
) -> Dispersion | None:
    """phi and tau² from the estimates d and their variances v of all units of one level.

    Units whose d or v is missing or not finite, or whose v is not positive, are left out.
    None when fewer than `min_units` units remain (or in the degenerate case in `_tau2`).
    """
    _check(winsor, min_units)
    pairs = [
        (di, vi)
        for di, vi in zip(d, v, strict=True)
        if di is not None and vi is not None and math.isfinite(di) and math.isfinite(vi) and vi > 0
    ]
    if len(pairs) < min_units:
        return None
    z = [di / math.sqrt(vi) for di, vi in pairs]
    ordered = sorted(z)
    low, high = _quantile(ordered, winsor), _quantile(ordered, 1 - winsor)
    phi = math.fsum(min(max(zi, low), high) ** 2 for zi in z) / len(z)
    weights = [1 / vi for _, vi in pairs]
    tau2 = _tau2(len(z), phi, math.fsum(weights), math.fsum(w * w for w in weights))
    return None if tau2 is None else Dispersion(len(z), phi, tau2)


def dispersion(
    frame: pl.DataFrame,
    by: Sequence[str],
    d: str = "d",
    v: str = "v",
    *,
    winsor: float = WINSOR,
    min_units: int = MIN_UNITS,
) -> pl.DataFrame:
    """`estimate` per group of `by`: one row per group (in order of first appearance) with the
    columns of `by` and `units` (UInt32), `phi` and `tau2` (Float64, null where not estimable).

    Join it back on `by` and pass `tau2` to the tests (a null tau2 means: no correction).
    """
    _check(winsor, min_units)
    keys = list(by) or ["__all"]
    est, var = pl.col(d).cast(pl.Float64), pl.col(v).cast(pl.Float64)
    usable = (est.is_finite() & var.is_finite() & (var > 0)).fill_null(False)
    z = (est / var.sqrt()).filter(usable)
    weight = (1 / var).filter(usable)
    winsorised = z.clip(z.quantile(winsor, "linear"), z.quantile(1 - winsor, "linear"))
    source = frame if by else frame.with_columns(pl.lit(0).alias("__all"))
    stats = source.group_by(keys, maintain_order=True).agg(
        usable.sum().cast(pl.UInt32).alias("units"),
        winsorised.pow(2).mean().alias("phi"),
        weight.sum().alias("s1"),
        weight.pow(2).sum().alias("s2"),
    )
    units = pl.col("units").cast(pl.Float64)
    excess = units * pl.col("phi") - (units - 1)
    denominator = pl.col("s1") - pl.col("s2") / pl.col("s1")
    estimable = (pl.col("units") >= min_units) & ((excess <= 0) | (denominator > 0))
    result = stats.select(
        *keys,
        "units",
        pl.when(estimable).then(pl.col("phi")).alias("phi"),
        pl.when(estimable)
        .then(pl.when(excess > 0).then(excess / denominator).otherwise(0.0))
        .alias("tau2"),
    )
    return result if by else result.drop("__all")


def adjusted_z(d: float | None, v: float | None, tau2: float | None = None) -> float | None:
    """z = d / sqrt(v + tau²), the test widened by the between-unit variance.

    tau2 None means not estimable: the plain z = d / sqrt(v). None when d or v is missing or not
    finite, v <= 0, or tau2 is negative or not finite.
    """
    extra = 0.0 if tau2 is None else tau2
    if d is None or v is None or not all(map(math.isfinite, (d, v, extra))):
        return None
    if v <= 0 or extra < 0:
        return None
    return d / math.sqrt(v + extra)
