"""Every method of METHODS.md on small cases computed by hand (in each docstring)."""

import math

import polars as pl
import pytest

from ruggensteun.analysis import stacking, vectorised
from ruggensteun.analysis.compare import compare
from ruggensteun.analysis.intervals import byars, rate_interval, wilson
from ruggensteun.analysis.narrative import format_number, gap_sentence, sentences
from ruggensteun.analysis.significance import (
    benjamini_hochberg,
    difference_of_differences,
    poisson_rate_ratio,
    two_proportion_z,
)
from ruggensteun.analysis.similar import neighbours
from ruggensteun.analysis.spec import AREAS, INDICATORS, OBSERVATIONS, frame


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


def test_two_proportion_z_test() -> None:
    """30/100 vs 20/100: pooled 0.25, se = √(0.25·0.75·0.02) = 0.061237, z = 1.633, p = 0.1025."""
    result = two_proportion_z(30, 100, 20, 100)
    assert result is not None
    assert result.statistic == pytest.approx(1.633, abs=1e-3)
    assert result.p_value == pytest.approx(0.1025, abs=1e-3)


def test_poisson_rate_ratio_test() -> None:
    """100/10,000 vs 50/10,000: ln 2 / √(1/100 + 1/50) = 0.6931/0.1732 = 4.002, p = 6.3e-5."""
    result = poisson_rate_ratio(100, 10_000, 50, 10_000)
    assert result is not None
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
    assert benjamini_hochberg([0.01, 0.04, 0.03, 0.5, None]) == pytest.approx(expected)  # type: ignore[arg-type]
    vector = vectorised.benjamini_hochberg(pl.Series("p", [0.01, 0.04, 0.03, 0.5, None]))
    assert vector.to_list()[:4] == pytest.approx(expected[:4]) and vector.to_list()[4] is None


def test_vectorised_p_values_match_the_exact_function() -> None:
    z = pl.Series("z", [0.0, 0.5, 1.96, 3.0, 5.0])
    approx = pl.select(vectorised.two_sided_p(pl.lit(z))).to_series().to_list()
    exact = [math.erfc(abs(value) / math.sqrt(2)) for value in z]
    assert approx == pytest.approx(exact, abs=2e-7)


INDICATOR_ROWS = [
    {
        "indicator": "aandeel",
        "domain": "gezondheid",
        "kind": "proportion",
        "multiplier": 100.0,
        "higher_is_worse": True,
        "min_count": 5.0,
        "min_denominator": 50.0,
        "testable": True,
        "baseline": "2019",
    },
    {
        "indicator": "schatting",
        "domain": "gezondheid",
        "kind": "estimate",
        "multiplier": 1.0,
        "higher_is_worse": True,
        "min_count": 5.0,
        "min_denominator": 50.0,
        "testable": False,
        "baseline": None,
    },
]
AREA_ROWS = [
    {"area": "oost", "municipality": "GM0001", "member": "WK000101"},
    {"area": "oost", "municipality": "GM0001", "member": "WK000102"},
    {"area": "klein", "municipality": "GM0001", "member": "WK000103"},
]


def obs(
    region: str,
    indicator: str,
    period: str,
    num: float | None,
    den: float | None,
    value: float | None = None,
    symbol: str | None = None,
) -> dict[str, object]:
    return {
        "region": region,
        "indicator": indicator,
        "period": period,
        "numerator": num,
        "denominator": den,
        "value": value,
        "symbol": symbol,
    }


def run(rows: list[dict[str, object]]) -> dict[tuple[str, str, str], dict[str, object]]:
    result = compare(
        frame(rows, OBSERVATIONS), frame(AREA_ROWS, AREAS), frame(INDICATOR_ROWS, INDICATORS)
    )
    return {(r["area"], r["indicator"], r["period"]): r for r in result.to_dicts()}


BASE = [
    obs("WK000101", "aandeel", "2020", 5, 50),
    obs("WK000102", "aandeel", "2020", 60, 200),
    obs("WK000103", "aandeel", "2020", 4, 60),
    obs("GM0001", "aandeel", "2020", 200, 1000),
    obs("NL01", "aandeel", "2020", 15000, 100000),
]


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


def ranked_rows(
    values: list[float], indicator: str, worse: bool
) -> tuple[pl.DataFrame, pl.DataFrame]:
    observations = frame(
        [
            obs(f"WK0001{i:02d}", indicator, "2020", None, None, value)
            for i, value in enumerate(values)
        ],
        OBSERVATIONS,
    )
    indicators = frame(
        [{**INDICATOR_ROWS[1], "indicator": indicator, "higher_is_worse": worse}], INDICATORS
    )
    return observations, indicators


def test_percentiles_are_oriented_by_polarity() -> None:
    """Ten wijken 1..10: where higher is worse, 10 has percentile 100 and is the only one in the
    worst 10%; where higher is better, 1 is the worst."""
    observations, indicators = ranked_rows([float(v) for v in range(1, 11)], "x", worse=True)
    flagged = stacking.flags(stacking.percentiles(observations, indicators))
    by_value = {r["value"]: r for r in flagged.to_dicts()}
    assert by_value[10.0]["percentile"] == 100.0 and by_value[10.0]["flagged"]
    assert by_value[9.0]["percentile"] == 90.0 and not by_value[9.0]["flagged"]
    observations, indicators = ranked_rows([float(v) for v in range(1, 11)], "x", worse=False)
    better = {
        r["value"]: r
        for r in stacking.flags(stacking.percentiles(observations, indicators)).to_dicts()
    }
    assert better[1.0]["percentile"] == 100.0 and better[1.0]["flagged"]


