"""Tests and false-discovery-rate control (METHODS.md §3), scalar and column-wise, on cases
computed by hand (in each docstring)."""

import math

import polars as pl
import pytest

from ruggensteun.analysis import vectorised
from ruggensteun.analysis.significance import (
    benjamini_hochberg,
    difference_of_differences,
    poisson_rate_ratio,
    two_proportion_z,
)


def test_two_proportion_z_test() -> None:
    """30/100 vs 20/100: pooled 0.25, se = √(0.25·0.75·0.02) = 0.061237, z = 1.633, p = 0.1025."""
    result = two_proportion_z(30, 100, 20, 100)
    assert result is not None
    assert result.statistic == pytest.approx(1.633, abs=1e-3)
    assert result.p_value == pytest.approx(0.1025, abs=1e-3)


def test_poisson_rate_ratio_test() -> None:
    """100/10,000 vs 50/10,000: ln 2 / √(1/100 + 1/50) = 0.6931/0.1732 = 4.002, p = 6.3e-5."""
    result = poisson_rate_ratio(100, 10_000, 50, 10_000)
    assert result is not None
    assert result.statistic == pytest.approx(4.002, abs=1e-3)
    assert result.p_value == pytest.approx(6.3e-5, rel=0.05)


def test_difference_of_differences() -> None:
    """Area 10/100 → 30/100 (+0.20), rest 10/100 → 12/100 (+0.02): difference 0.18;
    var = .0009 + .0021 + .0009 + .001056 = .004956, z = 0.18/0.070399 = 2.557."""
    result = difference_of_differences([(10, 100, 30, 100), (10, 100, 12, 100)])
    assert result is not None and result.statistic == pytest.approx(2.557, abs=1e-3)


def test_benjamini_hochberg() -> None:
    """Sorted 0.01, 0.03, 0.04, 0.5 → 0.04, 0.06, 0.0533, 0.5 → running minimum from the top:
    0.04, 0.0533, 0.0533, 0.5 (in input order 0.01, 0.04, 0.03, 0.5)."""
    expected = [0.04, 4 * 0.04 / 3, 4 * 0.04 / 3, 0.5, None]
    assert benjamini_hochberg([0.01, 0.04, 0.03, 0.5, None]) == pytest.approx(expected)
    vector = vectorised.benjamini_hochberg(pl.Series("p", [0.01, 0.04, 0.03, 0.5, None]))
    assert vector.to_list()[:4] == pytest.approx(expected[:4]) and vector.to_list()[4] is None


def test_vectorised_p_values_match_the_exact_function() -> None:
    z = pl.Series("z", [0.0, 0.5, 1.96, 3.0, 5.0])
    approx = pl.select(vectorised.two_sided_p(pl.lit(z))).to_series().to_list()
    exact = [math.erfc(abs(value) / math.sqrt(2)) for value in z]
    assert approx == pytest.approx(exact, abs=2e-7)
