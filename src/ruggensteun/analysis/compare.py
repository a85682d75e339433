"""Area against rest of municipality, municipality and Nederland, with change and significance.

METHODS (docs/methods.md) §1-5 in column form. Input: tidy observations, area membership and the
indicator table (see `spec`). Output: one row per area × indicator × period, every empty cell with
a reason.

Tests compare a unit with a reference on a fixed scale (difference of proportions, log rate
ratio, difference of changes) and are widened by the variation between units of the same level
(`overdispersion`): a municipality against all Dutch municipalities' spread around Nederland, an
area against all Dutch wijken's, an area against its rest against the spread of the wijken of its
own municipality around their rests. A verdict needs a significant test after Benjamini-Hochberg
within its family (one area's own tests; one municipality's tests against Nederland) and a
difference of at least the indicator's minimum relevant difference.
"""

from __future__ import annotations

import polars as pl

from . import vectorised as v
from .aggregate import aggregate_areas
from .families import verdicts
from .overdispersion import dispersion
from .protection import protect
from .rounding import pair_counts, pair_rounding, pairs, rounding_variance
from .spec import Kind, Reason, counted, is_kind

__all__ = ["aggregate_areas", "compare"]


def _value(num: str, den: str) -> pl.Expr:
    return pl.col(num) / pl.col(den) * pl.col("multiplier")


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

    Computed one indicator at a time (smaller intermediate frames); Benjamini-Hochberg runs per
    family over the distinct tests of the whole run."""
    parts = [
        _compute(observations.filter(pl.col("indicator") == indicator), areas, indicators, nl_code)
        for indicator in observations.get_column("indicator").unique().sort().to_list()
    ]
    if not parts:
        return verdicts(_compute(observations, areas, indicators, nl_code), alpha)
    return verdicts(pl.concat(parts, how="vertical", rechunk=False), alpha)


INTERMEDIATE = ["min_count", "min_denominator", "gm_symbol", "nl_symbol", "area_counts"]


def _compute(
    observations: pl.DataFrame, areas: pl.DataFrame, indicators: pl.DataFrame, nl_code: str
) -> pl.DataFrame:
    indicators = _with_defaults(indicators)
    frame = aggregate_areas(observations, areas, indicators)
    municipal = _reference(observations, "gm", "municipality")
    national = _reference(observations.filter(pl.col("region") == nl_code), "nl", "nl_region").drop(
        "nl_region"
    )
    frame = frame.join(municipal, on=["municipality", "indicator", "period"], how="left")
    frame = frame.join(national, on=["indicator", "period"], how="left")
    frame = protect(_rest(frame), observations, areas)
    frame = _intervals(frame)
    frame = _tests(frame, _national_spread(observations, indicators, nl_code))
    frame = _changes(frame)
    # Codes, reasons and labels repeat a great deal: categorical columns keep the table small.
    return frame.drop(INTERMEDIATE).with_columns(pl.col(pl.Utf8).cast(pl.Categorical))


def _with_defaults(indicators: pl.DataFrame) -> pl.DataFrame:
    """No minimum relevant difference unless the catalogue gives one; units are municipalities;
    counts are exact unless the catalogue gives the source's rounding base."""
    if "rounding" not in indicators.columns:
        indicators = indicators.with_columns(pl.lit(None, pl.Float64).alias("rounding"))
    return indicators.with_columns(
        pl.col("min_relevant").fill_null(0.0),
        pl.col("unit_level").fill_null("GM"),
        pl.col("rounding").cast(pl.Float64).fill_null(0.0),
    )


