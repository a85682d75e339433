"""Overdispersion (issue 14): Spiegelhalter's winsorised DerSimonian-Laird tau², scalar and per
group of a frame, on a case computed by hand and against a numpy reference
(tests/data/reference/overdispersion.json, made by make_reference.py there)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import polars as pl
import pytest

from ruggensteun.analysis import vectorised
from ruggensteun.analysis.overdispersion import Dispersion, adjusted_z, dispersion, estimate

pytestmark = pytest.mark.issue(14)

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference" / "overdispersion.json"

# Ten units with v = 1, so z = d.
HAND_D = [-3.0, -2.0, -1.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0]


def test_tau2_of_ten_units_computed_by_hand() -> None:
    """Sorted z: -3 -2 -1 0 0 0 1 2 3 4. 10th percentile at position 0.9: -3 + 0.9 = -2.1;
    90th at 8.1: 3 + 0.1 = 3.1. Winsorised squares 4.41 + 4 + 1 + 0 + 0 + 0 + 1 + 4 + 9 + 9.61 =
    33.02, phi = 3.302. w = 1: S1 = 10, S2 = 10, S1 - S2/S1 = 9; I·phi = 33.02 > I - 1 = 9:
    tau² = (33.02 - 9) / 9 = 2.668889. The unit with d = 4: z = 4 / √3.668889 = 2.088299."""
    result = estimate(HAND_D, [1.0] * 10)
    assert result is not None
    assert result.units == 10
    assert result.phi == pytest.approx(3.302, rel=1e-12)
    assert result.tau2 == pytest.approx(24.02 / 9, rel=1e-12)
    assert adjusted_z(4.0, 1.0, result.tau2) == pytest.approx(2.088299, abs=1e-6)
    assert adjusted_z(4.0, 1.0, None) == 4.0  # not estimable: no correction


def test_unequal_weights_enter_the_denominator() -> None:
    """Same z's with v = 1 for five units and v = 4 (d doubled) for five: phi is unchanged;
    w = 1 ×5 and 0.25 ×5: S1 = 6.25, S2 = 5.3125, S1 - S2/S1 = 6.25 - 0.85 = 5.4;
    tau² = 24.02 / 5.4 = 4.448148."""
    d = HAND_D[:5] + [2 * x for x in HAND_D[5:]]
    v = [1.0] * 5 + [4.0] * 5
    result = estimate(d, v)
    assert result is not None
    assert result.phi == pytest.approx(3.302, rel=1e-12)
    assert result.tau2 == pytest.approx(24.02 / 5.4, rel=1e-12)


def test_fewer_than_ten_usable_units_are_not_estimable() -> None:
    d = [*HAND_D, None, math.nan, 1.0, 1.0]
    v = [1.0] * 10 + [1.0, 1.0, 0.0, math.inf]  # missing, NaN, v = 0 and v = inf are left out
    result = estimate(d, v)
    assert result is not None and result.units == 10
    assert estimate(d[1:], v[1:]) is None
    assert estimate(d[1:], v[1:], min_units=9) == estimate(d[1:10], v[1:10], min_units=9)


def test_no_overdispersion_gives_tau2_zero() -> None:
    """All z = 0: phi = 0, tau² = 0; z's of ±0.5: phi = 0.25 < (I - 1)/I: tau² = 0."""
    assert estimate([0.0] * 12, [2.0] * 12) == Dispersion(12, 0.0, 0.0)
    spread = estimate([0.5, -0.5] * 6, [1.0] * 12)
    assert spread is not None and spread.tau2 == 0.0 and spread.phi == pytest.approx(0.25)


def test_winsor_and_min_units_are_checked() -> None:
    with pytest.raises(ValueError):
        estimate(HAND_D, [1.0] * 10, winsor=0.5)
    with pytest.raises(ValueError):
        estimate(HAND_D, [1.0] * 10, min_units=1)
    with pytest.raises(ValueError):
        estimate(HAND_D, [1.0] * 9)  # d and v of unequal length