def test_stacking_counts_flagged_domains_and_names_them() -> None:
    ranked = pl.DataFrame(
        {
            "region": ["WK1", "WK1", "WK1", "WK2"],
            "indicator": ["a", "b", "c", "a"],
            "domain": ["gezondheid", "gezondheid", "werk", "gezondheid"],
            "period": ["2020"] * 4,
            "value": [1.0] * 4,
            "percentile": [95.0, 50.0, 91.0, 10.0],
        }
    )
    profile = stacking.domain_profile(stacking.flags(ranked))
    result = {r["region"]: r for r in stacking.stacking(profile).to_dicts()}
    assert result["WK1"]["stacking_count"] == 2
    assert result["WK1"]["flagged_domains"] == ["gezondheid", "werk"]
    assert result["WK2"]["stacking_count"] == 0
    health = profile.filter((pl.col("region") == "WK1") & (pl.col("domain") == "gezondheid")).row(
        0, named=True
    )
    assert health["domain_score"] == pytest.approx(72.5) and health["flagged_indicators"] == ["a"]


def test_nearest_neighbours_on_standardised_features() -> None:
    """B is A shifted slightly; C is far away: A's nearest neighbour is B."""
    features = pl.DataFrame(
        {
            "region": ["A", "A", "A", "B", "B", "B", "C", "C", "C"],
            "feature": ["x", "y", "z"] * 3,
            "value": [1.0, 10.0, 100.0, 1.1, 11.0, 105.0, 5.0, 50.0, 500.0],
        }
    )
    result = neighbours(features, targets=["A"], k=2)
    assert result.get_column("neighbour").to_list() == ["B", "C"]


def test_narrative_names_reference_period_and_number() -> None:
    row = run(BASE)[("oost", "aandeel", "2020")]
    texts = sentences(
        [row],
        area_name="Oost",
        municipality_name="Eenstad",
        names={"aandeel": "Het aandeel X"},
        units={"aandeel": "percent"},
        period_labels={"2020": "2020"},
    )
    assert (
        texts[0].text
        == "Het aandeel X: in Oost in 2020 hoger dan in de rest van Eenstad (26,0% tegen 18,0%)."
    )
    assert texts[0].reference == "rest"
    suppressed = run(BASE)[("klein", "aandeel", "2020")]
    only = sentences(
        [suppressed],
        area_name="Klein",
        municipality_name="Eenstad",
        names={"aandeel": "X"},
        units={"aandeel": "percent"},
        period_labels={},
    )
    # The municipality differs significantly from Nederland (200/1000 vs 14,800/99,000); the
    # suppressed area value appears nowhere.
    assert [s.text for s in only] == [
        "X: in Eenstad als geheel in 2020 hoger dan in heel Nederland (20,0% tegen 15,0%). "
        "Voor Klein zelf zijn de aantallen te klein om te tonen."
    ]
    assert (
        gap_sentence(["bijstand per wijk", "TOZO"])
        == "Voor bijstand per wijk en TOZO zijn nog geen cijfers beschikbaar."
    )
    assert format_number(1234.5, "per_100000") == "1.234 per 100.000 inwoners"


def test_gap_matrix_says_what_exists_per_area() -> None:
    """'oost' has its own figure; 'klein' is suppressed; an indicator without any observation
    is 'not yet available' for both."""
    from ruggensteun.analysis.gaps import gap_matrix

    comparisons = compare(
        frame(BASE, OBSERVATIONS), frame(AREA_ROWS, AREAS), frame(INDICATOR_ROWS, INDICATORS)
    )
    matrix = {
        (r["area"], r["indicator"]): r["status"]
        for r in gap_matrix(comparisons, ["oost", "klein"], ["aandeel", "tozo"]).to_dicts()
    }
    assert matrix == {
        ("oost", "aandeel"): "available",
        ("klein", "aandeel"): "suppressed",
        ("oost", "tozo"): "not_yet_available",
        ("klein", "tozo"): "not_yet_available",
    }


def test_difference_of_changes_sentence() -> None:
    rows = [
        *BASE,
        obs("WK000101", "aandeel", "2019", 10, 50),
        obs("WK000102", "aandeel", "2019", 20, 200),
        obs("GM0001", "aandeel", "2019", 150, 1000),
        obs("NL01", "aandeel", "2019", 14000, 100000),
    ]
    row = run(rows)[("oost", "aandeel", "2020")]
    texts = [
        s.text
        for s in sentences(
            [row],
            area_name="Oost",
            municipality_name="Eenstad",
            names={"aandeel": "X"},
            units={"aandeel": "percent"},
            period_labels={},
        )
    ]
    assert (
        "X: tussen 2019 en 2020 veranderde dit in Oost anders dan in de rest van Eenstad "
        "(+14,0 procentpunt tegen +2,0 procentpunt)." in texts
    )
