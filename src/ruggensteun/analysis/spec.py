"""Shared vocabulary of the analysis core: indicator kinds, reason codes, frame schemas."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import polars as pl


class Kind(StrEnum):
    PROPORTION = "proportion"  # numerator ⊂ denominator (share of tests positive)
    RATE = "rate"  # events per population (positive tests per 100,000)
    ESTIMATE = "estimate"  # a published figure without counts (GGD small-area estimates)
    MEAN = "mean"  # an average (income per inhabitant); no counts


class Reason(StrEnum):
    """Why a cell is empty (METHODS.md §4); `not_computable` adds the aggregation case."""

    NOT_PUBLISHED = "not_published"
    SUPPRESSED_SMALL = "suppressed_small"
    SUPPRESSED_COMPLEMENT = "suppressed_complement"
    NOT_AVAILABLE_FOR_VINTAGE = "not_available_for_vintage"
    SOURCE_MISSING = "source_missing"
    NOT_COMPUTABLE = "not_computable"


# The reasons of disclosure control: a cell hidden for its own small count or because it would
# reveal one (issue 14). Everything that publishes a figure checks against these.
SUPPRESSED = (Reason.SUPPRESSED_SMALL.value, Reason.SUPPRESSED_COMPLEMENT.value)


OBSERVATIONS = {
    "region": pl.Utf8,
    "indicator": pl.Utf8,
    "period": pl.Utf8,
    "numerator": pl.Float64,
    "denominator": pl.Float64,
    "value": pl.Float64,
    "symbol": pl.Utf8,
}
# `population`: the member's inhabitants where known (weights for estimates; optional column).
AREAS = {"area": pl.Utf8, "municipality": pl.Utf8, "member": pl.Utf8, "population": pl.Float64}
INDICATORS = {
    "indicator": pl.Utf8,
    "domain": pl.Utf8,
    "kind": pl.Utf8,
    "multiplier": pl.Float64,
    "higher_is_worse": pl.Boolean,
    "min_count": pl.Float64,
    "min_denominator": pl.Float64,
    "testable": pl.Boolean,
    "baseline": pl.Utf8,
    "min_relevant": pl.Float64,  # smallest relative difference a verdict reports (issue 14)
    "unit_level": pl.Utf8,  # "GM" or "VR": the units compared with Nederland (overdispersion)
    "rounding": pl.Float64,  # the source rounds counts to multiples of this (issue 15); 0: exact
}


def frame(rows: list[dict[str, object]], schema: dict[str, Any]) -> pl.DataFrame:
    """A frame with exactly the columns and types of `schema`, also when `rows` is empty."""
    return pl.DataFrame(rows, schema=schema)


COUNTED = (Kind.PROPORTION.value, Kind.RATE.value)


def is_kind(kind: Kind) -> pl.Expr:
    """Rows of an indicator of this kind (a column expression over the `kind` column)."""
    return pl.col("kind") == kind.value


def counted() -> pl.Expr:
    """Rows of an indicator with counts behind it: proportions and rates."""
    return pl.col("kind").is_in(COUNTED)
