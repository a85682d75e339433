"""The StatLine "Kerncijfers wijken en buurten" importer (`monitor/importers/statline_kwb/`) on
the shipped Heerlen tables 2016-2020 (loaded once per session) and on StatLine CSV downloads:
names mapped to the 2020 codes, CBS's "." kept as not published, the counts as CBS rounded them,
and a file with an unknown name or a broken cell refused with nothing written."""

import sqlite3
from pathlib import Path

import pytest

from ruggensteun.areas.models import Region
from ruggensteun.imports.models import ImportRun, ImportStatus
from ruggensteun.imports.services import import_execute
from ruggensteun.monitor.importers.statline_kwb import SOURCE, normalise
from ruggensteun.monitor.models import Observation
from tests.imports.checks import rejected

pytestmark = [pytest.mark.django_db, pytest.mark.issue(15)]

HEERLEN = Path("cbs_kwb_heerlen_2016_2020") / "kwb_heerlen_2016_2020.sqlite"
BIJSTAND = "Sociale_zekerheid_Personen_per_soort_uitkering_Bijstand"
WW = "Sociale_zekerheid_Personen_per_soort_uitkering_WW"
INHABITANTS = "Bevolking_Aantal_inwoners"
# Heerlen Noord as curated for issue 15: Hoensbroek = CBS wijken 10-14, Heerlerheide = 20-24.
HEERLEN_NOORD = [f"WK0917{n}" for n in (10, 11, 12, 13, 14, 20, 21, 22, 23, 24)]
HEADER = (
    '"Wijken en buurten";"Regioaanduiding/Soort regio (omschrijving)";'
    '"Bevolking/Aantal inwoners (aantal)";'
    '"Sociale zekerheid/Personen per soort uitkering; Bijstand (aantal)";'
    '"Sociale zekerheid/Personen per soort uitkering; AO (aantal)";'
    '"Sociale zekerheid/Personen per soort uitkering; WW (aantal)"'
)


def shipped(data_dir: Path, year: int) -> dict[str, dict[str, float | None]]:
    """The shipped table of one year, by wijk number ("12") and "Heerlen", read directly."""
    with sqlite3.connect(data_dir / HEERLEN) as connection:
        cursor = connection.execute(f"SELECT * FROM Kerncijfers_wijken_en_buurten_{year}_pp")
        labels = [d[0] for d in cursor.description]
        rows = [dict(zip(labels, row, strict=True)) for row in cursor.fetchall()]
    by_key = {}
    for row in rows:
        name = str(row[labels[0]])
        if name == "Heerlen" or name.startswith("Wijk "):
            by_key["Heerlen" if name == "Heerlen" else name.split()[1]] = row
    return by_key


def observation(code: str, indicator: str, period: str) -> Observation:
    return Observation.objects.get(
        region__vintage=2020, region__code=code, indicator=indicator, period=period
    )


def statline_csv(tmp_path: Path, *lines: str, title: str = "2020") -> Path:
    path = tmp_path / "kwb.csv"
    body = [f'"Kerncijfers wijken en buurten {title}"', HEADER, '"";"";"aantal";"aantal";"";""']
    path.write_text("\n".join([*body, *lines, '"Bron: CBS"']) + "\n", encoding="utf-8")
    return path


def test_labels_from_statline_csv_and_the_sqlite_copy_read_alike() -> None:
    assert normalise("Sociale zekerheid/Personen per soort uitkering; Bijstand (aantal)") == (
        normalise("Sociale_zekerheid_Personen_per_soort_uitkering_Bijstand")
    )
    assert normalise("Wijk_Buurt\ufeff") == "wijk buurt"
    assert normalise("Gemiddeld_inkomen_per_inwoner\u00a0") == "gemiddeld inkomen per inwoner"


