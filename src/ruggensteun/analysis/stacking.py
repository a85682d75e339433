"""Stacking of problems (stapeling), METHODS.md §5: percentiles, flags, domains, count.

A domain is flagged on its score, not on any one indicator: the score is the mean of the domain's
indicator percentiles, and a wijk's domain is flagged when its score is in the worst 10% of all
Dutch wijken' scores for that domain and period. So each domain flags about the same share of
wijken whatever its number of indicators (with "any indicator in the worst 10%" a domain of 14
indicators flagged far more wijken than one of 2). Ranks of ties are averaged. A focus area gets
the population-weighted mean of its member wijken's scores and is flagged against the same wijk
threshold, so one bad wijk among good ones does not flag the whole area.
"""

from __future__ import annotations

import polars as pl

WORST_SHARE = 0.10  # flag the worst 10% of wijken (configurable per call)
KEY = ("domain", "period")


def _percentile(column: str, over: tuple[str, ...]) -> pl.Expr:
    """Percentile rank within `over`, 100 = highest; ties get the average of their ranks."""
    return pl.col(column).rank("average").over(*over) / pl.col(column).count().over(*over) * 100


def _worst(percentile: pl.Expr, worst_share: float) -> pl.Expr:
    return percentile > 100 * (1 - worst_share)


MIN_NATIONAL = 1000  # wijken with a figure before a rank "among the wijken of Nederland" means it


def percentiles(
    observations: pl.DataFrame,
    indicators: pl.DataFrame,
    level_prefix: str = "WK",
    min_regions: int = 1,
) -> pl.DataFrame:
    """Percentile rank of each region among all regions of the level with data, per indicator
    and period, oriented by polarity: 100 = worst, ties averaged. Indicators without polarity
    are left out, and so are indicator-periods with fewer than `min_regions` regions (the
    monitor passes MIN_NATIONAL: one municipality's own wijk figures, from an upload or a
    StatLine table, are no national ranking)."""
    values = (
        observations.filter(
            pl.col("region").str.starts_with(level_prefix) & pl.col("value").is_not_null()
        )
        .join(indicators.select("indicator", "domain", "higher_is_worse"), on="indicator")
        .filter(pl.col("higher_is_worse").is_not_null())
        .filter(pl.len().over("indicator", "period") >= min_regions)
    )
    oriented = pl.when(pl.col("higher_is_worse")).then(pl.col("value")).otherwise(-pl.col("value"))
    return (
        values.with_columns(oriented.alias("oriented"))
        .with_columns(_percentile("oriented", ("indicator", "period")).alias("percentile"))
        .select("region", "indicator", "domain", "period", "value", "percentile")
    )


def flags(ranked: pl.DataFrame, worst_share: float = WORST_SHARE) -> pl.DataFrame:
    """Each indicator percentile flagged when it is in the worst `worst_share` of wijken: the
    reasons listed with a domain, not the domain flag itself."""
    return ranked.with_columns(_worst(pl.col("percentile"), worst_share).alias("flagged"))


def domain_profile(flagged: pl.DataFrame, worst_share: float = WORST_SHARE) -> pl.DataFrame:
    """Per region, domain and period: score = mean percentile of the domain's indicators, its
    percentile among all regions' scores for that domain and period (ties averaged), flagged
    when that is in the worst `worst_share`, and which indicators are themselves flagged (so a
    flag is never shown without its reasons)."""
    return (
        flagged.group_by("region", *KEY)
        .agg(
            pl.col("percentile").mean().alias("domain_score"),
            pl.col("indicator").filter(pl.col("flagged")).sort().alias("flagged_indicators"),
            pl.len().alias("n_indicators"),
        )
        .with_columns(_percentile("domain_score", KEY).alias("score_percentile"))
        .with_columns(_worst(pl.col("score_percentile"), worst_share).alias("domain_flagged"))
        .sort("region", *KEY)
    )


def domain_thresholds(profile: pl.DataFrame) -> pl.DataFrame:
    """Per domain and period: the wijken with a score, how many are flagged and what share of
    them that is (`flagged_percent`, for "x % van de Nederlandse wijken"), and the threshold:
    the lowest score of a flagged wijk (null when none is flagged)."""
    return (
        profile.group_by(*KEY)
        .agg(
            pl.len().alias("wijken"),
            pl.col("domain_flagged").sum().alias("flagged_wijken"),
            pl.col("domain_score").filter(pl.col("domain_flagged")).min().alias("threshold"),
        )
        .with_columns((pl.col("flagged_wijken") / pl.col("wijken") * 100).alias("flagged_percent"))
        .sort(*KEY)
    )


def area_profile(
    profile: pl.DataFrame, areas: pl.DataFrame, population: pl.DataFrame | None = None
) -> pl.DataFrame:
    """A focus area's domains: score = the population-weighted mean of its member wijken's
    domain scores, flagged when it reaches the wijk threshold of `domain_thresholds` for that
    domain and period. `population` has columns region and population; when a member's
    population is unknown (or zero) the area's members weigh equally for that domain and period,
    and `population_weighted` is false. `flagged_members` names the members flagged themselves."""
    weights = (
        population.select("region", pl.col("population").cast(pl.Float64))
        if population is not None
        else pl.DataFrame(schema={"region": pl.Utf8, "population": pl.Float64})
    )
    members = (
        areas.select("area", "member")
        .unique()
        .join(profile, left_on="member", right_on="region")
        .join(weights, left_on="member", right_on="region", how="left")
    )
    known = (pl.col("population").is_not_null() & (pl.col("population") > 0)).all()
    weight = pl.when(known.over("area", *KEY)).then(pl.col("population")).otherwise(1.0)
    return (
        members.with_columns(weight.alias("weight"), known.over("area", *KEY).alias("weighted"))
        .group_by("area", *KEY)
        .agg(
            # Weights normalised first, so a single member's score is its own score exactly.
            (pl.col("domain_score") * (pl.col("weight") / pl.col("weight").sum()))
            .sum()
            .alias("domain_score"),
            pl.col("weighted").first().alias("population_weighted"),
            pl.len().alias("members"),
            pl.col("member").filter(pl.col("domain_flagged")).sort().alias("flagged_members"),
        )
        .join(domain_thresholds(profile).select(*KEY, "threshold"), on=list(KEY), how="left")
        .with_columns(
            (
                pl.col("threshold").is_not_null() & (pl.col("domain_score") >= pl.col("threshold"))
            ).alias("domain_flagged")
        )
        .sort("area", *KEY)
    )


def stacking(profile: pl.DataFrame) -> pl.DataFrame:
    """Stacking count per region and period, with the list of flagged domains."""
    return profile.group_by("region", "period").agg(
        pl.col("domain_flagged").sum().alias("stacking_count"),
        pl.col("domain").filter(pl.col("domain_flagged")).sort().alias("flagged_domains"),
    )