def test_adjusted_z_refuses_invalid_input() -> None:
    assert adjusted_z(1.0, 0.0, 0.5) is None
    assert adjusted_z(1.0, 1.0, -0.1) is None
    assert adjusted_z(math.nan, 1.0, 0.0) is None
    assert adjusted_z(1.0, 1.0, math.inf) is None
    assert adjusted_z(None, 1.0) is None
    assert adjusted_z(3.0, 4.0, 5.0) == 1.0


def test_dispersion_per_group_equals_the_scalar_estimate() -> None:
    rows = [{"g": "a", "d": d, "v": 1.0} for d in HAND_D]
    rows += [{"g": "b", "d": d / 2, "v": 0.25} for d in HAND_D[:9]]  # nine units: not estimable
    rows += [{"g": "c", "d": None, "v": 1.0}, {"g": "c", "d": 1.0, "v": 0.0}]
    result = dispersion(pl.DataFrame(rows), by=["g"]).to_dicts()
    assert [row["g"] for row in result] == ["a", "b", "c"]
    assert result[0]["units"] == 10
    assert result[0]["phi"] == pytest.approx(3.302, rel=1e-12)
    assert result[0]["tau2"] == pytest.approx(24.02 / 9, rel=1e-12)
    assert result[1] == {"g": "b", "units": 9, "phi": None, "tau2": None}
    assert result[2] == {"g": "c", "units": 0, "phi": None, "tau2": None}
    whole = dispersion(pl.DataFrame(rows), by=[]).to_dicts()
    assert len(whole) == 1 and whole[0]["units"] == 19


def test_adjusted_z_in_a_frame_widens_with_the_group_tau2() -> None:
    frame = pl.DataFrame({"g": ["a"] * 10, "d": HAND_D, "v": [1.0] * 10})
    tau = dispersion(frame, by=["g"])
    joined = frame.join(tau, on="g").with_columns(
        z=vectorised.adjusted_z(pl.col("d"), pl.col("v"), pl.col("tau2"))
    )
    assert joined.get_column("z").to_list()[-1] == pytest.approx(2.088299, abs=1e-6)


def _number(value: float | str | None) -> float | None:
    return math.inf if value == "inf" else None if value is None else float(value)


def test_estimate_matches_the_numpy_reference() -> None:
    cases = json.loads(REFERENCE.read_text(encoding="utf-8"))["cases"]
    assert len(cases) >= 8
    rows = []
    for index, case in enumerate(cases):
        d = [_number(x) for x in case["d"]]
        v = [_number(x) for x in case["v"]]
        result = estimate(d, v)
        expected = case["expected"]
        if expected is None:
            assert result is None
        else:
            assert result is not None and result.units == expected["units"]
            assert result.phi == pytest.approx(expected["phi"], rel=1e-12)
            assert result.tau2 == pytest.approx(expected["tau2"], rel=1e-10, abs=1e-15)
        rows += [{"case": index, "d": a, "v": b} for a, b in zip(d, v, strict=True)]
    frame = pl.DataFrame(rows, schema={"case": pl.Int64, "d": pl.Float64, "v": pl.Float64})
    for row in dispersion(frame, by=["case"]).to_dicts():
        expected = cases[row["case"]]["expected"]
        assert (row["tau2"] is None) == (expected is None)
        if expected is not None:
            assert row["tau2"] == pytest.approx(expected["tau2"], rel=1e-10, abs=1e-15)


def test_the_reference_holds_overdispersed_and_plain_cases() -> None:
    """The fixture must exercise both branches, or the comparison above proves little."""
    cases = json.loads(REFERENCE.read_text(encoding="utf-8"))["cases"]
    taus = [case["expected"]["tau2"] for case in cases if case["expected"] is not None]
    assert any(t > 0 for t in taus) and any(t == 0 for t in taus)
    assert any(case["expected"] is None for case in cases)
