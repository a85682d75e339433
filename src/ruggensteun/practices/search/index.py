"""The full-text index of practices, one per database backend, behind the same two calls.

PostgreSQL: a stored generated `tsvector` column on practices_practice, built with the `dutch`
configuration (Snowball stemming, Dutch stop words) and weighted A/B/C by field group, with a GIN
index (migration 0002). The database keeps it current on every insert and update.

SQLite: an FTS5 table `practices_practice_fts` (rowid = practice id) holding the *stems* of the
same field groups, made in Python by `stemmer` (the same algorithm and stop words as PostgreSQL).
It is updated on `post_save`/`post_delete` of a practice (see apps.py); `search_rebuild()` redoes
it from scratch. Updates that bypass save(), such as QuerySet.update() of text fields, must call
`index_practice` themselves.

On both, a query is the AND of its words' stems, each as a prefix ("gezond" also finds
"gezondheidsverschillen"), and only published practices are returned.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections
from django.db.models import F
from django.db.models.expressions import RawSQL

from ruggensteun.practices.models import Practice
from ruggensteun.practices.workflow import Status

from .stemmer import stems

# Field groups and their weights; migration 0002 builds PostgreSQL's column from the same lists.
WEIGHTED_FIELDS: dict[str, tuple[str, ...]] = {
    "A": ("title", "summary"),
    "B": ("problem", "target_group", "goal", "approach"),
    "C": (
        "partners_roles",
        "resident_ownership",
        "conditions",
        "costs",
        "results",
        "lessons",
        "transferability",
    ),
}
FTS_TABLE = "practices_practice_fts"
FTS_COLUMNS = {"A": "weight_a", "B": "weight_b", "C": "weight_c"}
SQLITE_WEIGHTS = (10.0, 4.0, 1.0)  # bm25 column weights, like PostgreSQL's default 1.0/0.4/0.2


def _vendor(using: str = "default") -> str:
    return connections[using].vendor


def _stemmed_groups(practice: Practice) -> dict[str, str]:
    return {
        group: " ".join(stems(" ".join(getattr(practice, name) or "" for name in names)))
        for group, names in WEIGHTED_FIELDS.items()
    }


def index_practice(practice: Practice, *, using: str = "default") -> None:
    """Bring the practice's index entry up to date (PostgreSQL does this by itself)."""
    if _vendor(using) != "sqlite":
        return
    groups = _stemmed_groups(practice)
    with connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [practice.pk])
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, weight_a, weight_b, weight_c) "
            "VALUES (%s, %s, %s, %s)",
            [practice.pk, groups["A"], groups["B"], groups["C"]],
        )


def unindex_practice(practice_id: int, *, using: str = "default") -> None:
    if _vendor(using) == "sqlite":
        with connections[using].cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [practice_id])


def search_rebuild(*, using: str = "default") -> int:
    """Rebuild the SQLite index from all practices; returns how many were indexed."""
    if _vendor(using) != "sqlite":
        return Practice.objects.using(using).count()
    with connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")
    count = 0
    for practice in Practice.objects.using(using).iterator():
        index_practice(practice, using=using)
        count += 1
    return count


def match(terms: Sequence[str], *, using: str = "default") -> list[tuple[int, float]]:
    """(practice id, rank) of the published practices containing every term as a stem prefix.

    `terms` are stems from `stemmer.stems` (letters and digits only), best match first.
    """
    if not terms:
        return []
    vendor = _vendor(using)
    if vendor == "postgresql":
        return _match_postgresql(terms, using)
    if vendor == "sqlite":
        return _match_sqlite(terms, using)
    raise NotImplementedError(f"Full-text search is not available on {vendor}")


def _match_postgresql(terms: Sequence[str], using: str) -> list[tuple[int, float]]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField

    # The terms are stems already: the 'simple' configuration only lower-cases them, so they are
    # not stemmed a second time. Quoted, each with a prefix match.
    query = SearchQuery(
        " & ".join(f"'{term}':*" for term in terms), config="simple", search_type="raw"
    )
    document = RawSQL('"practices_practice"."search_vector"', [], output_field=SearchVectorField())
    rows = (
        Practice.objects.using(using)
        .filter(status=Status.PUBLISHED)
        .annotate(document=document)
        .filter(document=query)
        .annotate(rank=SearchRank(F("document"), query))
        .order_by("-rank", "pk")
        .values_list("pk", "rank")
    )
    return [(pk, float(rank)) for pk, rank in rows]


def _match_sqlite(terms: Sequence[str], using: str) -> list[tuple[int, float]]:
    expression = " AND ".join(f'"{term}"*' for term in terms)
    weights = ", ".join(str(weight) for weight in SQLITE_WEIGHTS)
    sql = (
        f"SELECT f.rowid, -bm25({FTS_TABLE}, {weights}) AS rank FROM {FTS_TABLE} AS f "
        f"JOIN practices_practice AS p ON p.id = f.rowid "
        f"WHERE {FTS_TABLE} MATCH %s AND p.status = %s ORDER BY rank DESC, f.rowid"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [expression, Status.PUBLISHED.value])
        return [(int(pk), float(rank)) for pk, rank in cursor.fetchall()]
