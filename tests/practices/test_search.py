"""Dutch full-text search of the published practices (`practices/search/`): what a query finds, in
which order and pages, with a fixed number of queries. The index, facets, snippets and stemmer
have their own test_search_*.py."""

from __future__ import annotations

from typing import Any

import pytest

from ruggensteun.practices.search import search
from ruggensteun.practices.workflow import Status
from tests.practices.factories import (
    MOERWIJK,
    SCHILDERSWIJK,
    CoalitionFactory,
    PracticeFactory,
    focus_area,
    published,
    region,
)

pytestmark = pytest.mark.django_db


def _slugs(query: str, **filters: str) -> list[str]:
    return [hit.practice.slug for hit in search(query, filters=filters).hits]


def test_eenzaamheid_ouderen_finds_eenzame_oudere_bewoners() -> None:
    published(slug="koffie", summary="Koffieochtenden voor eenzame oudere bewoners in de wijk.")
    published(slug="sport", summary="Sporten met jongeren op het plein.")
    assert _slugs("eenzaamheid ouderen") == ["koffie"]
    assert _slugs("Eenzaamheid") == ["koffie"]
    assert _slugs("eenzaamheid jongeren") == []  # every word must match


def test_unpublished_practices_are_not_found() -> None:
    for status in Status.values:
        PracticeFactory(slug=f"p-{status}", status=status, summary="Eenzame ouderen bezoeken.")
    assert _slugs("eenzaamheid ouderen") == ["p-published"]
    assert [hit.practice.slug for hit in search("").hits] == ["p-published"]


def test_a_query_of_stop_words_only_lists_everything() -> None:
    published(slug="a")
    published(slug="b")
    page = search("de en het")
    assert page.terms == () and page.total == 2


@pytest.mark.usefixtures("library")
def test_limit_and_offset_page_through_the_results() -> None:
    first = search("", limit=3)
    rest = search("", limit=3, offset=3)
    assert first.total == rest.total == 4
    assert len(first.hits) == 3 and len(rest.hits) == 1
    assert {hit.practice.slug for hit in first.hits + rest.hits} == {"a", "b", "c", "d"}


def test_the_number_of_queries_does_not_grow_with_the_results(
    django_assert_num_queries: Any,
) -> None:
    for _index in range(3):
        published(summary="Buurtwerk.", themes=["gezondheid"], regions=[region(MOERWIJK)])
        published(summary="Buurtwerk.", focus_areas=[focus_area("zaandam-oost")])
    # match, the library's version (7: the areas version counts curation decisions too), its
    # facet index rebuilt after the change (7 light queries), the shown page with its places (7)
    with django_assert_num_queries(22):
        small = search("buurtwerk", limit=2)
    for _index in range(6):
        published(
            summary="Buurtwerk.", coalition=CoalitionFactory(), regions=[region(SCHILDERSWIJK)]
        )
    with django_assert_num_queries(22):
        large = search("buurtwerk")
    with django_assert_num_queries(15):  # nothing changed: the facet index comes from memory
        search("buurtwerk")
    assert (small.total, large.total) == (6, 12)
