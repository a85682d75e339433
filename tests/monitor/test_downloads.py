"""Issue 12, finding 8: no cell of a CSV or XLSX download runs as a spreadsheet formula."""

import csv
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from ruggensteun.areas.models import FocusArea
from ruggensteun.monitor.downloads import safe_text, table_download

pytestmark = pytest.mark.issue(12)

FORMULA = '=HYPERLINK("http://x","y")'
COMPARED = {"gebieden": ["zaandam-oost", "utrecht-overvecht"], "domein": "werk_inkomen"}


@pytest.fixture
def hostile_area(db: None) -> FocusArea:
    area = FocusArea.objects.get(slug="zaandam-oost")
    area.name = FORMULA
    area.save(update_fields=["name"])
    return area


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_an_area_named_as_a_formula_is_text_in_the_compare_csv_header(
    client: Client, hostile_area: FocusArea
) -> None:
    header, *rows = csv_rows(client.get("/vergelijk/tabel.csv", COMPARED).content)
    assert "'" + FORMULA in header
    assert FORMULA not in header
    assert all(not cell.startswith("=") for row in [header, *rows] for cell in row)


def test_an_area_named_as_a_formula_is_a_text_cell_in_the_compare_xlsx(
    client: Client, hostile_area: FocusArea
) -> None:
    workbook = load_workbook(io.BytesIO(client.get("/vergelijk/tabel.xlsx", COMPARED).content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert any(cell.value == "'" + FORMULA for cell in cells)
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []


def test_the_area_download_has_no_formula_cells(client: Client, hostile_area: FocusArea) -> None:
    workbook = load_workbook(io.BytesIO(client.get("/gebieden/zaandam-oost/cijfers.xlsx").content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert any(cell.value == "'" + FORMULA for cell in cells)
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    rows = csv_rows(client.get("/gebieden/zaandam-oost/cijfers.csv").content)
    assert rows[1][0] == "'" + FORMULA


@pytest.mark.parametrize(
    "text", ["=1+1", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "＝1+1", "＋1", "－1", "＠SUM(A1)"]
)
def test_every_formula_start_gets_an_apostrophe(text: str) -> None:
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize("text", ["Zaandam Oost", "17,9%", "–", "", "a=b"])
def test_plain_text_is_left_alone(text: str) -> None:
    assert safe_text(text) == text


@pytest.mark.django_db
def test_numbers_stay_numbers_and_headers_are_escaped() -> None:
    header = [FORMULA, "-waarde", "waarde"]
    rows = [["-tekst", -1.5, -2], ["@x", 0.25, None]]
    header_csv, *rows_csv = csv_rows(table_download(header, rows, "csv", ["=over"]))
    assert header_csv == ["'" + FORMULA, "'-waarde", "waarde"]
    assert rows_csv == [["'-tekst", "-1,5", "-2"], ["'@x", "0,25", ""]]
    workbook = load_workbook(io.BytesIO(table_download(header, rows, "xlsx", ["=over"])))
    table = [[(c.value, c.data_type) for c in row] for row in workbook["tabel"].iter_rows()]
    assert table[0] == [("'" + FORMULA, "s"), ("'-waarde", "s"), ("waarde", "s")]
    assert table[1] == [("'-tekst", "s"), (-1.5, "n"), (-2, "n")]
    assert workbook["toelichting"]["A1"].value == "'=over"
