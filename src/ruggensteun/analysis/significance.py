"""Two-group tests, relevance and false-discovery-rate control, METHODS.md §3 (issue 14).

Every test is an estimate d with a sampling variance v on a fixed scale (`Estimate`), widened by
the between-unit variance tau² of `overdispersion` when given: z = d / sqrt(v + tau²).

- proportions: d = p1 - p2, v = pooled p(1-p)(1/n1 + 1/n2) (`two_proportion_z`);
- rates: d = log(r1/r2), v = 1/c1 + 1/c2 (`log_rate_ratio_z`); with a count below 10 (zero
  included) the exact conditional binomial test instead (`poisson_rate_exact`, chosen by
  `poisson_rate_ratio`);
- difference of changes: proportions d = (p_a2 - p_a1) - (p_b2 - p_b1), v = Σ p(1-p)/n
  (`difference_of_differences`); rates d = log RR_a - log RR_b, v = Σ 1/c
  (`rate_difference_of_changes`).

Invalid input (a count below zero or above its denominator, no denominator, a value that is not
finite, a negative tau²) gives None, never a number. `vectorised` holds the same tests as polars
expressions, equal on every input (tests/analysis/test_properties.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .overdispersion import adjusted_z

# Rate comparisons with a count below this use the exact test.
SMALL_COUNT = 10
# scipy.stats.binomtest's relative tolerance for "as likely as the observed count".
_RELATIVE_TIE = 1 + 1e-7
# A tail sum stops when the rest is provably below this share of it.
_TAIL_PRECISION = 1e-17
_LN_2PI = math.log(2 * math.pi)


class Verdict(StrEnum):
    WORSE = "sign_worse"
    SAME = "not_different"
    BETTER = "sign_better"
    DIFFERENT = "sign_different"  # significant, for an indicator without a better or worse side
    NOT_TESTABLE = "not_testable"


@dataclass(frozen=True)
class TestResult:
    """A test's statistic and two-sided p-value.

    For the normal tests the statistic is z; for the exact test (`exact` true) it is the
    observed share c1 / (c1 + c2), as scipy.stats.binomtest reports it.
    """

    statistic: float
    p_value: float
    exact: bool = False


@dataclass(frozen=True)
class Estimate:
    """An estimate d and its sampling variance v > 0 on the test's scale."""

    d: float
    v: float


def _finite(*values: float) -> bool:
    return all(math.isfinite(value) for value in values)


def _proportion_ok(k: float, n: float) -> bool:
    return _finite(k, n) and n > 0 and 0 <= k <= n


def _rate_ok(c: float, t: float) -> bool:
    return _finite(c, t) and c >= 0 and t > 0


# Multiplied, not divided: polars may divide a column by a constant as a multiplication by its
# inverse, and the column form (`vectorised.two_sided_p`) must round exactly alike.
INVERSE_SQRT2 = 1 / math.sqrt(2)


def normal_two_sided_p(z: float) -> float:
    return math.erfc(abs(z) * INVERSE_SQRT2)


def _normal_test(estimate: Estimate | None, tau2: float | None) -> TestResult | None:
    z = None if estimate is None else adjusted_z(estimate.d, estimate.v, tau2)
    return None if z is None else TestResult(z, normal_two_sided_p(z))


