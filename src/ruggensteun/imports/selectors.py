"""Reads of the import runs: what was loaded when, for the pages and reports that cite it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max

from .models import ImportRun, ImportStatus


@dataclass(frozen=True)
class SourceVintage:
    """The last successful import of one source: what was read and when."""

    source: str
    label: str
    files: tuple[str, ...]
    at: datetime.datetime


def imports_version() -> str:
    """Changes whenever an import succeeds (or a succeeded run is removed). Rejected runs change
    no data, and a run is never edited after it finished except for the retention clearing its
    messages, which no page shows; so the number, the highest pk and the latest finish of the
    succeeded runs cover every change."""
    facts = ImportRun.objects.filter(status=ImportStatus.SUCCEEDED).aggregate(
        n=Count("pk"), last=Max("pk"), at=Max("finished_at")
    )
    at = facts["at"].isoformat() if facts["at"] else "-"
    return f"{facts['n']}.{facts['last'] or 0}.{at}"


def source_vintages() -> list[SourceVintage]:
    """The last successful import of every source, by source."""
    runs: dict[str, ImportRun] = {}
    for run in ImportRun.objects.filter(status=ImportStatus.SUCCEEDED).order_by("finished_at"):
        runs[run.source] = run
    return [
        SourceVintage(run.source, run.label, tuple(run.files), run.finished_at)
        for run in sorted(runs.values(), key=lambda r: r.source)
    ]
