"""The gap matrix: what exists per area and indicator."""

from ruggensteun.analysis.compare import compare
from ruggensteun.analysis.gaps import gap_matrix
from ruggensteun.analysis.spec import AREAS, INDICATORS, OBSERVATIONS, frame
from tests.analysis.cases import AREA_ROWS, BASE, INDICATOR_ROWS


def test_gap_matrix_says_what_exists_per_area() -> None:
    """'oost' has its own figure; 'klein' is suppressed; an indicator without any observation
    is 'not yet available' for both."""
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
