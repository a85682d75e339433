"""One byte cap and one row cap for every import; compressed files only on the command line.

Issue 12, findings 3 and 11 (every upload is audited, a refused one too).
"""

import bz2
import gzip
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ruggensteun.accounts.models import Role, User
from ruggensteun.areas.models import FocusArea
from ruggensteun.audit.models import AuditEvent
from ruggensteun.imports.base import ImportRejected
from ruggensteun.imports.limits import MAX_FILE_BYTES
from ruggensteun.imports.models import ImportRun, ImportStatus
from ruggensteun.imports.services import import_execute, import_upload
from ruggensteun.signals.importers import SignalImporter
from ruggensteun.signals.models import Signal
from tests.accounts.factories import user_with_role
from tests.imports.checks import rejected

pytestmark = pytest.mark.django_db

HEADER = "wijkcode;thema;periode;rol;intensiteit;ontwikkeling;zekerheid;toelichting\n"
GOOD_ROW = "WK047912;eenzaamheid;2021-K1;wijkteam;3;meer;midden;Ouderen spreken niemand meer.\n"


@pytest.fixture
def poelenburg() -> User:
    return user_with_role(Role.PROFESSIONAL, "WK047912")


def refused_upload(user: User, name: str, content: bytes) -> ImportRejected:
    signals, runs, events = Signal.objects.count(), ImportRun.objects.count(), _events(user)
    with pytest.raises(ImportRejected) as caught:
        import_upload(SimpleUploadedFile(name, content), importer=SignalImporter(user), actor=user)
    assert Signal.objects.count() == signals
    assert ImportRun.objects.count() == runs + 1
    run = ImportRun.objects.order_by("-pk")[0]
    assert run.status == ImportStatus.REJECTED and run.actor == user
    assert _events(user) == events + 1
    event = AuditEvent.objects.filter(actor=user).order_by("-pk")[0]
    assert event.action == "import.refused" and event.object_id == str(run.pk)
    assert event.after["source"] == "signalen-csv"
    return caught.value


def _events(user: User) -> int:
    return AuditEvent.objects.filter(actor=user, action__startswith="import.").count()


def zipped(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.issue(12)
def test_an_upload_over_the_byte_cap_is_refused_before_it_is_read(poelenburg: User) -> None:
    content = (HEADER + GOOD_ROW * (MAX_FILE_BYTES // len(GOOD_ROW) + 1)).encode()
    error = refused_upload(poelenburg, "signalen.csv", content)
    assert [p.message for p in error.problems] == [
        "Het bestand is groter dan 20 MB; splits het bestand."
    ]


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("signalen.zip", zipped("signalen.csv", (HEADER + GOOD_ROW).encode())),
        ("signalen.csv", bz2.compress((HEADER + GOOD_ROW).encode())),
        ("signalen.csv", zipped("signalen.csv", (HEADER + GOOD_ROW).encode())),
        ("signalen.csv.xz", b"\xfd7zXZ\x00" + b"0" * 40),
    ],
    ids=["zip", "bz2-as-csv", "zip-as-csv", "xz"],
)
def test_compressed_uploads_are_refused_through_the_web(
    poelenburg: User, name: str, content: bytes
) -> None:
    error = refused_upload(poelenburg, name, content)
    assert "gecomprimeerd" in error.problems[0].message


@pytest.mark.issue(12)
def test_a_file_over_the_byte_cap_is_refused_on_the_command_line(tmp_path: Path) -> None:
    target = tmp_path / "focus_areas_sources.csv"
    with target.open("wb") as handle:
        handle.write(b"programme,area\n")
        handle.truncate(MAX_FILE_BYTES + 1)
    areas = FocusArea.objects.count()
    with pytest.raises(ImportRejected) as caught:
        import_execute(source="focusgebieden", paths=[target])
    assert FocusArea.objects.count() == areas
    assert caught.value.problems[0].message == (
        "Het bestand is groter dan 20 MB; splits het bestand."
    )


@pytest.mark.issue(12)
def test_a_zip_is_refused_on_the_command_line_unless_it_is_an_xlsx(tmp_path: Path) -> None:
    target = tmp_path / "focus_areas_sources.csv"
    target.write_bytes(zipped("focus_areas_sources.csv", b"programme,area\n"))
    with pytest.raises(ImportRejected) as caught:
        import_execute(source="focusgebieden", paths=[target])
    assert "gecomprimeerd" in caught.value.problems[0].message


@pytest.mark.issue(12)
def test_an_accepted_upload_is_audited_with_the_run(poelenburg: User) -> None:
    outcome = import_upload(
        SimpleUploadedFile("signalen.csv", (HEADER + GOOD_ROW).encode()),
        importer=SignalImporter(poelenburg),
        actor=poelenburg,
    )
    event = AuditEvent.objects.get(actor=poelenburg, action="import.upload")
    assert event.object_id == str(outcome.run.pk)
    assert event.after == {"source": "signalen-csv", "file": "signalen.csv", "rows_accepted": 1}


@pytest.mark.issue(12)
def test_a_refused_upload_is_audited_without_cell_values(poelenburg: User) -> None:
    content = (HEADER + GOOD_ROW.replace("eenzaamheid", "Jan Jansen")).encode()
    refused_upload(poelenburg, "signalen.csv", content)
    event = AuditEvent.objects.get(actor=poelenburg, action="import.refused")
    assert "Jan" not in str(event.after) and "Jan" not in event.object_repr
    assert event.after == {"source": "signalen-csv", "file": "signalen.csv", "problems": 1}


@pytest.mark.issue(12)
def test_the_covid_reader_unpacks_within_the_cap(tmp_path: Path) -> None:
    """RIVM files are read through the same capped stream: a bomb stops at the unpacked cap."""
    import gzip

    from ruggensteun.imports.limits import MAX_UNPACKED_BYTES
    from ruggensteun.monitor.importers.covid import read_csv

    bomb = tmp_path / "positief_getest_per_gemeente_per_dag.csv.gz"
    with gzip.open(bomb, "wb", compresslevel=1) as handle:
        chunk = b"0" * 2**20
        for _ in range(MAX_UNPACKED_BYTES // len(chunk) + 1):
            handle.write(chunk)
    with pytest.raises(ImportRejected, match="MB"):
        read_csv(bomb)
    small = tmp_path / "small.csv.gz"
    small.write_bytes(gzip.compress(b"a,b\n1,2\n"))
    assert read_csv(small).shape == (1, 2)


@pytest.mark.issue(12)
def test_a_body_past_the_byte_cap_is_refused_from_its_length_before_it_is_read(
    client: Client, poelenburg: User
) -> None:
    """The Content-Length alone refuses it, in Dutch: Django never spools the upload to disk."""
    from django.urls import reverse

    client.force_login(poelenburg)
    before = (Signal.objects.count(), ImportRun.objects.count())
    response = client.post(
        reverse("signals-import"),
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(MAX_FILE_BYTES * 3),
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "Bestand te groot" in page and f"{MAX_FILE_BYTES // 2**20} MB" in page
    assert "Content-Security-Policy" in response.headers
    assert (Signal.objects.count(), ImportRun.objects.count()) == before


def test_gzip_garbage_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "focus_areas_sources.csv.gz"
    target.write_bytes(gzip.compress(b"programme,area\n")[:12])
    assert "kan niet gelezen worden" in rejected("focusgebieden", [target]).problems[0].message
