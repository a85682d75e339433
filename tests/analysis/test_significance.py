"""Tests and false-discovery-rate control (METHODS.md §3), scalar and column-wise, on cases
computed by hand (in each docstring) and against scipy/statsmodels (tests/data/reference/)."""

import math

import polars as pl
import pytest

from ruggensteun.analysis import vectorised
from ruggensteun.analysis.significance import (
    Verdict,
    benjamini_hochberg,
    difference_of_differences,
    is_relevant,
    log_rate_ratio_z,
    poisson_rate_exact,
    poisson_rate_ratio,
    rate_difference_of_changes,
    two_proportion_z,
    verdict,
)

from .test_intervals import reference


def test_two_proportion_z_test() -> None:
    """30/100 vs 20/100: pooled 0.25, se = √(0.25·0.75·0.02) = 0.061237, z = 1.633, p = 0.1025."""
    result = two_proportion_z(30, 100, 20, 100)
    assert result is not None
    assert result.statistic == pytest.approx(1.633, abs=1e-3)
    assert result.p_value == pytest.approx(0.1025, abs=1e-3)


def test_poisson_rate_ratio_test() -> None:
    """100/10,000 vs 50/10,000: ln 2 / √(1/100 + 1/50) = 0.6931/0.1732 = 4.002, p = 6.3e-5."""
    result = poisson_rate_ratio(100, 10_000, 50, 10_000)
    assert result is not None and not result.exact
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
    z = pl.Series("z", [0.0, 0.5, 1.96, 3.0, 5.0, 8.0, 12.0, 30.0])
    approx = pl.select(vectorised.two_sided_p(pl.lit(z))).to_series().to_list()
    exact = [math.erfc(abs(value) / math.sqrt(2)) for value in z]
    assert approx == pytest.approx(exact, rel=1e-14)


# Issue 14


@pytest.mark.issue(14)
def test_two_proportion_z_matches_statsmodels() -> None:
    cases = reference("two_proportion")
    assert len(cases) >= 30 and any(case["z"] is None for case in cases)
    for case in cases:
        result = two_proportion_z(case["k1"], case["n1"], case["k2"], case["n2"])
        if case["z"] is None:  # statsmodels divides by a zero variance
            assert result is None
        else:
            assert result is not None
            assert result.statistic == pytest.approx(case["z"], rel=1e-12, abs=1e-14)
            assert result.p_value == pytest.approx(case["p"], rel=1e-11, abs=1e-300)


@pytest.mark.issue(14)
def test_the_exact_rate_test_matches_scipy_binomtest() -> None:
    cases = reference("binomial_exact")
    assert len(cases) >= 30
    for case in cases:
        result = poisson_rate_exact(case["c1"], case["t1"], case["c2"], case["t2"])
        if case["p"] is None:  # no event at all: scipy refuses n = 0
            assert result is None
        else:
            assert result is not None and result.exact
            assert result.p_value == pytest.approx(case["p"], rel=1e-11, abs=1e-300)


@pytest.mark.issue(14)
def test_a_zero_count_is_tested_exactly_not_left_untestable() -> None:
    """0 of 20,000 against 1,000 of 1,000,000: the Wald test needs both counts above zero; the
    exact test gives P(0 of 1,000 | p = 20,000/1,020,000) + the far tail = 4.07e-9 (scipy)."""
    assert log_rate_ratio_z(0, 20_000, 1_000, 1_000_000) is None
    result = poisson_rate_ratio(0, 20_000, 1_000, 1_000_000)
    assert result is not None and result.exact
    assert result.p_value == pytest.approx(4.070265e-9, rel=1e-6)
    assert result.statistic == 0.0  # observed share c1 / (c1 + c2)


