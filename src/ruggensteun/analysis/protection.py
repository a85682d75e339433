"""Disclosure control of the comparison table: the municipality table each area sits in.

`compare` calls `protect` after the rest of the municipality is known. It lays out the cells
`disclosure.protect_cells` reads (one table per municipality, indicator and period) and writes
the reasons back onto the area rows, hiding value, numerator and denominator together.
"""

from __future__ import annotations

import polars as pl

from .disclosure import CellKind, protect_cells
from .spec import SUPPRESSED, Kind, counted, is_kind

TABLE = ["municipality", "indicator", "period"]
PARTS = ("area", "rest", "gm")
HIDDEN = list(SUPPRESSED)


def protect(frame: pl.DataFrame, observations: pl.DataFrame, areas: pl.DataFrame) -> pl.DataFrame:
    """Small counts and every published cell that would reveal one, over the whole municipality
    table: its wijken, every area and its rest, and the municipality (`disclosure`)."""
    cells = _cells(frame, observations, areas)
    found = (
        protect_cells(cells, [*TABLE, "table"]).filter(pl.col("disclosure").is_not_null())
        if cells.height
        else pl.DataFrame(schema={**dict.fromkeys([*TABLE, "cell", "disclosure"], pl.Utf8)})
    )
    # A cell can sit in two tables (the municipality in the wijk table and in a loose area's):
    # the strictest reason wins ("suppressed_small" sorts after "suppressed_complement").
    for part, prefix in (("area", "a:"), ("rest", "r:")):
        hidden = (
            found.filter(pl.col("cell").str.starts_with(prefix))
            .select(*TABLE, pl.col("cell").str.strip_prefix(prefix).alias("area"), "disclosure")
            .group_by(*TABLE, "area")
            .agg(pl.col("disclosure").max().alias(f"{part}_hidden"))
        )
        frame = frame.join(hidden, on=[*TABLE, "area"], how="left")
    gm = (
        found.filter(pl.col("cell") == "gm")
        .group_by(TABLE)
        .agg(pl.col("disclosure").max().alias("gm_hidden"))
    )
    frame = frame.join(gm, on=TABLE, how="left")
    frame = frame.with_columns(
        pl.coalesce(f"{part}_hidden", f"{part}_reason").alias(f"{part}_reason") for part in PARTS
    ).drop([f"{part}_hidden" for part in PARTS])
    hide = {
        "area": pl.col("area_reason").is_not_null(),
        "rest": pl.col("rest_reason").is_not_null(),
        "gm": pl.col("gm_reason").is_in(HIDDEN).fill_null(False),
    }
    return frame.with_columns(
        pl.when(condition)
        .then(None)
        .otherwise(pl.col(f"{part}_{column}"))
        .alias(f"{part}_{column}")
        for part, condition in hide.items()
        for column in ("value", "num", "den")
    )


