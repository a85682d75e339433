"""The pure CBS code functions (ruggensteun.cbs): format, level, parent, municipality, scope."""

import re

import pytest

from ruggensteun import cbs
from ruggensteun.cbs import (
    GEMEENTE_PATTERN,
    REGION_PATTERN,
    level_of,
    municipality_of,
    parent_code,
    prefix_within,
    scope_covers,
)


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


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    ("code", "municipality"),
    [
        ("GM0518", "GM0518"),
        ("WK051836", "GM0518"),
        ("BU05183620", "GM0518"),
        ("WK0363AF", "GM0363"),
        ("BU0363AF01", "GM0363"),
        ("NL01", None),
        ("VR15", None),
        ("Moerwijk", None),
    ],
)
def test_the_municipality_of_a_code(code: str, municipality: str | None) -> None:
    assert municipality_of(code) == municipality


@pytest.mark.issue(13)
def test_the_prefix_within_a_scope_matches_its_wijken_and_buurten_only() -> None:
    assert prefix_within("WK047912", cbs.BUURT) == "BU047912"
    assert prefix_within("GM0479", cbs.WIJK) == "WK0479"
    assert prefix_within("GM0479", cbs.BUURT) == "BU0479"
    assert scope_covers("WK047912", "BU04791210") and "BU04791210".startswith("BU047912")


@pytest.mark.issue(13)
def test_the_api_patterns_are_the_ones_the_schema_has_always_shown() -> None:
    """The OpenAPI parameter patterns stay as they were written out by hand before issue 13."""
    assert REGION_PATTERN == (
        "^(NL[0-9]{2}|VR[0-9]{2}|GM[0-9]{4}|WK[0-9]{4}[0-9A-Z]{2}|BU[0-9]{4}[0-9A-Z]{4})$"
    )
    assert GEMEENTE_PATTERN == "^GM[0-9]{4}$"
    for code in ["NL01", "VR11", "GM0479", "WK0363AF", "BU04791210"]:
        assert re.match(REGION_PATTERN, code)
    assert not re.match(REGION_PATTERN, "GM479") and not re.match(GEMEENTE_PATTERN, "WK047912")


@pytest.mark.parametrize(
    ("scope", "code", "covered"),
    [
        ("GM0479", "GM0479", True),
        ("GM0479", "WK047912", True),
        ("GM0479", "BU04791210", True),
        ("WK047912", "BU04791210", True),
        ("WK047912", "WK047913", False),
        ("WK047912", "GM0479", False),  # a wijk scope does not cover its municipality
        ("BU04791210", "BU04791210", True),
        ("GM0479", "WK051836", False),
        ("GM0047", "WK047912", False),  # GM0047 must not cover GM0479's wijken by prefix
        ("GM0363", "BU0363AF01", True),
        ("NL01", "GM0479", False),  # scopes are gemeenten, wijken and buurten only
    ],
)
def test_scope_covers(scope: str, code: str, covered: bool) -> None:
    assert scope_covers(scope, code) is covered
