"""Area figures from members with an unpublished count, population-weighted estimates and CBS's
rounding in the variance (issue 15), on small cases computed by hand."""

import math
from typing import Any

import polars as pl
import pytest

from ruggensteun.analysis.aggregate import UNPUBLISHED_SHARE, aggregate_areas
from ruggensteun.analysis.compare import compare
from ruggensteun.analysis.rounding import rounding_variance
from ruggensteun.analysis.spec import AREAS, INDICATORS, OBSERVATIONS, Reason, frame
from tests.analysis.cases import obs

pytestmark = pytest.mark.issue(15)

RATE = {
    "indicator": "bijstand",
    "domain": "werk_inkomen",
    "kind": "rate",
    "multiplier": 1000.0,
    "higher_is_worse": True,
    "min_count": 5.0,
    "min_denominator": 50.0,
    "testable": True,
    "baseline": None,
    "rounding": 10.0,
}
ESTIMATE = {**RATE, "indicator": "schatting", "kind": "estimate", "multiplier": 1.0}
ESTIMATE.update(testable=False, rounding=None)
MEMBERS = ("WK000101", "WK000102", "WK000103")


def areas(populations: tuple[float | None, ...] = (None, None, None)) -> pl.DataFrame:
    rows = [
        {"area": "noord", "municipality": "GM0001", "member": code, "population": population}
        for code, population in zip(MEMBERS, populations, strict=True)
    ]
    return frame(rows, AREAS)


def aggregate(
    rows: list[dict[str, object]], populations: tuple[float | None, ...] = (None,) * 3
) -> dict[tuple[str, str], dict[str, Any]]:
    result = aggregate_areas(
        frame(rows, OBSERVATIONS), areas(populations), frame([RATE, ESTIMATE], INDICATORS)
    )
    return {(r["indicator"], r["period"]): r for r in result.to_dicts()}


def test_a_small_unpublished_member_is_left_out_of_numerator_and_denominator() -> None:
    """1,000 + 980 inhabitants published, 20 unpublished: 20 / 2,000 = 1 % ≤ the threshold. The
    area is (60 + 40) / (1,000 + 980) per 1,000 = 50.505, naming the member left out."""
    rows = [
        obs("WK000101", "bijstand", "2020", 60, 1000),
        obs("WK000102", "bijstand", "2020", 40, 980),
        obs("WK000103", "bijstand", "2020", None, 20, symbol="."),
    ]
    row = aggregate(rows)[("bijstand", "2020")]
    assert (row["area_num"], row["area_den"]) == (100, 1980)
    assert row["area_value"] == pytest.approx(100 / 1980 * 1000)
    assert row["area_reason"] is None and row["area_basis"] == "published_members"
    assert (row["area_omitted"], row["area_omitted_den"]) == (["WK000103"], 20)
    assert row["area_counts"] == 2  # two rounded counts in the sum


def test_a_larger_unpublished_member_gives_no_area_figure_as_before() -> None:
    """30 unpublished of 2,010 inhabitants is 1.5 % > 1 %: no figure, not published."""
    assert UNPUBLISHED_SHARE == 0.01
    rows = [
        obs("WK000101", "bijstand", "2020", 60, 1000),
        obs("WK000102", "bijstand", "2020", 40, 980),
        obs("WK000103", "bijstand", "2020", None, 30, symbol="."),
    ]
    row = aggregate(rows)[("bijstand", "2020")]
    assert row["area_value"] is None and row["area_num"] is None and row["area_den"] is None
    assert row["area_reason"] == Reason.NOT_PUBLISHED.value
    assert row["area_basis"] is None and row["area_omitted"] is None


def test_an_unpublished_member_without_its_denominator_gives_no_area_figure() -> None:
    rows = [
        obs("WK000101", "bijstand", "2020", 60, 1000),
        obs("WK000102", "bijstand", "2020", 40, 980),
        obs("WK000103", "bijstand", "2020", None, None, symbol="."),
    ]
    assert aggregate(rows)[("bijstand", "2020")]["area_reason"] == Reason.NOT_PUBLISHED.value


