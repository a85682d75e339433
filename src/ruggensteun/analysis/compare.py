"""Area against rest of municipality, municipality and Nederland, with change and significance.

METHODS.md §1-4 in column form. Input: tidy observations, area membership and the indicator
table (see `spec`). Output: one row per area × indicator × period, every empty cell with a reason.
"""

from __future__ import annotations

import polars as pl

from . import vectorised as v
from .spec import Kind, Reason

COUNTED = [Kind.PROPORTION, Kind.RATE]


def _value(num: str, den: str) -> pl.Expr:
    return pl.col(num) / pl.col(den) * pl.col("multiplier")


def aggregate_areas(
    observations: pl.DataFrame, areas: pl.DataFrame, indicators: pl.DataFrame
) -> pl.DataFrame:
    """Area values from their members: sum of numerators over sum of denominators, never a mean
    of rates. Estimates without counts only pass through for single-member areas."""
    sizes = areas.group_by("area", "municipality").agg(
        pl.col("member").n_unique().alias("n_members")
    )
    joined = areas.join(observations, left_on="member", right_on="region", how="inner")
    found = joined.group_by("area", "indicator", "period").agg(
        pl.len().alias("n_found"),
        (pl.col("numerator").is_not_null() & pl.col("denominator").is_not_null())
        .sum()
        .alias("n_counts"),
        (pl.col("symbol").fill_null("") != "").sum().alias("n_symbols"),
        pl.col("numerator").sum().alias("area_num"),
        pl.col("denominator").sum().alias("area_den"),
        pl.col("value").first().alias("single_value"),
    )
    # Every area gets a row for every indicator and period observed anywhere, so that an area
    # without figures still shows its municipality, Nederland and the reason it has none.
    combinations = observations.select("indicator", "period").unique()
    grouped = (
        sizes.join(combinations, how="cross")
        .join(found, on=["area", "indicator", "period"], how="left")
        .with_columns(pl.col("n_found", "n_counts", "n_symbols").fill_null(0))
    )
    frame = grouped.join(indicators, on="indicator", how="inner")
    counted = pl.col("kind").is_in(COUNTED)
    complete = pl.col("n_found") == pl.col("n_members")
    all_counts = complete & (pl.col("n_counts") == pl.col("n_members"))
    single = pl.col("n_members") == 1
    return frame.with_columns(
        area_value=pl.when(counted & all_counts)
        .then(_value("area_num", "area_den"))
        .when(single & complete & (pl.col("n_symbols") == 0))
        .then(pl.col("single_value")),
        area_num=pl.when(counted & all_counts).then(pl.col("area_num")),
        area_den=pl.when(counted & all_counts).then(pl.col("area_den")),
        area_reason=pl.when(counted & all_counts)
        .then(pl.lit(None, pl.Utf8))
        .when(single & complete & (pl.col("n_symbols") == 0) & pl.col("single_value").is_not_null())
        .then(pl.lit(None, pl.Utf8))
        .when(pl.col("n_found") == 0)
        .then(pl.lit(Reason.SOURCE_MISSING.value))
        .when(~complete | (pl.col("n_symbols") > 0))
        .then(pl.lit(Reason.NOT_PUBLISHED.value))
        .otherwise(pl.lit(Reason.NOT_COMPUTABLE.value)),
    ).drop("n_found", "n_counts", "n_symbols", "single_value")


def _reference(observations: pl.DataFrame, prefix: str, key: str) -> pl.DataFrame:
    return observations.select(
        pl.col("region").alias(key),
        "indicator",
        "period",
        pl.col("numerator").alias(f"{prefix}_num"),
        pl.col("denominator").alias(f"{prefix}_den"),
        pl.col("value").alias(f"{prefix}_value"),
        pl.col("symbol").alias(f"{prefix}_symbol"),
    )


