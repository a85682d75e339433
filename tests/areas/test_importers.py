"""The geography importers (`areas/importers/`) on the real shipped files (loaded once per
session in conftest), and on broken copies of them: refused with every problem, nothing written."""

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from ruggensteun.areas.models import (
    FocusArea,
    Level,
    MatchMethod,
    Region,
    RegionGeometry,
    UnmatchedName,
)
from ruggensteun.imports.models import ImportRun, ImportStatus
from ruggensteun.imports.services import import_execute
from tests.imports.checks import DIVISION, FOCUS, GEO, KWB, edited, rejected

pytestmark = pytest.mark.django_db


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_2020_division_has_every_region_of_the_cbs_table(data_dir: Path) -> None:
    source = read_csv(
        data_dir / "rivm_gezondheid_wijk_buurt_2020" / "gezondheid_wijk_buurt_2020_18plus.csv"
    )
    expected = Counter(row["SoortRegio_2"].strip() for row in source)
    counts = Counter(Region.objects.filter(vintage=2020).values_list("level", flat=True))
    # As the data README documents: 1 land, 355 gemeenten, 3,177 wijken, 13,808 buurten.
    assert expected == {"Land": 1, "Gemeente": 355, "Wijk": 3177, "Buurt": 13808}
    assert counts[Level.LAND] == 1
    assert counts[Level.GEMEENTE] == 355
    assert counts[Level.WIJK] == 3177
    assert counts[Level.BUURT] == 13808
    assert counts[Level.VEILIGHEIDSREGIO] == 25


def test_parents_link_buurt_to_wijk_to_gemeente_to_nederland() -> None:
    buurt = Region.objects.select_related("parent__parent__parent").get(
        vintage=2020, code="BU04791210"
    )
    assert buurt.name == "Poelenburg"
    assert buurt.parent.code == "WK047912"
    assert buurt.parent.name == "Wijk 12 Poelenburg"
    assert buurt.parent.parent.code == "GM0479"
    assert buurt.parent.parent.parent.code == "NL01"


def test_municipal_population_comes_from_kwb_2020(data_dir: Path) -> None:
    source = read_csv(data_dir / "cbs_kwb_2020_gemeenten" / "kwb_2020_gemeenten.csv")
    zaanstad = next(row for row in source if row["GM_CODE"] == "GM0479")
    region = Region.objects.get(vintage=2020, code="GM0479")
    assert region.population == int(zaanstad["AANT_INW"]) == 156794
    assert region.name == "Zaanstad"
    # Nederland is the sum of its 355 gemeenten: 17,407,585 inhabitants on 1 January 2020.
    nl = Region.objects.get(vintage=2020, code="NL01")
    assert nl.population == sum(int(row["AANT_INW"]) for row in source) == 17407585
    assert "som van de gemeenten" in nl.population_source


def test_wijk_population_is_known_only_where_a_source_publishes_it() -> None:
    """Issue 15: Heerlen's (StatLine KWB) and Amsterdam's wijken have CBS inhabitants; no other
    wijk gets an invented one."""
    known = Region.objects.filter(level=Level.WIJK, population__isnull=False)
    assert {code[2:6] for code in known.values_list("code", flat=True)} == {"0917", "0363"}


def test_later_divisions_come_from_the_boundary_files() -> None:
    gemeenten = Region.objects.filter(level=Level.GEMEENTE)
    assert gemeenten.filter(vintage=2021).count() == 352
    assert gemeenten.filter(vintage=2023).count() == 342
    # Weesp (GM0457) joined Amsterdam in 2022: a gemeente in 2021, gone in 2023.
    assert gemeenten.filter(vintage=2021, code="GM0457").exists()
    assert not gemeenten.filter(vintage=2023, code="GM0457").exists()
    assert gemeenten.get(vintage=2023, code="GM1980").name == "Dijk en Waard"
    assert gemeenten.get(vintage=2021, code="GM1979").name == "Eemsdelta"


def test_safety_regions_follow_the_lookup(data_dir: Path) -> None:
    lookup = {
        row["gemcode"]: row["safetyRegion"]
        for row in read_csv(
            data_dir / "geo_gemeenten_veiligheidsregios" / "gemeente_veiligheidsregio_2020.csv"
        )
    }
    zaanstad = Region.objects.select_related("safety_region").get(vintage=2020, code="GM0479")
    assert zaanstad.safety_region.code == lookup["GM0479"] == "VR11"
    assert zaanstad.safety_region.name == "Zaanstreek-Waterland"
    amsterdam = Region.objects.select_related("safety_region").get(vintage=2023, code="GM0363")
    assert amsterdam.safety_region.code == "VR13"


