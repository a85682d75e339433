"""The report's method notes say what a verdict, a hidden cell and a stacking flag mean, with the
numbers the analysis core uses; docs/methods.md quotes the same constants (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ruggensteun.analysis.intervals import EXACT_BELOW
from ruggensteun.analysis.overdispersion import MIN_UNITS, WINSOR
from ruggensteun.analysis.significance import SMALL_COUNT
from ruggensteun.analysis.stacking import WORST_SHARE
from ruggensteun.areas.models import FocusArea
from ruggensteun.monitor.catalogue import MIN_RELEVANT, load
from ruggensteun.reports.render import report_html
from tests.reports.conftest import visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.issue(14)]

METHODS = Path(__file__).resolve().parents[2] / "docs" / "methods.md"


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


@pytest.fixture(scope="module")
def notes(django_db_setup: None, django_db_blocker: Any) -> str:
    """The visible text of the method notes of Zaandam Oost's report (HTML, no PDF)."""
    with django_db_blocker.unblock():
        area = FocusArea.objects.select_related("municipality").get(slug="zaandam-oost")
        html = report_html(area)
    section = re.search(r'<h3 id="methode">.*?</ul>', html, re.S)
    assert section, "the report has a method section"
    return " ".join(visible_text(section.group(0)).split())


def test_a_significant_verdict_needs_the_normal_spread_the_family_and_a_relevant_difference(
    notes: str,
) -> None:
    assert "groter is dan de gewone spreiding tussen gemeenten of tussen wijken" in notes
    assert "correctie voor het aantal toetsen van dit gebied (Benjamini-Hochberg, 5%" in notes
    assert f"minstens {_percent(MIN_RELEVANT)} afwijkt van de vergelijkingswaarde" in notes
    # Every indicator uses the default today; an override must come with its own sentence.
    assert {i.min_relevant for i in load().indicators.values()} == {MIN_RELEVANT}
    assert "te weinig wijken om de gewone spreiding te schatten" in notes


def test_small_numbers_are_tested_and_bounded_exactly(notes: str) -> None:
    assert SMALL_COUNT == EXACT_BELOW == 10
    assert f"exact bij minder dan {SMALL_COUNT} gevallen (dan is ook de toets exact)" in notes
    derived = "Afgeleide cijfers (uit afgeronde of teruggerekende aantallen) worden niet getoetst"
    assert derived in notes
    assert 'ook als ze elkaar niet overlappen, kan er "geen verschil" staan' in notes


def test_suppression_names_the_rule_and_the_cells_that_would_reveal_another(notes: str) -> None:
    rules = {(i.min_count, i.min_denominator) for i in load().indicators.values()}
    assert rules == {(5, 50)}
    assert "Afgeschermd (×): cellen met minder dan 5 gevallen of een noemer onder 50" in notes
    assert "minder dan 5 zonder het kenmerk" in notes
    assert "elke cel waaruit zo'n cel terug te rekenen is" in notes


def test_stacking_is_the_domain_score_in_the_worst_tenth_of_dutch_wijken(notes: str) -> None:
    assert "het gemiddelde percentiel op de indicatoren van dat domein" in notes
    assert f"bij de {_percent(WORST_SHARE)} slechtste scores van alle Nederlandse wijken" in notes
    # The rule before issue 14 ("any wijk on any indicator") is gone.
    assert "minstens één indicator" not in notes


def test_the_methods_document_quotes_the_constants_of_the_core() -> None:
    text = " ".join(METHODS.read_text("utf-8").split())
    assert f"`MIN_UNITS = {MIN_UNITS}`" in text
    assert f"{_percent(WINSOR)} on each side" in text
    assert f"count is below {SMALL_COUNT}" in text
    assert f"default **{MIN_RELEVANT:.2f}**" in text
    assert f"worst {_percent(WORST_SHARE)} of Dutch wijken" in text