@pytest.mark.issue(14)
def test_exact_p_values_computed_by_hand() -> None:
    """Equal populations, so c1 ~ Bin(c1 + c2, 1/2). 0 vs 12: P(0) + P(12) = 2/4096 = 0.000488.
    3 vs 7: P(X <= 3) + P(X >= 7) = 2·(1 + 10 + 45 + 120)/1024 = 0.34375."""
    zero = poisson_rate_ratio(0, 50, 12, 50)
    three = poisson_rate_ratio(3, 500, 7, 500)
    assert zero is not None and zero.p_value == pytest.approx(2 / 4096, rel=1e-12)
    assert three is not None and three.p_value == pytest.approx(0.34375, rel=1e-12)
    assert poisson_rate_ratio(9, 100, 10, 100) == poisson_rate_exact(9, 100, 10, 100)
    assert poisson_rate_ratio(0, 100, 0, 100) is None  # no event: nothing to test
    assert poisson_rate_exact(2.5, 100, 3, 100) is None  # a binomial needs whole counts


@pytest.mark.issue(14)
def test_small_counts_with_overdispersion_take_the_larger_p() -> None:
    """12 vs 0 in equal populations, tau² = 0.1: exact p = 2/4096 = 0.000488; Haldane 0.5 for
    the zero: d = ln(12/0.5) = 3.17805, v = 1/12 + 2 = 2.08333, z = 3.17805/√2.18333 = 2.15081,
    p = 0.03149: the larger, conservative one."""
    result = poisson_rate_ratio(12, 50, 0, 50, tau2=0.1)
    assert result is not None and result.exact
    assert result.p_value == pytest.approx(0.031492, abs=1e-6)
    assert poisson_rate_ratio(12, 50, 0, 50, tau2=0.0) == poisson_rate_exact(12, 50, 0, 50)
    assert poisson_rate_ratio(12, 50, 0, 50, tau2=-1.0) is None


@pytest.mark.issue(14)
def test_overdispersion_widens_the_normal_tests() -> None:
    """30/100 vs 20/100 with tau² = 0.01: z = 0.1/√(0.00375 + 0.01) = 0.1/0.117260 = 0.852803.
    100 vs 50 per 10,000 with tau² = 0.05: z = ln 2/√(0.03 + 0.05) = 0.693147/0.282843
    = 2.450645."""
    proportion = two_proportion_z(30, 100, 20, 100, tau2=0.01)
    rate = poisson_rate_ratio(100, 10_000, 50, 10_000, tau2=0.05)
    assert proportion is not None and proportion.statistic == pytest.approx(0.852803, abs=1e-6)
    assert rate is not None and rate.statistic == pytest.approx(2.450645, abs=1e-6)


@pytest.mark.issue(14)
def test_rate_difference_of_changes() -> None:
    """Area 100 → 150 per 1,000 (RR 1.5), rest 200 → 200 per 2,000 (RR 1): d = ln 1.5 =
    0.405465, v = 1/100 + 1/150 + 1/200 + 1/200 = 0.026667, z = 0.405465/0.163299 = 2.482957."""
    result = rate_difference_of_changes([(100, 1_000, 150, 1_000), (200, 2_000, 200, 2_000)])
    assert result is not None and result.statistic == pytest.approx(2.482957, abs=1e-6)
    assert rate_difference_of_changes([(0, 1_000, 150, 1_000), (200, 2_000, 200, 2_000)]) is None
    with pytest.raises(ValueError):
        rate_difference_of_changes([(100, 1_000, 150, 1_000)])


@pytest.mark.issue(14)
def test_impossible_counts_are_not_tested() -> None:
    """Area 10/900 in a municipality of 200/1000 leaves a rest of 190/100: no test."""
    assert two_proportion_z(10, 900, 190, 100) is None
    assert difference_of_differences([(10, 100, 130, 100), (10, 100, 12, 100)]) is None
    assert two_proportion_z(math.nan, 100, 5, 100) is None
    assert two_proportion_z(-1, 100, 5, 100) is None
    assert poisson_rate_ratio(-1, 100, 5, 100) is None
    assert poisson_rate_ratio(5, 0, 5, 100) is None
    assert log_rate_ratio_z(math.inf, 100, 50, 100) is None


@pytest.mark.issue(14)
def test_benjamini_hochberg_matches_statsmodels() -> None:
    cases = reference("benjamini_hochberg")
    assert len(cases) >= 30
    for case in cases:
        p = [math.nan if value == "nan" else value for value in case["p"]]
        for adjusted in (benjamini_hochberg(p), vectorised.benjamini_hochberg(pl.Series(p))):
            q = list(adjusted)
            assert [x is None for x in q] == [x is None for x in case["q"]]
            for got, expected in zip(q, case["q"], strict=True):
                if expected is not None:
                    assert got == pytest.approx(expected, rel=1e-14)


