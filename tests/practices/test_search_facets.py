"""Facets of the practice search (`practices/search/facets.py`, `light.py`): counts per value, and
filters that narrow the results and the other facets but not their own."""

from __future__ import annotations

import pytest

from ruggensteun.practices.search import search
from tests.practices.factories import MOERWIJK, POELENBURG, SCHILDERSWIJK

pytestmark = pytest.mark.django_db


def _slugs(query: str, **filters: str) -> list[str]:
    return [hit.practice.slug for hit in search(query, filters=filters).hits]


def _counts(query: str, facet: str, **filters: str) -> dict[str, int]:
    return {value.key: value.count for value in search(query, filters=filters).facets[facet]}


@pytest.mark.usefixtures("library")
def test_facet_counts() -> None:
    assert _counts("buurtwerk", "theme") == {"gezondheid": 2, "werk_inkomen": 2}
    assert _counts("", "theme") == {"gezondheid": 2, "werk_inkomen": 2, "corona": 1}
    assert _counts("buurtwerk", "city") == {"GM0518": 2, "GM0479": 2}
    # Moerwijk lies in Den Haag Zuidwest, Poelenburg in Zaandam Oost: both count for their area.
    assert _counts("buurtwerk", "area") == {
        "den-haag-zuidwest": 1,
        MOERWIJK: 1,
        "zaandam-oost": 2,
        SCHILDERSWIJK: 1,
        POELENBURG: 1,
    }
    assert _counts("buurtwerk", "coalition_type") == {"ad_hoc": 2, "versterkte_samenwerking": 1}
    assert _counts("", "evidence_level") == {"ervaring": 3, "indicaties": 1}
    labels = {value.key: value.label for value in search("").facets["city"]}
    assert labels == {"GM0518": "'s-Gravenhage", "GM0479": "Zaanstad"}


@pytest.mark.usefixtures("library")
def test_filters_narrow_the_results_and_the_other_facets() -> None:
    assert sorted(_slugs("buurtwerk", theme="werk_inkomen")) == ["b", "c"]
    assert sorted(_slugs("", city="GM0518")) == ["a", "c", "d"]
    assert _slugs("", area="den-haag-zuidwest", theme="gezondheid") == ["a"]
    page = search("buurtwerk", filters={"theme": "werk_inkomen", "onbekend": "x"})
    assert page.filters == {"theme": ("werk_inkomen",)}
    themes = {value.key: (value.count, value.selected) for value in page.facets["theme"]}
    # a facet's own filter does not narrow its counts, so the alternatives stay visible
    assert themes == {"gezondheid": (2, False), "werk_inkomen": (2, True)}
    assert {value.key: value.count for value in page.facets["city"]} == {"GM0479": 2, "GM0518": 1}
    assert sorted(_slugs("", theme=["corona", "gezondheid"])) == ["a", "b", "d"]
