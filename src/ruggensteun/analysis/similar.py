"""Similar areas: nearest neighbours on standardised indicators (METHODS.md §5)."""

from __future__ import annotations

import polars as pl


def neighbours(
    features: pl.DataFrame, targets: list[str] | None = None, k: int = 5, min_shared: int = 3
) -> pl.DataFrame:
    """For tidy `features` (region, feature, value): the k nearest regions of each target (all
    regions when None) by Euclidean distance over the z-scored features both have, divided by
    the number shared so regions with gaps are not favoured."""
    z = (
        features.filter(pl.col("value").is_not_null())
        .with_columns(
            (
                (pl.col("value") - pl.col("value").mean().over("feature"))
                / pl.col("value").std().over("feature")
            ).alias("z")
        )
        .filter(pl.col("z").is_not_null() & pl.col("z").is_finite())
    )
    left = z if targets is None else z.filter(pl.col("region").is_in(targets))
    pairs = (
        left.join(z, on="feature", suffix="_other")
        .filter(pl.col("region") != pl.col("region_other"))
        .group_by("region", "region_other")
        .agg(((pl.col("z") - pl.col("z_other")) ** 2).sum().alias("sq"), pl.len().alias("shared"))
        .filter(pl.col("shared") >= min_shared)
        .with_columns((pl.col("sq") / pl.col("shared")).sqrt().alias("distance"))
    )
    return (
        pairs.sort("region", "distance", "region_other")
        .group_by("region", maintain_order=True)
        .head(k)
        .select("region", pl.col("region_other").alias("neighbour"), "distance", "shared")
    )
