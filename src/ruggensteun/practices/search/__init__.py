"""Dutch full-text search of the published practices, with snippets and facets.

`search("eenzaamheid ouderen")` finds a practice about "eenzame oudere bewoners" on both database
backends: every word is reduced to its Snowball stem ("eenzam", "ouder") and matched as a prefix
of the indexed stems. See `index` for how each backend stores and queries them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString

from ruggensteun.practices.models import Practice
from ruggensteun.practices.places import Places, places_of
from ruggensteun.practices.workflow import Status

from .facets import FACETS, FacetValue, Filters, facet_counts, normalise, passes
from .highlight import snippet
from .index import match
from .light import facet_rows
from .stemmer import stems

__all__ = ["FACETS", "FacetValue", "SearchHit", "SearchPage", "query_terms", "search"]

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
# Texts a snippet may come from, most telling first.
SNIPPET_FIELDS = (
    "summary",
    "problem",
    "approach",
    "goal",
    "target_group",
    "results",
    "lessons",
    "partners_roles",
    "resident_ownership",
    "conditions",
    "transferability",
    "costs",
)


@dataclass(frozen=True)
class SearchHit:
    practice: Practice
    rank: float
    snippet: SafeString
    places: Places


@dataclass(frozen=True)
class SearchPage:
    query: str
    terms: tuple[str, ...]  # the stems searched for; empty: all published practices
    hits: tuple[SearchHit, ...]
    total: int  # matches after the filters, before `limit`
    facets: dict[str, tuple[FacetValue, ...]]
    filters: dict[str, tuple[str, ...]]  # the active filters, as understood
    offset: int
    limit: int


def query_terms(query: str) -> tuple[str, ...]:
    """The distinct stems of a query's words, without stop words and single letters."""
    found = [term for term in stems(query[:MAX_QUERY_LENGTH]) if len(term) > 1]
    return tuple(dict.fromkeys(found))[:MAX_TERMS]


def _ranked(terms: tuple[str, ...]) -> list[tuple[int, float]]:
    if terms:
        return match(terms)
    newest_first = Practice.objects.filter(status=Status.PUBLISHED).order_by(
        "-published_at", "title", "pk"
    )
    return [(pk, 0.0) for pk in newest_first.values_list("pk", flat=True)]


def search(
    query: str, *, filters: Filters | None = None, limit: int = 20, offset: int = 0
) -> SearchPage:
    """Published practices matching every word of `query` (all of them for an empty query),
    best first, narrowed by `filters` ({facet: value or values}, facets as in FACETS)."""
    terms = query_terms(query)
    ranked = _ranked(terms)
    # Facets and filters from light value rows of every match; full rows only for the page.
    by_pk = facet_rows([pk for pk, _rank in ranked])
    ordered = [(pk, rank) for pk, rank in ranked if pk in by_pk]
    keys = [by_pk[pk] for pk, _rank in ordered]
    active = normalise(filters)
    kept = [index for index, row in enumerate(keys) if passes(row, active)]
    shown = [ordered[index] for index in kept[offset : offset + limit]]
    practices = {
        practice.pk: practice
        for practice in Practice.objects.filter(pk__in=[pk for pk, _rank in shown])
        .select_related("coalition")
        .prefetch_related("focus_areas__municipality", "regions")
    }
    places = places_of(list(practices.values()))
    hits = []
    for pk, rank in shown:
        practice = practices[pk]
        texts = [getattr(practice, name) for name in SNIPPET_FIELDS]
        hits.append(SearchHit(practice, rank, snippet(texts, terms), places[practice.pk]))
    return SearchPage(
        query=query,
        terms=terms,
        hits=tuple(hits),
        total=len(kept),
        facets=facet_counts(keys, active),
        filters={name: tuple(sorted(values)) for name, values in active.items()},
        offset=offset,
        limit=limit,
    )
