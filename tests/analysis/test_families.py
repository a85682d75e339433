"""Test families: an area's verdicts do not depend on which other areas exist (issue 14)."""

import math

import polars as pl
import pytest

from ruggensteun.analysis.compare import compare
from ruggensteun.analysis.spec import AREAS, INDICATORS, OBSERVATIONS, frame

from .cases import INDICATOR_ROWS, obs

pytestmark = pytest.mark.issue(14)

RATE = {
    **INDICATOR_ROWS[0],
    "indicator": "tempo",
    "kind": "rate",
    "multiplier": 1000.0,
    "baseline": "2019",
    "min_relevant": 0.10,
}
PROPORTION = {**INDICATOR_ROWS[0], "min_relevant": 0.10}
OBSERVED = [
    obs("WK000101", "aandeel", "2020", 90, 300),
    obs("WK000102", "aandeel", "2020", 60, 400),
    obs("WK000103", "aandeel", "2020", 50, 300),
    obs("GM0001", "aandeel", "2020", 200, 1000),
    obs("WK000201", "aandeel", "2020", 30, 500),
    obs("GM0002", "aandeel", "2020", 140, 1000),
    obs("NL01", "aandeel", "2020", 15000, 100000),
    obs("WK000101", "tempo", "2019", 40, 3000),
    obs("WK000101", "tempo", "2020", 80, 3000),
    obs("WK000102", "tempo", "2019", 50, 4000),
    obs("WK000102", "tempo", "2020", 55, 4000),
    obs("WK000103", "tempo", "2019", 30, 3000),
    obs("WK000103", "tempo", "2020", 33, 3000),
    obs("GM0001", "tempo", "2019", 120, 10000),
    obs("GM0001", "tempo", "2020", 168, 10000),
    obs("WK000201", "tempo", "2019", 20, 5000),
    obs("WK000201", "tempo", "2020", 21, 5000),
    obs("GM0002", "tempo", "2019", 100, 10000),
    obs("GM0002", "tempo", "2020", 110, 10000),
    obs("NL01", "tempo", "2019", 10000, 1000000),
    obs("NL01", "tempo", "2020", 11000, 1000000),
]
OOST = [
    {"area": "oost", "municipality": "GM0001", "member": "WK000101"},
    {"area": "oost", "municipality": "GM0001", "member": "WK000102"},
]
ELSEWHERE = [{"area": "noord", "municipality": "GM0002", "member": "WK000201"}]
NEXT_DOOR = [{"area": "klein", "municipality": "GM0001", "member": "WK000103"}]
COLUMNS = [f"{kind}_{name}" for kind in ("q", "verdict") for name in ("rest", "nl", "gm_nl", "doc")]


def verdicts(areas: list[dict[str, object]]) -> dict[tuple[str, str], tuple[object, ...]]:
    table = compare(
        frame(OBSERVED, OBSERVATIONS), frame(areas, AREAS), frame([PROPORTION, RATE], INDICATORS)
    ).with_columns(pl.col(pl.Categorical).cast(pl.Utf8))
    oost = table.filter(pl.col("area") == "oost")
    return {
        (r["indicator"], r["period"]): tuple(r[c] for c in COLUMNS)
        for r in oost.iter_rows(named=True)
    }


def test_adding_or_removing_another_area_leaves_an_areas_verdicts_alone() -> None:
    alone = verdicts(OOST)
    assert any(str(v).startswith("sign_") for row in alone.values() for v in row)
    assert verdicts(OOST + ELSEWHERE) == alone
    assert verdicts(OOST + NEXT_DOOR) == alone
    assert verdicts(OOST + ELSEWHERE + NEXT_DOOR) == alone


def test_a_municipality_test_is_one_test_in_its_family_however_many_areas_show_it() -> None:
    table = compare(
        frame(OBSERVED, OBSERVATIONS),
        frame(OOST + NEXT_DOOR, AREAS),
        frame([PROPORTION, RATE], INDICATORS),
    )
    rows = table.filter(pl.col("p_gm_nl").is_not_null())
    # Two areas of GM0001 show its three tests against Nederland (aandeel 2020, tempo 2019 and
    # 2020): a family of three, with the same q on both areas.
    assert set(rows.get_column("tests_gm_nl").to_list()) == {3}
    by_test = rows.group_by("indicator", "period").agg(pl.col("q_gm_nl").n_unique().alias("n"))
    assert by_test.get_column("n").to_list() == [1, 1, 1]


def test_a_difference_of_changes_is_tested_for_rates_too() -> None:
    """Oost: 90 → 135 per 7,000 (rate ratio 1.5); rest of GM0001: 30 → 33 per 3,000 (1.1).
    log(1.5) - log(1.1) = 0.3102, variance 1/90 + 1/135 + 1/30 + 1/33 = 0.08215, z = 1.082."""
    table = compare(
        frame(OBSERVED, OBSERVATIONS), frame(OOST, AREAS), frame([PROPORTION, RATE], INDICATORS)
    )
    row = table.filter((pl.col("indicator") == "tempo") & (pl.col("period") == "2020")).row(
        0, named=True
    )
    # Rest of GM0001: 2019 120-90 = 30 of 3000, 2020 168-135 = 33 of 3000.
    assert (row["rest_num"], row["rest_den"]) == (33, 3000)
    assert row["diff_of_changes"] == pytest.approx((135 - 90) / 7 - (33 - 30) / 3)
    assert row["p_doc"] == pytest.approx(math.erfc(1.0822 / math.sqrt(2)), abs=1e-3)
    assert row["verdict_doc"] == "not_different"