def test_boundaries_are_stored_as_closed_wgs84_polygons() -> None:
    geometry = RegionGeometry.objects.get(region__vintage=2020, region__code="GM0479").geojson
    assert geometry["type"] in {"Polygon", "MultiPolygon"}
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    points = [point for polygon in polygons for ring in polygon for point in ring]
    longitudes, latitudes = zip(*points, strict=True)
    # Zaanstad lies around 4.8 E, 52.45 N.
    assert 4.6 < min(longitudes) < max(longitudes) < 5.0
    assert 52.35 < min(latitudes) < max(latitudes) < 52.6
    assert all(ring[0] == ring[-1] for polygon in polygons for ring in polygon)
    assert (
        RegionGeometry.objects.filter(region__vintage=2023, region__level=Level.GEMEENTE).count()
        == 342
    )


def test_2021_wijken_include_tilburgs_new_wijk() -> None:
    assert Region.objects.get(vintage=2021, code="WK085568").name == "Biezenmortel"
    assert not Region.objects.filter(vintage=2020, code="WK085568").exists()
    assert Region.objects.filter(vintage=2021, level=Level.WIJK).count() == 464


def test_zaandam_oost_has_its_five_wijken() -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    members = {member.region.code: member for member in area.members.select_related("region")}
    assert sorted(members) == ["WK047911", "WK047912", "WK047913", "WK047914", "WK047915"]
    assert members["WK047913"].listed_name == "Pelders- en Hoornseveld"
    assert all(member.match_method == MatchMethod.NAME for member in members.values())
    assert not area.unmatched_names.exists()
    assert sorted(area.programmes.values_list("code", flat=True)) == ["manifest16", "nplv20"]


def test_programmes_hold_16_and_20_areas() -> None:
    assert FocusArea.objects.filter(programmes__code="manifest16").count() == 16
    assert FocusArea.objects.filter(programmes__code="nplv20").count() == 20
    assert FocusArea.objects.count() == 20
    assert not FocusArea.objects.filter(slug="delft-west", programmes__code="manifest16").exists()


def test_codes_given_by_the_source_are_used_for_rotterdam_zuid() -> None:
    area = FocusArea.objects.get(slug="rotterdam-zuid")
    members = {m.region.code: m for m in area.members.select_related("region")}
    assert sorted(members) == ["WK059910", "WK059912", "WK059915"]
    assert members["WK059915"].listed_name == "Charlois"
    assert {m.match_method for m in members.values()} == {MatchMethod.CODE}


def test_partial_wijken_are_flagged() -> None:
    area = FocusArea.objects.get(slug="nieuwegein-centrale-as")
    partial = {m.region.name: m.note for m in area.members.select_related("region") if m.partial}
    assert partial["Batau Noord"] == "Alleen een deel: east part."
    assert partial["Jutphaas Wijkersloot"] == "Alleen een deel: large part."
    assert not area.members.get(region__name="Merwestein").partial


def test_names_without_a_cbs_wijk_are_reported_and_resolved_only_by_a_decision() -> None:
    bijlmer = UnmatchedName.objects.get(
        focus_area__slug="amsterdam-zuidoost", listed_name="Bijlmer-Centrum"
    )
    assert bijlmer.suggestions == ["WK036393 Bijlmer Centrum (D,F,H)"]
    # The matcher does not guess; the documented decision (curation.csv) adds the wijk.
    assert bijlmer.decision is not None
    member = FocusArea.objects.get(slug="amsterdam-zuidoost").members.get(region__code="WK036393")
    assert member.match_method == MatchMethod.CURATED
    assert member.decision == bijlmer.decision
    bouwlust = UnmatchedName.objects.get(
        focus_area__slug="den-haag-zuidwest", listed_name="Bouwlust"
    )
    assert "WK051833 Wijk 33 Bouwlust en Vrederust" in bouwlust.suggestions


def test_every_listed_name_is_accounted_for(data_dir: Path) -> None:
    rows = read_csv(data_dir / "focus_areas" / "focus_areas_sources.csv")
    for row in rows:
        if row["programme"] != "nplv20":
            continue
        area = FocusArea.objects.get(name=row["area"])
        listed = {name.strip() for name in row["wijk_names"].split(";") if name.strip()}
        accounted = {
            name
            for listed in area.members.values_list("listed_name", flat=True)
            for name in listed.split("; ")
        } | set(area.unmatched_names.values_list("listed_name", flat=True))
        assert listed == accounted, row["area"]


def test_loading_again_is_skipped_and_forcing_changes_nothing() -> None:
    before = Region.objects.count(), FocusArea.objects.count()
    outcome = import_execute(source="focusgebieden")
    assert outcome.skipped
    forced = import_execute(source="cbs-indeling-2020", force=True)
    assert not forced.skipped
    assert forced.run.status == ImportStatus.SUCCEEDED
    assert forced.run.rows_read == 17341
    assert (Region.objects.count(), FocusArea.objects.count()) == before
    assert (
        ImportRun.objects.filter(source="cbs-indeling-2020", status=ImportStatus.SUCCEEDED).count()
        == 2
    )


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
