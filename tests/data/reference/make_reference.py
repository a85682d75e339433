"""Make the reference fixtures of the analysis core's statistics (issue 14). Run once, by hand.

The analysis core is pure (polars + stdlib, docs/adr/0002), so scipy, statsmodels and numpy are
not dependencies of the project. This script computes the reference values with them in a
throwaway virtual environment and writes them as JSON next to itself; the tests in
tests/analysis/ (test_intervals, test_significance, test_overdispersion) compare the core against
the JSON and never run this script.

    uv venv /tmp/refvenv && uv pip install --python /tmp/refvenv scipy statsmodels numpy
    /tmp/refvenv/bin/python tests/data/reference/make_reference.py

Every fixture is {"source": <library and version>, "cases": [...]}; a case whose reference is
undefined (the library returns NaN or raises) has null there.
"""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import scipy
import statsmodels
from scipy.stats import binomtest, chi2
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

HERE = Path(__file__).resolve().parent
RNG = np.random.default_rng(20240614)
SCIPY = f"scipy {scipy.__version__}"
STATSMODELS = f"statsmodels {statsmodels.__version__}"


def number(value: Any) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def write(name: str, source: str, cases: list[dict[str, Any]]) -> None:
    text = json.dumps({"source": source, "cases": cases}, indent=1)
    (HERE / f"{name}.json").write_text(text + "\n", encoding="utf-8")
    print(f"{name}.json: {len(cases)} cases")


def wilson() -> None:
    pairs = [(0, 1), (1, 1), (0, 10), (10, 10), (1, 2), (5, 50), (10, 100), (50, 100), (99, 100)]
    pairs += [(0, 1_000_000), (1, 1_000_000), (999_999, 1_000_000), (3, 7), (30_000, 118_690)]
    drawn = zip(RNG.integers(1, 200_000, 16), RNG.random(16), strict=True)
    pairs += [(int(n * p), int(n)) for n, p in drawn]
    cases = []
    for k, n in pairs:
        lower, upper = proportion_confint(k, n, alpha=0.05, method="wilson")
        cases.append({"k": k, "n": n, "lower": number(lower), "upper": number(upper)})
    write("wilson", STATSMODELS + " proportion_confint(method='wilson')", cases)


def poisson_exact() -> None:
    cases = []
    for count in [*range(41), 50, 100, 1_000, 10_000]:
        lower = 0.0 if count == 0 else chi2.ppf(0.025, 2 * count) / 2
        upper = chi2.ppf(0.975, 2 * count + 2) / 2
        cases.append({"count": count, "lower": number(lower), "upper": number(upper)})
    write("poisson_exact", SCIPY + " chi2.ppf (Garwood)", cases)


def binomial_exact() -> None:
    rates = [
        (0, 20_000, 1_000, 1_000_000),  # the example: exact p about 4e-9
        (0, 1_000, 0, 1_000),
        (0, 1_000, 1, 1_000),
        (1, 1_000, 1, 1_000),
        (3, 1_000, 3, 1_000),  # k equals its expectation: p = 1
        (3, 500, 7, 500),  # p = 0.5: ties on both sides
        (5, 500, 5, 1_500),
        (9, 10_000, 40, 10_000),
        (0, 50, 12, 50),
        (12, 50, 0, 50),
        (2, 100, 900, 100_000),
        (9, 3_000, 9_999, 1_000_000),
        (1, 7, 0, 3),
        (4, 1, 9, 100),
        (8, 40_000, 120, 60_000),
        (0, 1, 7, 1_000_000),
        (7, 1_000_000, 0, 1),
        (1_000, 1_000_000, 3, 20_000),
        (250_000, 1_000_000, 9, 40),
        (6, 123_456, 1_234, 17_000_000),
    ]
    rates += [
        (int(a), int(t1), int(b), int(t2))
        for a, b, t1, t2 in zip(
            RNG.integers(0, 10, 10),
            RNG.integers(0, 3_000, 10),
            RNG.integers(100, 100_000, 10),
            RNG.integers(100, 1_000_000, 10),
            strict=True,
        )
    ]
    cases = []
    for c1, t1, c2, t2 in rates:
        p = None if c1 + c2 == 0 else number(binomtest(c1, c1 + c2, t1 / (t1 + t2)).pvalue)
        cases.append({"c1": c1, "t1": t1, "c2": c2, "t2": t2, "p": p})
    write("binomial_exact", SCIPY + " binomtest(c1, c1 + c2, t1 / (t1 + t2)) two-sided", cases)