def compare(
    observations: pl.DataFrame,
    areas: pl.DataFrame,
    indicators: pl.DataFrame,
    *,
    nl_code: str = "NL01",
    alpha: float = 0.05,
) -> pl.DataFrame:
    """The comparison table (one row per area × indicator × period), see module docstring.

    Computed one indicator at a time (smaller intermediate frames), with Benjamini-Hochberg
    applied once over every test of the whole run."""
    parts = [
        _compute(observations.filter(pl.col("indicator") == indicator), areas, indicators, nl_code)
        for indicator in observations.get_column("indicator").unique().sort().to_list()
    ]
    if not parts:
        return _compute(observations, areas, indicators, nl_code)
    return _verdicts(pl.concat(parts, how="vertical", rechunk=False), alpha)


INTERMEDIATE = ["min_count", "min_denominator", "gm_symbol", "nl_symbol"]


def _compute(
    observations: pl.DataFrame, areas: pl.DataFrame, indicators: pl.DataFrame, nl_code: str
) -> pl.DataFrame:
    frame = aggregate_areas(observations, areas, indicators)
    municipal = _reference(observations, "gm", "municipality")
    national = _reference(observations.filter(pl.col("region") == nl_code), "nl", "nl_region").drop(
        "nl_region"
    )
    frame = frame.join(municipal, on=["municipality", "indicator", "period"], how="left")
    frame = frame.join(national, on=["indicator", "period"], how="left")
    frame = _changes(_tests(_intervals(_suppress(_rest(frame)))))
    # Codes, reasons and labels repeat a great deal: categorical columns keep the table small.
    return frame.drop(INTERMEDIATE).with_columns(pl.col(pl.Utf8).cast(pl.Categorical))


def _rest(frame: pl.DataFrame) -> pl.DataFrame:
    """Rest of municipality = municipality totals minus the area's, numerator and denominator
    apart."""
    counts = (
        pl.col("area_num").is_not_null()
        & pl.col("gm_num").is_not_null()
        & pl.col("gm_den").is_not_null()
    )
    rest_den = pl.col("gm_den") - pl.col("area_den")
    return frame.with_columns(
        rest_num=pl.when(counts & (rest_den > 0)).then(pl.col("gm_num") - pl.col("area_num")),
        rest_den=pl.when(counts & (rest_den > 0)).then(rest_den),
        rest_reason=pl.when(counts & (rest_den > 0))
        .then(pl.lit(None, pl.Utf8))
        .when(pl.col("gm_symbol").fill_null("") != "")
        .then(pl.lit(Reason.NOT_PUBLISHED.value))
        .when(counts)
        .then(pl.lit(Reason.NOT_COMPUTABLE.value))  # the area is the whole municipality
        .otherwise(pl.lit(Reason.NOT_COMPUTABLE.value)),
        gm_reason=pl.when(pl.col("gm_value").is_not_null() | pl.col("gm_num").is_not_null())
        .then(pl.lit(None, pl.Utf8))
        .when(pl.col("gm_symbol").fill_null("") != "")
        .then(pl.lit(Reason.NOT_PUBLISHED.value))
        .otherwise(pl.lit(Reason.SOURCE_MISSING.value)),
        nl_reason=pl.when(pl.col("nl_value").is_not_null() | pl.col("nl_num").is_not_null())
        .then(pl.lit(None, pl.Utf8))
        .otherwise(pl.lit(Reason.SOURCE_MISSING.value)),
    ).with_columns(
        rest_value=_value("rest_num", "rest_den"),
        gm_value=pl.when(
            pl.col("gm_num").is_not_null()
            & pl.col("gm_den").is_not_null()
            & pl.col("kind").is_in(COUNTED)
        )
        .then(_value("gm_num", "gm_den"))
        .otherwise(pl.col("gm_value")),
        nl_value=pl.when(
            pl.col("nl_num").is_not_null()
            & pl.col("nl_den").is_not_null()
            & pl.col("kind").is_in(COUNTED)
        )
        .then(_value("nl_num", "nl_den"))
        .otherwise(pl.col("nl_value")),
    )


def _small(prefix: str) -> pl.Expr:
    num, den = pl.col(f"{prefix}_num"), pl.col(f"{prefix}_den")
    return num.is_not_null() & ((num < pl.col("min_count")) | (den < pl.col("min_denominator")))


