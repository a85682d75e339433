"""The one number formatter (analysis/numbers.py): hand-computed cases for every caller's
notation, and properties that hold for every number (Hypothesis)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ruggensteun.analysis.narrative import format_change
from ruggensteun.analysis.numbers import (
    decimals,
    format_integer,
    format_number,
    format_significant,
    in_notation,
)

pytestmark = pytest.mark.issue(13)


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        # The dashboard, report and charts: one decimal below 100 and for shares and incomes.
        (30.2, "percent", "30,2%"),
        (30.25, "percent", "30,2%"),  # 30.25 is 30.2499... in binary: rounds down
        (1234.56, "percent", "1.234,6%"),
        (5196.4, "per_100000", "5.196"),
        (99.94, "per_1000", "99,9"),
        (99.96, "per_1000", "100,0"),  # the digits follow the value, not its rounding
        (100.4, "per_1000", "100"),
        (127.3, "euro_x1000", "127,3"),
        (1234567.0, "count", "1.234.567"),
        (-2.5, "", "-2,5"),
        (-1234.0, "", "-1.234"),
        (0.0, "percent", "0,0%"),
        (None, "percent", ""),
    ],
)
def test_dutch_notation_of_the_pages(value: float | None, unit: str, expected: str) -> None:
    assert format_number(value, unit) == expected


@pytest.mark.parametrize(
    ("value", "unit", "language", "expected"),
    [
        (1234.5, "per_100000", "nl", "1.234 per 100.000 inwoners"),
        (1234.5, "per_100000", "en", "1,234 per 100,000 inhabitants"),
        (24.25, "per_1000", "en", "24.2 per 1,000 inhabitants"),
        (17.9, "percent", "en", "17.9%"),
        (17.9, "%", "nl", "17,9%"),
        (350.0, "count", "en", "350"),
        (12.0, "count", "de", "12,0"),  # any other language is written the Dutch way
    ],
)
def test_sentences_in_dutch_and_english(
    value: float, unit: str, language: str, expected: str
) -> None:
    assert format_number(value, unit, language=language, unit_words=True) == expected


def test_the_command_line_always_shows_one_decimal() -> None:
    assert format_number(1234.0, digits=1) == "1.234,0"
    assert format_number(5196.44, "per_100000", digits=1) == "5.196,4"


def test_changes_in_percentage_points() -> None:
    assert format_change(2.04, "percent") == "+2,0 procentpunt"
    assert format_change(-0.35, "percent", "en") == "−0.3 percentage points"
    assert format_change(-1500.0, "per_100000") == "−1.500 per 100.000 inwoners"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(156794, "156.794"), (0, "0"), (-1000, "-1.000"), (10**20, "100.000.000.000.000.000.000")],
)
def test_whole_numbers_are_grouped_exactly(value: int, expected: str) -> None:
    assert format_integer(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (30.2, "30,2"),
        (0.1234567, "0,123457"),
        (1234567.0, "1,23457e+06"),
        (17.0, "17"),
        (-0.5, "-0,5"),
    ],
)
def test_spreadsheet_cells_have_six_significant_digits(value: float, expected: str) -> None:
    assert format_significant(value) == expected


def test_english_keeps_pythons_notation() -> None:
    assert in_notation("1,234.5", "en") == "1,234.5"
    assert in_notation("1,234.5", "nl") == "1.234,5"


# --- properties -----------------------------------------------------------------------------------

VALUES = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
DUTCH = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d)?%?$")


def parse_dutch(text: str) -> float:
    return float(text.removesuffix("%").replace(".", "").replace(",", "."))


@given(VALUES, st.sampled_from(["percent", "per_1000", "per_100000", "count", ""]))
def test_dutch_text_reads_back_as_the_number_within_rounding(value: float, unit: str) -> None:
    text = format_number(value, unit)
    places = decimals(value, unit)
    # Half a unit of the last shown digit, and a little for the float's own rounding.
    assert abs(parse_dutch(text) - value) <= 0.5 * 10**-places + 1e-9 * max(1.0, abs(value))


@given(VALUES, st.sampled_from(["percent", "count"]))
def test_thousands_come_in_groups_of_three(value: float, unit: str) -> None:
    text = format_number(value, unit)
    assert DUTCH.match(text), text
    assert text.endswith("%") == (unit == "percent")


@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_grouped_integers_read_back_exactly(value: int) -> None:
    text = format_integer(value)
    assert int(text.replace(".", "")) == value
    assert all(len(group) == 3 for group in text.lstrip("-").split(".")[1:])


@given(VALUES)
def test_english_is_dutch_with_the_marks_swapped(value: float) -> None:
    dutch, english = format_number(value), format_number(value, language="en")
    assert english.translate(str.maketrans(".,", ",.")) == dutch