def two_proportion() -> None:
    groups = [
        (30, 100, 20, 100),
        (0, 100, 0, 100),
        (100, 100, 100, 100),
        (0, 100, 5, 100),
        (100, 100, 95, 100),
        (1, 1, 0, 1),
        (10, 900, 190, 1_000),
        (5, 50, 200, 1_000),
        (13_800, 100_000, 13_670, 100_000),
        (34_830, 118_690, 127_290, 422_910),
        (1, 2, 1, 3),
        (0, 1_000_000, 1, 1_000_000),
    ]
    groups += [
        (int(n1 * a), int(n1), int(n2 * b), int(n2))
        for n1, n2, a, b in zip(
            RNG.integers(1, 50_000, 18),
            RNG.integers(1, 500_000, 18),
            RNG.random(18),
            RNG.random(18),
            strict=True,
        )
    ]
    cases = []
    for k1, n1, k2, n2 in groups:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            z, p = proportions_ztest(np.array([k1, k2]), np.array([n1, n2]))
        valid = math.isfinite(z) and math.isfinite(p)
        cases.append(
            {"k1": k1, "n1": n1, "k2": k2, "n2": n2}
            | {"z": number(z) if valid else None, "p": number(p) if valid else None}
        )
    write("two_proportion", STATSMODELS + " proportions_ztest (pooled)", cases)


def benjamini_hochberg() -> None:
    vectors: list[list[float | None]] = [
        [0.01, 0.04, 0.03, 0.5],
        [0.05],
        [0.0],
        [1.0, 1.0, 1.0],
        [0.0, 0.0, 0.05, 0.05, 0.05],
        [0.02, 0.02, 0.02, 0.02],
        [0.001, None, 0.2, float("nan"), 0.04],
        [None, None],
        [float("nan")],
        [0.049, 0.0245, 0.9],
        [4e-9, 3e-5, 0.0499, 0.05, 0.051, 0.3, 0.99],
    ]
    for size in (2, 3, 5, 10, 20, 40, 100):
        for _ in range(3):
            draw = RNG.random(size) ** RNG.uniform(1, 6)
            vectors.append([round(float(p), 6) if size > 20 else float(p) for p in draw])
    cases: list[dict[str, Any]] = []
    for vector in vectors:
        present = [i for i, p in enumerate(vector) if p is not None and not math.isnan(p)]
        q: list[float | None] = [None] * len(vector)
        if present:
            adjusted = multipletests([vector[i] for i in present], method="fdr_bh")[1]
            for i, value in zip(present, adjusted, strict=True):
                q[i] = float(value)
        # JSON has no NaN: it is written as the string "nan".
        written = ["nan" if p is not None and math.isnan(p) else p for p in vector]
        cases.append({"p": written, "q": q})
    write("benjamini_hochberg", STATSMODELS + " multipletests(method='fdr_bh')", cases)


def spiegelhalter(d: np.ndarray, v: np.ndarray) -> dict[str, float] | None:
    """Spiegelhalter (2005): winsorised z at the 10th/90th percentile, phi = mean z_w², additive
    DerSimonian-Laird tau² = (I phi - (I - 1)) / (Σw - Σw²/Σw), w = 1/v; at least 10 units."""
    usable = np.isfinite(d) & np.isfinite(v) & (v > 0)
    d, v = d[usable], v[usable]
    if d.size < 10:
        return None
    z = d / np.sqrt(v)
    low, high = np.percentile(z, [10, 90])
    phi = float(np.mean(np.clip(z, low, high) ** 2))
    w = 1 / v
    units = d.size
    excess = units * phi - (units - 1)
    tau2 = excess / (w.sum() - (w**2).sum() / w.sum()) if excess > 0 else 0.0
    return {"units": int(units), "phi": phi, "tau2": float(tau2)}


def overdispersion() -> None:
    cases: list[dict[str, Any]] = []
    for units, spread in [(10, 0.0), (12, 0.02), (30, 0.05), (60, 0.2), (9, 0.1), (200, 0.01)]:
        rates = 0.15 * np.exp(RNG.normal(0, spread, units))  # spread 0: chance alone
        sizes = RNG.integers(200, 200_000, units)
        counts = RNG.binomial(sizes, np.clip(rates, 0, 1))
        national = counts.sum() / sizes.sum()
        p = counts / sizes
        d = p - national
        v = national * (1 - national) / sizes
        cases.append({"d": d.tolist(), "v": v.tolist(), "expected": spiegelhalter(d, v)})
    d = RNG.normal(0, 1, 25)
    v = RNG.uniform(0.5, 2, 25)
    d[3], v[7], v[11] = np.nan, 0.0, np.inf  # units without a finite z are left out
    cases.append({"d": [number(x) for x in d], "v": [number(x) for x in v]})
    cases[-1]["v"][11] = "inf"
    cases[-1]["expected"] = spiegelhalter(d, v)
    zeros, ones = np.zeros(15), np.ones(15)
    cases.append({"d": zeros.tolist(), "v": ones.tolist(), "expected": spiegelhalter(zeros, ones)})
    source = f"numpy {np.__version__} (Spiegelhalter 2005, DerSimonian-Laird)"
    write("overdispersion", source, cases)


if __name__ == "__main__":
    wilson()
    poisson_exact()
    binomial_exact()
    two_proportion()
    benjamini_hochberg()
    overdispersion()
