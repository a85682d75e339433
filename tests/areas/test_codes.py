import pytest

from ruggensteun.areas.codes import level_of, parent_code


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("NL01", "land"),
        ("VR11", "veiligheidsregio"),
        ("GM0479", "gemeente"),
        ("WK047912", "wijk"),
        ("WK0363AF", "wijk"),  # Amsterdam's alphanumeric wijk codes since 2022
        ("BU04791210", "buurt"),
        ("BU0363AF01", "buurt"),
        ("GM479", None),
        ("WK04791", None),
        ("wk047912", None),
        ("BU0479121O ", None),
    ],
)
def test_code_patterns(code: str, level: str | None) -> None:
    assert level_of(code) == level


def test_parents_follow_from_the_code() -> None:
    assert parent_code("BU04791210") == "WK047912"
    assert parent_code("WK047912") == "GM0479"
    assert parent_code("GM0479") == "NL01"
    assert parent_code("NL01") is None