def _rest(frame: pl.DataFrame) -> pl.DataFrame:
    """Rest of municipality = municipality totals minus the area's, numerator and denominator
    apart. A rest that cannot be counts (negative, or more cases than people) means the
    municipality's total differs from the sum of its wijken: no rest, and a flag for the note."""
    counts = (
        pl.col("area_num").is_not_null()
        & pl.col("gm_num").is_not_null()
        & pl.col("gm_den").is_not_null()
    )
    rest_num = pl.col("gm_num") - pl.col("area_num")
    rest_den = pl.col("gm_den") - pl.col("area_den")
    consistent = (
        (rest_num >= 0) & (rest_den >= 0) & (~is_kind(Kind.PROPORTION) | (rest_num <= rest_den))
    )
    usable = counts & consistent & (rest_den > 0)
    return frame.with_columns(
        rest_num=pl.when(usable).then(rest_num),
        rest_den=pl.when(usable).then(rest_den),
        rest_inconsistent=counts & ~consistent,
        rest_reason=pl.when(usable)
        .then(pl.lit(None, pl.Utf8))
        .when(pl.col("gm_symbol").fill_null("") != "")
        .then(pl.lit(Reason.NOT_PUBLISHED.value))
        .otherwise(pl.lit(Reason.NOT_COMPUTABLE.value)),  # e.g. the area is the municipality
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
            pl.col("gm_num").is_not_null() & pl.col("gm_den").is_not_null() & counted()
        )
        .then(_value("gm_num", "gm_den"))
        .otherwise(pl.col("gm_value")),
        nl_value=pl.when(
            pl.col("nl_num").is_not_null() & pl.col("nl_den").is_not_null() & counted()
        )
        .then(_value("nl_num", "nl_den"))
        .otherwise(pl.col("nl_value")),
    )


# --- intervals and tests -------------------------------------------------------------------------


def _intervals(frame: pl.DataFrame) -> pl.DataFrame:
    """Wilson for proportions, exact Poisson (counts below 10) or Byars for rates; none from
    reconstructed counts (a derived indicator is not testable: "niet getoetst: afgeleid"). A
    rounded count's interval is the Poisson one: its rounding variance is small beside it."""
    columns = []
    shown = pl.col("testable").fill_null(False)
    for prefix in ("area", "rest", "gm", "nl"):
        num, den, mult = pl.col(f"{prefix}_num"), pl.col(f"{prefix}_den"), pl.col("multiplier")
        w_lo, w_hi = v.wilson_bounds(num, den)
        r_lo, r_hi = v.rate_bounds(num, den, mult)
        columns += [
            pl.when(shown & is_kind(Kind.PROPORTION))
            .then(w_lo * mult)
            .when(shown & is_kind(Kind.RATE))
            .then(r_lo)
            .alias(f"{prefix}_lower"),
            pl.when(shown & is_kind(Kind.PROPORTION))
            .then(w_hi * mult)
            .when(shown & is_kind(Kind.RATE))
            .then(r_hi)
            .alias(f"{prefix}_upper"),
        ]
    return frame.with_columns(columns)


