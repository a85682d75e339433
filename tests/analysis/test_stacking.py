"""Percentiles oriented by polarity, domain flags on the domain score and the stacking of flagged
domains (METHODS.md §5)."""

import random

import polars as pl
import pytest

from ruggensteun.analysis import stacking
from ruggensteun.analysis.spec import INDICATORS, OBSERVATIONS, frame
from tests.analysis.cases import INDICATOR_ROWS, obs


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


def wijk_profile(values: dict[str, list[float]]) -> pl.DataFrame:
    """Domain profile of wijken WK01.. with the given values per indicator (`domain:indicator`),
    higher is worse."""
    rows, indicators = [], []
    for key, column in values.items():
        domain, indicator = key.split(":")
        indicators.append({**INDICATOR_ROWS[1], "indicator": indicator, "domain": domain})
        rows += [
            obs(f"WK{i + 1:02d}", indicator, "2020", None, None, value)
            for i, value in enumerate(column)
        ]
    ranked = stacking.percentiles(frame(rows, OBSERVATIONS), frame(indicators, INDICATORS))
    return stacking.domain_profile(stacking.flags(ranked))


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


@pytest.mark.issue(14)
def test_ties_get_the_average_of_their_ranks() -> None:
    """Values 1, 2, 2, 3: ranks 1, 2.5, 2.5, 4 of 4, so percentiles 25, 62.5, 62.5, 100 (the
    "max" rank gave the tied pair 75 each). Ten wijken 1..8, 9, 9: the tied worst two share rank
    9.5 (95) and are both flagged; with 8, 8, 8 at the top they share rank 9 (90): not flagged,
    as three of ten cannot all be in the worst 10%."""
    observations, indicators = ranked_rows([1.0, 2.0, 2.0, 3.0], "x", worse=True)
    ranked = stacking.percentiles(observations, indicators)
    assert sorted(ranked.get_column("percentile").to_list()) == [25.0, 62.5, 62.5, 100.0]

    pair = wijk_profile({"werk:x": [1, 2, 3, 4, 5, 6, 7, 8, 9, 9]})
    top = pair.filter(pl.col("region").is_in(["WK09", "WK10"]))
    assert top.get_column("score_percentile").to_list() == [95.0, 95.0]
    assert top.get_column("domain_flagged").to_list() == [True, True]
    assert pair.get_column("domain_flagged").sum() == 2

    three = wijk_profile({"werk:x": [1, 2, 3, 4, 5, 6, 7, 8, 8, 8]})
    assert three.filter(pl.col("region") == "WK10").row(0, named=True)["score_percentile"] == 90.0
    assert three.get_column("domain_flagged").sum() == 0


def test_stacking_counts_flagged_domains_and_names_them() -> None:
    """WK1's health score is (95 + 50) / 2 = 72.5, above WK2's 10: of two scores it is the worst
    (percentile 100), so flagged, with `a` (95 > 90) as the indicator in the worst 10%."""
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


@pytest.mark.issue(14)
def test_a_domain_of_14_indicators_flags_the_same_share_of_wijken_as_one_of_2() -> None:
    """Twenty wijken, every indicator a shuffle of 1..20 (seed 0). In each domain the third-worst
    score is below the second-worst (checked), so ranks 19 and 20 (percentiles 95 and 100, or
    97.5 twice if tied) are the only ones above 90: each domain flags two wijken, 10%, whatever
    its number of indicators. Under the old rule (flagged when any indicator is in its worst 10%)
    the same values flag 15 of 20 wijken for the 14 indicators and 4 of 20 for the 2."""
    shuffle = random.Random(0)
    values = {}
    for key in [f"gezondheid:g{j}" for j in range(14)] + ["werk:w0", "werk:w1"]:
        column = [float(v) for v in range(1, 21)]
        shuffle.shuffle(column)
        values[key] = column
    profile = wijk_profile(values)
    for domain in ("gezondheid", "werk"):
        rows = profile.filter(pl.col("domain") == domain)
        scores = sorted(rows.get_column("domain_score").to_list())
        assert scores[-3] < scores[-2]
        assert rows.get_column("domain_flagged").sum() == 2
    shares = stacking.domain_thresholds(profile)
    assert shares.get_column("domain").to_list() == ["gezondheid", "werk"]
    assert shares.get_column("flagged_wijken").to_list() == [2, 2]
    assert shares.get_column("flagged_percent").to_list() == [10.0, 10.0]
    any_indicator = profile.filter(pl.col("flagged_indicators").list.len() > 0)
    assert any_indicator.filter(pl.col("domain") == "gezondheid").height == 15
    assert any_indicator.filter(pl.col("domain") == "werk").height == 4


