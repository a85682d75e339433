"""Broken input is refused with a Dutch report naming file, row and column; nothing changes."""

import gzip
import re
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

pytestmark = pytest.mark.django_db

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


def test_focus_areas_with_several_errors_are_all_reported_and_nothing_is_written(
    data_dir: Path, tmp_path: Path
) -> None:
    def change(lines: list[str]) -> list[str]:
        lines = list(lines)
        lines[1] = lines[1].replace("Amsterdam Zuidoost", "Nieuwe Naam Die Niet Mag Landen", 1)
        lines[2] = lines[2].replace("manifest16", "manifest99", 1)
        lines[3] = lines[3].replace("GM0202", "GM9999", 1)
        lines[12] = lines[12].replace("WK059910", "WK047912", 1)  # Rotterdam row, Zaanstad code
        return lines

    error = rejected("focusgebieden", [edited(data_dir, FOCUS, tmp_path, change)])
    messages = [str(problem) for problem in error.problems]
    assert (
        "focus_areas_sources.csv, regel 3, kolom 'programme': Onbekend programma 'manifest99'."
        in messages
    )
    assert any("regel 4, kolom 'gm_code': Gemeente 'GM9999' bestaat niet" in m for m in messages)
    assert any(
        "regel 13, kolom 'wijk_codes': 'WK047912' is geen wijkcode van GM0599" in m
        for m in messages
    )
    assert not FocusArea.objects.filter(name="Nieuwe Naam Die Niet Mag Landen").exists()


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "focus_areas_sources.csv"
    empty.write_text("")
    assert "Het bestand is leeg." in str(rejected("focusgebieden", [empty]).problems[0])


def test_a_file_in_another_encoding_is_refused_with_its_line(
    data_dir: Path, tmp_path: Path
) -> None:
    text = (data_dir / FOCUS).read_text(encoding="utf-8").replace("Zaandam Oost", "Zaandam Oóst")
    target = tmp_path / "focus_areas_sources.csv"
    target.write_bytes(text.encode("latin-1", errors="replace"))
    problem = rejected("focusgebieden", [target]).problems[0]
    assert "geen geldige UTF-8" in problem.message
    assert problem.row == 17  # the first line with "Zaandam Oóst"


def test_a_wrong_separator_names_the_missing_columns(data_dir: Path, tmp_path: Path) -> None:
    target = edited(
        data_dir, KWB, tmp_path, lambda lines: [line.replace(",", "\t") for line in lines]
    )
    problem = rejected("cbs-kwb-gemeenten-2020", [target]).problems[0]
    assert "Verplichte kolom(men) ontbreken: GM_CODE, GM_NAAM, AANT_INW" in problem.message
    assert "scheidingsteken" in problem.message


def test_a_truncated_file_is_refused(data_dir: Path, tmp_path: Path) -> None:
    raw = (data_dir / KWB).read_bytes()
    target = tmp_path / "kwb_2020_gemeenten.csv"
    target.write_bytes(raw[: len(raw) // 2])  # cut off in the middle of a row
    problem = rejected("cbs-kwb-gemeenten-2020", [target]).problems[0]
    assert "velden gevonden" in problem.message and problem.row is not None


def test_text_in_a_number_column_and_unknown_codes(data_dir: Path, tmp_path: Path) -> None:
    def change(lines: list[str]) -> list[str]:
        header = lines[0].split(",")
        column = header.index("AANT_INW")
        first = lines[1].split(",")
        first[column] = "veel"
        second = lines[2].split(",")
        second[header.index("GM_CODE")] = "GM9998"
        return [lines[0], ",".join(first), ",".join(second), lines[1], *lines[3:]]

    messages = [
        str(p)
        for p in rejected(
            "cbs-kwb-gemeenten-2020", [edited(data_dir, KWB, tmp_path, change)]
        ).problems
    ]
    assert (
        "kwb_2020_gemeenten.csv, regel 2, kolom 'AANT_INW': 'veel' is geen aantal inwoners."
        in messages
    )
    assert any("regel 3, kolom 'GM_CODE': Gemeente GM9998 bestaat niet" in m for m in messages)
    assert any("regel 4, kolom 'GM_CODE': Gemeente GM0003 komt dubbel voor." in m for m in messages)


def test_division_with_bad_codes_and_orphans(data_dir: Path, tmp_path: Path) -> None:
    def change(lines: list[str]) -> list[str]:
        wijk = next(i for i, line in enumerate(lines) if ",Wijk," in line)
        broken_code = lines[wijk].replace(",WK", ",XX", 1)
        orphan = re.sub(r"WK\d{6}", "WK999901", lines[wijk])
        return [*lines, broken_code, lines[wijk], orphan]

    messages = [
        str(p)
        for p in rejected(
            "cbs-indeling-2020", [edited(data_dir, DIVISION, tmp_path, change)]
        ).problems
    ]
    assert any("geen geldige wijkcode" in m for m in messages)
    assert any("komt dubbel voor" in m for m in messages)
    assert any("WK999901 valt onder GM9999, dat niet in het bestand staat." in m for m in messages)


def test_broken_topojson_is_refused(data_dir: Path, tmp_path: Path) -> None:
    paths = []
    for source in sorted((data_dir / GEO).iterdir()):
        if source.suffix in {".json", ".csv"}:
            target = tmp_path / source.name
            target.write_bytes(source.read_bytes())
            paths.append(target)
    broken = tmp_path / "gemeenten_veiligheidsregios_2021.topo.json"
    broken.write_text(broken.read_text()[:5000])
    problems = rejected("cbs-gemeentegrenzen", paths).problems
    assert [p.file for p in problems] == ["gemeenten_veiligheidsregios_2021.topo.json"]
    assert "Geen geldige JSON" in problems[0].message


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    problem = rejected("focusgebieden", [tmp_path / "bestaat-niet.csv"]).problems[0]
    assert problem.message == "Het bestand bestaat niet."
    assert problem.file.endswith("bestaat-niet.csv")


def test_gzip_garbage_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "focus_areas_sources.csv.gz"
    target.write_bytes(gzip.compress(b"programme,area\n")[:12])
    assert "kan niet gelezen worden" in rejected("focusgebieden", [target]).problems[0].message


def test_an_unknown_source_is_explained() -> None:
    with pytest.raises(ImportRejected) as caught:
        import_execute(source="bestaat-niet")
    assert "Onbekende bron 'bestaat-niet'" in caught.value.report()
    assert "focusgebieden" in caught.value.report()
