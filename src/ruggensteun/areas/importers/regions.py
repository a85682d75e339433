"""The CBS 2020 division (every region code), names of wijken and buurten, municipal population."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from ruggensteun.areas.models import Level, Region
from ruggensteun.areas.services import RegionRow, netherlands_row, regions_upsert
from ruggensteun.cbs import level_of, parent_code
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

SOORT_REGIO = {
    "Land": Level.LAND,
    "Gemeente": Level.GEMEENTE,
    "Wijk": Level.WIJK,
    "Buurt": Level.BUURT,
}
KWB_2020_SOURCE = "CBS Kerncijfers wijken en buurten 2020 (AANT_INW)"


def known_codes(vintage: int) -> set[str]:
    return set(Region.objects.filter(vintage=vintage).values_list("code", flat=True))


@register
class CbsDivision2020Importer:
    """All regions of the CBS 2020 division, taken from the key column of StatLine 50090NED.

    That table covers Nederland, every gemeente, wijk and buurt of the 2020 division, so it is
    the most complete code list shipped. It has municipality names but no wijk or buurt names.
    """

    source: ClassVar[str] = "cbs-indeling-2020"
    label: ClassVar[str] = "CBS-indeling 2020: Nederland, gemeenten, wijken en buurten"
    depends_on: ClassVar[tuple[str, ...]] = ()

    def default_paths(self, data_dir: Path) -> list[Path]:
        return [
            data_dir / "rivm_gezondheid_wijk_buurt_2020" / "gezondheid_wijk_buurt_2020_18plus.csv"
        ]

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        table = read_table(paths[0], required=["WijkenEnBuurten", "SoortRegio_2", "Gemeentenaam_1"])
        problems: list[ImportProblem] = []
        rows: dict[str, RegionRow] = {}
        for line, record in table.rows:
            code, kind = record["WijkenEnBuurten"], record["SoortRegio_2"]
            level = SOORT_REGIO.get(kind)
            if level is None:
                problems.append(
                    ImportProblem(
                        f"Onbekend soort regio '{kind}'.", table.name, line, "SoortRegio_2"
                    )
                )
                continue
            if level_of(code) != level:
                problems.append(
                    ImportProblem(
                        f"'{code}' is geen geldige {level}code.",
                        table.name,
                        line,
                        "WijkenEnBuurten",
                    )
                )
                continue
            if code in rows:
                problems.append(
                    ImportProblem(
                        f"Regiocode {code} komt dubbel voor.", table.name, line, "WijkenEnBuurten"
                    )
                )
                continue
            name = record["Gemeentenaam_1"] if level == Level.GEMEENTE else None
            rows[code] = RegionRow(code=code, level=level, name=name)
        for code, row in rows.items():
            parent = parent_code(code)
            if row.level in (Level.WIJK, Level.BUURT) and parent not in rows:
                problems.append(
                    ImportProblem(
                        f"{code} valt onder {parent}, dat niet in het bestand staat.", table.name
                    )
                )
        if problems:
            raise ImportRejected(problems, rows_read=len(table.rows))
        rows["NL01"] = netherlands_row()
        return ParsedBatch(records=list(rows.values()), rows_read=len(table.rows))

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        return WriteResult(
            accepted=regions_upsert(vintage=2020, rows=batch.records, progress=progress)
        )


@register
class KwbMunicipalities2020Importer:
    """Names and inhabitants of the 355 gemeenten of 2020 (KWB 2020, gemeente level)."""

    source: ClassVar[str] = "cbs-kwb-gemeenten-2020"
    label: ClassVar[str] = "CBS Kerncijfers 2020: namen en inwoners van gemeenten"
    depends_on: ClassVar[tuple[str, ...]] = ("cbs-indeling-2020",)

    def default_paths(self, data_dir: Path) -> list[Path]:
        return [data_dir / "cbs_kwb_2020_gemeenten" / "kwb_2020_gemeenten.csv"]

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        table = read_table(paths[0], required=["GM_CODE", "GM_NAAM", "AANT_INW"])
        known = known_codes(2020)
        problems: list[ImportProblem] = []
        rows: list[RegionRow] = []
        seen: set[str] = set()
        for line, record in table.rows:
            code = record["GM_CODE"]
            if level_of(code) != Level.GEMEENTE:
                problems.append(
                    ImportProblem(
                        f"'{code}' is geen geldige gemeentecode.", table.name, line, "GM_CODE"
                    )
                )
                continue
            if code not in known:
                problems.append(
                    ImportProblem(
                        f"Gemeente {code} bestaat niet in de indeling 2020.",
                        table.name,
                        line,
                        "GM_CODE",
                    )
                )
                continue
            if code in seen:
                problems.append(
                    ImportProblem(f"Gemeente {code} komt dubbel voor.", table.name, line, "GM_CODE")
                )
                continue
            seen.add(code)
            population = _whole_number(record["AANT_INW"])
            if population is None:
                problems.append(
                    ImportProblem(
                        f"'{record['AANT_INW']}' is geen aantal inwoners.",
                        table.name,
                        line,
                        "AANT_INW",
                    )
                )
                continue
            rows.append(
                RegionRow(
                    code=code,
                    level=Level.GEMEENTE,
                    name=record["GM_NAAM"],
                    population=population,
                    population_source=KWB_2020_SOURCE,
                )
            )
        if problems:
            raise ImportRejected(problems, rows_read=len(table.rows))
        total = sum(row.population or 0 for row in rows)
        rows.append(netherlands_row(total, f"som van de gemeenten, {KWB_2020_SOURCE}"))
        return ParsedBatch(records=rows, rows_read=len(table.rows))

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        return WriteResult(
            accepted=regions_upsert(vintage=2020, rows=batch.records, progress=progress)
        )


def _whole_number(text: str) -> int | None:
    try:
        value = int(text)
    except ValueError:
        return None
    return value if value >= 0 else None


@register
class CbsNamesImporter:
    """Wijk and buurt names (2020) and the 2021 wijken of the 19 monitor municipalities."""

    source: ClassVar[str] = "cbs-wijknamen"
    label: ClassVar[str] = "CBS wijk- en buurtkaart 2020/2021: namen van wijken en buurten"
    depends_on: ClassVar[tuple[str, ...]] = ("cbs-indeling-2020", "cbs-gemeentegrenzen")

    def default_paths(self, data_dir: Path) -> list[Path]:
        folder = data_dir / "cbs_wijken_buurten_2020"
        return [folder / "wijken_buurten_2020.csv", folder / "wijken_2021.csv"]

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        problems: list[ImportProblem] = []
        records: dict[int, list[RegionRow]] = {}
        rows_read = 0
        for path in paths:
            vintage = 2021 if "2021" in path.name else 2020
            table = read_table(path, required=["gm_code", "wijk_code", "wijk_name"])
            rows_read += len(table.rows)
            records[vintage] = self._rows(table, vintage, problems)
        if problems:
            raise ImportRejected(problems, rows_read=rows_read)
        return ParsedBatch(records=records, rows_read=rows_read)

    def _rows(self, table, vintage: int, problems: list[ImportProblem]) -> list[RegionRow]:  # type: ignore[no-untyped-def]
        known = known_codes(vintage)
        rows: dict[str, RegionRow] = {}
        for line, record in table.rows:
            buurt = record.get("buurt_code", "")
            code, name = (
                (buurt, record.get("buurt_name", ""))
                if buurt
                else (record["wijk_code"], record["wijk_name"])
            )
            level = Level.BUURT if buurt else Level.WIJK
            column = "buurt_code" if buurt else "wijk_code"
            if level_of(code) != level:
                problems.append(
                    ImportProblem(
                        f"'{code}' is geen geldige {level}code.", table.name, line, column
                    )
                )
            elif (
                parent_code(code if level == Level.WIJK else "WK" + code[2:8]) != record["gm_code"]
            ):
                problems.append(
                    ImportProblem(
                        f"{code} ligt niet in gemeente {record['gm_code']}.",
                        table.name,
                        line,
                        "gm_code",
                    )
                )
            elif vintage == 2020 and code not in known:
                problems.append(
                    ImportProblem(
                        f"Regiocode {code} bestaat niet in de indeling 2020.",
                        table.name,
                        line,
                        column,
                    )
                )
            elif vintage != 2020 and record["gm_code"] not in known:
                problems.append(
                    ImportProblem(
                        f"Gemeente {record['gm_code']} bestaat niet in de indeling {vintage}.",
                        table.name,
                        line,
                        "gm_code",
                    )
                )
            elif code in rows:
                problems.append(
                    ImportProblem(f"Regiocode {code} komt dubbel voor.", table.name, line, column)
                )
            else:
                rows[code] = RegionRow(code=code, level=level, name=name)
        return list(rows.values())

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        done = sum(
            regions_upsert(vintage=vintage, rows=rows, progress=progress)
            for vintage, rows in batch.records.items()
        )
        return WriteResult(accepted=done)
