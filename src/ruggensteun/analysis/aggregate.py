"""An area's own figure from its members (METHODS §2): counts summed, estimates weighted.

- Counts (proportions, rates): the sum of the members' numerators over the sum of their
  denominators, never a mean of rates. A member whose count the source did not publish (CBS's
  ".") but whose denominator is known may be left out when the unpublished members together hold
  at most `UNPUBLISHED_SHARE` of the area's denominator: the area is then the sum over the
  published members, numerator and denominator alike, and `area_omitted` names what was left out
  (`area_basis` = "published_members"). A larger unpublished share gives no figure
  (`not_published`), as does a member without any row.
- Estimates without counts (GGD small-area estimates): a single member passes through; several
  members give the population-weighted mean of their estimates when every member's population
  is known (`area_basis` = "population_weighted", an estimate that is never tested), else no
  figure (`not_computable`, `area_detail` = "population_unknown").
"""

from __future__ import annotations

import polars as pl

from .spec import Kind, Reason, counted, is_kind

# The largest share of an area's denominator its unpublished members may hold for the area to be
# the sum of the published ones (1 %: Heerlen Noord's De Hei holds 50 of 38,105 inhabitants).
UNPUBLISHED_SHARE = 0.01


class Basis:
    """How an area figure was made, when not the plain sum (or the single member's value)."""

    PUBLISHED_MEMBERS = "published_members"
    POPULATION_WEIGHTED = "population_weighted"


POPULATION_UNKNOWN = "population_unknown"


def _value(num: str, den: str) -> pl.Expr:
    return pl.col(num) / pl.col(den) * pl.col("multiplier")


def _with_population(areas: pl.DataFrame) -> pl.DataFrame:
    if "population" in areas.columns:
        return areas.with_columns(pl.col("population").cast(pl.Float64))
    return areas.with_columns(pl.lit(None, pl.Float64).alias("population"))


def _found(observations: pl.DataFrame, areas: pl.DataFrame) -> pl.DataFrame:
    """Per area, indicator and period: what its members have (counts, unpublished counts with a
    known denominator, estimates with a known population)."""
    joined = areas.join(observations, left_on="member", right_on="region", how="inner")
    counts = pl.col("numerator").is_not_null() & pl.col("denominator").is_not_null()
    symbol = pl.col("symbol").fill_null("") != ""
    unpublished = pl.col("numerator").is_null() & pl.col("denominator").is_not_null() & symbol
    weighed = pl.col("value").is_not_null() & (pl.col("population").fill_null(0.0) > 0)
    return joined.group_by("area", "indicator", "period").agg(
        pl.len().alias("n_found"),
        counts.sum().alias("n_counts"),
        symbol.sum().alias("n_symbols"),
        unpublished.sum().alias("n_omitted"),
        pl.col("numerator").filter(counts).sum().alias("area_num"),
        pl.col("denominator").filter(counts).sum().alias("area_den"),
        pl.col("denominator").filter(unpublished).sum().alias("omitted_den"),
        pl.col("member").filter(unpublished).sort().alias("area_omitted"),
        pl.col("value").first().alias("single_value"),
        weighed.sum().alias("n_weighed"),
        ((pl.col("value") * pl.col("population")).filter(weighed).sum())
        .truediv(pl.col("population").filter(weighed).sum())
        .alias("weighted_value"),
    )


def aggregate_areas(
    observations: pl.DataFrame, areas: pl.DataFrame, indicators: pl.DataFrame
) -> pl.DataFrame:
    """Area values from their members (module docstring): one row per area × indicator × period
    observed anywhere, with `area_value`, `area_num`, `area_den`, `area_reason`, `area_basis`,
    `area_omitted` (member codes left out), `area_omitted_den` and `area_detail`."""
    areas = _with_population(areas)
    sizes = areas.group_by("area", "municipality").agg(
        pl.col("member").n_unique().alias("n_members")
    )
    # Every area gets a row for every indicator and period observed anywhere, so that an area
    # without figures still shows its municipality, Nederland and the reason it has none.
    combinations = observations.select("indicator", "period").unique()
    frame = (
        sizes.join(combinations, how="cross")
        .join(_found(observations, areas), on=["area", "indicator", "period"], how="left")
        .with_columns(pl.col("n_found", "n_counts", "n_symbols", "n_omitted").fill_null(0))
        .join(indicators, on="indicator", how="inner")
    )
    members = pl.col("n_members")
    complete = pl.col("n_found") == members
    all_counts = counted() & complete & (pl.col("n_counts") == members)
    small_share = pl.col("omitted_den") <= UNPUBLISHED_SHARE * (
        pl.col("area_den") + pl.col("omitted_den")
    )
    partial = (
        counted()
        & complete
        & (pl.col("n_counts") > 0)
        & (pl.col("n_omitted") > 0)
        & (pl.col("n_counts") + pl.col("n_omitted") == members)
        & small_share.fill_null(False)
    )
    sums = all_counts | partial
    single = (members == 1) & complete & (pl.col("n_symbols") == 0)
    several = is_kind(Kind.ESTIMATE) & (members > 1) & complete & (pl.col("n_symbols") == 0)
    weighted = several & (pl.col("n_weighed") == members)
    return frame.with_columns(
        area_value=pl.when(sums)
        .then(_value("area_num", "area_den"))
        .when(single)
        .then(pl.col("single_value"))
        .when(weighted)
        .then(pl.col("weighted_value")),
        area_num=pl.when(sums).then(pl.col("area_num")),
        area_den=pl.when(sums).then(pl.col("area_den")),
        area_reason=pl.when(sums | weighted)
        .then(pl.lit(None, pl.Utf8))
        .when(single & pl.col("single_value").is_not_null())
        .then(pl.lit(None, pl.Utf8))
        .when(pl.col("n_found") == 0)
        .then(pl.lit(Reason.SOURCE_MISSING.value))
        .when(~complete | (pl.col("n_symbols") > 0))
        .then(pl.lit(Reason.NOT_PUBLISHED.value))
        .otherwise(pl.lit(Reason.NOT_COMPUTABLE.value)),
        area_basis=pl.when(partial)
        .then(pl.lit(Basis.PUBLISHED_MEMBERS))
        .when(weighted)
        .then(pl.lit(Basis.POPULATION_WEIGHTED)),
        area_omitted=pl.when(partial).then(pl.col("area_omitted")),
        area_omitted_den=pl.when(partial).then(pl.col("omitted_den")),
        area_detail=pl.when(several & ~weighted).then(pl.lit(POPULATION_UNKNOWN)),
        # How many rounded counts the area's numerator adds up (CBS rounds each member's).
        area_counts=pl.when(sums).then(pl.col("n_counts")),
    ).drop(
        "n_found",
        "n_counts",
        "n_symbols",
        "n_omitted",
        "omitted_den",
        "single_value",
        "n_weighed",
        "weighted_value",
    )
