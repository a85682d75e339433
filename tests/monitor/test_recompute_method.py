"""What the recompute stores about its method: notes on uncorrected tests and inconsistent
totals, and the share of Dutch wijken a stacking flag stands for (issue 14)."""

import pytest

from ruggensteun.monitor.recompute import INCONSISTENT, method_notes
from ruggensteun.monitor.selectors import latest_result_set

pytestmark = pytest.mark.issue(14)


def test_a_test_without_an_estimate_of_the_spread_says_so() -> None:
    notes = method_notes(
        {"p_rest": 0.01, "tau2_rest": None, "units_rest": 4, "p_gm_nl": 0.2, "tau2_gm_nl": 0.03}
    )
    assert len(notes) == 1
    assert "(4)" in notes[0] and "rest van de gemeente zonder die correctie" in notes[0]


def test_no_note_when_nothing_was_tested_or_the_spread_was_estimated() -> None:
    assert method_notes({"p_rest": None, "tau2_rest": None}) == []
    assert method_notes({"p_nl": 0.5, "tau2_nl": 0.0, "units_nl": 3000}) == []


def test_a_rest_that_cannot_be_counts_is_explained() -> None:
    assert method_notes({"rest_inconsistent": True}) == [INCONSISTENT]


@pytest.mark.django_db
def test_every_domain_flags_about_a_tenth_of_the_dutch_wijken() -> None:
    shares = latest_result_set().domain_shares  # type: ignore[union-attr]
    assert {"gezondheid", "werk_inkomen", "leefbaarheid_wonen"} <= set(shares)
    for periods in shares.values():
        for share in periods.values():
            assert share["wijken"] > 3000
            assert 9.5 <= share["percent"] <= 10.5
            assert share["flagged"] == pytest.approx(
                share["wijken"] * share["percent"] / 100, abs=2
            )
