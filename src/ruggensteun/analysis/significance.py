"""Two-group tests and false-discovery-rate control, METHODS.md §3."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Verdict(StrEnum):
    WORSE = "sign_worse"
    SAME = "not_different"
    BETTER = "sign_better"
    DIFFERENT = "sign_different"  # significant, for an indicator without a better or worse side
    NOT_TESTABLE = "not_testable"


@dataclass(frozen=True)
class TestResult:
    statistic: float
    p_value: float


def normal_two_sided_p(z: float) -> float:
    return math.erfc(abs(z) / math.sqrt(2))


def two_proportion_z(k1: float, n1: float, k2: float, n2: float) -> TestResult | None:
    """Pooled two-proportion z-test of k1/n1 against k2/n2."""
    if min(n1, n2) <= 0 or not (0 <= k1 <= n1 and 0 <= k2 <= n2):
        return None
    pooled = (k1 + k2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if variance <= 0:
        return None
    z = (k1 / n1 - k2 / n2) / math.sqrt(variance)
    return TestResult(z, normal_two_sided_p(z))


def poisson_rate_ratio(c1: float, t1: float, c2: float, t2: float) -> TestResult | None:
    """Test of equal Poisson rates c1/t1 and c2/t2 (normal approximation on the log rate ratio)."""
    if min(c1, c2) <= 0 or min(t1, t2) <= 0:
        return None
    z = math.log((c1 / t1) / (c2 / t2)) / math.sqrt(1 / c1 + 1 / c2)
    return TestResult(z, normal_two_sided_p(z))


def difference_of_differences(
    changes: Sequence[tuple[float, float, float, float]],
) -> TestResult | None:
    """z-test that (p_a2 - p_a1) - (p_b2 - p_b1) is zero for independent proportions.

    `changes` holds (k_a1, n_a1, k_a2, n_a2) and (k_b1, n_b1, k_b2, n_b2): area before/after and
    reference before/after.
    """
    if len(changes) != 2:
        raise ValueError("two groups expected")
    estimate, variance = 0.0, 0.0
    for sign, (k1, n1, k2, n2) in zip((1, -1), changes, strict=True):
        if min(n1, n2) <= 0:
            return None
        p1, p2 = k1 / n1, k2 / n2
        estimate += sign * (p2 - p1)
        variance += p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2
    if variance <= 0:
        return None
    z = estimate / math.sqrt(variance)
    return TestResult(z, normal_two_sided_p(z))


def benjamini_hochberg(p_values: Sequence[float | None]) -> list[float | None]:
    """BH-adjusted p-values (q-values), in the input order; None stays None."""
    indexed = sorted((p, i) for i, p in enumerate(p_values) if p is not None)
    m = len(indexed)
    adjusted: list[float | None] = [None] * len(p_values)
    running = 1.0
    for rank in range(m, 0, -1):
        p, index = indexed[rank - 1]
        running = min(running, p * m / rank)
        adjusted[index] = min(1.0, running)
    return adjusted


def verdict(
    difference: float | None,
    q_value: float | None,
    higher_is_worse: bool | None,
    alpha: float = 0.05,
) -> Verdict:
    """Sign. worse/better by the indicator's polarity, or not different; not testable without q."""
    if difference is None or q_value is None:
        return Verdict.NOT_TESTABLE
    if q_value >= alpha or difference == 0:
        return Verdict.SAME
    if higher_is_worse is None:
        return Verdict.DIFFERENT
    worse = difference > 0 if higher_is_worse else difference < 0
    return Verdict.WORSE if worse else Verdict.BETTER
