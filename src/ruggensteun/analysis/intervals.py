"""Confidence intervals for proportions (Wilson) and counts (Byars), METHODS.md §3."""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Interval:
    lower: float
    upper: float


def wilson(successes: float, trials: float, z: float = Z95) -> Interval | None:
    """Wilson score interval for successes/trials; None without trials."""
    if trials <= 0 or successes < 0 or successes > trials:
        return None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


def byars(count: float, z: float = Z95) -> Interval | None:
    """Byars' approximation of the exact Poisson interval for an observed count.

    Multiply by (multiplier / population) to get the interval of a rate per population.
    """
    if count < 0:
        return None
    lower = 0.0 if count == 0 else count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    upper_count = count + 1
    upper = upper_count * (1 - 1 / (9 * upper_count) + z / (3 * math.sqrt(upper_count))) ** 3
    return Interval(max(0.0, lower), upper)


def rate_interval(count: float, population: float, multiplier: float) -> Interval | None:
    """Interval of count/population × multiplier (e.g. per 100,000), via Byars on the count."""
    interval = byars(count)
    if interval is None or population <= 0:
        return None
    scale = multiplier / population
    return Interval(interval.lower * scale, interval.upper * scale)
