"""The comparison table (METHODS.md §1-4): pooled counts, rest of the municipality, suppression,
reasons for empty cells and change from the baseline, on cases computed by hand."""

import pytest

from ruggensteun.analysis.intervals import wilson
from ruggensteun.analysis.significance import difference_of_differences
from tests.analysis.cases import BASE, obs, run


def test_area_value_is_pooled_counts_not_the_mean_of_rates() -> None:
    """Members 5/50 (10%) and 60/200 (30%): pooled 65/250 = 26%, not the mean 20%.
    Rest of the municipality: (200 − 65)/(1000 − 250) = 135/750 = 18%."""
    row = run(BASE)[("oost", "aandeel", "2020")]
    assert (row["area_num"], row["area_den"], row["area_value"]) == (65, 250, pytest.approx(26.0))
    assert (row["rest_num"], row["rest_den"]) == (135, 750)
    assert row["rest_value"] == pytest.approx(18.0)
    assert row["gm_value"] == pytest.approx(20.0) and row["nl_value"] == pytest.approx(15.0)
    assert row["diff_rest"] == pytest.approx(8.0)
    # 65/250 vs 135/750: pooled 0.2, se = √(0.2·0.8·(1/250 + 1/750)) = 0.029212, z = 2.739.
    assert row["z_rest"] == pytest.approx(2.739, abs=1e-3)
    assert row["verdict_rest"] == "sign_worse"
    interval = wilson(65, 250)
    assert interval is not None and row["area_lower"] == pytest.approx(100 * interval.lower)


def test_small_counts_are_suppressed_with_their_complement() -> None:
    """'klein' has 4 cases: suppressed; its rest (200 − 4) would reveal it, so it goes too."""
    row = run(BASE)[("klein", "aandeel", "2020")]
    assert row["area_value"] is None and row["area_reason"] == "suppressed_small"
    assert row["rest_value"] is None and row["rest_reason"] == "suppressed_complement"
    assert row["gm_value"] == pytest.approx(20.0)
    assert row["verdict_rest"] == "not_testable"


def test_a_missing_member_or_cbs_symbol_leaves_the_area_empty_with_a_reason() -> None:
    rows = [r for r in BASE if r["region"] != "WK000102"]
    assert run(rows)[("oost", "aandeel", "2020")]["area_reason"] == "not_published"
    dotted = [*BASE, obs("WK000103", "schatting", "2020", None, None, None, ".")]
    assert run(dotted)[("klein", "schatting", "2020")]["area_reason"] == "not_published"


def test_estimates_without_counts_are_not_averaged() -> None:
    """Two members with published percentages but no population: 'niet berekenbaar'."""
    rows = [
        obs("WK000101", "schatting", "2020", None, None, 12.0),
        obs("WK000102", "schatting", "2020", None, None, 30.0),
        obs("WK000103", "schatting", "2020", None, None, 18.0),
        obs("GM0001", "schatting", "2020", None, None, 15.0),
    ]
    result = run(rows)
    assert result[("oost", "schatting", "2020")]["area_value"] is None
    assert result[("oost", "schatting", "2020")]["area_reason"] == "not_computable"
    single = result[("klein", "schatting", "2020")]
    assert single["area_value"] == 18.0 and single["gm_value"] == 15.0
    assert single["rest_reason"] == "not_computable" and single["verdict_rest"] == "not_testable"


def test_change_from_baseline_and_difference_of_changes() -> None:
    """2019: area 30/250 (12%), municipality 150/1000 → rest 120/750 (16%).
    2020: area 26%, rest 18% → area +14 points, rest +2 points, difference of changes +12."""
    rows = [
        *BASE,
        obs("WK000101", "aandeel", "2019", 10, 50),
        obs("WK000102", "aandeel", "2019", 20, 200),
        obs("GM0001", "aandeel", "2019", 150, 1000),
        obs("NL01", "aandeel", "2019", 14000, 100000),
    ]
    row = run(rows)[("oost", "aandeel", "2020")]
    assert row["area_change"] == pytest.approx(14.0)
    assert row["rest_change"] == pytest.approx(2.0)
    assert row["diff_of_changes"] == pytest.approx(12.0)
    expected = difference_of_differences([(30, 250, 65, 250), (120, 750, 135, 750)])
    assert expected is not None and row["p_doc"] == pytest.approx(expected.p_value, abs=1e-6)
    assert row["verdict_doc"] == "sign_worse"
