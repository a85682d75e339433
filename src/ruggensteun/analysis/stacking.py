"""Stacking of problems (stapeling), METHODS.md §5: percentiles, flags, domains, count."""

from __future__ import annotations

import polars as pl

WORST_SHARE = 0.10  # flag the worst 10% of wijken (configurable per call)


def percentiles(
    observations: pl.DataFrame, indicators: pl.DataFrame, level_prefix: str = "WK"
) -> pl.DataFrame:
    """Percentile rank of each region among all regions of the level with data, per indicator
    and period, oriented by polarity: 100 = worst. Indicators without polarity are left out."""
    values = (
        observations.filter(
            pl.col("region").str.starts_with(level_prefix) & pl.col("value").is_not_null()
        )
        .join(indicators.select("indicator", "domain", "higher_is_worse"), on="indicator")
        .filter(pl.col("higher_is_worse").is_not_null())
    )
    oriented = pl.when(pl.col("higher_is_worse")).then(pl.col("value")).otherwise(-pl.col("value"))
    return (
        values.with_columns(oriented.alias("oriented"))
        .with_columns(
            (
                pl.col("oriented").rank("max").over("indicator", "period")
                / pl.len().over("indicator", "period")
                * 100
            ).alias("percentile")
        )
        .select("region", "indicator", "domain", "period", "value", "percentile")
    )


def flags(ranked: pl.DataFrame, worst_share: float = WORST_SHARE) -> pl.DataFrame:
    return ranked.with_columns((pl.col("percentile") > 100 * (1 - worst_share)).alias("flagged"))


def domain_profile(flagged: pl.DataFrame) -> pl.DataFrame:
    """Per region, domain and period: flagged when any indicator is, score = mean percentile,
    and which indicators are flagged (so the count is never shown without its reasons)."""
    return flagged.group_by("region", "domain", "period").agg(
        pl.col("flagged").any().alias("domain_flagged"),
        pl.col("percentile").mean().alias("domain_score"),
        pl.col("indicator").filter(pl.col("flagged")).sort().alias("flagged_indicators"),
        pl.len().alias("n_indicators"),
    )


def stacking(profile: pl.DataFrame) -> pl.DataFrame:
    """Stacking count per region and period, with the list of flagged domains."""
    return profile.group_by("region", "period").agg(
        pl.col("domain_flagged").sum().alias("stacking_count"),
        pl.col("domain").filter(pl.col("domain_flagged")).sort().alias("flagged_domains"),
    )


def area_profile(profile: pl.DataFrame, areas: pl.DataFrame) -> pl.DataFrame:
    """A focus area's domains: flagged when any member wijk is (members named), score = the
    unweighted mean of the members' domain scores."""
    return (
        areas.join(profile, left_on="member", right_on="region")
        .group_by("area", "domain", "period")
        .agg(
            pl.col("domain_flagged").any().alias("domain_flagged"),
            pl.col("domain_score").mean().alias("domain_score"),
            pl.col("member").filter(pl.col("domain_flagged")).sort().alias("flagged_members"),
        )
    )