def proportion_estimate(k1: float, n1: float, k2: float, n2: float) -> Estimate | None:
    """d = k1/n1 - k2/n2 with the pooled variance; None when invalid or the variance is 0."""
    if not (_proportion_ok(k1, n1) and _proportion_ok(k2, n2)):
        return None
    pooled = (k1 + k2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    return Estimate(k1 / n1 - k2 / n2, variance) if variance > 0 else None


def two_proportion_z(
    k1: float, n1: float, k2: float, n2: float, *, tau2: float | None = None
) -> TestResult | None:
    """Pooled two-proportion z-test of k1/n1 against k2/n2 (widened by tau2 when given)."""
    return _normal_test(proportion_estimate(k1, n1, k2, n2), tau2)


def _log_rate(count: float, time: float) -> float:
    """log(count / time), as a difference of logs so that a tiny rate cannot underflow to 0."""
    return math.log(count) - math.log(time)


def _haldane(count: float) -> float:
    return 0.5 if count == 0 else count


def rate_estimate(
    c1: float, t1: float, c2: float, t2: float, *, haldane: bool = False
) -> Estimate | None:
    """d = log((c1/t1) / (c2/t2)), v = 1/c1 + 1/c2; None with a zero count unless `haldane`
    (then 0.5 stands in for a zero count)."""
    if not (_rate_ok(c1, t1) and _rate_ok(c2, t2)):
        return None
    if haldane:
        c1, c2 = _haldane(c1), _haldane(c2)
    if min(c1, c2) <= 0:
        return None
    return Estimate(_log_rate(c1, t1) - _log_rate(c2, t2), 1 / c1 + 1 / c2)


def log_rate_ratio_z(
    c1: float,
    t1: float,
    c2: float,
    t2: float,
    *,
    tau2: float | None = None,
    haldane: bool = False,
) -> TestResult | None:
    """Wald test on the log rate ratio (normal approximation), widened by tau2 when given."""
    return _normal_test(rate_estimate(c1, t1, c2, t2, haldane=haldane), tau2)


def _stirlerr(n: float) -> float:
    """log(n!) - log(sqrt(2 pi n) (n/e)^n) for n >= 1 (C. Loader, "Fast and accurate
    computation of binomial probabilities", 2000; the algorithm of R's and scipy's dbinom)."""
    if n <= 15:
        return math.lgamma(n + 1) - (n + 0.5) * math.log(n) + n - 0.5 * _LN_2PI
    nn = n * n
    s0, s1, s2, s3, s4 = 1 / 12, 1 / 360, 1 / 1260, 1 / 1680, 1 / 1188
    if n > 500:
        return (s0 - s1 / nn) / n
    if n > 80:
        return (s0 - (s1 - s2 / nn) / nn) / n
    if n > 35:
        return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n
    return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n


def _bd0(x: float, mean: float) -> float:
    """x log(x/mean) + mean - x without cancellation (Loader 2000)."""
    if abs(x - mean) < 0.1 * (x + mean):
        ratio = (x - mean) / (x + mean)
        total = (x - mean) * ratio
        term = 2 * x * ratio
        ratio *= ratio
        for j in range(1, 1000):
            term *= ratio
            following = total + term / (2 * j + 1)
            if following == total:
                return following
            total = following
    return x * math.log(x / mean) + mean - x


def _log_binomial_pmf(x: int, n: int, p: float, q: float) -> float:
    """log P(X = x) for X ~ Bin(n, p), q = 1 - p, 0 < p < 1 (Loader 2000)."""
    if x == 0:
        return -_bd0(n, n * q) - n * p if p < 0.1 else n * math.log(q)
    if x == n:
        return -_bd0(n, n * p) - n * q if q < 0.1 else n * math.log(p)
    log_c = _stirlerr(n) - _stirlerr(x) - _stirlerr(n - x) - _bd0(x, n * p) - _bd0(n - x, n * q)
    return log_c - 0.5 * (_LN_2PI + math.log(x) + math.log1p(-x / n))


def _tail(start: int, step: int, n: int, p: float, q: float) -> float:
    """Σ P(X = x) from `start` away from the mode (step -1 down to 0, +1 up to n).

    The terms fall with a ratio that itself falls, so once the geometric bound on the rest is
    below `_TAIL_PRECISION` of the sum, the rest is negligible.
    """
    term = math.exp(_log_binomial_pmf(start, n, p, q))
    total, x = 0.0, start
    while term > 0:
        total += term
        if x == (0 if step < 0 else n):
            break
        ratio = x / (n - x + 1) * (q / p) if step < 0 else (n - x) / (x + 1) * (p / q)
        term *= ratio
        x += step
        if ratio < 1 and term / (1 - ratio) <= total * _TAIL_PRECISION:
            break
    return total


def _first(low: int, high: int, below: bool, n: int, p: float, q: float, limit: float) -> int:
    """Binary search on [low, high] where log pmf is monotone: the smallest x with
    pmf(x) <= limit when pmf falls (below=False), the largest when it rises (below=True);
    -1 when there is none."""
    found = -1
    while low <= high:
        middle = (low + high) // 2
        if _log_binomial_pmf(middle, n, p, q) <= limit:
            found = middle
            low, high = (middle + 1, high) if below else (low, middle - 1)
        else:
            low, high = (low, middle - 1) if below else (middle + 1, high)
    return found


def _binomial_two_sided(k: int, n: int, p: float, q: float) -> float:
    """Two-sided p of k ~ Bin(n, p) by scipy.stats.binomtest's rule: the total probability of
    every outcome no more likely than k (with its relative tolerance 1e-7)."""
    expected = p * n
    if k == expected:
        return 1.0
    limit = _log_binomial_pmf(k, n, p, q) + math.log(_RELATIVE_TIE)
    if k < expected:
        other = _first(math.ceil(expected), n, False, n, p, q, limit)
        total = _tail(k, -1, n, p, q) + (_tail(other, 1, n, p, q) if other >= 0 else 0.0)
    else:
        other = _first(0, math.floor(expected), True, n, p, q, limit)
        total = _tail(k, 1, n, p, q) + (_tail(other, -1, n, p, q) if other >= 0 else 0.0)
    return min(1.0, total)


def poisson_rate_exact(c1: float, t1: float, c2: float, t2: float) -> TestResult | None:
    """Exact conditional test of equal Poisson rates c1/t1 and c2/t2.

    Given c1 + c2 events, c1 ~ Bin(c1 + c2, t1 / (t1 + t2)) under equal rates; the two-sided p
    is scipy.stats.binomtest(c1, c1 + c2, t1 / (t1 + t2)).pvalue (checked against a fixture).
    Counts must be whole; None without any event (c1 + c2 = 0) or for invalid input.
    """
    if not (_rate_ok(c1, t1) and _rate_ok(c2, t2)) or c1 != int(c1) or c2 != int(c2):
        return None
    k, n = int(c1), int(c1) + int(c2)
    if n == 0:
        return None
    p = t1 / (t1 + t2)
    if not 0 < p < 1:  # one population below 1e-16 of the other: rounding, not a test
        return None
    return TestResult(k / n, _binomial_two_sided(k, n, p, 1 - p), exact=True)


def poisson_rate_ratio(
    c1: float, t1: float, c2: float, t2: float, *, tau2: float | None = None
) -> TestResult | None:
    """Test of equal Poisson rates: exact when a count is below `SMALL_COUNT` (zero included),
    else the Wald test on the log rate ratio.

    With tau2 > 0 a small-count test reports max(exact p, random-effects p), the random-effects z
    using 0.5 for a zero count (Haldane): conservative, as neither alone allows for both the
    small count and the variation between units.
    """
    if not (_rate_ok(c1, t1) and _rate_ok(c2, t2)):
        return None
    if min(c1, c2) >= SMALL_COUNT:
        return log_rate_ratio_z(c1, t1, c2, t2, tau2=tau2)
    exact = poisson_rate_exact(c1, t1, c2, t2)
    if exact is None or tau2 is None or tau2 == 0:
        return exact
    widened = log_rate_ratio_z(c1, t1, c2, t2, tau2=tau2, haldane=True)
    if widened is None:  # tau2 negative or not finite
        return None
    return TestResult(exact.statistic, max(exact.p_value, widened.p_value), exact=True)


def _two(changes: Sequence[tuple[float, float, float, float]]) -> None:
    if len(changes) != 2:
        raise ValueError("two groups expected")


def proportion_change_estimate(
    changes: Sequence[tuple[float, float, float, float]],
) -> Estimate | None:
    """d = (p_a2 - p_a1) - (p_b2 - p_b1), v = Σ p(1-p)/n over the four proportions.

    `changes` holds (k_a1, n_a1, k_a2, n_a2) and (k_b1, n_b1, k_b2, n_b2): area before/after and
    reference before/after.
    """
    _two(changes)
    if not all(_proportion_ok(k1, n1) and _proportion_ok(k2, n2) for k1, n1, k2, n2 in changes):
        return None
    estimate, variance = 0.0, 0.0
    for sign, (k1, n1, k2, n2) in zip((1, -1), changes, strict=True):
        p1, p2 = k1 / n1, k2 / n2
        estimate += sign * (p2 - p1)
        variance += p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2
    return Estimate(estimate, variance) if variance > 0 else None


def difference_of_differences(
    changes: Sequence[tuple[float, float, float, float]], *, tau2: float | None = None
) -> TestResult | None:
    """z-test that (p_a2 - p_a1) - (p_b2 - p_b1) is zero for independent proportions."""
    return _normal_test(proportion_change_estimate(changes), tau2)


def rate_change_estimate(
    changes: Sequence[tuple[float, float, float, float]],
) -> Estimate | None:
    """d = log RR_a - log RR_b with RR = (c2/t2) / (c1/t1), v = Σ 1/c over the four counts.

    `changes` holds (c_a1, t_a1, c_a2, t_a2) and (c_b1, t_b1, c_b2, t_b2); None with a zero count.
    """
    _two(changes)
    if not all(_rate_ok(c1, t1) and _rate_ok(c2, t2) for c1, t1, c2, t2 in changes):
        return None
    if min(min(c1, c2) for c1, _, c2, _ in changes) <= 0:
        return None
    estimate, variance = 0.0, 0.0
    for sign, (c1, t1, c2, t2) in zip((1, -1), changes, strict=True):
        estimate += sign * (_log_rate(c2, t2) - _log_rate(c1, t1))
        variance += 1 / c1 + 1 / c2
    return Estimate(estimate, variance)


def rate_difference_of_changes(
    changes: Sequence[tuple[float, float, float, float]], *, tau2: float | None = None
) -> TestResult | None:
    """Wald z-test that the log ratio of the two rate ratios is zero (area's change against the
    reference's change)."""
    return _normal_test(rate_change_estimate(changes), tau2)


def is_relevant(difference: float | None, reference: float | None, minimum: float) -> bool | None:
    """Whether |difference| / |reference| >= minimum (e.g. |a/b - 1| with difference a - b and
    reference b). A zero reference makes any non-zero difference relevant; None when either is
    missing or not finite."""
    if difference is None or reference is None or not _finite(difference, reference):
        return None
    if reference == 0:
        return difference != 0
    return abs(difference) / abs(reference) >= minimum


def _valid_p(p: float) -> bool:
    if math.isnan(p):
        return False
    if not 0 <= p <= 1:
        raise ValueError(f"p-value outside [0, 1]: {p}")
    return True


def benjamini_hochberg(p_values: Sequence[float | None]) -> list[float | None]:
    """BH-adjusted p-values (q-values), in the input order: q_(i) = min over ranks k >= i of
    p_(k) · (m / k), capped at 1. None and NaN are not tests: not counted in m, q None.
    A p-value outside [0, 1] raises ValueError."""
    indexed = sorted((p, i) for i, p in enumerate(p_values) if p is not None and _valid_p(p))
    m = len(indexed)
    adjusted: list[float | None] = [None] * len(p_values)
    running = 1.0
    for rank in range(m, 0, -1):
        p, index = indexed[rank - 1]
        running = min(running, p * (m / rank))
        adjusted[index] = min(1.0, running)
    return adjusted


def verdict(
    difference: float | None,
    q_value: float | None,
    higher_is_worse: bool | None,
    alpha: float = 0.05,
    relevant: bool | None = None,
) -> Verdict:
    """Sign. worse/better by the indicator's polarity, or not different; not testable without q.

    Significant means q <= alpha and, when `relevant` is given, a relevant difference
    (`is_relevant`): relevant False gives not different; None means not assessed.
    """
    if difference is None or q_value is None or math.isnan(difference) or math.isnan(q_value):
        return Verdict.NOT_TESTABLE
    if q_value > alpha or difference == 0 or relevant is False:
        return Verdict.SAME
    if higher_is_worse is None:
        return Verdict.DIFFERENT
    worse = difference > 0 if higher_is_worse else difference < 0
    return Verdict.WORSE if worse else Verdict.BETTER
