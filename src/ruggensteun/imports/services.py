"""Running an importer: hash, skip when loaded, validate, write all-or-nothing, record the run."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ruggensteun.accounts.models import User

from .base import Importer, ImportProblem, ImportRejected, Progress, importer_for, no_progress
from .models import ImportRun, ImportStatus


@dataclass(frozen=True)
class ImportOutcome:
    run: ImportRun
    skipped: bool  # True when the same files were already imported successfully


def files_hash(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        digest.update(path.name.encode())
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def import_execute(
    *,
    source: str,
    paths: Sequence[Path] | None = None,
    actor: User | None = None,
    force: bool = False,
    progress: Progress = no_progress,
    importer: Importer | None = None,
) -> ImportOutcome:
    """Import `paths` (default: the shipped files) with the importer registered as `source`,
    or with `importer`, an instance an upload page configured (e.g. limited to one municipality).

    Raises ImportRejected, after recording the rejected run, when the input has problems;
    the database then holds exactly what it held before.
    """
    importer = importer or importer_for(source)
    paths = list(paths) if paths else importer.default_paths(Path(settings.DATA_DIR))
    started = timezone.now()
    run = ImportRun(
        source=source,
        label=importer.label,
        files=[path.name for path in paths],
        actor=actor,
        started_at=started,
    )
    try:
        missing = [path for path in paths if not path.is_file()]
        if missing:
            raise ImportRejected(
                [ImportProblem("Het bestand bestaat niet.", file=str(path)) for path in missing]
            )
        run.file_hash = files_hash(paths)
        previous = ImportRun.objects.filter(
            source=source, file_hash=run.file_hash, status=ImportStatus.SUCCEEDED
        ).first()
        if previous and not force:
            return ImportOutcome(run=previous, skipped=True)
        batch = importer.parse(paths)
        run.rows_read = batch.rows_read
        with transaction.atomic():
            # Saved first so written rows can point at their run; a failure rolls it back too.
            run.status = ImportStatus.SUCCEEDED
            run.finished_at = timezone.now()
            run.save()
            result = importer.write(batch, progress=progress, run=run)
            run.rows_accepted = result.accepted
            run.messages = list(result.notes)[:500]
            run.finished_at = timezone.now()
            run.save()
    except ImportRejected as exc:
        _record_rejection(run, [str(problem) for problem in exc.problems], exc.rows_read)
        raise
    return ImportOutcome(run=run, skipped=False)


def _record_rejection(run: ImportRun, messages: list[str], rows_read: int) -> None:
    run.status = ImportStatus.REJECTED
    run.file_hash = run.file_hash or ""
    run.rows_read = rows_read
    run.rows_accepted = 0
    run.rows_rejected = rows_read
    run.messages = messages[:500]
    run.finished_at = timezone.now()
    run.pk = None
    run.save()


def import_upload(
    upload: Any, *, importer: Importer, actor: User | None, force: bool = True
) -> ImportOutcome:
    """Import a file uploaded through a page: stored under its own name in a temporary folder
    (so problems name the file the user chose) and removed afterwards; all-or-nothing like
    every import. Raises ImportRejected with the problems."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(upload.name).name or "upload")
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        return import_execute(
            source=importer.source, paths=[path], actor=actor, force=force, importer=importer
        )
