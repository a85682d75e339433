"""Completeness of the structured description, on hand-computed cases."""

from __future__ import annotations

import pytest

from ruggensteun.practices.completeness import (
    DESCRIPTION_FIELDS,
    CompletenessLevel,
    completeness_of,
)
from ruggensteun.practices.models import Practice

ALL = list(DESCRIPTION_FIELDS)
CORE = ["problem", "target_group", "goal", "approach"]


def _filled(names: list[str]) -> dict[str, str]:
    return {name: f"Iets over {name}." for name in names}


@pytest.mark.parametrize(
    ("values", "filled", "percentage", "level"),
    [
        ({}, 0, 0, CompletenessLevel.BASIS),
        (_filled(["problem"]), 1, 9, CompletenessLevel.BASIS),  # 1/11 = 9.1%
        (_filled(CORE), 4, 36, CompletenessLevel.BASIS),  # 4/11 = 36.4%
        (_filled([*CORE, "partners_roles", "costs", "results"]), 7, 64, CompletenessLevel.BASIS),
        (_filled([*CORE, "partners_roles", "costs", "results", "lessons"]), 8, 73, "goed"),
        (_filled([n for n in ALL if n != "costs"]), 10, 91, CompletenessLevel.GOED),
        (_filled([n for n in ALL if n != "target_group"]), 10, 91, CompletenessLevel.BASIS),
        (_filled(ALL), 11, 100, CompletenessLevel.VOLLEDIG),
        (_filled(ALL) | {"costs": "  -  ", "lessons": "\n"}, 9, 82, CompletenessLevel.GOED),
    ],
)
def test_completeness(values: dict[str, str], filled: int, percentage: int, level: str) -> None:
    result = completeness_of(values)
    assert (result.filled, result.total, result.percentage, result.level) == (
        filled,
        11,
        percentage,
        level,
    )
    assert len(result.missing) == 11 - filled


def test_missing_parts_are_named_in_description_order() -> None:
    result = completeness_of(_filled([n for n in ALL if n not in {"goal", "costs"}]))
    assert result.missing == ("goal", "costs")
    assert result.missing_labels == ["doel", "kosten"]


def test_a_practice_reports_its_own_completeness() -> None:
    practice = Practice(title="T", problem="Een probleem.", approach="Een aanpak.")
    assert (practice.completeness.filled, practice.completeness.percentage) == (2, 18)