def test_the_rest_contains_the_unpublished_member() -> None:
    """Municipality 300 of 5,000: the rest is (300 − 100) / (5,000 − 1,980), with the
    unpublished member in it."""
    rows = [
        obs("WK000101", "bijstand", "2020", 60, 1000),
        obs("WK000102", "bijstand", "2020", 40, 980),
        obs("WK000103", "bijstand", "2020", None, 20, symbol="."),
        obs("GM0001", "bijstand", "2020", 300, 5000),
    ]
    result = compare(frame(rows, OBSERVATIONS), areas(), frame([RATE], INDICATORS))
    row = result.filter(pl.col("indicator") == "bijstand").to_dicts()[0]
    assert (row["rest_num"], row["rest_den"]) == (200, 3020)
    assert row["rest_reason"] is None and row["area_reason"] is None


def test_estimates_of_several_members_are_weighted_by_population() -> None:
    """20 % among 1,000, 30 % among 3,000 and 10 % among 1,000: (20 + 90 + 10) / 5 = 24 %."""
    rows = [
        obs("WK000101", "schatting", "2020", None, None, 20.0),
        obs("WK000102", "schatting", "2020", None, None, 30.0),
        obs("WK000103", "schatting", "2020", None, None, 10.0),
    ]
    row = aggregate(rows, (1000, 3000, 1000))[("schatting", "2020")]
    assert row["area_value"] == pytest.approx(24.0)
    assert row["area_basis"] == "population_weighted" and row["area_reason"] is None
    assert row["area_num"] is None and row["area_den"] is None


def test_estimates_without_every_population_are_not_computable_with_the_reason() -> None:
    rows = [
        obs("WK000101", "schatting", "2020", None, None, 20.0),
        obs("WK000102", "schatting", "2020", None, None, 30.0),
        obs("WK000103", "schatting", "2020", None, None, 10.0),
    ]
    row = aggregate(rows, (1000, None, 1000))[("schatting", "2020")]
    assert row["area_value"] is None
    assert row["area_reason"] == Reason.NOT_COMPUTABLE.value
    assert row["area_detail"] == "population_unknown"


def _variance(kind: str, count: float, size: float, rounded: float, base: float) -> float:
    table = pl.DataFrame({"kind": [kind], "rounding": [base], "k": [count], "n": [size]})
    return table.select(rounding_variance(pl.col("k"), pl.col("n"), rounded)).item()


def test_rounding_adds_k_r_squared_over_12_on_the_tests_scale() -> None:
    """Two counts rounded to 10 in a sum of 120: 2·100/12 = 16.67 on the count, 16.67 / 120² =
    0.0011574 on the log scale of a rate; for a proportion 120 of 2,000 it is 16.67 / 2,000²."""
    assert _variance("rate", 120, 2000, 2, 10) == pytest.approx(2 * 100 / 12 / 120**2)
    assert _variance("proportion", 120, 2000, 2, 10) == pytest.approx(2 * 100 / 12 / 2000**2)
    assert _variance("rate", 120, 2000, 2, 0) == 0.0  # exact counts: nothing added


def test_the_area_against_its_rest_is_widened_by_the_rounding() -> None:
    """Area 60 + 60 of 2,000 (two rounded counts) against the rest 400 of 8,000 (municipality
    minus area: three). d = ln(0.06 / 0.05); v = 1/120 + 1/400 + 2·100/12/120² + 3·100/12/400²."""
    rows = [
        obs("WK000101", "bijstand", "2020", 60, 1000),
        obs("WK000102", "bijstand", "2020", 60, 1000),
        obs("GM0001", "bijstand", "2020", 520, 10000),
    ]
    two = frame(
        [{"area": "noord", "municipality": "GM0001", "member": c} for c in MEMBERS[:2]], AREAS
    )
    row = compare(frame(rows, OBSERVATIONS), two, frame([RATE], INDICATORS)).to_dicts()[0]
    d = math.log(0.06 / 0.05)
    plain = 1 / 120 + 1 / 400
    rounding = 2 * 100 / 12 / 120**2 + 3 * 100 / 12 / 400**2
    assert row["z_rest"] == pytest.approx(d / math.sqrt(plain + rounding))
    assert row["p_rest"] == pytest.approx(math.erfc(abs(row["z_rest"]) / math.sqrt(2)))
    exact = compare(
        frame(rows, OBSERVATIONS), two, frame([{**RATE, "rounding": None}], INDICATORS)
    ).to_dicts()[0]
    assert exact["z_rest"] == pytest.approx(d / math.sqrt(plain))
