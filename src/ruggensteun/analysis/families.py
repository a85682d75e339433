"""Test families, Benjamini-Hochberg and verdicts of the comparison table (METHODS §3).

A family is the set of distinct tests a reader sees together and that is corrected together: an
area's own tests (against its rest, against Nederland, the difference of changes, over every
indicator and period), or a municipality's tests against Nederland (the same for all of its
areas). So adding or removing another area never changes an area's verdicts.
"""

from __future__ import annotations

import polars as pl

from . import vectorised as v

# Who a test's family is: an area's own tests belong to the area, a municipality's tests against
# Nederland to the municipality (the same for all its areas, whichever other areas exist).
FAMILY = {"rest": "area", "nl": "area", "doc": "area", "gm_nl": "municipality"}
RELEVANCE = {
    "rest": ("diff_rest", "rest_value"),
    "nl": ("diff_nl", "nl_value"),
    "gm_nl": ("diff_gm_nl", "nl_value"),
    "doc": ("diff_of_changes", "rest_base"),
}


def verdicts(frame: pl.DataFrame, alpha: float) -> pl.DataFrame:
    """Benjamini-Hochberg per family over its distinct tests (a municipality's test against
    Nederland is one test, however many of its areas show it), then a verdict by polarity that
    needs q <= alpha and a relevant difference."""
    keys = ["indicator", "period"]
    tests = []
    for name, owner in FAMILY.items():
        tests.append(
            frame.select(
                pl.col(owner).cast(pl.Utf8).alias("family"),
                pl.lit(name).alias("test"),
                pl.col("indicator").cast(pl.Utf8),
                pl.col("period").cast(pl.Utf8),
                pl.col(f"p_{name}").fill_nan(None).alias("p"),
            )
            .filter(pl.col("p").is_not_null())
            .unique(["family", "test", *keys])
        )
    distinct = pl.concat(tests, how="vertical")
    # A test family: an area's tests, or a municipality's tests against Nederland.
    distinct = distinct.with_columns(
        pl.when(pl.col("test") == "gm_nl")
        .then("gm:" + pl.col("family"))
        .otherwise("area:" + pl.col("family"))
        .alias("family_key")
    )
    distinct = distinct.with_columns(
        v.benjamini_hochberg_by(distinct, "p", ["family_key"]).alias("q"),
        pl.len().over("family_key").alias("family_tests"),
    )
    for name, owner in FAMILY.items():
        found = distinct.filter(pl.col("test") == name).select(
            pl.col("family").alias("_owner"),
            *keys,
            pl.col("q").alias(f"q_{name}"),
            pl.col("family_tests").alias(f"tests_{name}"),
        )
        frame = (
            frame.with_columns(
                pl.col(owner).cast(pl.Utf8).alias("_owner"),
                pl.col("indicator").cast(pl.Utf8).alias("_indicator"),
                pl.col("period").cast(pl.Utf8).alias("_period"),
            )
            .join(
                found.rename({"indicator": "_indicator", "period": "_period"}),
                on=["_owner", "_indicator", "_period"],
                how="left",
            )
            .drop("_owner", "_indicator", "_period")
        )
    return frame.with_columns(
        v.verdict(
            pl.col(diff),
            pl.col(f"q_{name}"),
            pl.col("higher_is_worse"),
            alpha,
            relevant=v.is_relevant(pl.col(diff), pl.col(reference), pl.col("min_relevant")),
        ).alias(f"verdict_{name}")
        for name, (diff, reference) in RELEVANCE.items()
    )
