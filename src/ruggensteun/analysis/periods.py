"""Aggregating daily series into configurable periods (waves, years, the memo's 23 December)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl


@dataclass(frozen=True)
class Period:
    id: str
    label: str
    start: date
    end: date  # inclusive
    label_en: str = ""


def aggregate(daily: pl.DataFrame, periods: list[Period], value_columns: list[str]) -> pl.DataFrame:
    """Sum `value_columns` of a (region, date, ...) frame per region and period. A period counts
    only where the series covers all of it: `days` says how many days had data."""
    frames = []
    for period in periods:
        window = daily.filter(pl.col("date").is_between(period.start, period.end))
        frames.append(
            window.group_by("region")
            .agg(*(pl.col(c).sum() for c in value_columns), pl.col("date").n_unique().alias("days"))
            .with_columns(
                pl.lit(period.id).alias("period"),
                pl.lit((period.end - period.start).days + 1).alias("period_days"),
            )
        )
    if not frames:
        return pl.DataFrame()
    return pl.concat(frames, how="vertical")