@pytest.mark.issue(14)
def test_benjamini_hochberg_treats_nan_as_no_test() -> None:
    """NaN is neither counted in m nor given a q: 0.01 and 0.04 with m = 2 → 0.02, 0.04."""
    assert benjamini_hochberg([0.01, math.nan, 0.04]) == [0.02, None, 0.04]
    with pytest.raises(ValueError):
        benjamini_hochberg([0.01, 1.5])
    with pytest.raises(ValueError):
        vectorised.benjamini_hochberg(pl.Series([0.01, -0.1]))


@pytest.mark.issue(14)
def test_benjamini_hochberg_per_family() -> None:
    """Family a: 0.01, 0.04 → 0.02, 0.04; family b: 0.5, NaN, 0.02 → 0.5, -, 0.04."""
    frame = pl.DataFrame(
        {"family": ["a", "a", "b", "a", "b", "b"], "p": [0.01, 0.04, 0.5, None, math.nan, 0.02]}
    )
    q = vectorised.benjamini_hochberg_by(frame, "p", ["family"])
    assert q.name == "q_p"
    assert q.to_list() == [0.02, 0.04, 0.5, None, None, 0.04]


@pytest.mark.issue(14)
def test_q_equal_to_alpha_is_significant() -> None:
    assert verdict(0.1, 0.05, True) is Verdict.WORSE
    assert verdict(0.1, 0.0500001, True) is Verdict.SAME
    assert verdict(-0.1, 0.05, True) is Verdict.BETTER
    assert verdict(-0.1, 0.01, None) is Verdict.DIFFERENT


@pytest.mark.issue(14)
def test_a_significant_but_irrelevant_difference_is_not_different() -> None:
    """13.80 % against 13.67 %: |13.80/13.67 - 1| = 0.95 % < 10 %: not relevant."""
    relevant = is_relevant(13.80 - 13.67, 13.67, 0.10)
    assert relevant is False
    assert verdict(0.13, 4e-5, True, relevant=relevant) is Verdict.SAME
    assert verdict(0.13, 4e-5, True, relevant=None) is Verdict.WORSE
    assert is_relevant(2.2, 20.0, 0.10) is True and is_relevant(1.9, 20.0, 0.10) is False
    assert is_relevant(1.0, 0.0, 0.10) is True and is_relevant(0.0, 0.0, 0.10) is False
    assert is_relevant(None, 1.0, 0.10) is None and is_relevant(1.0, math.nan, 0.10) is None


@pytest.mark.issue(14)
def test_verdict_without_a_number_is_not_testable() -> None:
    assert verdict(math.nan, 0.01, True) is Verdict.NOT_TESTABLE
    assert verdict(0.1, math.nan, True) is Verdict.NOT_TESTABLE
    assert verdict(None, 0.01, True) is Verdict.NOT_TESTABLE


@pytest.mark.issue(14)
def test_vectorised_rate_p_runs_the_exact_test_on_small_counts_only() -> None:
    frame = pl.DataFrame(
        {
            "c1": [0.0, 100.0, 3.0, None],
            "t1": [20_000.0, 10_000.0, 500.0, 1.0],
            "c2": [1_000.0, 50.0, 7.0, 1.0],
            "t2": [1_000_000.0, 10_000.0, 500.0, 1.0],
        }
    )
    c1, t1, c2, t2 = (pl.col(name) for name in frame.columns)
    p = frame.select(vectorised.poisson_rate_ratio_p(c1, t1, c2, t2)).to_series().to_list()
    assert p[0] == pytest.approx(4.070265e-9, rel=1e-6)
    assert p[1] == pytest.approx(6.28393e-5, rel=1e-5)  # the Wald test, as the scalar
    assert p[2] == pytest.approx(0.34375, rel=1e-12)
    assert p[3] is None
    only_first = vectorised.poisson_rate_exact_p(c1, t1, c2, t2, where=pl.col("c1") == 0)
    assert frame.select(only_first).to_series().to_list()[1:] == [None, None, None]
