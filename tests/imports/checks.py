"""What every refused import must show, for the import tests here and in tests/areas: the data is
unchanged, the run is recorded as rejected with its messages, and the report says nothing was
saved."""

from collections.abc import Callable
from pathlib import Path

import pytest

from ruggensteun.areas.models import (
    FocusArea,
    FocusAreaMember,
    Region,
    RegionGeometry,
    UnmatchedName,
)
from ruggensteun.imports.base import ImportRejected
from ruggensteun.imports.models import ImportRun, ImportStatus
from ruggensteun.imports.services import import_execute

FOCUS = Path("focus_areas") / "focus_areas_sources.csv"
KWB = Path("cbs_kwb_2020_gemeenten") / "kwb_2020_gemeenten.csv"
DIVISION = Path("rivm_gezondheid_wijk_buurt_2020") / "gezondheid_wijk_buurt_2020_18plus.csv"
GEO = Path("geo_gemeenten_veiligheidsregios")


def snapshot() -> tuple[object, ...]:
    return (
        Region.objects.count(),
        FocusArea.objects.count(),
        FocusAreaMember.objects.count(),
        UnmatchedName.objects.count(),
        RegionGeometry.objects.count(),
        tuple(
            Region.objects.filter(vintage=2020, level="gemeente")
            .order_by("code")
            .values_list("name", "population")
        ),
        tuple(FocusArea.objects.order_by("slug").values_list("slug", "name")),
        ImportRun.objects.filter(status=ImportStatus.SUCCEEDED).count(),
    )


def rejected(source: str, paths: list[Path]) -> ImportRejected:
    before = snapshot()
    runs = ImportRun.objects.count()
    with pytest.raises(ImportRejected) as caught:
        import_execute(source=source, paths=paths)
    assert snapshot() == before, "a rejected import changed data"
    run = ImportRun.objects.order_by("-pk").first()
    assert ImportRun.objects.count() == runs + 1
    assert run is not None and run.status == ImportStatus.REJECTED
    assert run.messages == [str(problem) for problem in caught.value.problems][:500]
    assert caught.value.report().endswith("Er is niets opgeslagen.")
    return caught.value


def edited(
    data_dir: Path, relative: Path, tmp_path: Path, change: Callable[[list[str]], list[str]]
) -> Path:
    lines = (data_dir / relative).read_text(encoding="utf-8").splitlines()
    target = tmp_path / relative.name
    target.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")
    return target
