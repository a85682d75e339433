"""Percentiles oriented by polarity and the stacking of flagged domains (METHODS.md §5)."""

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
