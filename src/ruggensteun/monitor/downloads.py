"""Every figure of an area's table as CSV or XLSX, with definitions and sources in the file."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from ruggensteun.analysis.numbers import format_significant
from ruggensteun.areas.models import FocusArea
from ruggensteun.areas.selectors import CityGroup

from .catalogue import DOMAINS, load
from .dashboard import REASON_LABELS, VERDICT_LABELS
from .results import AreaStacking, ComparisonRow
from .selectors import member_comparisons
from .wijk_compare import CompareRow

COLUMNS = [
    ("gebied", "gebied of wijk"),
    ("code", "CBS-code"),
    ("indicator", "indicator-id"),
    ("naam", "indicator"),
    ("domein", "domein"),
    ("eenheid", "eenheid"),
    ("periode", "periode"),
    ("waarde", "waarde"),
    ("ondergrens", "95%-interval ondergrens"),
    ("bovengrens", "95%-interval bovengrens"),
    ("teller", "teller"),
    ("noemer", "noemer"),
    ("reden_leeg", "reden als de waarde ontbreekt"),
    ("rest_gemeente", "rest van de gemeente"),
    ("gemeente", "gemeente"),
    ("nederland", "Nederland"),
    ("toets_rest", "toets t.o.v. rest gemeente"),
    ("toets_nl", "toets t.o.v. Nederland"),
    ("opmerkingen", "opmerkingen"),
    ("definitie", "definitie"),
    ("bron", "bron"),
]


@dataclass(frozen=True)
class DownloadRow:
    """One spreadsheet row of an area's figures; the fields are the keys of COLUMNS."""

    gebied: str
    code: str
    indicator: str
    naam: str
    domein: str
    eenheid: str
    periode: str
    waarde: float | None
    ondergrens: float | None
    bovengrens: float | None
    teller: float | None
    noemer: float | None
    reden_leeg: str
    rest_gemeente: float | None
    gemeente: float | None
    nederland: float | None
    toets_rest: str
    toets_nl: str
    opmerkingen: str
    definitie: str
    bron: str

    def cells(self) -> list[Any]:
        return [getattr(self, key) for key, _label in COLUMNS]


def download_rows(area: FocusArea) -> list[DownloadRow]:
    """Every comparison row of the area and of each of its members, one spreadsheet row each."""
    catalogue = load()
    comparisons = member_comparisons(area)
    targets: list[tuple[str, str, tuple[ComparisonRow, ...]]] = [
        (area.name, area.municipality.code, comparisons.rows),
        *(
            (member.display_name, member.code, comparisons.member_rows[member.pk])
            for member in comparisons.members
        ),
    ]
    rows = []
    for name, code, comparison_rows in targets:
        for row in comparison_rows:
            indicator = catalogue.indicators[row.indicator]
            verdict_nl = row.verdict_nl if row.area.value is not None else row.verdict_gm_nl
            rows.append(
                DownloadRow(
                    gebied=name,
                    # Unchanged quirk: a member named exactly as its area loses its code too.
                    code=code if name != area.name else "",
                    indicator=indicator.id,
                    naam=indicator.name_nl,
                    domein=catalogue.domains[indicator.domain]["nl"],
                    eenheid=indicator.unit_label,
                    periode=catalogue.period_label(row.period),
                    waarde=row.area.value,
                    ondergrens=row.area.lower,
                    bovengrens=row.area.upper,
                    teller=row.area.numerator,
                    noemer=row.area.denominator,
                    reden_leeg=str(REASON_LABELS.get(row.area.reason, "")),
                    rest_gemeente=row.rest.value,
                    gemeente=row.municipality.value,
                    nederland=row.nederland.value,
                    toets_rest=str(VERDICT_LABELS.get(row.verdict_rest, "")),
                    toets_nl=str(VERDICT_LABELS.get(verdict_nl, "")),
                    opmerkingen=" ".join(row.notes),
                    definitie=indicator.definition_nl,
                    bron=indicator.source,
                )
            )
    return rows


def as_csv(rows: list[DownloadRow]) -> bytes:
    return _csv([label for _, label in COLUMNS], [row.cells() for row in rows])


def as_xlsx(rows: list[DownloadRow], area: FocusArea) -> bytes:
    about = [f"Ruggensteun: cijfers voor {area.name} ({area.municipality.display_name})"]
    return _xlsx("cijfers", [label for _, label in COLUMNS], [row.cells() for row in rows], about)


