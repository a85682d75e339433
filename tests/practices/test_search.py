"""Dutch full-text search with stemming, facets and safe snippets, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from ruggensteun.practices.models import CoalitionType, EvidenceLevel
from ruggensteun.practices.search import search
from ruggensteun.practices.search.index import WEIGHTED_FIELDS, search_rebuild
from ruggensteun.practices.workflow import Status
from tests.practices.factories import (
    MOERWIJK,
    POELENBURG,
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


def test_a_word_finds_longer_compounds_by_stem_prefix() -> None:
    published(slug="moerwijk", summary="Twee coalities tegen gezondheidsverschillen.")
    assert _slugs("gezondheid") == ["moerwijk"]
    assert _slugs("coalitie") == ["moerwijk"]


@pytest.mark.parametrize("field", [name for names in WEIGHTED_FIELDS.values() for name in names])
def test_every_indexed_field_is_searchable(field: str) -> None:
    published(slug="hier", **{field: "Een zeldzaam woord: knotwilgenknipper."})
    published(slug="elders", **{field: "Iets anders."})
    assert _slugs("knotwilgenknippers") == ["hier"]


def test_title_matches_rank_above_matches_in_the_details() -> None:
    published(slug="detail", title="Buurtkamer", lessons="Ook voor mantelzorgers.")
    published(slug="titel", title="Steun voor mantelzorgers", lessons="Niets bijzonders.")
    assert _slugs("mantelzorgers") == ["titel", "detail"]


def test_snippets_mark_matches_and_escape_html() -> None:
    published(
        slug="veilig",
        summary='Wij <script>alert("x")</script> helpen eenzame ouderen & hun "buren".',
    )
    (hit,) = search("eenzaamheid ouderen").hits
    assert "<mark>eenzame</mark> <mark>ouderen</mark>" in hit.snippet
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in hit.snippet
    assert "<script>" not in hit.snippet
    assert "&amp; hun &quot;buren&quot;." in hit.snippet


def test_a_long_text_is_cut_around_the_match() -> None:
    text = " ".join(["woord"] * 60 + ["buurtvaders", "op", "het", "plein"] + ["woord"] * 60)
    published(slug="lang", approach=text)
    (hit,) = search("buurtvader").hits
    assert hit.snippet.startswith("… ") and hit.snippet.endswith(" …")
    assert "<mark>buurtvaders</mark> op het plein" in hit.snippet


def test_a_query_of_stop_words_only_lists_everything() -> None:
    published(slug="a")
    published(slug="b")
    page = search("de en het")
    assert page.terms == () and page.total == 2


@pytest.fixture
def library() -> None:
    """Four published practices and a draft, with known facet values."""
    den_haag_zw = focus_area("den-haag-zuidwest")
    zaandam = focus_area("zaandam-oost")
    ad_hoc = CoalitionFactory(type=CoalitionType.AD_HOC)
    versterkt = CoalitionFactory(type=CoalitionType.VERSTERKTE_SAMENWERKING)
    published(
        slug="a",
        summary="Buurtwerk.",
        themes=["gezondheid"],
        regions=[region(MOERWIJK)],
        coalition=versterkt,
    )
    published(
        slug="b",
        summary="Buurtwerk.",
        themes=["gezondheid", "werk_inkomen"],
        focus_areas=[zaandam],
        coalition=ad_hoc,
        evidence_level=EvidenceLevel.INDICATIES,
    )
    published(
        slug="c",
        summary="Buurtwerk.",
        themes=["werk_inkomen"],
        regions=[region(SCHILDERSWIJK), region(POELENBURG)],
        coalition=ad_hoc,
    )
    published(slug="d", summary="Iets anders.", themes=["corona"], focus_areas=[den_haag_zw])
    PracticeFactory(slug="concept", summary="Buurtwerk.", themes=["gezondheid"])


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


@pytest.mark.usefixtures("library")
def test_limit_and_offset_page_through_the_results() -> None:
    first = search("", limit=3)
    rest = search("", limit=3, offset=3)
    assert first.total == rest.total == 4
    assert len(first.hits) == 3 and len(rest.hits) == 1
    assert {hit.practice.slug for hit in first.hits + rest.hits} == {"a", "b", "c", "d"}


def test_changes_and_deletions_reach_the_index() -> None:
    practice = published(slug="wissel", summary="Over buurtvaders.")
    assert _slugs("buurtvaders") == ["wissel"]
    practice.summary = "Over huiswerkbegeleiding."
    practice.save()
    assert _slugs("buurtvaders") == [] and _slugs("huiswerkbegeleiding") == ["wissel"]
    assert search_rebuild() == 1
    assert _slugs("huiswerkbegeleiding") == ["wissel"]
    practice.delete()
    assert _slugs("huiswerkbegeleiding") == []


def test_the_number_of_queries_does_not_grow_with_the_results(
    django_assert_num_queries: Any,
) -> None:
    for _index in range(3):
        published(summary="Buurtwerk.", themes=["gezondheid"], regions=[region(MOERWIJK)])
        published(summary="Buurtwerk.", focus_areas=[focus_area("zaandam-oost")])
    # match, the library's version (4), its facet index rebuilt after the change (7 light
    # queries), the shown page with its places (7)
    with django_assert_num_queries(19):
        small = search("buurtwerk", limit=2)
    for _index in range(6):
        published(
            summary="Buurtwerk.", coalition=CoalitionFactory(), regions=[region(SCHILDERSWIJK)]
        )
    with django_assert_num_queries(19):
        large = search("buurtwerk")
    with django_assert_num_queries(12):  # nothing changed: the facet index comes from memory
        search("buurtwerk")
    assert (small.total, large.total) == (6, 12)


def test_the_rebuild_command(capsys: pytest.CaptureFixture[str]) -> None:
    from django.core.management import call_command

    published(summary="Buurtvaders.")
    call_command("practices_search_rebuild")
    assert "1 praktijk(en) in de zoekindex." in capsys.readouterr().out
    assert len(search("buurtvaders").hits) == 1
