"""Amsterdam's inhabitants per wijk (`areas/importers/amsterdam_populations.py`) from the shipped
`wijken_info.csv` (loaded once per session): the 2020 figures become the population of the 2020
wijken; a file with a code that is no Amsterdam wijk is refused with nothing written."""

import csv
from pathlib import Path

import pytest

from ruggensteun.areas.importers.amsterdam_populations import SOURCE
from ruggensteun.areas.models import Level, Region
from tests.imports.checks import rejected

pytestmark = [pytest.mark.django_db, pytest.mark.issue(15)]

FILE = Path("cbs_kwb_amsterdam_wijken_2016_2021") / "wijken_info.csv"


def shipped(data_dir: Path, year: str) -> dict[str, int]:
    with (data_dir / FILE).open(encoding="utf-8", newline="") as handle:
        return {r["gwb_code"]: int(r["a_inw"]) for r in csv.DictReader(handle) if r["year"] == year}


def wijken(vintage: int) -> dict[str, int | None]:
    return dict(
        Region.objects.filter(vintage=vintage, level=Level.WIJK, parent__code="GM0363").values_list(
            "code", "population"
        )
    )


def test_every_2020_wijk_of_amsterdam_has_its_inhabitants_of_the_file(data_dir: Path) -> None:
    expected = shipped(data_dir, "2020")
    assert len(expected) == 99
    assert wijken(2020) == expected
    # The README's check: the 99 wijken add up to 872,380 (CBS rounds each wijk to 5).
    assert sum(expected.values()) == 872_380
    region = Region.objects.get(vintage=2020, code="WK036300")
    assert region.population == expected["WK036300"]
    assert "2020" in region.population_source and "afgerond op 5" in region.population_source


def test_the_2021_wijken_get_the_2021_inhabitants_where_that_division_is_loaded(
    data_dir: Path,
) -> None:
    loaded = {code: n for code, n in wijken(2021).items()}
    expected = shipped(data_dir, "2021")
    assert loaded, "the 2021 wijken of Amsterdam are shipped (cbs-wijknamen)"
    assert loaded == {code: expected[code] for code in loaded}


def test_a_code_that_is_no_amsterdam_wijk_refuses_the_file(data_dir: Path, tmp_path: Path) -> None:
    lines = (data_dir / FILE).read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("WK036300", "WK047901")  # a Zaanstad wijk
    broken = tmp_path / "wijken_info.csv"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = wijken(2020)
    report = rejected(SOURCE, [broken]).report()
    assert "'WK047901' is geen wijk van Amsterdam (GM0363)" in report
    assert wijken(2020) == before


def test_a_year_that_misses_wijken_refuses_the_file(data_dir: Path, tmp_path: Path) -> None:
    lines = (data_dir / FILE).read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("WK036305,2020,")]
    broken = tmp_path / "wijken_info.csv"
    broken.write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert "Voor 2020 ontbreken 1 wijken van Amsterdam" in rejected(SOURCE, [broken]).report()
