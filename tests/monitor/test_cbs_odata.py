"""The CBS StatLine importer, offline, on a fixture in the OData shape (see its README)."""

import json
from pathlib import Path

import pytest

from ruggensteun.imports.base import ImportRejected
from ruggensteun.imports.services import import_execute
from ruggensteun.monitor.importers.cbs_odata import plain
from ruggensteun.monitor.models import Observation

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).resolve().parents[1] / "data" / "cbs_odata" / "84799NED_fixture.json"


def test_suffixes_are_ignored_so_one_mapping_serves_every_year() -> None:
    assert plain({"AantalInwoners_5": 1, "AantalInwoners_4": 2, "WijkenEnBuurten": "x"}) == {
        "AantalInwoners": 2,
        "WijkenEnBuurten": "x",
    }


def test_the_fixture_fills_the_gap_indicator_for_zaanstad() -> None:
    """3,800 / 156,794 × 1,000 = 24.24 per 1,000; Poelenburg's nulls stay absent."""
    run = import_execute(source="cbs-odata", paths=[FIXTURE]).run
    assert (run.rows_read, run.rows_accepted) == (2, 1)
    observation = Observation.objects.get(indicator="bijstand_per_wijk")
    assert observation.region.code == "GM0479" and observation.region.vintage == 2020
    assert observation.value == pytest.approx(3800 / 156794 * 1000)
    assert observation.derived  # rounded counts: never tested for significance


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"table": "99999NED", "rows": []}, "Verwacht"),
        (
            {"table": "84583NED", "rows": [{"WijkenEnBuurten": "GM0479"}]},
            "indeling 2019 is niet geladen",
        ),
        (
            {"table": "84799NED", "rows": [{"WijkenEnBuurten": "GM9999", "AantalInwoners_5": 1}]},
            "bestaat niet",
        ),
        (
            {
                "table": "84799NED",
                "rows": [
                    {
                        "WijkenEnBuurten": "GM0479",
                        "AantalInwoners_5": "veel",
                        "PersonenPerSoortUitkeringBijstand_80": 3,
                    }
                ],
            },
            "Geen getal",
        ),
    ],
)
def test_bad_odata_is_refused(tmp_path: Path, content: dict, message: str) -> None:  # type: ignore[type-arg]
    path = tmp_path / "table.json"
    path.write_text(json.dumps(content))
    count = Observation.objects.count()
    with pytest.raises(ImportRejected) as caught:
        import_execute(source="cbs-odata", paths=[path])
    assert any(message in str(p) for p in caught.value.problems), caught.value.report()
    assert Observation.objects.count() == count