# OWASP CSV injection: a cell starting with one of these runs as a formula (or starts one) in
# Excel, LibreOffice or Google Sheets; the full-width forms are read as the same characters.
FORMULA_STARTS = frozenset("=+-@\t\r＝＋－＠")


def safe_text(text: str) -> str:
    """Text that a spreadsheet shows as text: a leading apostrophe before a formula start."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return safe_text(str(value))
    if isinstance(value, float):
        return format_significant(value)
    if isinstance(value, int):
        return str(value)
    return safe_text(str(value))


def _xlsx_cell(value: Any) -> Any:
    """Numbers stay numbers; everything else is written as a text cell, never a formula."""
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    return safe_text(str(value))


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in [header, *rows]:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def _xlsx(title: str, header: list[str], rows: list[list[Any]], about: list[str]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in [header, *rows]:
        _append(sheet, row)
    _definitions_sheet(workbook)
    notes = workbook.create_sheet("toelichting")
    for line in [*about, SOURCES_NOTE]:
        _append(notes, [line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _append(sheet: Any, row: list[Any]) -> None:
    sheet.append([_xlsx_cell(value) for value in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl would read a leading "=" as a formula


def table_download(header: list[str], rows: list[list[Any]], fmt: str, about: list[str]) -> bytes:
    """Any page table as CSV (`;`, UTF-8 with BOM, formula-safe) or XLSX, the XLSX with the
    indicator definitions and sources and an explanation sheet."""
    return _csv(header, rows) if fmt == "csv" else _xlsx("tabel", header, rows, about)


SOURCES_NOTE = "Bronnen: CBS, RIVM, GGD'en (open data, CC BY 4.0). Zie het tabblad 'indicatoren'."


def _definitions_sheet(workbook: Any) -> None:
    definitions = workbook.create_sheet("indicatoren")
    _append(
        definitions,
        ["indicator-id", "naam", "definitie", "eenheid", "bron", "teller", "noemer", "afgeleid"],
    )
    for indicator in load().indicators.values():
        _append(
            definitions,
            [
                indicator.id,
                indicator.name_nl,
                indicator.definition_nl,
                indicator.unit_label,
                indicator.source,
                indicator.numerator,
                indicator.denominator,
                "ja" if indicator.derived else "nee",
            ],
        )


def overview_table(
    groups: list[CityGroup], stacking: dict[int, AreaStacking]
) -> tuple[list[str], list[list[Any]]]:
    """The overview's heat table: one row per focus area, per domain flag and percentile."""
    catalogue = load()
    header = ["gemeente", "gemeentecode", "gebied", "programma's", "wijken", "stapeling"]
    for domain in DOMAINS:
        label = catalogue.domains[domain]["nl"]
        header += [f"{label}: slechtste 10%", f"{label}: score"]
    rows: list[list[Any]] = []
    for group in groups:
        for summary in group.areas:
            entry = stacking.get(summary.area.pk)
            domains = entry.domains if entry else {}
            row: list[Any] = [
                group.municipality.display_name,
                group.municipality.code,
                summary.area.name,
                ", ".join(programme.name for programme in summary.programmes),
                summary.member_count,
                entry.count if entry else None,
            ]
            for domain in DOMAINS:
                result = domains.get(domain)
                row += [
                    ("ja" if result.flagged else "nee") if result else "geen wijkcijfers",
                    round(result.score, 1) if result and result.score is not None else None,
                ]
            rows.append(row)
    return header, rows


def compare_table(
    areas: list[FocusArea], rows: list[CompareRow]
) -> tuple[list[str], list[list[Any]]]:
    """The compare page's table: per indicator the latest period, each area and its gemeente."""
    catalogue = load()
    header = ["indicator-id", "indicator", "domein", "eenheid", "periode"]
    for area in areas:
        header += [area.name, f"{area.municipality.display_name} (gemeente van {area.name})"]
    header += ["definitie", "bron"]
    table = []
    for row in rows:
        indicator = row.indicator
        line: list[Any] = [
            indicator.id,
            indicator.name_nl,
            catalogue.domains[indicator.domain]["nl"],
            indicator.unit_label,
            row.period_label,
        ]
        for local, municipal in row.cells:
            line += [local.text or local.reason, municipal.text or municipal.reason]
        table.append([*line, indicator.definition_nl, indicator.source])
    return header, table
