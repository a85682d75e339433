"""Template upload: a municipality adds its own figures (CSV or XLSX, Dutch decimals accepted).

Columns: regiocode, indicator, periode, and either waarde or teller + noemer (or all three);
optional: status (voorlopig/definitief), indeling (CBS year of the region codes, default 2020),
naam (ignored: the downloaded template names each region). A row with nothing filled in but its
region (a pre-filled template row left empty) is skipped. The upload page limits the importer to
one municipality: a region outside it is a problem of that row.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from ruggensteun.analysis.spec import Kind
from ruggensteun.cbs import level_of, scope_covers
from ruggensteun.imports.base import (
    ImportProblem,
    ImportRejected,
    ParsedBatch,
    Progress,
    WriteResult,
    register,
)
from ruggensteun.imports.limits import (
    FIELD_TOO_LONG,
    MAX_FIELD_CHARS,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    NUL_CHARACTER,
    TOO_MANY_ROWS,
    UNPACKED_TOO_LARGE,
    dutch_number,
    rejected,
)
from ruggensteun.imports.models import ImportRun
from ruggensteun.imports.tabular import Table, read_table
from ruggensteun.monitor.catalogue import Catalogue, Indicator, load
from ruggensteun.monitor.models import Status
from ruggensteun.monitor.services import ObservationRow, observations_upsert, region_ids

from .numbers import NotANumber, parse_number

REQUIRED = ["regiocode", "indicator", "periode"]
PERIOD = re.compile(r"^[0-9A-Za-z_-]{1,32}$")
STATUSES = {"": Status.DEFINITIVE, "definitief": Status.DEFINITIVE, "voorlopig": Status.PROVISIONAL}
SHEET = "gegevens"
# The columns that make a row a figure; a row with none of them filled is an empty template row.
FILLED = ("indicator", "periode", "teller", "noemer", "waarde", "status")
NOTHING_FILLED = (
    "Het bestand bevat alleen lege sjabloonregels: vul per regel een indicator, periode "
    "en waarde (of teller en noemer) in."
)

Report = Callable[[str, str], None]  # records a problem: message, column


XLSX_BROKEN = "Geen geldig Excel-bestand (.xlsx)."
SHEET_EMPTY = "Het tabblad is leeg."
# What openpyxl raises on a damaged workbook; SyntaxError covers XML parse errors.
XLSX_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    OSError,
    EOFError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    SyntaxError,
)


def read_xlsx(path: Path) -> Table:
    """The data sheet of an XLSX, checked before opening (a real zip archive that unpacks within
    the cap) and read as a stream, as wide as its header, whatever dimension it declares."""
    from openpyxl import load_workbook

    _check_archive(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except XLSX_ERRORS:
        raise rejected(XLSX_BROKEN, path.name) from None
    try:
        return _sheet_table(workbook[_sheet_name(workbook.sheetnames, path.name)], path.name)
    except XLSX_ERRORS:
        raise rejected(XLSX_BROKEN, path.name) from None
    finally:
        workbook.close()


def _check_archive(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise rejected(XLSX_BROKEN, path.name) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise rejected(UNPACKED_TOO_LARGE % {"mb": MAX_UNPACKED_BYTES // 2**20}, path.name)


def _sheet_name(names: list[str], file: str) -> str:
    chosen = next(
        (n for n in names if n.strip().lower() == SHEET), names[0] if len(names) == 1 else None
    )
    if chosen is None:
        raise ImportRejected(
            [
                ImportProblem(
                    f"Het werkboek heeft {len(names)} tabbladen ({', '.join(names)}); "
                    f"zet de gegevens op het tabblad '{SHEET}'.",
                    file=file,
                )
            ]
        )
    return chosen


def _sheet_table(sheet: Any, file: str) -> Table:
    # The declared dimension may be forged (A1:XFD1048576): read the cells that are there.
    sheet.reset_dimensions()
    first = next(sheet.iter_rows(max_row=1, values_only=True), ())
    header = [str(cell).strip().lower() if cell is not None else "" for cell in first]
    while header and not header[-1]:
        header.pop()
    if not header:
        raise rejected(SHEET_EMPTY, file)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportRejected(
            [
                ImportProblem(
                    f"Verplichte kolom(men) ontbreken: {', '.join(missing)}.", file=file, row=1
                )
            ]
        )
    records = []
    cells_by_row = sheet.iter_rows(min_row=2, max_col=len(header), values_only=True)
    for number, cells in enumerate(cells_by_row, start=2):
        if number - 1 > MAX_ROWS:
            raise rejected(TOO_MANY_ROWS % {"rows": dutch_number(MAX_ROWS)}, file)
        if not any(cell not in (None, "") for cell in cells):
            continue
        values = ["" if cell is None else _cell_text(cell) for cell in cells]
        _check_cells(values, header, file, number)
        records.append((number, dict(zip(header, values, strict=False))))
    if not records:
        raise rejected("Het bestand bevat geen gegevensregels.", file)
    return Table(name=file, header=header, rows=records)


def _check_cells(values: list[str], header: list[str], file: str, number: int) -> None:
    for column, value in zip(header, values, strict=False):
        if len(value) > MAX_FIELD_CHARS:
            message = FIELD_TOO_LONG % {"chars": dutch_number(MAX_FIELD_CHARS)}
            raise ImportRejected([ImportProblem(message, file, number, column)])
        if "\x00" in value:
            raise ImportRejected([ImportProblem(str(NUL_CHARACTER), file, number, column)])


def _cell_text(cell: object) -> str:
    if isinstance(cell, float):
        return repr(cell)
    return str(cell).strip()


def read_any(path: Path) -> Table:
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path)
    if path.suffix.lower() == ".xls":
        raise ImportRejected(
            [
                ImportProblem(
                    "Oude .xls-bestanden worden niet gelezen; sla op als .xlsx of CSV.",
                    file=path.name,
                )
            ]
        )
    table = read_table(path, required=REQUIRED, delimiters=";,\t")
    header = [h.lower() for h in table.header]
    rows = [(n, {k.lower(): v for k, v in r.items()}) for n, r in table.rows]
    return Table(table.name, header, rows, delimiter=table.delimiter)


@register
class TemplateImporter:
    source: ClassVar[str] = "sjabloon"
    label: ClassVar[str] = "Eigen cijfers via het uploadsjabloon (CSV of XLSX)"
    depends_on: ClassVar[tuple[str, ...]] = ()
    on_demand: ClassVar[bool] = True  # not part of `import_data --all`: it needs a file

    def __init__(self, municipality_code: str | None = None) -> None:
        # Set by the upload page: only regions within this municipality are accepted.
        self.municipality_code = municipality_code

    def default_paths(self, data_dir: Path) -> list[Path]:
        raise ImportRejected([ImportProblem("Geef het bestand op dat u wilt uploaden.")])

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        catalogue = load()
        problems: list[ImportProblem] = []
        rows: list[tuple[int, ObservationRow]] = []
        read = 0
        known: dict[int, set[str]] = {}
        seen: dict[tuple[str, str, str, int], int] = {}
        for path in paths:
            table = read_any(path)
            read += len(table.rows)
            decimal_comma = table.delimiter == ";"  # Dutch CSV: decimal commas
            for line, record in table.rows:
                if not any(record.get(column, "").strip() for column in FILLED):
                    continue
                row = self._row(record, line, table.name, catalogue, known, decimal_comma, problems)
                if row is None:
                    continue
                vintage, observation = row
                key = (observation.code, observation.indicator, observation.period, vintage)
                if key in seen:
                    problems.append(
                        ImportProblem(
                            f"Dubbel: dezelfde regio, indicator en periode als regel {seen[key]}.",
                            table.name,
                            line,
                        )
                    )
                    continue
                seen[key] = line
                rows.append((vintage, observation))
        if not problems and not rows:
            problems.append(ImportProblem(NOTHING_FILLED, paths[0].name if paths else ""))
        if problems:
            raise ImportRejected(problems, rows_read=read)
        by_vintage: dict[int, list[ObservationRow]] = {}
        for vintage, observation in rows:
            by_vintage.setdefault(vintage, []).append(observation)
        return ParsedBatch(records=by_vintage, rows_read=read)

    def _row(
        self,
        record: dict[str, str],
        line: int,
        name: str,
        catalogue: Catalogue,
        known: dict[int, set[str]],
        decimal_comma: bool,
        problems: list[ImportProblem],
    ) -> tuple[int, ObservationRow] | None:
        found: list[ImportProblem] = []

        def problem(message: str, column: str | None = None) -> None:
            found.append(ImportProblem(message, name, line, column))

        code, indicator_id, period = (
            record.get("regiocode", ""),
            record.get("indicator", ""),
            record.get("periode", ""),
        )
        vintage = _vintage(record, code, known, problem)
        if (
            self.municipality_code
            and level_of(code)
            and not scope_covers(self.municipality_code, code)
        ):
            problem(
                f"Regiocode {code} ligt niet in gemeente {self.municipality_code}; hier kunnen "
                "alleen cijfers van die gemeente, haar wijken en buurten worden geüpload.",
                "regiocode",
            )
        indicator = catalogue.indicators.get(indicator_id)
        if indicator is None:
            problem(
                f"Onbekende indicator '{indicator_id[:40]}'; zie de indicatorcatalogus.",
                "indicator",
            )
        if not PERIOD.match(period):
            problem(f"'{period[:40]}' is geen geldige periode (bijv. 2020 of 2021-kw1).", "periode")
        status = record.get("status", "").strip().lower()
        if status not in STATUSES:
            problem(
                f"Status '{status[:20]}' is onbekend; gebruik voorlopig of definitief.", "status"
            )
        numbers = _numbers(record, decimal_comma, problem)
        if found or indicator is None or vintage is None:
            problems.extend(found)
            return None
        return self._observation(
            code, indicator, period, numbers, STATUSES[status], vintage, problem, problems, found
        )

    def _observation(
        self,
        code: str,
        indicator: Indicator,
        period: str,
        numbers: dict[str, float | None],
        status: Status,
        vintage: int,
        problem: Report,
        problems: list[ImportProblem],
        found: list[ImportProblem],
    ) -> tuple[int, ObservationRow] | None:
        numerator, denominator, value = numbers["teller"], numbers["noemer"], numbers["waarde"]
        if (numerator is None) != (denominator is None):
            problem(
                "Vul teller én noemer in, of alleen een waarde.",
                "noemer" if denominator is None else "teller",
            )
        elif numerator is not None and denominator is not None:
            if denominator == 0:
                problem("De noemer is 0.", "noemer")
            elif indicator.kind == Kind.PROPORTION and numerator > denominator:
                problem(
                    f"De teller ({numerator:g}) is groter dan de noemer ({denominator:g}).",
                    "teller",
                )
            else:
                computed = numerator / denominator * indicator.multiplier
                if value is not None and abs(computed - value) > max(0.01 * abs(computed), 0.05):
                    problem(
                        f"De waarde {value:g} past niet bij teller/noemer ({computed:.2f}).",
                        "waarde",
                    )
                value = computed
        elif value is None:
            problem("Geen waarde en geen teller/noemer.", "waarde")
        if found:
            problems.extend(found)
            return None
        return vintage, ObservationRow(
            code, indicator.id, period, value, numerator, denominator, status=status
        )

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        done = sum(
            observations_upsert(rows=rows, vintage=vintage, run=run, progress=progress)
            for vintage, rows in batch.records.items()
        )
        return WriteResult(accepted=done)


def _vintage(
    record: dict[str, str], code: str, known: dict[int, set[str]], problem: Report
) -> int | None:
    """The record's indelingsjaar (None if invalid); reports a bad year, a malformed region code
    or a region code that does not exist in that year."""
    vintage_text = record.get("indeling", "") or "2020"
    vintage = int(vintage_text) if vintage_text.isdigit() and len(vintage_text) == 4 else None
    if vintage is None:
        problem(f"'{vintage_text[:20]}' is geen indelingsjaar.", "indeling")
    elif level_of(code) is None:
        problem(
            f"'{code[:40]}' is geen CBS-regiocode (zoals GM0479, WK047912 of BU04791210).",
            "regiocode",
        )
    else:
        if vintage not in known:  # one query per vintage, not per row
            known[vintage] = set(region_ids(vintage))
        codes = known[vintage]
        if code not in codes:
            problem(f"Regiocode {code} bestaat niet in de indeling {vintage}.", "regiocode")
    return vintage


def _numbers(
    record: dict[str, str], decimal_comma: bool, problem: Report
) -> dict[str, float | None]:
    """Teller, noemer and waarde as numbers (None if empty or invalid); reports bad or negative
    ones."""
    numbers: dict[str, float | None] = {}
    for column in ("teller", "noemer", "waarde"):
        try:
            numbers[column] = parse_number(record.get(column, ""), decimal_comma=decimal_comma)
        except NotANumber:
            problem(f"'{record.get(column, '')[:40]}' is geen getal.", column)
            numbers[column] = None
        if (numbers[column] or 0) < 0:
            problem("Een negatief getal kan hier niet.", column)
    return numbers
