"""Wilson, exact Poisson and Byars intervals (METHODS.md §3) on cases computed by hand (in each
docstring) and against scipy/statsmodels (tests/data/reference/)."""

import json
import math
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from ruggensteun.analysis import vectorised
from ruggensteun.analysis.intervals import (
    POISSON_EXACT_95,
    byars,
    poisson_exact,
    poisson_interval,
    rate_interval,
    wilson,
)

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"


def reference(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(
        (REFERENCE / f"{name}.json").read_text(encoding="utf-8")
    )["cases"]
    return cases


def test_wilson_interval_for_10_of_100() -> None:
    """p = 0.1, z² = 3.8415; centre = (0.1 + 0.019208)/1.038415 = 0.114799;
    half = 1.96·√(0.0009 + 0.000096)/1.038415 = 0.059570 → (0.05523, 0.17437)."""
    interval = wilson(10, 100)
    assert interval is not None
    assert interval.lower == pytest.approx(0.05523, abs=1e-5)
    assert interval.upper == pytest.approx(0.17437, abs=1e-5)
    assert wilson(0, 0) is None and wilson(5, 3) is None


def test_byars_interval_for_a_count_of_10() -> None:
    """Lower 10·(1 − 1/90 − 1.96/(3√10))³ = 4.787; upper 11·(1 − 1/99 + 1.96/(3√11))³ = 18.39;
    the exact Poisson interval is (4.795, 18.390)."""
    interval = byars(10)
    assert interval is not None
    assert interval.lower == pytest.approx(4.787, abs=0.01)
    assert interval.upper == pytest.approx(18.39, abs=0.01)
    per_100k = rate_interval(10, 50_000, 100_000)
    assert per_100k is not None and per_100k.lower == pytest.approx(9.574, abs=0.01)


@pytest.mark.issue(14)
def test_wilson_matches_statsmodels() -> None:
    cases = reference("wilson")
    assert len(cases) >= 30
    for case in cases:
        interval = wilson(case["k"], case["n"])
        assert interval is not None
        assert interval.lower == pytest.approx(case["lower"], abs=1e-14)
        assert interval.upper == pytest.approx(case["upper"], abs=1e-14)


@pytest.mark.issue(14)
def test_the_exact_poisson_table_matches_scipy() -> None:
    cases = {case["count"]: case for case in reference("poisson_exact")}
    for count, (lower, upper) in enumerate(POISSON_EXACT_95):
        assert lower == pytest.approx(cases[count]["lower"], rel=1e-14, abs=0.0)
        assert upper == pytest.approx(cases[count]["upper"], rel=1e-14)
        assert poisson_interval(count) == poisson_exact(count)


@pytest.mark.issue(14)
def test_byars_from_10_on_lies_within_0_2_percent_of_the_exact_interval() -> None:
    """From count 10 Byars is close (0.17 % at worst, at 10); below it is not, hence the table."""
    for case in reference("poisson_exact"):
        interval = poisson_interval(case["count"])
        assert interval is not None
        if case["count"] >= 10:
            assert interval.lower == pytest.approx(case["lower"], rel=2e-3)
            assert interval.upper == pytest.approx(case["upper"], rel=2e-3)


@pytest.mark.issue(14)
def test_a_count_of_1_gets_the_exact_lower_bound_not_byars() -> None:
    """Byars at 1: (1 − 1/9 − 1.96/3)³ = 0.01307, 48 % below the exact 0.02532 = chi2(0.025, 2)/2;
    the exact upper bound is chi2(0.975, 4)/2 = 5.5716. Per 100,000 of 50,000: ×2."""
    exact = poisson_interval(1)
    approximate = byars(1)
    assert exact is not None and approximate is not None
    assert exact.lower == pytest.approx(0.025318, abs=1e-6)
    assert approximate.lower == pytest.approx(0.013072, abs=1e-6)
    assert 1 - approximate.lower / exact.lower == pytest.approx(0.48, abs=0.01)
    rate = rate_interval(1, 50_000, 100_000)
    assert rate is not None
    assert (rate.lower, rate.upper) == pytest.approx((0.050636, 11.143287), abs=1e-6)


@pytest.mark.issue(14)
def test_invalid_counts_and_populations_give_no_interval() -> None:
    for count in (-1, math.nan, math.inf, 2.5):
        assert poisson_interval(count) is None
    assert poisson_interval(12.5) == byars(12.5)  # from 10 on Byars takes any count
    assert byars(math.nan) is None and byars(-0.5) is None
    assert wilson(math.nan, 10) is None and wilson(1, math.inf) is None
    assert rate_interval(3, 0, 100_000) is None and rate_interval(3, math.nan, 1) is None


@pytest.mark.issue(14)
def test_vectorised_bounds_of_a_missing_count_are_both_null() -> None:
    """Before issue 14 byars_bounds gave lower 0.0 and upper null for a null count."""
    counts = pl.DataFrame({"c": [None, -1.0, math.nan, 0.0, 1.0, 25.0]})
    for bounds in (vectorised.byars_bounds, vectorised.poisson_bounds):
        lower, upper = bounds(pl.col("c"))
        rows = counts.select(lower.alias("lo"), upper.alias("hi")).rows()
        assert rows[:3] == [(None, None)] * 3
        assert all(lo is not None and hi is not None for lo, hi in rows[3:])
    lower, upper = vectorised.poisson_bounds(pl.col("c"))
    assert counts.select(lower).row(4)[0] == POISSON_EXACT_95[1][0]
