"""Confidence intervals for proportions (Wilson) and counts (exact Poisson, Byars), METHODS.md §3.

Every function returns None for input it cannot honestly use: a count below zero, a proportion
outside [0, 1], no trials or no population, or a value that is not finite.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054

# Below this count a rate interval is the exact Poisson (Garwood) interval, from it on Byars'.
EXACT_BELOW = 10

# Exact Poisson (Garwood 1936) 95% interval of a count c: lower = chi2.ppf(0.025, 2c) / 2 (0 for
# c = 0), upper = chi2.ppf(0.975, 2c + 2) / 2. Computed once with scipy 1.17.1 by
# tests/data/reference/make_reference.py and pasted at full precision; the suite checks them
# against its fixture. Byars' approximation is far off here (its lower bound at c = 1 is 0.0131
# against the exact 0.0253).
POISSON_EXACT_95: tuple[tuple[float, float], ...] = (
    (0.0, 3.6888794541139354),
    (0.025317807984289876, 5.571643390938898),
    (0.24220927854396496, 7.22468766772396),
    (0.6186721228956014, 8.767273069742323),
    (1.0898653736263249, 10.241588675403694),
    (1.6234863901184207, 11.66833207932267),
    (2.2018942534908508, 13.059474022518685),
    (2.8143630515198654, 14.422675361702376),
    (3.4538321767485014, 15.763189220193313),
    (4.115373097378334, 17.084803451419166),
)


@dataclass(frozen=True)
class Interval:
    lower: float
    upper: float


def _finite(*values: float) -> bool:
    return all(math.isfinite(value) for value in values)


def wilson(successes: float, trials: float, z: float = Z95) -> Interval | None:
    """Wilson score interval for successes/trials; None unless 0 <= successes <= trials > 0."""
    if not _finite(successes, trials) or trials <= 0 or not 0 <= successes <= trials:
        return None
    # The usual (p + z²/2n) / (1 + z²/n) ± ..., multiplied through by n: no 1/n² to overflow.
    denominator = trials + z * z
    centre = (successes + z * z / 2) / denominator
    spread = successes * (trials - successes) / trials + z * z / 4
    half = z * math.sqrt(spread) / denominator
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


def byars(count: float, z: float = Z95) -> Interval | None:
    """Byars' approximation of the exact Poisson interval for an observed count.

    Multiply by (multiplier / population) to get the interval of a rate per population.
    """
    if not _finite(count) or count < 0:
        return None
    # The cube of a negative base only ends in a lower bound of 0 (and overflows for a tiny count).
    base = 1 - 1 / (9 * count) - z / (3 * math.sqrt(count)) if count > 0 else 0.0
    lower = count * base**3 if base > 0 else 0.0
    upper_count = count + 1
    upper = upper_count * (1 - 1 / (9 * upper_count) + z / (3 * math.sqrt(upper_count))) ** 3
    return Interval(lower, upper)


def poisson_exact(count: float) -> Interval | None:
    """The exact (Garwood) 95% interval of a whole count 0..9 from the table; None otherwise."""
    if not _finite(count) or count != int(count) or not 0 <= count < EXACT_BELOW:
        return None
    lower, upper = POISSON_EXACT_95[int(count)]
    return Interval(lower, upper)


def poisson_interval(count: float) -> Interval | None:
    """95% interval of a Poisson count: exact below 10, Byars from 10 on.

    A count below 10 must be whole (the exact interval is defined for whole counts only); a
    fractional small count, like a negative or non-finite one, gives None.
    """
    if _finite(count) and count >= EXACT_BELOW:
        return byars(count)
    return poisson_exact(count)


def rate_interval(count: float, population: float, multiplier: float) -> Interval | None:
    """Interval of count/population × multiplier (e.g. per 100,000), via `poisson_interval`."""
    interval = poisson_interval(count)
    if interval is None or not _finite(population, multiplier) or population <= 0:
        return None
    scale = multiplier / population
    return Interval(interval.lower * scale, interval.upper * scale)
