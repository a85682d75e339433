"""Import runs keep their messages for a fixed term only (issue 12, finding 10)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from ruggensteun.audit.models import AuditEvent
from ruggensteun.imports.models import ImportRun, ImportStatus
from ruggensteun.imports.services import IMPORT_RUN_RETENTION_DAYS

pytestmark = pytest.mark.django_db


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
