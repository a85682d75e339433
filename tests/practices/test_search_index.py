"""The full-text index (`practices/search/index.py`, kept current by `receivers.py`): every weighted
field is searchable, stems match as prefixes, titles rank first, changes reach the index."""

from __future__ import annotations

import pytest

from ruggensteun.practices.search import search
from ruggensteun.practices.search.index import WEIGHTED_FIELDS, search_rebuild
from tests.practices.factories import published

pytestmark = pytest.mark.django_db


def _slugs(query: str, **filters: str) -> list[str]:
    return [hit.practice.slug for hit in search(query, filters=filters).hits]


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


def test_the_rebuild_command(capsys: pytest.CaptureFixture[str]) -> None:
    from django.core.management import call_command

    published(summary="Buurtvaders.")
    call_command("practices_search_rebuild")
    assert "1 praktijk(en) in de zoekindex." in capsys.readouterr().out
    assert len(search("buurtvaders").hits) == 1
