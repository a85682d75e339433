"""Running imports (`imports/services.py`): all-or-nothing even when an importer fails halfway
through writing, every run recorded, missing files named, and run messages kept for a fixed
term only (issue 12, finding 10)."""

from collections.abc import Sequence
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import ClassVar

import pytest
from django.core.management import call_command
from django.utils import timezone

from ruggensteun.areas.models import Region
from ruggensteun.audit.models import AuditEvent
from ruggensteun.imports import base
from ruggensteun.imports.base import (
    ImportProblem,
    ImportRejected,
    ParsedBatch,
    Progress,
    WriteResult,
)
from ruggensteun.imports.models import ImportRun, ImportStatus
from ruggensteun.imports.services import IMPORT_RUN_RETENTION_DAYS, import_execute
from tests.imports.checks import rejected

pytestmark = pytest.mark.django_db


class HalfwayFailingImporter:
    """Writes real rows, then finds a problem only the database can reveal, and gives up."""

    source: ClassVar[str] = "test-halfway"
    label: ClassVar[str] = "test: faalt halverwege"
    depends_on: ClassVar[tuple[str, ...]] = ()

    def default_paths(self, data_dir: Path) -> list[Path]:
        return []

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        return ParsedBatch(records=["GM0479"], rows_read=3)

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        Region.objects.filter(vintage=2020, code="GM0479").update(name="Halverwege", population=1)
        Region.objects.create(vintage=2099, code="GM0479", level="gemeente", name="Toekomst")
        raise ImportRejected(
            [ImportProblem("Conflict met bestaande gegevens.", row=3)], rows_read=3
        )


@pytest.fixture
def halfway(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(base._REGISTRY, HalfwayFailingImporter.source, HalfwayFailingImporter)


def test_a_failure_during_write_rolls_back_everything_written(
    halfway: None, tmp_path: Path
) -> None:
    source_file = tmp_path / "input.csv"
    source_file.write_text("a\n1\n")
    with pytest.raises(ImportRejected):
        import_execute(source="test-halfway", paths=[source_file])
    zaanstad = Region.objects.get(vintage=2020, code="GM0479")
    assert (zaanstad.name, zaanstad.population) == ("Zaanstad", 156794)
    assert not Region.objects.filter(vintage=2099).exists()
    run = ImportRun.objects.get(source="test-halfway")
    assert run.status == ImportStatus.REJECTED
    assert run.messages == ["regel 3: Conflict met bestaande gegevens."]
    assert (run.rows_read, run.rows_accepted, run.rows_rejected) == (3, 0, 3)


def test_a_successful_run_records_what_it_read(tmp_path: Path, data_dir: Path) -> None:
    run = import_execute(source="cbs-kwb-gemeenten-2020", force=True).run
    assert run.status == ImportStatus.SUCCEEDED
    assert run.files == ["kwb_2020_gemeenten.csv"]
    assert run.rows_read == 355
    assert run.rows_accepted == 356  # 355 gemeenten and Nederland as their sum
    assert len(run.file_hash) == 64


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    problem = rejected("focusgebieden", [tmp_path / "bestaat-niet.csv"]).problems[0]
    assert problem.message == "Het bestand bestaat niet."
    assert problem.file.endswith("bestaat-niet.csv")


def run(days_ago: int, messages: list[str]) -> ImportRun:
    moment = timezone.now() - timedelta(days=days_ago)
    return ImportRun.objects.create(
        source="signalen-csv",
        label="Signalen",
        files=["signalen.csv"],
        file_hash="0" * 64,
        status=ImportStatus.REJECTED,
        messages=messages,
        started_at=moment,
        finished_at=moment,
    )


@pytest.mark.issue(12)
def test_the_retention_command_clears_old_messages_and_keeps_the_run() -> None:
    assert IMPORT_RUN_RETENTION_DAYS == 90
    old = run(91, ["signalen.csv, regel 2, kolom 'thema': Geen geldige waarde."])
    recent = run(89, ["signalen.csv, regel 3, kolom 'rol': Geen geldige waarde."])
    out = StringIO()
    call_command("import_runs_retention", stdout=out)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.messages == [] and old.status == ImportStatus.REJECTED
    assert recent.messages == ["signalen.csv, regel 3, kolom 'rol': Geen geldige waarde."]
    assert "1 importrun(s)" in out.getvalue()
    assert AuditEvent.objects.filter(action="import.retention").count() == 1
    call_command("import_runs_retention", stdout=StringIO())  # nothing left: no new event
    assert AuditEvent.objects.filter(action="import.retention").count() == 1
