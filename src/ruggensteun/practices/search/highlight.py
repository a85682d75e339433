"""Snippets with the matched words in <mark>, the rest HTML-escaped; the same on both backends.

A word matches when its stem starts with one of the query's stems, exactly as the index matches.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .stemmer import STOPWORDS, WORD, stem

SNIPPET_WORDS = 30
ELLIPSIS = "…"
CONTEXT_WORDS = 5  # words shown before the first match


def _spans(text: str, terms: Sequence[str]) -> tuple[list[tuple[int, int]], list[bool]]:
    """Start and end of each word of `text`, and whether it matches a term."""
    spans, hits = [], []
    for found in WORD.finditer(text):
        word = found.group(0).lower()
        spans.append(found.span())
        hits.append(word not in STOPWORDS and stem(word).startswith(tuple(terms)))
    return spans, hits


def _best_window(hits: list[bool], width: int) -> int:
    """The first word of a `width`-word window with the most matches, a few words before the
    first of them where that loses none."""
    if len(hits) <= width:
        return 0
    counts = [sum(hits[start : start + width]) for start in range(len(hits) - width + 1)]
    best = counts.index(max(counts))
    if not counts[best]:
        return 0
    first_hit = hits.index(True, best)
    shifted = max(0, min(first_hit - CONTEXT_WORDS, len(counts) - 1))
    return shifted if counts[shifted] >= counts[best] else best


def _render(
    text: str, spans: list[tuple[int, int]], hits: list[bool], first: int, last: int
) -> str:
    parts: list[str] = [ELLIPSIS + " "] if first > 0 else []
    cursor = spans[first][0]
    for index in range(first, last + 1):
        start, end = spans[index]
        parts.append(escape(text[cursor:start]))
        word = escape(text[start:end])
        parts.append(f"<mark>{word}</mark>" if hits[index] else word)
        cursor = end
    if last < len(spans) - 1:
        parts.append(escape(text[cursor : spans[last + 1][0]].rstrip()) + " " + ELLIPSIS)
    else:
        parts.append(escape(text[cursor:]))
    return "".join(parts)


def snippet(
    texts: Sequence[str], terms: Sequence[str], *, width: int = SNIPPET_WORDS
) -> SafeString:
    """A short passage from the text with the most matches (the first text if none match)."""
    best: tuple[int, str, list[tuple[int, int]], list[bool]] | None = None
    for text in texts:
        if not text or not text.strip():
            continue
        spans, hits = _spans(text, terms)
        if not spans:
            continue
        if best is None or sum(hits) > best[0]:
            best = (sum(hits), text, spans, hits)
    if best is None:
        return mark_safe("")
    _count, text, spans, hits = best
    first = _best_window(hits, width)
    last = min(len(spans), first + width) - 1
    return mark_safe(_render(text, spans, hits, first, last))  # every part escaped in _render
