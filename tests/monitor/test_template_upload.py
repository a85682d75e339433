"""Template uploads: Dutch CSV and XLSX accepted; the bad-input corpus refused, nothing stored."""

from pathlib import Path

import pytest

from ruggensteun.imports.base import ImportRejected
from ruggensteun.imports.services import import_execute
from ruggensteun.monitor.models import Observation, Status

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "data"


def state() -> tuple[object, ...]:
    return (
        Observation.objects.count(),
        tuple(
            Observation.objects.filter(
                region__code__in=["WK047912", "GM0479", "GM0518"],
                indicator__in=["ggd_moeite_rondkomen", "kwb_laag_opgeleid"],
            )
            .order_by("pk")
            .values_list("value", "status", "first_value")
        ),
    )


def test_a_dutch_csv_is_read_with_decimal_commas_and_thousands() -> None:
    run = import_execute(source="sjabloon", paths=[DATA / "good" / "eigen_cijfers.csv"]).run
    assert run.rows_accepted == 3
    poelenburg = Observation.objects.get(
        region__code="WK047912",
        region__vintage=2020,
        indicator="ggd_moeite_rondkomen",
        period="2020",
    )
    assert (poelenburg.value, poelenburg.status) == (30.2, Status.PROVISIONAL)
    assert poelenburg.first_value == 30.2  # the GGD import published it first
    den_haag = Observation.objects.get(region__code="GM0518", indicator="kwb_laag_opgeleid")
    # 127.290 and 422.910 are Dutch thousands: 127,290 / 422,910 = 30.098%, matching 30,1.
    assert (den_haag.numerator, den_haag.denominator) == (127290, 422910)
    assert den_haag.value == pytest.approx(127290 / 422910 * 100)


def test_an_xlsx_with_one_data_sheet_is_read() -> None:
    run = import_execute(source="sjabloon", paths=[DATA / "good" / "eigen_cijfers.xlsx"]).run
    assert run.rows_accepted == 1
    zaanstad = Observation.objects.get(region__code="GM0479", indicator="kwb_laag_opgeleid")
    assert (zaanstad.numerator, zaanstad.denominator) == (34830, 118690)


BAD = [
    ("wrong_encoding.csv", 3, None, "geen geldige UTF-8"),
    (
        "wrong_separator.csv",
        1,
        None,
        "Verplichte kolom(men) ontbreken: regiocode, indicator, periode",
    ),
    ("unknown_region.csv", 2, "regiocode", "Regiocode WK047999 bestaat niet in de indeling 2020."),
    ("duplicate_rows.csv", 3, None, "Dubbel: dezelfde regio, indicator en periode als regel 2."),
    ("text_in_number.csv", 2, "teller", "'veel' is geen getal."),
    (
        "numerator_gt_denominator.csv",
        2,
        "teller",
        "De teller (118690) is groter dan de noemer (34830).",
    ),
    ("negative_counts.csv", 2, "teller", "Een negatief getal kan hier niet."),
    ("truncated.csv", 3, None, "velden gevonden, 7 verwacht"),
    ("empty.csv", None, None, "Het bestand is leeg."),
    (
        "extra_sheets.xlsx",
        None,
        None,
        "Het werkboek heeft 2 tabbladen (Blad1, Toelichting); "
        "zet de gegevens op het tabblad 'gegevens'.",
    ),
    ("not_xlsx.xlsx", None, None, "Geen geldig Excel-bestand"),
    ("hostile_text.csv", 2, "regiocode", "is geen CBS-regiocode"),
    ("unknown_indicator.csv", 2, "indicator", "Onbekende indicator 'misdaad_per_inwoner'"),
]


