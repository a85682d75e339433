"""Snippets (`practices/search/highlight.py`): matches in <mark>, everything else HTML-escaped."""

from __future__ import annotations

import pytest

from ruggensteun.practices.search import search
from tests.practices.factories import published

pytestmark = pytest.mark.django_db


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
