"""The RIVM COVID-19 importers keep only periods their series cover completely, and say in the
import run which periods they left out (issue 14, item 7)."""

import gzip
from datetime import date, timedelta
from pathlib import Path

import pytest

from ruggensteun.imports.models import ImportRun, ImportStatus
from ruggensteun.imports.services import import_execute
from ruggensteun.monitor.importers.covid import FILES, GEMEENTE_SOURCE, TESTS_SOURCE
from ruggensteun.monitor.models import Observation

pytestmark = [pytest.mark.django_db, pytest.mark.issue(14)]


def write_series(folder: Path, code: str, first: date, days: int) -> list[Path]:
    """The three gemeente files with `days` days of one count each for `code`."""
    paths = []
    for name, columns in FILES.items():
        lines = [",".join(["gmcode", "date", *columns])]
        lines += [
            ",".join([code, (first + timedelta(days=n)).isoformat(), *["1"] * len(columns)])
            for n in range(days)
        ]
        path = folder / name
        path.write_bytes(gzip.compress("\n".join(lines).encode()))
        paths.append(path)
    return paths


def test_three_days_of_data_are_left_out_of_2020_with_the_reason(tmp_path: Path) -> None:
    """2 to 4 March 2020 for Zaanstad: only the period 2020 has data, 3 of its 366 days. Nothing
    is stored, the run says why, and Zaanstad's shipped 2020 figure (8,148 positives) stays."""
    outcome = import_execute(
        source=GEMEENTE_SOURCE, paths=write_series(tmp_path, "GM0479", date(2020, 3, 2), 3)
    )
    assert outcome.run.status == ImportStatus.SUCCEEDED and outcome.run.rows_accepted == 0
    assert outcome.run.messages == [
        "Periode 2020 onvolledig: 3 van 366 dagen (1 regio); niet opgenomen."
    ]
    assert not Observation.objects.filter(import_run=outcome.run).exists()
    shipped = Observation.objects.get(
        region__code="GM0479", indicator="rivm_positief_per_100k", period="2020"
    )
    assert shipped.numerator == 8148


def test_a_series_from_the_first_case_covers_2020(tmp_path: Path) -> None:
    """27 February (the first Dutch case) to 31 December 2020: 309 days with a count of 1 each;
    the 57 days before count as zero, so 2020 is complete and holds 309. The 1 June – 23 December
    wave is inside it (206 days); 2021 and the wave from 24 December are not covered."""
    outcome = import_execute(
        source=GEMEENTE_SOURCE, paths=write_series(tmp_path, "GM0479", date(2020, 2, 27), 309)
    )
    stored = {
        (o.region.code, o.period): o.numerator
        for o in Observation.objects.filter(
            import_run=outcome.run, indicator="rivm_overleden_per_100k"
        ).select_related("region")
    }
    assert stored == {
        ("GM0479", "2020"): 309,
        ("NL01", "2020"): 309,
        ("GM0479", "tot-23-dec-2020"): 206,
        ("NL01", "tot-23-dec-2020"): 206,
    }
    assert outcome.run.messages == [
        "Periode na-23-dec-2020 onvolledig: 8 van 189 dagen (1 regio); niet opgenomen."
    ]


def test_the_shipped_ggd_tests_leave_out_2020_which_they_cover_from_1_june() -> None:
    """COVID-19_uitgevoerde_testen.csv starts on 1 June 2020: 214 of the 366 days of 2020, for
    the 25 safety regions and the "unknown" row. The wave from 1 June is complete."""
    run = ImportRun.objects.filter(source=TESTS_SOURCE, status=ImportStatus.SUCCEEDED).latest(
        "started_at"
    )
    assert run.messages == [
        "Periode 2020 onvolledig: 214 van 366 dagen (26 regio's); niet opgenomen."
    ]
    stored = set(
        Observation.objects.filter(indicator="rivm_aandeel_positief").values_list(
            "period", flat=True
        )
    )
    assert stored == {"tot-23-dec-2020", "na-23-dec-2020", "2021"}


def test_the_shipped_gemeente_series_cover_2020_from_the_first_case() -> None:
    """The hospital file starts on 27 February 2020, the first Dutch case; every period of the
    catalogue is complete, so nothing is left out."""
    run = ImportRun.objects.filter(source=GEMEENTE_SOURCE, status=ImportStatus.SUCCEEDED).latest(
        "started_at"
    )
    assert run.messages == []
    assert Observation.objects.filter(
        region__code="NL01", indicator="rivm_positief_per_100k", period="2020"
    ).exists()