@pytest.mark.parametrize(("name", "row", "column", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_with_its_place_and_nothing_changes(
    name: str, row: int | None, column: str | None, message: str
) -> None:
    before = state()
    with pytest.raises(ImportRejected) as caught:
        import_execute(source="sjabloon", paths=[DATA / "bad" / name])
    assert state() == before
    matching = [p for p in caught.value.problems if message in p.message]
    assert matching, [str(p) for p in caught.value.problems]
    assert matching[0].file == name
    assert matching[0].row == row and matching[0].column == column


def test_hostile_text_is_reported_truncated_and_never_stored() -> None:
    with pytest.raises(ImportRejected) as caught:
        import_execute(source="sjabloon", paths=[DATA / "bad" / "hostile_text.csv"])
    messages = [str(p) for p in caught.value.problems]
    assert any(
        "'<script>alert(1)</script>' is geen geldige" in m or "Onbekende indicator '<script>" in m
        for m in messages
    )
    assert not Observation.objects.filter(indicator__contains="script").exists()


def test_the_rivm_importer_refuses_a_broken_daily_file(tmp_path: Path) -> None:
    source = (
        DATA.parents[1]
        / "data"
        / "rivm_covid19_uitgevoerde_testen"
        / "COVID-19_uitgevoerde_testen.csv"
    )
    lines = source.read_text().splitlines()
    lines[5] = lines[5].replace("VR01", "VR99")
    fields = lines[6].split(";")
    fields[-1] = str(int(fields[-2]) + 1)  # more positives than tests
    lines[6] = ";".join(fields)
    lines.append(lines[7])  # a duplicate day
    broken = tmp_path / source.name
    broken.write_text("\n".join(lines) + "\n")
    before = state()
    with pytest.raises(ImportRejected) as caught:
        import_execute(source="rivm-testen-vr", paths=[broken])
    messages = [str(p) for p in caught.value.problems]
    assert any("regel 6" in m and "Onbekende veiligheidsregio 'VR99'" in m for m in messages)
    assert any(
        "regel 7" in m and "Meer positieve testen dan testen met uitslag" in m for m in messages
    )
    assert any("Dubbele regel" in m for m in messages)
    assert state() == before


def xlsx(rows: list[list[object]], *, dimension: str | None = None, extra: bytes = b"") -> bytes:
    """A workbook with one 'gegevens' sheet; optionally a forged dimension or an extra member."""
    import io
    import re
    import zipfile

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "gegevens"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if dimension and item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), data
                )
            target.writestr(item.filename, data)
        if extra:
            target.writestr("xl/media/opvulling.bin", extra)
    return result.getvalue()


def refused_xlsx(tmp_path: Path, content: bytes) -> tuple[ImportRejected, int]:
    import tracemalloc

    target = tmp_path / "eigen_cijfers.xlsx"
    target.write_bytes(content)
    before = state()
    tracemalloc.start()
    try:
        with pytest.raises(ImportRejected) as caught:
            import_execute(source="sjabloon", paths=[target])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert state() == before
    assert caught.value.report().endswith("Er is niets opgeslagen.")
    return caught.value, peak


@pytest.mark.issue(12)
def test_an_xlsx_declaring_a_huge_sheet_is_read_at_the_header_width(tmp_path: Path) -> None:
    rows: list[list[object]] = [["regiocode", "indicator", "periode", "waarde"]]
    rows += [["GM0479", "bestaat_niet", "2020", 1.5]] * 3000
    content = xlsx(rows, dimension="A1:XFD3001")
    assert len(content) < 100_000
    error, peak = refused_xlsx(tmp_path, content)
    assert len(error.problems) == 3000
    assert error.problems[0].row == 2 and error.problems[0].column == "indicator"
    assert peak < 100 * 1024 * 1024


@pytest.mark.issue(12)
def test_an_xlsx_that_unpacks_beyond_the_cap_is_refused_before_it_is_opened(
    tmp_path: Path,
) -> None:
    rows: list[list[object]] = [["regiocode", "indicator", "periode", "waarde"]]
    rows.append(["GM0479", "kwb_laag_opgeleid", "2020", 30.1])
    error, peak = refused_xlsx(tmp_path, xlsx(rows, extra=bytes(70 * 1024 * 1024)))
    assert "uitgepakt groter dan 64 MB" in error.problems[0].message
    assert peak < 100 * 1024 * 1024


@pytest.mark.issue(12)
def test_an_xlsx_with_broken_sheet_xml_is_refused_in_dutch(tmp_path: Path) -> None:
    import io
    import zipfile

    good = xlsx([["regiocode", "indicator", "periode", "waarde"]])
    source = zipfile.ZipFile(io.BytesIO(good))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w") as target:
        for item in source.infolist():
            broken = item.filename == "xl/worksheets/sheet1.xml"
            target.writestr(
                item.filename, b"<worksheet><sheetData><row" if broken else source.read(item)
            )
    error, _peak = refused_xlsx(tmp_path, result.getvalue())
    assert error.problems[0].message == "Geen geldig Excel-bestand (.xlsx)."
