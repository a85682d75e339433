"""The Python Dutch stemmer gives PostgreSQL's `dutch` stems (checked against the database on
PostgreSQL runs, and against stems recorded from PostgreSQL 15 everywhere)."""

from __future__ import annotations

import pytest
from django.db import connection

from ruggensteun.practices.search.stemmer import STOPWORDS, stem, stems, words
from ruggensteun.practices.starter import STARTER_PATH

# Recorded with `SELECT ts_lexize('dutch_stem', word)` on PostgreSQL 15.
RECORDED = {
    "eenzaamheid": "eenzam",
    "eenzame": "eenzam",
    "oudere": "ouder",
    "ouderen": "ouder",
    "buurtvaders": "buurtvader",
    "gezondheidsverschillen": "gezondheidsverschill",
    "veiligheid": "veilig",
    "kwetsbare": "kwetsbar",
    "samenwerking": "samenwerk",
    "initiatieven": "initiatiev",
    "ondermijning": "ondermijn",
    "maan": "man",
    "brood": "brod",
    "heden": "heden",
    "vrijheden": "vrijheid",
    "mogelijkheid": "mogelijk",
    "bescheidenheid": "bescheid",
    "gemeenten": "gemeent",
    "betaalbaar": "betal",
    "vriendelijke": "vriendelijk",
    "liefde": "liefd",
    "huizen": "huiz",
    "geïnformeerd": "geinformeerd",
    "coöperatie": "cooperatie",
    "yoghurt": "yoghurt",
}


@pytest.mark.parametrize(("word", "expected"), sorted(RECORDED.items()))
def test_recorded_postgresql_stems(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_the_acceptance_words_share_their_stems() -> None:
    assert stems("eenzaamheid ouderen") == stems("eenzame oudere") == ["eenzam", "ouder"]
    assert stems("De ouderen en het Buurthuis") == ["ouder", "buurthuis"]  # stop words dropped


# Every word of the starter content (the memo's vocabulary) and the recorded cases.
SAMPLE = sorted((set(words(STARTER_PATH.read_text(encoding="utf-8"))) | set(RECORDED)) - STOPWORDS)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL itself")
@pytest.mark.django_db
def test_same_stems_as_postgresql() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, ts_lexize('dutch_stem', w) FROM unnest(%s::text[]) AS w",
            [SAMPLE + sorted(STOPWORDS)],
        )
        rows = dict(cursor.fetchall())
    assert len(SAMPLE) > 200
    assert {word: stem(word) for word in SAMPLE} == {word: rows[word][0] for word in SAMPLE}
    assert all(rows[word] == [] for word in STOPWORDS)  # the same stop words
