"""Writes of the monitor: observations (keeping first-published values) and recomputes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
    for start in range(0, len(stale), 5000):
        Observation.objects.filter(pk__in=stale[start : start + 5000]).delete()
    batch: list[Observation] = []
    written = 0
    for row in progress(rows, len(rows), "waarnemingen"):
        key = (ids[row.code], row.indicator, row.period)
        batch.append(
            Observation(
                region_id=key[0],
                indicator=row.indicator,
                period=row.period,
                value=row.value,
                numerator=row.numerator,
                denominator=row.denominator,
                status=row.status,
                cbs_symbol=row.symbol,
                derived=row.derived,
                first_value=first.get(key, row.value),
                import_run=run,
            )
        )
        if len(batch) >= 5000:
            Observation.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    Observation.objects.bulk_create(batch)
    return written + len(batch)