def test_a_heerlen_wijk_has_the_counts_of_the_file_for_every_year(data_dir: Path) -> None:
    for year in range(2016, 2021):
        row = shipped(data_dir, year)["12"]  # Wijk 12 Hoensbroek-De Dem
        for indicator, column in (("kwb_bijstand_per_1000", BIJSTAND), ("kwb_ww_per_1000", WW)):
            stored = observation("WK091712", indicator, str(year))
            assert stored.numerator == row[column]
            assert stored.denominator == row[INHABITANTS]
            assert stored.value == pytest.approx(row[column] / row[INHABITANTS] * 1000)
    # 2020 by hand: 440 people on bijstand among 6,920 inhabitants.
    assert observation("WK091712", "kwb_bijstand_per_1000", "2020").value == pytest.approx(
        440 / 6920 * 1000
    )


def test_the_2020_inhabitants_become_the_wijk_population_with_year_and_source() -> None:
    wijk = Region.objects.get(vintage=2020, code="WK091712")
    assert wijk.population == 6920
    assert "2020" in wijk.population_source
    assert "afgerond op 5" in wijk.population_source
    # The gemeente keeps its population (and source) from the KWB 2020 gemeente file.
    assert Region.objects.get(vintage=2020, code="GM0917").population == 87086


def test_heerlen_gemeente_rows_match_the_readme_spot_checks() -> None:
    assert observation("GM0917", "kwb_bijstand_per_1000", "2019").numerator == 4320
    assert observation("GM0917", "kwb_bijstand_per_1000", "2019").denominator == 86832
    assert observation("GM0917", "kwb_ww_per_1000", "2020").numerator == 1400
    assert observation("GM0917", "kwb_ww_per_1000", "2020").denominator == 87086


def test_a_figure_cbs_kept_secret_is_stored_empty_with_its_symbol() -> None:
    """Wijk 23 De Hei (50 inhabitants): no benefit counts published in 2019 and 2020."""
    for period in ("2019", "2020"):
        stored = observation("WK091723", "kwb_bijstand_per_1000", period)
        assert stored.value is None and stored.numerator is None
        assert stored.cbs_symbol == "."
        # The inhabitants CBS did publish stay as the denominator (issue 15: the analysis needs
        # them to know how much of an area is unpublished).
        assert stored.denominator == 50


def test_a_wijk_renumbered_since_2016_is_mapped_by_name_and_noted() -> None:
    """StatLine 2016 calls De Beitel 'Wijk 41'; in the 2020 division it is WK091742."""
    assert observation("WK091742", "kwb_bijstand_per_1000", "2016").denominator == 70
    run = ImportRun.objects.filter(source=SOURCE, status=ImportStatus.SUCCEEDED).latest("pk")
    assert any("Wijk 41 De Beitel" in m and "WK091742" in m for m in run.messages)
    assert any("afgerond" in m for m in run.messages)


def test_heerlen_noord_bijstand_and_ww_per_1000_are_sums_of_the_shipped_counts(
    data_dir: Path,
) -> None:
    """The ten wijken of Heerlen Noord, 2019 and 2020: the stored counts add up to the file's,
    and the change from 2019 to 2020 against the rest of Heerlen (the difference of changes)
    follows from them. De Hei's counts are secret, so the sums are over the other nine."""
    changes = {}
    for indicator, column in (("kwb_bijstand_per_1000", BIJSTAND), ("kwb_ww_per_1000", WW)):
        rates = {}
        for year in (2019, 2020):
            file = shipped(data_dir, year)
            wijken = [
                file[code[-2:]] for code in HEERLEN_NOORD if file[code[-2:]][column] is not None
            ]
            assert len(wijken) == 9
            count = sum(row[column] for row in wijken)
            people = sum(row[INHABITANTS] for row in wijken)
            stored = Observation.objects.filter(
                region__vintage=2020,
                region__code__in=HEERLEN_NOORD,
                indicator=indicator,
                period=str(year),
                numerator__isnull=False,
            )
            assert sum(o.numerator for o in stored) == count
            assert sum(o.denominator for o in stored) == people
            heerlen = observation("GM0917", indicator, str(year))
            rest = (heerlen.numerator - count) / (heerlen.denominator - people) * 1000
            rates[year] = (count / people * 1000, rest)
        changes[indicator] = (rates[2020][0] - rates[2019][0]) - (rates[2020][1] - rates[2019][1])
    # By hand from the file: Heerlen Noord on bijstand 2019 2,050 of 38,055 (53.87 per 1,000),
    # 2020 1,990 of 38,040 (52.31); the rest of Heerlen 2,270 of 48,777 (46.54) and 2,220 of
    # 49,046 (45.26): the area fell 1.56, the rest 1.28, a difference of changes of -0.28.
    assert changes["kwb_bijstand_per_1000"] == pytest.approx(
        (1990 / 38040 - 2050 / 38055 - 2220 / 49046 + 2270 / 48777) * 1000
    )
    assert changes["kwb_bijstand_per_1000"] == pytest.approx(-0.28, abs=0.005)
    # WW: 590 of 38,055 (15.50) to 640 of 38,040 (16.82); rest 720 of 48,777 (14.76) to 760 of
    # 49,046 (15.50): +1.32 against +0.74.
    assert changes["kwb_ww_per_1000"] == pytest.approx(
        (640 / 38040 - 590 / 38055 - 760 / 49046 + 720 / 48777) * 1000
    )


