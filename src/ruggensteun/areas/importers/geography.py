"""Municipal and safety-region boundaries for 2020, 2021 and 2023, and the regions they define.

The boundary files (CBS/Kadaster via the government Coronadashboard) are the only shipped
source of the 2021 and 2023 municipal divisions, which the RIVM COVID-19 series use.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from ruggensteun.areas.models import Level, Region
from ruggensteun.areas.services import (
    RegionRow,
    netherlands_row,
    region_geometries_store,
    regions_upsert,
)
from ruggensteun.areas.topojson import TopologyError, features
from ruggensteun.cbs import NETHERLANDS_CODE, level_of
from ruggensteun.imports.base import (
    ImportProblem,
    ImportRejected,
    ParsedBatch,
    Progress,
    WriteResult,
    register,
)
from ruggensteun.imports.models import ImportRun
from ruggensteun.imports.tabular import read_table

GEO_SOURCE = "CBS/Kadaster gebiedsindelingen, vereenvoudigd (Coronadashboard VWS)"


@dataclass(frozen=True)
class TopologyLayout:
    """Where each boundary file keeps its objects and code/name properties."""

    vintage: int
    file_name: str
    municipalities: str
    municipality_code: str
    safety_regions: str
    land: str


LAYOUTS = [
    TopologyLayout(
        2020,
        "gemeenten_veiligheidsregios_2020.topo.json",
        "municipalities",
        "gemcode",
        "safetyregions",
        "netherlands",
    ),
    TopologyLayout(
        2021,
        "gemeenten_veiligheidsregios_2021.topo.json",
        "gm_collection",
        "gmCode",
        "vr_collection",
        "netherlands",
    ),
    TopologyLayout(
        2023,
        "gemeenten_veiligheidsregios_2023.topo.json",
        "gm_features",
        "code",
        "vr_features",
        "nl_features",
    ),
]
LOOKUP_FILE = "gemeente_veiligheidsregio_2020.csv"

# The 2023 file carries codes only. Names come from the 2021 file; the four municipalities
# formed in 2022-2023 are named in the data README (shared/data/geo_gemeenten_veiligheidsregios).
NEW_MUNICIPALITY_NAMES = {
    "GM1980": "Dijk en Waard",
    "GM1982": "Land van Cuijk",
    "GM1991": "Maashorst",
    "GM1992": "Voorne aan Zee",
}


@dataclass(frozen=True)
class VintageBoundaries:
    vintage: int
    rows: list[RegionRow]
    geometries: dict[str, dict[str, Any]]


@register
class MunicipalBoundariesImporter:
    source: ClassVar[str] = "cbs-gemeentegrenzen"
    label: ClassVar[str] = "Grenzen van gemeenten en veiligheidsregio's 2020, 2021 en 2023"
    depends_on: ClassVar[tuple[str, ...]] = ("cbs-indeling-2020", "cbs-kwb-gemeenten-2020")

    def default_paths(self, data_dir: Path) -> list[Path]:
        folder = data_dir / "geo_gemeenten_veiligheidsregios"
        return [folder / layout.file_name for layout in LAYOUTS] + [folder / LOOKUP_FILE]

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        by_name = {path.name: path for path in paths}
        problems: list[ImportProblem] = []
        missing = [
            name
            for name in [*(layout.file_name for layout in LAYOUTS), LOOKUP_FILE]
            if name not in by_name
        ]
        if missing:
            raise ImportRejected([ImportProblem(f"Bestand ontbreekt: {name}.") for name in missing])
        lookup = self._lookup(by_name[LOOKUP_FILE], problems)
        names: dict[str, str] = dict(NEW_MUNICIPALITY_NAMES)
        result: list[VintageBoundaries] = []
        for layout in LAYOUTS:
            try:
                topology = json.loads(by_name[layout.file_name].read_text(encoding="utf-8"))
                result.append(self._vintage(layout, topology, lookup, names, problems))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                problems.append(ImportProblem(f"Geen geldige JSON ({exc}).", layout.file_name))
            except RecursionError:
                problems.append(ImportProblem("De JSON is te diep genest.", layout.file_name))
            except (TopologyError, KeyError, TypeError, ValueError) as exc:
                problems.append(
                    ImportProblem(f"Geen bruikbare TopoJSON ({exc}).", layout.file_name)
                )
        if problems:
            raise ImportRejected(problems)
        return ParsedBatch(records=result, rows_read=sum(len(v.rows) for v in result))

    def _lookup(self, path: Path, problems: list[ImportProblem]) -> dict[str, str]:
        table = read_table(path, required=["gemcode", "safetyRegion"])
        lookup: dict[str, str] = {}
        for line, record in table.rows:
            gm, vr = record["gemcode"], record["safetyRegion"]
            if level_of(gm) != Level.GEMEENTE or level_of(vr) != Level.VEILIGHEIDSREGIO:
                problems.append(
                    ImportProblem(f"Ongeldige koppeling {gm} → {vr}.", table.name, line)
                )
            lookup[gm] = vr
        return lookup

    def _vintage(
        self,
        layout: TopologyLayout,
        topology: dict[str, Any],
        lookup: dict[str, str],
        names: dict[str, str],
        problems: list[ImportProblem],
    ) -> VintageBoundaries:
        rows: list[RegionRow] = [netherlands_row()] if layout.vintage != 2020 else []
        geometries: dict[str, dict[str, Any]] = {}
        for feature in features(topology, layout.land):
            geometries[NETHERLANDS_CODE] = feature["geometry"]
        for feature in features(topology, layout.safety_regions):
            code = feature["properties"].get("vrcode") or feature["properties"].get("code")
            if level_of(str(code)) != Level.VEILIGHEIDSREGIO:
                problems.append(
                    ImportProblem(f"Ongeldige veiligheidsregiocode '{code}'.", layout.file_name)
                )
                continue
            name = feature["properties"].get("vrname") or names.get(code)
            if name:
                names.setdefault(code, name)
            rows.append(
                RegionRow(
                    code=code, level=Level.VEILIGHEIDSREGIO, name=name, parent_code=NETHERLANDS_CODE
                )
            )
            geometries[code] = feature["geometry"]
        for feature in features(topology, layout.municipalities):
            code = str(feature["properties"].get(layout.municipality_code))
            if level_of(code) != Level.GEMEENTE:
                problems.append(
                    ImportProblem(f"Ongeldige gemeentecode '{code}'.", layout.file_name)
                )
                continue
            name = feature["properties"].get("gemnaam") or names.get(code)
            if name:
                names.setdefault(code, name)
            rows.append(
                RegionRow(
                    code=code,
                    level=Level.GEMEENTE,
                    name=name if layout.vintage != 2020 else None,
                    safety_region_code=lookup.get(code),
                )
            )
            geometries[code] = feature["geometry"]
        return VintageBoundaries(layout.vintage, rows, geometries)

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        notes: list[str] = []
        done = 0
        for item in batch.records:
            if item.vintage == 2020:
                known = set(
                    Region.objects.filter(vintage=2020, level=Level.GEMEENTE).values_list(
                        "code", flat=True
                    )
                )
                unknown = sorted(
                    {row.code for row in item.rows if row.level == Level.GEMEENTE} - known
                )
                if unknown:
                    raise ImportRejected(
                        [
                            ImportProblem(f"Gemeente {code} bestaat niet in de indeling 2020.")
                            for code in unknown
                        ]
                    )
            done += regions_upsert(vintage=item.vintage, rows=item.rows, progress=progress)
            region_geometries_store(
                vintage=item.vintage, geometries=item.geometries, source=GEO_SOURCE
            )
            unmapped = [
                row.code
                for row in item.rows
                if row.level == Level.GEMEENTE and row.safety_region_code is None
            ]
            if unmapped:
                codes = ", ".join(sorted(unmapped))
                notes.append(f"{item.vintage}: geen veiligheidsregio bekend voor {codes}.")
        return WriteResult(accepted=done, notes=tuple(notes))
