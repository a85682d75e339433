"""Writes of the monitor: observations (keeping first-published values) and recomputes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from ruggensteun.areas.models import Region
from ruggensteun.imports.base import ImportProblem, ImportRejected, Progress, no_progress
from ruggensteun.imports.models import ImportRun

from .models import Observation, Status


@dataclass(frozen=True)
class ObservationRow:
    code: str
    indicator: str
    period: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    symbol: str = ""
    derived: bool = False
    status: str = Status.DEFINITIVE


def region_ids(vintage: int, codes: Iterable[str] | None = None) -> dict[str, int]:
    regions = Region.objects.filter(vintage=vintage)
    if codes is not None:
        regions = regions.filter(code__in=set(codes))
    return dict(regions.values_list("code", "id"))


def observations_upsert(
    *,
    rows: Sequence[ObservationRow],
    vintage: int,
    run: ImportRun,
    progress: Progress = no_progress,
) -> int:
    """Replace the observations these rows cover. A value published before keeps its first value
    in `first_value`, so a provisional figure later made definitive can still be traced."""
    ids = region_ids(vintage)
    missing = sorted({row.code for row in rows if row.code not in ids})
    if missing:
        shown = ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
        raise ImportRejected(
            [ImportProblem(f"Onbekende regiocode(s) in de indeling {vintage}: {shown}")]
        )
    keys = {(ids[row.code], row.indicator, row.period) for row in rows}
    indicators = {row.indicator for row in rows}
    periods = {row.period for row in rows}
    existing = Observation.objects.filter(
        region__vintage=vintage, indicator__in=indicators, period__in=periods
    )
    first: dict[tuple[int, str, str], float | None] = {}
    stale: list[int] = []
    for pk, region_id, indicator, period, first_value, value in existing.values_list(
        "pk", "region_id", "indicator", "period", "first_value", "value"
    ).iterator(chunk_size=20000):
        key = (region_id, indicator, period)
        if key in keys:
            first[key] = first_value if first_value is not None else value
            stale.append(pk)
    table = Observation._meta.db_table
    with connection.cursor() as cursor:
        # Nothing refers to observations, so a plain DELETE is safe and much faster than the ORM's.
        for start in range(0, len(stale), 5000):
            chunk = stale[start : start + 5000]
            cursor.execute(
                f"DELETE FROM {table} WHERE id IN ({', '.join(['%s'] * len(chunk))})", chunk
            )
    # COPY on PostgreSQL, executemany elsewhere: many times faster than model instances.
    columns = [
        "region_id",
        "indicator",
        "period",
        "value",
        "numerator",
        "denominator",
        "status",
        "cbs_symbol",
        "derived",
        "first_value",
        "import_run_id",
    ]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    batch: list[tuple[object, ...]] = []
    written = 0
    with connection.cursor() as cursor:
        for row in progress(rows, len(rows), "waarnemingen"):
            key = (ids[row.code], row.indicator, row.period)
            batch.append(
                (
                    key[0],
                    row.indicator,
                    row.period,
                    row.value,
                    row.numerator,
                    row.denominator,
                    row.status,
                    row.symbol,
                    row.derived,
                    first.get(key, row.value),
                    run.pk,
                )
            )
            if len(batch) >= 10_000:
                _insert(cursor, sql, table, columns, batch)
                written += len(batch)
                batch = []
        if batch:
            _insert(cursor, sql, table, columns, batch)
        if connection.vendor == "postgresql":
            # Fresh statistics, so the next import's lookups are planned for the new table size.
            cursor.execute(f"ANALYZE {table}")
    return written + len(batch)


def _insert(
    cursor: Any, sql: str, table: str, columns: list[str], rows: list[tuple[object, ...]]
) -> None:
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        cursor.executemany(sql, rows)