def test_a_statline_csv_download_is_read_with_dutch_numbers_and_secret_cells(
    tmp_path: Path,
) -> None:
    path = statline_csv(
        tmp_path,
        '"Heerlen";"Gemeente";"87.086";"4.210";"7.390";"1.400"',
        '"Wijk 12 Hoensbroek-De Dem";"Wijk";"6.920";"445";"680";"130"',
        '"Hoensbroek-Centrum";"Buurt";"3.505";"300";"380";"60"',
        '"Wijk 23 De Hei";"Wijk";"50";".";".";"."',
    )
    outcome = import_execute(source=SOURCE, paths=[path], force=True)
    assert outcome.run.status == ImportStatus.SUCCEEDED
    assert observation("WK091712", "kwb_bijstand_per_1000", "2020").numerator == 445
    assert observation("GM0917", "kwb_bijstand_per_1000", "2020").denominator == 87086
    assert observation("WK091723", "kwb_ww_per_1000", "2020").cbs_symbol == "."


def test_an_unknown_wijk_name_refuses_the_whole_file(tmp_path: Path) -> None:
    path = statline_csv(
        tmp_path,
        '"Heerlen";"Gemeente";"87.086";"4.210";"7.390";"1.400"',
        '"Wijk 12 Hoensbroek-De Dem";"Wijk";"6.920";"445";"680";"130"',
        '"Wijk 99 Nergenshuizen";"Wijk";"100";"5";"5";"5"',
    )
    error = rejected(SOURCE, [path])
    assert "'Wijk 99 Nergenshuizen' is geen wijk of buurt van GM0917" in error.report()
    assert observation("WK091712", "kwb_bijstand_per_1000", "2020").numerator == 440


def test_a_broken_cell_or_a_missing_column_refuses_the_file(tmp_path: Path) -> None:
    path = statline_csv(
        tmp_path,
        '"Heerlen";"Gemeente";"87.086";"4.210";"7.390";"1.400"',
        '"Wijk 12 Hoensbroek-De Dem";"Wijk";"6.920";"veel";"680";"130"',
    )
    assert "'veel' is geen getal" in rejected(SOURCE, [path]).report()
    assert observation("WK091712", "kwb_bijstand_per_1000", "2020").numerator == 440
    broken = tmp_path / "geen_kolommen.csv"
    broken.write_text('"Wijken en buurten";"Bevolking/Aantal inwoners"\n"Heerlen";"1"\n')
    assert "ontbreekt" in rejected(SOURCE, [broken]).report()


def test_a_table_of_a_year_outside_2016_2020_is_refused(tmp_path: Path) -> None:
    path = statline_csv(
        tmp_path, '"Heerlen";"Gemeente";"87.086";"4.210";"7.390";"1.400"', title="2022"
    )
    assert "alleen de jaren 2016 t/m 2020" in rejected(SOURCE, [path]).report()