def _cells(frame: pl.DataFrame, observations: pl.DataFrame, areas: pl.DataFrame) -> pl.DataFrame:
    """The long cell frame `disclosure.protect_cells` reads, one table per municipality,
    indicator and period ("wijken"), plus one per area that is not made of wijken.

    Base cells are the wijken the areas are made of ("m:", counts straight from the observations)
    and the remainder of the municipality; every area ("a:"), its rest ("r:") and the
    municipality ("gm") are published sums of them. An area with a member that is not a wijk
    (a buurt) cannot be placed in the wijk table: it is protected in a table of its own, with its
    rest and the municipality (the two-cell rule of old, now with the municipality cell)."""
    rows = frame.filter(
        counted() & (pl.col("gm_num").is_not_null() | pl.col("area_num").is_not_null())
    )
    if rows.height == 0:
        return pl.DataFrame()
    membership = areas.group_by("area", "municipality").agg(pl.col("member").unique().sort())
    of_wijken = pl.col("member").list.eval(pl.element().str.starts_with("WK")).list.all()
    rule = [
        "min_count",
        "min_denominator",
        is_kind(Kind.PROPORTION).alias("proportion"),
    ]
    rows = rows.join(membership, on=["area", "municipality"], how="left").with_columns(
        pl.when(of_wijken)
        .then(pl.lit("wijken"))
        .otherwise("loose:" + pl.col("area"))
        .alias("table")
    )
    keys = [*TABLE, "table"]
    tables = rows.select(*keys, *rule, "gm_num", "gm_den").unique(keys)
    wijken = (
        rows.filter(pl.col("table") == "wijken")
        .select(*keys, pl.col("member"))
        .explode("member")
        .unique()
    )
    counts = observations.select(
        pl.col("region").alias("member"), "indicator", "period", "numerator", "denominator"
    )
    base = wijken.join(counts, on=["member", "indicator", "period"], how="left").select(
        *keys,
        ("m:" + pl.col("member")).alias("cell"),
        pl.lit(CellKind.BASE.value).alias("kind"),
        pl.lit([], pl.List(pl.Utf8)).alias("members"),
        "numerator",
        "denominator",
    )
    loose = rows.filter(pl.col("table") != "wijken").select(
        *keys,
        ("x:" + pl.col("area")).alias("cell"),
        pl.lit(CellKind.BASE.value).alias("kind"),
        pl.lit([], pl.List(pl.Utf8)).alias("members"),
        pl.col("area_num").alias("numerator"),
        pl.col("area_den").alias("denominator"),
    )
    base = pl.concat([base, loose], how="vertical_relaxed")
    sums = base.group_by(keys).agg(
        pl.col("cell").sort().alias("all_cells"),
        pl.col("numerator").sum().alias("sum_num"),
        pl.col("denominator").sum().alias("sum_den"),
        (pl.col("numerator").null_count() + pl.col("denominator").null_count()).alias("unknown"),
    )
    tables = tables.join(sums, on=keys, how="left").with_columns(
        pl.col("all_cells").fill_null([]).list.concat(pl.lit(["remainder"])),
        rest_num=pl.col("gm_num") - pl.col("sum_num").fill_null(0.0),
        rest_den=pl.col("gm_den") - pl.col("sum_den").fill_null(0.0),
    )
    known = (
        (pl.col("unknown").fill_null(0) == 0)
        & (pl.col("rest_num") >= 0)
        & (pl.col("rest_den") >= 0)
    )
    remainder = tables.select(
        *keys,
        pl.lit("remainder").alias("cell"),
        pl.lit(CellKind.REMAINDER.value).alias("kind"),
        pl.lit([], pl.List(pl.Utf8)).alias("members"),
        pl.when(known).then(pl.col("rest_num")).alias("numerator"),
        pl.when(known).then(pl.col("rest_den")).alias("denominator"),
    )
    municipality = tables.select(
        *keys,
        pl.lit("gm").alias("cell"),
        pl.lit(CellKind.AGGREGATE.value).alias("kind"),
        pl.col("all_cells").alias("members"),
        pl.col("gm_num").alias("numerator"),
        pl.col("gm_den").alias("denominator"),
    )
    # An area summed over its published members only (`aggregate`) is the sum of those: the
    # member left out belongs to the rest, as it does in the rest's counts.
    published = pl.col("member").list.set_difference(pl.col("area_omitted").fill_null([]))
    own = (
        pl.when(pl.col("table") == "wijken")
        .then(published.list.sort().list.eval("m:" + pl.element()))
        .otherwise(pl.concat_list("x:" + pl.col("area")))
    )
    with_all = rows.join(tables.select(*keys, "all_cells"), on=keys, how="left").with_columns(
        own.alias("own")
    )
    area_cells = with_all.select(
        *keys,
        ("a:" + pl.col("area")).alias("cell"),
        pl.lit(CellKind.AGGREGATE.value).alias("kind"),
        pl.col("own").alias("members"),
        pl.col("area_num").alias("numerator"),
        pl.col("area_den").alias("denominator"),
    )
    rest_cells = with_all.select(
        *keys,
        ("r:" + pl.col("area")).alias("cell"),
        pl.lit(CellKind.AGGREGATE.value).alias("kind"),
        pl.col("all_cells").list.set_difference(pl.col("own")).list.sort().alias("members"),
        pl.col("rest_num").alias("numerator"),
        pl.col("rest_den").alias("denominator"),
    )
    cells = pl.concat(
        [base, remainder, municipality, area_cells, rest_cells], how="vertical_relaxed"
    ).with_columns(
        published=~pl.col("cell").str.starts_with("m:")
        & ~pl.col("cell").str.starts_with("x:")
        & (pl.col("cell") != "remainder")
    )
    rule_columns = ["min_count", "min_denominator", "proportion"]
    return cells.join(tables.select(*keys, *rule_columns), on=keys, how="left")
