"""Wilson and Byars intervals (METHODS.md §3) on cases computed by hand (in each docstring)."""

import pytest

from ruggensteun.analysis.intervals import byars, rate_interval, wilson


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