def _suppress(frame: pl.DataFrame) -> pl.DataFrame:
    """Small counts, and the complementary cell that would reveal them (area vs rest)."""
    area_small, rest_small = _small("area"), _small("rest")
    frame = frame.with_columns(
        area_reason=pl.when(area_small)
        .then(pl.lit(Reason.SUPPRESSED_SMALL.value))
        .when(rest_small & pl.col("area_reason").is_null())
        .then(pl.lit(Reason.SUPPRESSED_COMPLEMENT.value))
        .otherwise(pl.col("area_reason")),
        rest_reason=pl.when(rest_small)
        .then(pl.lit(Reason.SUPPRESSED_SMALL.value))
        .when(area_small & pl.col("rest_reason").is_null())
        .then(pl.lit(Reason.SUPPRESSED_COMPLEMENT.value))
        .otherwise(pl.col("rest_reason")),
    )
    hidden = {
        "area": pl.col("area_reason").is_not_null(),
        "rest": pl.col("rest_reason").is_not_null(),
    }
    return frame.with_columns(
        *(
            pl.when(condition)
            .then(None)
            .otherwise(pl.col(f"{prefix}_{part}"))
            .alias(f"{prefix}_{part}")
            for prefix, condition in hidden.items()
            for part in ("value", "num", "den")
        )
    )


def _intervals(frame: pl.DataFrame) -> pl.DataFrame:
    columns = []
    for prefix in ("area", "rest", "gm", "nl"):
        num, den, mult = pl.col(f"{prefix}_num"), pl.col(f"{prefix}_den"), pl.col("multiplier")
        w_lo, w_hi = v.wilson_bounds(num, den)
        b_lo, b_hi = v.byars_bounds(num)
        is_prop = pl.col("kind") == Kind.PROPORTION.value
        is_rate = pl.col("kind") == Kind.RATE.value
        columns += [
            pl.when(is_prop)
            .then(w_lo * mult)
            .when(is_rate)
            .then(b_lo * mult / den)
            .alias(f"{prefix}_lower"),
            pl.when(is_prop)
            .then(w_hi * mult)
            .when(is_rate)
            .then(b_hi * mult / den)
            .alias(f"{prefix}_upper"),
        ]
    return frame.with_columns(columns)


def _z(k1: str, n1: str, k2: pl.Expr, n2: pl.Expr) -> pl.Expr:
    a, b = pl.col(k1), pl.col(n1)
    return (
        pl.when(pl.col("kind") == Kind.PROPORTION.value)
        .then(v.two_proportion_z(a, b, k2, n2))
        .when(pl.col("kind") == Kind.RATE.value)
        .then(v.log_rate_ratio_z(a, b, k2, n2))
    )


def nl_minus(prefix: str, part: str) -> pl.Expr:
    """Nederland without the area (or municipality): the independent comparison group."""
    return pl.col(f"nl_{part}") - pl.col(f"{prefix}_{part}")


def _tests(frame: pl.DataFrame) -> pl.DataFrame:
    """Area vs rest of municipality; area and municipality vs the rest of Nederland."""
    testable = pl.col("testable")
    return frame.with_columns(
        z_rest=pl.when(testable).then(
            _z("area_num", "area_den", pl.col("rest_num"), pl.col("rest_den"))
        ),
        z_nl=pl.when(testable).then(
            _z("area_num", "area_den", nl_minus("area", "num"), nl_minus("area", "den"))
        ),
        z_gm_nl=pl.when(testable).then(
            _z("gm_num", "gm_den", nl_minus("gm", "num"), nl_minus("gm", "den"))
        ),
    ).with_columns(
        p_rest=v.two_sided_p(pl.col("z_rest")),
        p_nl=v.two_sided_p(pl.col("z_nl")),
        p_gm_nl=v.two_sided_p(pl.col("z_gm_nl")),
        diff_rest=pl.col("area_value") - pl.col("rest_value"),
        ratio_rest=pl.col("area_value") / pl.col("rest_value"),
        diff_nl=pl.col("area_value") - pl.col("nl_value"),
        ratio_nl=pl.col("area_value") / pl.col("nl_value"),
        diff_gm_nl=pl.col("gm_value") - pl.col("nl_value"),
    )