@pytest.mark.issue(14)
def test_one_bad_wijk_among_good_ones_does_not_flag_the_area() -> None:
    """Wijken WK01..WK20 with values 1..20 (one indicator): scores 5, 10, .., 100; WK19 and WK20
    are flagged, so the threshold is 95.
    - zuid = WK20 + WK01..03, 1,000 residents each: (100 + 5 + 10 + 15) / 4 = 32.5, not flagged,
      with WK20 named as a flagged member.
    - noord = WK20 (3,000) + WK17 (1,000): (3 × 100 + 85) / 4 = 96.25 ≥ 95: flagged, as three
      quarters of its residents live in a flagged wijk."""
    profile = wijk_profile({"werk:x": [float(v) for v in range(1, 21)]})
    threshold = stacking.domain_thresholds(profile).row(0, named=True)
    assert (threshold["threshold"], threshold["wijken"], threshold["flagged_wijken"]) == (95, 20, 2)
    areas = pl.DataFrame(
        {
            "area": ["zuid"] * 4 + ["noord"] * 2,
            "municipality": ["GM0001"] * 6,
            "member": ["WK20", "WK01", "WK02", "WK03", "WK20", "WK17"],
        }
    )
    population = pl.DataFrame(
        {"region": ["WK20", "WK01", "WK02", "WK03"], "population": [1000] * 4}
    )
    result = {r["area"]: r for r in stacking.area_profile(profile, areas, population).to_dicts()}
    zuid = result["zuid"]
    assert zuid["domain_score"] == pytest.approx(32.5)
    assert not zuid["domain_flagged"] and zuid["flagged_members"] == ["WK20"]
    assert zuid["population_weighted"] and zuid["members"] == 4

    heavy = pl.DataFrame({"region": ["WK20", "WK17"], "population": [3000, 1000]})
    noord = stacking.area_profile(profile, areas.filter(pl.col("area") == "noord"), heavy).row(
        0, named=True
    )
    assert noord["domain_score"] == pytest.approx(96.25) and noord["domain_flagged"]
    assert noord["population_weighted"] and noord["members"] == 2


@pytest.mark.issue(14)
def test_an_unknown_member_population_makes_the_members_weigh_equally() -> None:
    """WK20 (100) has 3,000 residents, WK17 (85) none known: equal weights, (100 + 85) / 2 = 92.5
    < 95, not flagged, and the column says the score is not population-weighted. A single-wijk
    area has its wijk's score and flag."""
    profile = wijk_profile({"werk:x": [float(v) for v in range(1, 21)]})
    areas = pl.DataFrame(
        {
            "area": ["noord", "noord", "een"],
            "municipality": ["GM0001"] * 3,
            "member": ["WK20", "WK17", "WK19"],
        }
    )
    population = pl.DataFrame({"region": ["WK20", "WK19"], "population": [3000, 500]})
    result = {r["area"]: r for r in stacking.area_profile(profile, areas, population).to_dicts()}
    assert result["noord"]["domain_score"] == pytest.approx(92.5)
    assert not result["noord"]["population_weighted"]
    assert (result["een"]["domain_score"], result["een"]["domain_flagged"]) == (95.0, True)
    assert result["een"]["population_weighted"]


@pytest.mark.issue(15)
def test_an_indicator_with_figures_for_too_few_wijken_is_not_ranked() -> None:
    """One municipality's own wijk figures are no ranking among the wijken of Nederland."""
    observations = pl.DataFrame(
        {
            "region": ["WK000101", "WK000102", "WK000201", "WK000202", "WK000203"],
            "indicator": ["lokaal", "lokaal", "landelijk", "landelijk", "landelijk"],
            "period": ["2020"] * 5,
            "value": [1.0, 2.0, 1.0, 2.0, 3.0],
        }
    )
    indicators = pl.DataFrame(
        {
            "indicator": ["lokaal", "landelijk"],
            "domain": ["werk_inkomen", "werk_inkomen"],
            "higher_is_worse": [True, True],
        }
    )
    ranked = stacking.percentiles(observations, indicators, min_regions=3)
    assert set(ranked.get_column("indicator")) == {"landelijk"}
    assert stacking.percentiles(observations, indicators).height == 5
