"""The template upload on the web (/gemeenten/<GM>/cijfers/): the template to download, the same
validation as the command line with every problem listed, all-or-nothing, audited, and the
monitor recomputed (issue 15, item 7).

Figures are the shipped ones of tests/data/good/eigen_cijfers.csv: Poelenburg's 30.2 % adults
struggling to make ends meet (GGD 2020) and Zaanstad's 34,830 of 118,690 with a low education.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Role, User
from ruggensteun.areas.models import Level, Region
from ruggensteun.audit.models import AuditEvent
from ruggensteun.imports.limits import MAX_FILE_BYTES
from ruggensteun.imports.models import ImportRun, ImportStatus
from ruggensteun.monitor.models import Observation, ResultSet, Status
from ruggensteun.monitor.upload import HEADER
from tests.accounts.factories import user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.issue(15)]

PAGE = reverse("municipality-figures", args=["GM0479"])
HEAD = "regiocode;naam;indicator;periode;teller;noemer;waarde;status;indeling\n"
POELENBURG = "WK047912;Wijk 12 Poelenburg;ggd_moeite_rondkomen;2020;;;30,2;voorlopig;2020\n"
ZAANSTAD = "GM0479;Zaanstad;kwb_laag_opgeleid;2020;34830;118690;;definitief;2020\n"
README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def analyst(client: Client) -> User:
    user = user_with_role(Role.ANALIST, "GM0479")
    client.force_login(user)
    return user


def post(client: Client, content: bytes | str, name: str = "cijfers.csv") -> str:
    body = content.encode() if isinstance(content, str) else content
    response = client.post(PAGE, {"file": SimpleUploadedFile(name, body)}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def zaanstad_state() -> list[tuple[object, ...]]:
    return list(
        Observation.objects.filter(region__code__in=["WK047912", "GM0479", "WK051836"])
        .order_by("pk")
        .values_list("pk", "indicator", "period", "value", "status")
    )


def test_anonymous_visitors_are_sent_to_the_login_page(client: Client) -> None:
    for url in [PAGE, reverse("municipality-figures-template", args=["GM0479", "csv"])]:
        response = client.get(url)
        assert response.status_code == 302 and "/inloggen/" in response["Location"]


@pytest.mark.parametrize(
    ("role", "scope"),
    [(Role.ANALIST, "GM0518"), (Role.PROFESSIONAL, "WK047912"), (Role.BEOORDELAAR, "GM0479")],
    ids=["analyst-of-den-haag", "professional-in-poelenburg", "reviewer-of-zaanstad"],
)
def test_other_roles_and_other_municipalities_are_refused(
    client: Client, role: str, scope: str
) -> None:
    client.force_login(user_with_role(role, scope))
    before = zaanstad_state()
    assert client.get(PAGE).status_code == 403
    template = reverse("municipality-figures-template", args=["GM0479", "xlsx"])
    assert client.get(template).status_code == 403
    response = client.post(PAGE, {"file": SimpleUploadedFile("c.csv", (HEAD + ZAANSTAD).encode())})
    assert response.status_code == 403
    assert zaanstad_state() == before
    assert not ImportRun.objects.filter(source="sjabloon").exists()


def test_the_page_explains_the_template_and_links_it(client: Client, analyst: User) -> None:
    page = client.get(PAGE).content.decode()
    assert "Eigen cijfers van Zaanstad" in page
    for column in HEADER:
        assert f"<code>{column}</code>" in page
    assert reverse("municipality-figures-template", args=["GM0479", "csv"]) in page
    assert reverse("municipality-figures-template", args=["GM0479", "xlsx"]) in page
    assert "<code>ggd_moeite_rondkomen</code>" in page  # the catalogue's list
    assert 'enctype="multipart/form-data"' in page and "csrfmiddlewaretoken" in page


def test_the_csv_template_holds_zaanstad_and_its_wijken(client: Client, analyst: User) -> None:
    response = client.get(reverse("municipality-figures-template", args=["GM0479", "csv"]))
    assert response.status_code == 200
    assert "sjabloon-eigen-cijfers-GM0479.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADER
    wijken = Region.objects.filter(vintage=2020, level=Level.WIJK, parent__code="GM0479")
    assert [row[0] for row in rows[1:]] == ["GM0479", *sorted(w.code for w in wijken)]
    assert ["WK047912", "Wijk 12 Poelenburg", "", "", "", "", "", "", "2020"] in rows


def test_the_xlsx_template_has_the_data_sheet_and_the_catalogue(
    client: Client, analyst: User
) -> None:
    from openpyxl import load_workbook

    response = client.get(reverse("municipality-figures-template", args=["GM0479", "xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["gegevens", "indicatoren", "toelichting"]
    rows = list(workbook["gegevens"].iter_rows(values_only=True))
    assert list(rows[0]) == HEADER and rows[1][:2] == ("GM0479", "Zaanstad")
    ids = [row[0] for row in workbook["indicatoren"].iter_rows(min_row=2, values_only=True)]
    assert "ggd_moeite_rondkomen" in ids


def test_a_good_upload_is_stored_recorded_audited_and_recomputed(
    client: Client, analyst: User
) -> None:
    """The template as downloaded, two of its rows filled in, the other wijken left empty."""
    before = ResultSet.objects.get()
    template = client.get(reverse("municipality-figures-template", args=["GM0479", "csv"]))
    text = (
        template.content.decode("utf-8-sig")
        .replace("WK047912;Wijk 12 Poelenburg;;;;;;;2020", POELENBURG.strip())
        .replace("GM0479;Zaanstad;;;;;;;2020", ZAANSTAD.strip())
    )
    read = text.count("\n") - 1  # the rows under the header: Zaanstad and each of its wijken
    page = post(client, text)

    run = ImportRun.objects.get(source="sjabloon", actor=analyst)
    assert (run.status, run.rows_read, run.rows_accepted) == (ImportStatus.SUCCEEDED, read, 2)
    poelenburg = Observation.objects.get(
        region__code="WK047912", indicator="ggd_moeite_rondkomen", period="2020"
    )
    assert (poelenburg.value, poelenburg.status, poelenburg.import_run) == (
        30.2,
        Status.PROVISIONAL,
        run,
    )
    zaanstad = Observation.objects.get(region__code="GM0479", indicator="kwb_laag_opgeleid")
    assert (zaanstad.numerator, zaanstad.denominator, zaanstad.import_run) == (34830, 118690, run)
    assert zaanstad.value == pytest.approx(34830 / 118690 * 100)  # 29.35 %

    event = AuditEvent.objects.get(actor=analyst, action="import.upload")
    assert event.area_code == "GM0479" and event.object_id == str(run.pk)
    assert event.after == {"source": "sjabloon", "file": "cijfers.csv", "rows_accepted": 2}

    after = ResultSet.objects.get()  # the monitor was recomputed: a new result set
    assert after.pk != before.pk and after.stamp != before.stamp

    assert f"2 cijfers opgeslagen (uit {read} gelezen regels), voor 2 regio's." in page
    assert "Perioden: 2020" in page
    assert "Moeite met rondkomen" in page
    assert reverse("focus-area-detail", args=["zaandam-oost"]) in page


def test_two_bad_rows_are_both_listed_in_dutch_and_nothing_is_stored(
    client: Client, analyst: User
) -> None:
    before = zaanstad_state()
    results = ResultSet.objects.get().pk
    content = (
        HEAD
        + POELENBURG
        + "WK047913;;misdaad_per_inwoner;2020;;;12;;2020\n"  # unknown indicator
        + "WK051836;Moerwijk;ggd_moeite_rondkomen;2020;;;25;;2020\n"  # Den Haag, not Zaanstad
    )
    page = post(client, content)
    assert "Het bestand is geweigerd; er is niets opgeslagen." in page
    assert (
        "cijfers.csv, regel 3, kolom &#x27;indicator&#x27;: Onbekende indicator "
        "&#x27;misdaad_per_inwoner&#x27;" in page
    )
    assert (
        "cijfers.csv, regel 4, kolom &#x27;regiocode&#x27;: Regiocode WK051836 ligt niet in "
        "gemeente GM0479" in page
    )
    assert zaanstad_state() == before
    assert ResultSet.objects.get().pk == results
    run = ImportRun.objects.get(source="sjabloon", actor=analyst)
    assert (run.status, run.rows_accepted) == (ImportStatus.REJECTED, 0)
    refused = AuditEvent.objects.get(actor=analyst, action="import.refused")
    assert refused.after == {"source": "sjabloon", "file": "cijfers.csv", "problems": 2}


def test_an_oversized_file_is_refused_in_dutch(client: Client, analyst: User) -> None:
    content = (HEAD + POELENBURG * (MAX_FILE_BYTES // len(POELENBURG) + 1)).encode()
    assert len(content) > MAX_FILE_BYTES
    before = zaanstad_state()
    page = post(client, content)
    assert "cijfers.csv: Het bestand is groter dan 20 MB; splits het bestand." in page
    assert zaanstad_state() == before


def test_a_template_left_empty_is_refused_in_dutch(client: Client, analyst: User) -> None:
    template = client.get(reverse("municipality-figures-template", args=["GM0479", "xlsx"]))
    page = post(client, template.content, name="sjabloon.xlsx")
    assert "Het bestand bevat alleen lege sjabloonregels" in page


def test_hostile_text_in_an_upload_is_shown_escaped(client: Client, analyst: User) -> None:
    page = post(client, HEAD + "WK047912;x;<script>alert(1)</script>;2020;;;1;;2020\n")
    assert "<script>alert(1)" not in page
    assert "Onbekende indicator &#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27;" in page


def test_an_upload_without_the_csrf_token_is_refused(analyst: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)
    response = client.post(PAGE, {"file": SimpleUploadedFile("c.csv", (HEAD + ZAANSTAD).encode())})
    assert response.status_code == 403
    assert not ImportRun.objects.filter(source="sjabloon").exists()


def test_the_readme_documents_every_template_column() -> None:
    section = README.read_text().split("## Own figures: the upload template")[1].split("\n## ")[0]
    documented = re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)
    assert documented == HEADER