def _changes(frame: pl.DataFrame) -> pl.DataFrame:
    """Change from the indicator's baseline period, for area and rest, and their difference."""
    base = frame.select(
        "area",
        "indicator",
        pl.col("period").alias("baseline"),
        pl.col("area_value").alias("area_base"),
        pl.col("rest_value").alias("rest_base"),
        pl.col("gm_value").alias("gm_base"),
        pl.col("area_num").alias("area_num_base"),
        pl.col("area_den").alias("area_den_base"),
        pl.col("rest_num").alias("rest_num_base"),
        pl.col("rest_den").alias("rest_den_base"),
    )
    frame = frame.join(base, on=["area", "indicator", "baseline"], how="left")
    is_later = pl.col("baseline").is_not_null() & (pl.col("period") != pl.col("baseline"))
    p1, p2 = (
        pl.col("area_num_base") / pl.col("area_den_base"),
        pl.col("area_num") / pl.col("area_den"),
    )
    q1, q2 = (
        pl.col("rest_num_base") / pl.col("rest_den_base"),
        pl.col("rest_num") / pl.col("rest_den"),
    )
    variance = (
        p1 * (1 - p1) / pl.col("area_den_base")
        + p2 * (1 - p2) / pl.col("area_den")
        + q1 * (1 - q1) / pl.col("rest_den_base")
        + q2 * (1 - q2) / pl.col("rest_den")
    )
    z = ((p2 - p1) - (q2 - q1)) / variance.sqrt()
    proportion = pl.col("kind") == Kind.PROPORTION.value
    return (
        frame.with_columns(
            area_change=pl.when(is_later).then(pl.col("area_value") - pl.col("area_base")),
            rest_change=pl.when(is_later).then(pl.col("rest_value") - pl.col("rest_base")),
            gm_change=pl.when(is_later).then(pl.col("gm_value") - pl.col("gm_base")),
        )
        .with_columns(
            diff_of_changes=pl.col("area_change") - pl.col("rest_change"),
            p_doc=pl.when(is_later & proportion & pl.col("testable") & (variance > 0)).then(
                v.two_sided_p(z)
            ),
        )
        .drop("area_num_base", "area_den_base", "rest_num_base", "rest_den_base")
    )


def _verdicts(frame: pl.DataFrame, alpha: float) -> pl.DataFrame:
    """Benjamini-Hochberg over every test of this run, then a verdict by polarity."""
    tests = ["p_rest", "p_nl", "p_gm_nl", "p_doc"]
    adjusted = v.benjamini_hochberg(pl.concat([frame.get_column(c) for c in tests]))
    height = frame.height
    frame = frame.with_columns(
        adjusted.slice(i * height, height).alias(f"q_{column[2:]}")
        for i, column in enumerate(tests)
    )
    pairs = {"rest": "diff_rest", "nl": "diff_nl", "gm_nl": "diff_gm_nl", "doc": "diff_of_changes"}
    return frame.with_columns(
        _verdict(pl.col(diff), pl.col(f"q_{name}"), alpha).alias(f"verdict_{name}")
        for name, diff in pairs.items()
    )


def _verdict(difference: pl.Expr, q: pl.Expr, alpha: float) -> pl.Expr:
    worse = pl.when(pl.col("higher_is_worse")).then(difference > 0).otherwise(difference < 0)
    return (
        pl.when(q.is_null() | difference.is_null())
        .then(pl.lit("not_testable"))
        .when((q >= alpha) | (difference == 0))
        .then(pl.lit("not_different"))
        .when(pl.col("higher_is_worse").is_null())
        .then(pl.lit("sign_different"))
        .when(worse)
        .then(pl.lit("sign_worse"))
        .otherwise(pl.lit("sign_better"))
    )
