"""Verdicts on the shipped COVID-19 data after the overdispersion correction (issue 14).

Every municipality in the RIVM file is compared with Nederland, as the monitor compares a focus
municipality: the test of a municipality against (Nederland minus the municipality), widened by
the spread of all municipalities around Nederland for the same indicator and period.
"""

import polars as pl
import pytest

from ruggensteun.analysis import vectorised as v
from ruggensteun.analysis.compare import compare
from ruggensteun.analysis.spec import AREAS, INDICATORS, OBSERVATIONS, frame
from ruggensteun.monitor.catalogue import indicator_rows, load
from ruggensteun.monitor.recompute import observations_frame

pytestmark = [pytest.mark.django_db, pytest.mark.issue(14)]
POSITIVES = "rivm_positief_per_100k"


@pytest.fixture(scope="module")
def positives(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> pl.DataFrame:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        observations, _ = observations_frame()
    rows = observations.filter(pl.col("indicator") == POSITIVES).select(list(OBSERVATIONS))
    municipalities = rows.filter(pl.col("region").str.starts_with("GM")).get_column("region")
    areas = frame(
        [{"area": gm, "municipality": gm, "member": gm} for gm in municipalities.unique()], AREAS
    )
    table = compare(rows, areas, frame(indicator_rows(load()), INDICATORS))
    return table.filter(pl.col("period") == "2020").with_columns(
        pl.col(pl.Categorical).cast(pl.Utf8)
    )


def test_few_municipalities_differ_from_nederland_on_positives_in_2020(
    positives: pl.DataFrame,
) -> None:
    total = positives.height
    flagged = positives.filter(pl.col("verdict_gm_nl").str.starts_with("sign_"))
    assert total > 300  # every municipality of the 2023 division
    # Without the correction most municipalities "differ" (284 of 342 at p < 0.05) ...
    plain = positives.select(
        v.two_sided_p(
            v.log_rate_ratio_z(
                pl.col("gm_num"),
                pl.col("gm_den"),
                pl.col("nl_num") - pl.col("gm_num"),
                pl.col("nl_den") - pl.col("gm_den"),
            )
        ).alias("p")
    )
    assert plain.filter(pl.col("p") < 0.05).height / total > 0.75
    # ... with it, a small share does, and each by at least the minimum relevant difference.
    # 50 of 342 on the shipped data: mostly the north, far below Nederland in 2020.
    assert flagged.height / total <= 0.15
    assert flagged.height > 0, "the correction must not silence every difference"
    print(
        f"flagged {flagged.height} of {total}:",
        flagged.sort("gm_value").select("area", "gm_value", "q_gm_nl").rows(),
    )
    minimum = load().indicators[POSITIVES].min_relevant
    for row in flagged.iter_rows(named=True):
        assert abs(row["gm_value"] / row["nl_value"] - 1) >= minimum
        assert row["q_gm_nl"] <= 0.05
    # The spread was estimated from all municipalities, and it is large (phi >> 1 on counts).
    assert positives.get_column("units_gm_nl").min() == total
    assert positives.get_column("tau2_gm_nl").min() > 0


def test_zaanstad_is_within_the_normal_spread_of_municipalities(positives: pl.DataFrame) -> None:
    """5,196 per 100,000 in Zaanstad against 4,556 in Nederland: p < 1e-30 as if the
    municipalities differed by chance alone, within the spread once they are not."""
    row = positives.filter(pl.col("area") == "GM0479").row(0, named=True)
    assert row["gm_num"] == 8148
    plain = v.log_rate_ratio_z(
        pl.lit(row["gm_num"]),
        pl.lit(row["gm_den"]),
        pl.lit(row["nl_num"] - row["gm_num"]),
        pl.lit(row["nl_den"] - row["gm_den"]),
    )
    z = pl.select(plain).item()
    assert abs(z) > 11
    assert abs(row["z_gm_nl"]) < 2
    assert row["verdict_gm_nl"] == "not_different"
