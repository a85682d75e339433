"""Running an importer: check limits, hash, skip when loaded, validate, write all-or-nothing,
record the run; uploads through a page are audited, refused ones too."""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ruggensteun.audit.services import audit_record

from .base import Importer, ImportProblem, ImportRejected, Progress, importer_for, no_progress
from .limits import file_check, upload_check
from .models import ImportRun, ImportStatus

if TYPE_CHECKING:
    # For the annotations only: imports sits below accounts in the layers.
    from ruggensteun.accounts.models import User

# Messages of import runs may name rows and columns of files people uploaded; they are kept this
# many days, then cleared by `import_runs_retention` (the run itself stays: what, when, by whom).
IMPORT_RUN_RETENTION_DAYS = 90
MAX_STORED_MESSAGES = 500


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
    run = _new_run(source, importer, [path.name for path in paths], actor)
    return _execute(run, importer, paths, force=force, progress=progress, upload=False)


def _new_run(source: str, importer: Importer, files: list[str], actor: User | None) -> ImportRun:
    return ImportRun(
        source=source, label=importer.label, files=files, actor=actor, started_at=timezone.now()
    )


def _execute(
    run: ImportRun,
    importer: Importer,
    paths: Sequence[Path],
    *,
    force: bool,
    progress: Progress,
    upload: bool,
) -> ImportOutcome:
    try:
        missing = [path for path in paths if not path.is_file()]
        if missing:
            raise ImportRejected(
                [ImportProblem("Het bestand bestaat niet.", file=str(path)) for path in missing]
            )
        for path in paths:
            file_check(path)
        run.file_hash = files_hash(paths)
        previous = ImportRun.objects.filter(
            source=run.source, file_hash=run.file_hash, status=ImportStatus.SUCCEEDED
        ).first()
        if previous and not force:
            return ImportOutcome(run=previous, skipped=True)
        batch = importer.parse(paths)
        run.rows_read = batch.rows_read
        _write(run, importer, batch, progress=progress, upload=upload)
    except ImportRejected as exc:
        _record_rejection(run, exc, importer=importer, upload=upload)
        raise
    return ImportOutcome(run=run, skipped=False)


def _write(
    run: ImportRun, importer: Importer, batch: Any, *, progress: Progress, upload: bool
) -> None:
    with transaction.atomic():
        # Saved first so written rows can point at their run; a failure rolls it back too.
        run.status = ImportStatus.SUCCEEDED
        run.finished_at = timezone.now()
        run.save()
        result = importer.write(batch, progress=progress, run=run)
        run.rows_accepted = result.accepted
        run.messages = list(result.notes)[:MAX_STORED_MESSAGES]
        run.finished_at = timezone.now()
        run.save()
        if upload:
            _audit(run, importer, "import.upload", rows_accepted=run.rows_accepted)


def _record_rejection(
    run: ImportRun, exc: ImportRejected, *, importer: Importer, upload: bool
) -> None:
    run.status = ImportStatus.REJECTED
    run.file_hash = run.file_hash or ""
    run.rows_read = exc.rows_read
    run.rows_accepted = 0
    run.rows_rejected = exc.rows_read
    run.messages = [str(problem) for problem in exc.problems][:MAX_STORED_MESSAGES]
    run.finished_at = timezone.now()
    run.pk = None
    with transaction.atomic():
        run.save()
        if upload:
            # The number of problems only: their texts may name rows of a person's file.
            _audit(run, importer, "import.refused", problems=len(exc.problems))


def _audit(run: ImportRun, importer: Importer, action: str, **facts: int) -> None:
    audit_record(
        actor=run.actor,
        action=action,
        obj=run,
        area_code=getattr(importer, "municipality_code", None) or "",
        after={"source": run.source, "file": run.files[0] if run.files else "", **facts},
    )


def _safe_name(name: str) -> str:
    """The uploaded file's own name, reduced to characters safe in a file system path."""
    cleaned = re.sub(r"[^\w.() -]", "_", Path(name or "").name)[:120].strip(" .")
    return cleaned or "upload"


def import_upload(
    upload: Any, *, importer: Importer, actor: User | None, force: bool = True
) -> ImportOutcome:
    """Import a file uploaded through a page: checked for size and compression before a byte
    is copied, stored under its own name in a temporary folder (so problems name the file the
    user chose) and removed afterwards; all-or-nothing like every import, and audited.
    Raises ImportRejected with the problems."""
    name = _safe_name(upload.name)
    run = _new_run(importer.source, importer, [name], actor)
    try:
        upload_check(name=name, size=upload.size, head=_head(upload))
    except ImportRejected as exc:
        _record_rejection(run, exc, importer=importer, upload=True)
        raise
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        return _execute(run, importer, [path], force=force, progress=no_progress, upload=True)


def _head(upload: Any) -> bytes:
    upload.seek(0)
    head = bytes(upload.read(8))
    upload.seek(0)
    return head


def import_runs_retention(*, now: datetime | None = None) -> int:
    """Clear the messages of import runs older than the retention term; returns how many.
    The runs stay (source, files, counts, hash: the record that and when data was loaded)."""
    cutoff = (now or timezone.now()) - timedelta(days=IMPORT_RUN_RETENTION_DAYS)
    old = [
        run.pk
        for run in ImportRun.objects.filter(finished_at__lt=cutoff).only("pk", "messages")
        if run.messages
    ]
    if not old:
        return 0
    with transaction.atomic():
        ImportRun.objects.filter(pk__in=old).update(messages=[])
        audit_record(
            actor=None,
            action="import.retention",
            after={"runs": len(old), "days": IMPORT_RUN_RETENTION_DAYS},
        )
    return len(old)