def _estimate(k1: pl.Expr, n1: pl.Expr, k2: pl.Expr, n2: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(d, v) of a unit against its reference on the test's scale, by kind (zero rate counts
    get Haldane's 0.5 here: this feeds the spread between units, not a unit's own test)."""
    pd, pv = v.proportion_estimate(k1, n1, k2, n2)
    rd, rv = v.rate_estimate(k1, n1, k2, n2, haldane=True)
    proportion, rate = is_kind(Kind.PROPORTION), is_kind(Kind.RATE)
    return (
        pl.when(proportion).then(pd).when(rate).then(rd),
        pl.when(proportion).then(pv).when(rate).then(rv),
    )


def _national_spread(
    observations: pl.DataFrame, indicators: pl.DataFrame, nl_code: str
) -> pl.DataFrame:
    """tau² of every unit of a level against (Nederland minus the unit), per indicator and
    period: `nl` over all Dutch wijken (for areas), `gm_nl` over all municipalities, or all
    safety regions where the indicator has no municipal figures."""
    national = observations.filter(pl.col("region") == nl_code).select(
        "indicator",
        "period",
        pl.col("numerator").alias("nl_n"),
        pl.col("denominator").alias("nl_d"),
    )
    units = (
        observations.filter(pl.col("region") != nl_code)
        .join(
            indicators.select("indicator", "kind", "unit_level", "testable", "rounding"),
            on="indicator",
        )
        .filter(pl.col("testable").fill_null(False))
        .join(national, on=["indicator", "period"])
        .with_columns(level=pl.col("region").str.slice(0, 2))
    )
    d, var = _estimate(
        pl.col("numerator"),
        pl.col("denominator"),
        pl.col("nl_n") - pl.col("numerator"),
        pl.col("nl_d") - pl.col("denominator"),
    )
    rounding = rounding_variance(pl.col("numerator"), pl.col("denominator"), 1.0) + (
        rounding_variance(
            pl.col("nl_n") - pl.col("numerator"), pl.col("nl_d") - pl.col("denominator"), 2.0
        )
    )
    units = units.with_columns(d=d, v=var + rounding)
    spreads = []
    for name, level in (("nl", pl.lit("WK")), ("gm_nl", pl.col("unit_level"))):
        spread = dispersion(units.filter(pl.col("level") == level), ["indicator", "period"])
        spreads.append(
            spread.rename({"units": f"units_{name}", "tau2": f"tau2_{name}"}).drop("phi")
        )
    spread = spreads[0].join(spreads[1], on=["indicator", "period"], how="full", coalesce=True)
    return _national_wijk_fallback(spread, units.filter(pl.col("level") == "WK"))


# The spread of Dutch wijken around Nederland needs wijken from across the country: wijken of a
# few municipalities share those municipalities' own distance from Nederland, which is no
# chance variation (Heerlen's 22 wijken are the only ones with KWB benefit counts).
MIN_MUNICIPALITIES = 10


def _national_wijk_fallback(spread: pl.DataFrame, wijken: pl.DataFrame) -> pl.DataFrame:
    """Where the wijken with counts come from fewer than MIN_MUNICIPALITIES municipalities, an
    area is compared with Nederland widened by the spread between municipalities instead
    (`spread_nl` = "GM"); `municipalities_nl` says how many there were."""
    spread_from = wijken.group_by("indicator", "period").agg(
        pl.col("region").str.slice(2, 4).n_unique().alias("municipalities_nl")
    )
    spread = spread.join(spread_from, on=["indicator", "period"], how="left").with_columns(
        pl.col("municipalities_nl").fill_null(0)
    )
    few = pl.col("municipalities_nl") < MIN_MUNICIPALITIES
    return spread.with_columns(
        tau2_nl=pl.when(few).then(pl.col("tau2_gm_nl")).otherwise(pl.col("tau2_nl")),
        units_nl=pl.when(few).then(pl.col("units_gm_nl")).otherwise(pl.col("units_nl")),
        spread_nl=pl.when(few).then(pl.lit("GM")).otherwise(pl.lit("WK")),
    )


def _single_wijk() -> pl.Expr:
    """Rows of an area that is one wijk: the units whose spread around their rest is the
    normal variation within a municipality."""
    return (pl.col("n_members") == 1) & pl.col("area").cast(pl.Utf8).str.contains("WK")


def _rate_or_proportion_p(
    k1: pl.Expr, n1: pl.Expr, k2: pl.Expr, n2: pl.Expr, tau2: pl.Expr
) -> tuple[pl.Expr, pl.Expr]:
    """(z, p) of a unit against its reference, widened by tau2 (null: no correction). Rates
    with a count below 10 get the exact conditional test (`vectorised.poisson_rate_ratio_p`)."""
    z = (
        pl.when(is_kind(Kind.PROPORTION))
        .then(v.two_proportion_z(k1, n1, k2, n2, tau2))
        .when(is_kind(Kind.RATE))
        .then(v.log_rate_ratio_z(k1, n1, k2, n2, tau2, haldane=True))
    )
    p = (
        pl.when(is_kind(Kind.PROPORTION))
        .then(v.two_sided_p(v.two_proportion_z(k1, n1, k2, n2, tau2)))
        .when(is_kind(Kind.RATE))
        .then(v.poisson_rate_ratio_p(k1, n1, k2, n2, tau2))
    )
    return z, p


def _tests(frame: pl.DataFrame, national: pl.DataFrame) -> pl.DataFrame:
    """Area vs rest of municipality; area and municipality vs the rest of Nederland; each
    widened by the spread between units of its level."""
    frame = frame.join(national, on=["indicator", "period"], how="left")
    tests = pairs()
    d, var = _estimate(*pair_counts(tests["rest"]))
    units = frame.filter(_single_wijk() & pl.col("testable").fill_null(False)).with_columns(
        d=d, v=var + pair_rounding(*tests["rest"])
    )
    within = (
        dispersion(units, ["municipality", "indicator", "period"])
        .rename({"units": "units_rest", "tau2": "tau2_rest"})
        .drop("phi")
    )
    frame = frame.join(within, on=["municipality", "indicator", "period"], how="left")
    testable = pl.col("testable").fill_null(False)
    columns = []
    for name, pair in tests.items():
        # The rounding variance differs per row, so it joins tau² as extra variance on the
        # test's scale (a null tau² still means: no correction for the spread between units).
        extra = pl.col(f"tau2_{name}").fill_null(0.0) + pair_rounding(*pair)
        z, p = _rate_or_proportion_p(*pair_counts(pair), extra)
        columns += [
            pl.when(testable).then(z).alias(f"z_{name}"),
            pl.when(testable).then(p).alias(f"p_{name}"),
        ]
    return frame.with_columns(
        *columns,
        diff_rest=pl.col("area_value") - pl.col("rest_value"),
        ratio_rest=pl.col("area_value") / pl.col("rest_value"),
        diff_nl=pl.col("area_value") - pl.col("nl_value"),
        ratio_nl=pl.col("area_value") / pl.col("nl_value"),
        diff_gm_nl=pl.col("gm_value") - pl.col("nl_value"),
    )


def _changes(frame: pl.DataFrame) -> pl.DataFrame:
    """Change from the indicator's baseline period, for area and rest, and their difference,
    tested on the difference of proportions or the log ratio of rate ratios, widened by the
    spread of the municipality's wijken."""
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
        pl.col("area_counts").alias("area_counts_base"),
    )
    frame = frame.join(base, on=["area", "indicator", "baseline"], how="left")
    is_later = pl.col("baseline").is_not_null() & (pl.col("period") != pl.col("baseline"))
    area = [pl.col(c) for c in ("area_num_base", "area_den_base", "area_num", "area_den")]
    rest = [pl.col(c) for c in ("rest_num_base", "rest_den_base", "rest_num", "rest_den")]
    pd, pv = v.proportion_change_estimate(area, rest)
    rd, rv = v.rate_change_estimate(area, rest)
    # Four rounded figures: the area and its rest, before and after (see `_pairs`).
    before, after = pl.col("area_counts_base").cast(pl.Float64), pl.col("area_counts")
    rounding = (
        rounding_variance(area[0], area[1], before)
        + rounding_variance(area[2], area[3], after)
        + rounding_variance(rest[0], rest[1], before + 1)
        + rounding_variance(rest[2], rest[3], after.cast(pl.Float64) + 1)
    )
    pv, rv = pv + rounding, rv + rounding
    frame = frame.with_columns(
        doc_d=pl.when(is_later & is_kind(Kind.PROPORTION))
        .then(pd)
        .when(is_later & is_kind(Kind.RATE))
        .then(rd),
        doc_v=pl.when(is_later & is_kind(Kind.PROPORTION))
        .then(pv)
        .when(is_later & is_kind(Kind.RATE))
        .then(rv),
    )
    units = frame.filter(_single_wijk() & pl.col("testable").fill_null(False))
    within = (
        dispersion(units, ["municipality", "indicator", "period"], d="doc_d", v="doc_v")
        .rename({"units": "units_doc", "tau2": "tau2_doc"})
        .drop("phi")
    )
    frame = frame.join(within, on=["municipality", "indicator", "period"], how="left")
    z = v.adjusted_z(pl.col("doc_d"), pl.col("doc_v"), pl.col("tau2_doc"))
    return (
        frame.with_columns(
            area_change=pl.when(is_later).then(pl.col("area_value") - pl.col("area_base")),
            rest_change=pl.when(is_later).then(pl.col("rest_value") - pl.col("rest_base")),
            gm_change=pl.when(is_later).then(pl.col("gm_value") - pl.col("gm_base")),
        )
        .with_columns(
            diff_of_changes=pl.col("area_change") - pl.col("rest_change"),
            p_doc=pl.when(is_later & pl.col("testable").fill_null(False)).then(v.two_sided_p(z)),
        )
        .drop(
            "area_num_base",
            "area_den_base",
            "rest_num_base",
            "rest_den_base",
            "area_counts_base",
            "doc_d",
            "doc_v",
        )
    )
