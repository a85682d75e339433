import pytest

from ruggensteun.monitor.importers.numbers import NotANumber, parse_number


@pytest.mark.parametrize(
    ("text", "comma", "expected"),
    [
        ("12.5", False, 12.5),
        ("", False, None),
        ("30,2", True, 30.2),
        ("127.290", True, 127290.0),
        ("1.234,5", True, 1234.5),
        ("30.2", True, 30.2),
        (" 4\u00a0500 ", False, 4500.0),
    ],
)
def test_dutch_and_plain_numbers(text: str, comma: bool, expected: float | None) -> None:
    assert parse_number(text, decimal_comma=comma) == expected


@pytest.mark.parametrize("text", ["veel", "1,2.3", "nan", "inf", "12,5"])
def test_not_numbers(text: str) -> None:
    with pytest.raises(NotANumber):
        parse_number(text, decimal_comma=text == "1,2.3")
