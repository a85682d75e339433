"""Areas like this one: nearest neighbours on standardised features."""

import polars as pl

from ruggensteun.analysis.similar import neighbours


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
