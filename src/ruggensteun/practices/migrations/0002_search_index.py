"""The full-text index of practices, per database backend (see practices/search/index.py).

PostgreSQL: a stored generated tsvector column with the `dutch` configuration (Snowball stemming
and Dutch stop words), weighted A/B/C, and a GIN index on it. Note for later migrations: the type
of a column used here cannot be altered while the generated column exists; drop the column first
and add it again afterwards (with this SQL).

SQLite: an FTS5 table of Python-stemmed text (rowid = practice id), filled by the application
(there are no practices yet when this runs).

Other backends get no index (and no full-text search).
"""

from django.db import migrations

GROUPS = {
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


def _weighted(weight: str, fields: tuple[str, ...]) -> str:
    text = " || ' ' || ".join(f'"{field}"' for field in fields)
    return f"setweight(to_tsvector('dutch'::regconfig, {text}), '{weight}')"


POSTGRES = [
    "ALTER TABLE practices_practice ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    + " || ".join(_weighted(weight, fields) for weight, fields in GROUPS.items())
    + ") STORED",
    "CREATE INDEX practices_practice_search ON practices_practice USING gin (search_vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS practices_practice_search",
    "ALTER TABLE practices_practice DROP COLUMN IF EXISTS search_vector",
]
SQLITE = [
    "CREATE VIRTUAL TABLE practices_practice_fts USING fts5("
    "weight_a, weight_b, weight_c, tokenize = 'unicode61 remove_diacritics 0', prefix = '3 4')"
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS practices_practice_fts"]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    statements = {"postgresql": POSTGRES, "sqlite": SQLITE}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    reverse = {"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}
    for statement in reverse.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
