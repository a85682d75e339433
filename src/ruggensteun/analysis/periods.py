"""Aggregating daily series into configurable periods (waves, years, the memo's 23 December)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl


@dataclass(frozen=True)
class Period:
    id: str
    label: str
    start: date
    end: date  # inclusive
    label_en: str = ""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def aggregate(daily: pl.DataFrame, periods: list[Period], value_columns: list[str]) -> pl.DataFrame:
    """Sum `value_columns` of a (region, date, ...) frame per region and period, with `days`
    (the period's days in the series), `period_days` and `complete` (days = period_days). A sum
    over part of a period is no figure for the period: callers drop or flag incomplete rows."""
    frames = []
    for period in periods:
        window = daily.filter(pl.col("date").is_between(period.start, period.end))
        frames.append(
            window.group_by("region")
            .agg(
                *(pl.col(c).sum() for c in value_columns),
                pl.col("date").n_unique().cast(pl.Int64).alias("days"),
            )
            .with_columns(
                pl.lit(period.id).alias("period"),
                pl.lit(period.days, dtype=pl.Int64).alias("period_days"),
            )
            .with_columns((pl.col("days") >= pl.col("period_days")).alias("complete"))
        )
    if not frames:
        return pl.DataFrame()
    return pl.concat(frames, how="vertical")


def incomplete(sums: pl.DataFrame) -> pl.DataFrame:
    """From `aggregate`'s sums: per period and number of days covered, how many regions' sums
    cover only part of the period (what an import reports when it leaves them out)."""
    return (
        sums.filter(~pl.col("complete"))
        .group_by("period", "days", "period_days")
        .agg(pl.len().alias("regions"))
        .sort("period", "days")
    )


def zeros_before(daily: pl.DataFrame, first_day: date, periods: list[Period]) -> pl.DataFrame:
    """`daily` with a row for each day of `periods` before `first_day` (the day the counted
    phenomenon began) that a region's series lacks, its value columns null for the caller to fill
    with 0: the counts were zero then. Only series that start by `first_day` get them; a series
    that starts later does not cover the days before its start, so those periods stay incomplete."""
    start = min((period.start for period in periods), default=first_day)
    days = pl.DataFrame(
        {"date": [start + timedelta(days=n) for n in range((first_day - start).days)]},
        schema={"date": pl.Date},
    )
    starters = (
        daily.group_by("region")
        .agg(pl.col("date").min().alias("first"))
        .filter(pl.col("first") <= first_day)
        .select("region")
    )
    before = starters.join(days, how="cross").join(
        daily.select("region", "date"), on=["region", "date"], how="anti"
    )
    return pl.concat([daily, before], how="diagonal") if before.height else daily
