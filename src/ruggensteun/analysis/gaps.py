"""The data-gap matrix (area × indicator): where figures exist, where they are withheld, and
where none exist yet — the memo insists on saying so."""

from __future__ import annotations

from enum import StrEnum

import polars as pl

from .spec import Reason


class Availability(StrEnum):
    AVAILABLE = "available"  # a figure for the area itself
    SUPPRESSED = "suppressed"  # exists, withheld for disclosure control
    NOT_COMPUTABLE = "not_computable"  # members have figures, the area total cannot be formed
    MUNICIPALITY_ONLY = "municipality_only"  # only for the municipality (or safety region)
    NOT_YET = "not_yet_available"  # no figures at all yet: a gap to fill


def gap_matrix(comparisons: pl.DataFrame, areas: list[str], indicators: list[str]) -> pl.DataFrame:
    """One row per area and indicator with its best availability over all periods."""
    rank = {status: position for position, status in enumerate(Availability)}
    per_row = comparisons.select(
        pl.col("area").cast(pl.Utf8),
        pl.col("indicator").cast(pl.Utf8),
        pl.when(pl.col("area_value").is_not_null())
        .then(pl.lit(Availability.AVAILABLE.value))
        .when(
            pl.col("area_reason")
            .cast(pl.Utf8)
            .is_in([Reason.SUPPRESSED_SMALL.value, Reason.SUPPRESSED_COMPLEMENT.value])
        )
        .then(pl.lit(Availability.SUPPRESSED.value))
        .when(pl.col("area_reason").cast(pl.Utf8) == Reason.NOT_COMPUTABLE.value)
        .then(pl.lit(Availability.NOT_COMPUTABLE.value))
        .when(pl.col("gm_value").is_not_null())
        .then(pl.lit(Availability.MUNICIPALITY_ONLY.value))
        .otherwise(pl.lit(Availability.NOT_YET.value))
        .alias("status"),
    ).with_columns(pl.col("status").replace_strict(rank, return_dtype=pl.Int32).alias("rank"))
    best = per_row.group_by("area", "indicator").agg(pl.col("rank").min())
    grid = pl.DataFrame({"area": areas}).join(pl.DataFrame({"indicator": indicators}), how="cross")
    names = {position: status.value for status, position in rank.items()}
    return (
        grid.join(best, on=["area", "indicator"], how="left")
        .with_columns(
            pl.col("rank")
            .fill_null(rank[Availability.NOT_YET])
            .replace_strict(names, return_dtype=pl.Utf8)
            .alias("status")
        )
        .drop("rank")
        .sort("area", "indicator")
    )
