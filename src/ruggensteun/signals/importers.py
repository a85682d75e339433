"""Signals collected on paper, imported from the CSV template through the same scrubber.

Every row is checked (area in the professional's scope, theme, period, scales, and no personal
data in the narrative) before anything is stored; one bad row refuses the whole file.

Problems name the row and column and what is wrong, never the cell's value: a cell may hold
personal data, and the messages are stored with the import run. Only a region code that exists
(a code from a closed list) is named.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from ruggensteun.accounts.models import User
from ruggensteun.areas.models import Level, Region
from ruggensteun.cbs import level_of
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
from ruggensteun.permissions import may

from .models import Confidence, Origin, ProfessionalRole, Trend
from .services import SignalInput, SignalRefused, narrative_check, signal_record
from .taxonomy import BY_KEY

COLUMNS = [
    "wijkcode",
    "thema",
    "periode",
    "rol",
    "intensiteit",
    "ontwikkeling",
    "zekerheid",
    "toelichting",
]
QUARTER = re.compile(r"^20\d\d-K[1-4]$")
QUERY_BATCH = 500  # codes per query: SQLite limits the number of parameters
NOT_A_REGION = "Geen CBS-wijk- of buurtcode (indeling 2020)."
NOT_A_QUARTER = "Geen kwartaal zoals 2021-K1."
NOT_A_CHOICE = "Geen geldige waarde; kies uit: {choices}."


@register
class SignalImporter:
    source: ClassVar[str] = "signalen-csv"
    label: ClassVar[str] = "Signalen van professionals (CSV-sjabloon)"
    depends_on: ClassVar[tuple[str, ...]] = ("cbs-indeling-2020",)
    on_demand: ClassVar[bool] = True

    def __init__(self, actor: User | None = None) -> None:
        self.actor = actor

    def default_paths(self, data_dir: Path) -> list[Path]:
        return []

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        if self.actor is None:
            raise ImportRejected([ImportProblem("Signalen importeert een ingelogde professional.")])
        problems: list[ImportProblem] = []
        records: list[SignalInput] = []
        read = 0
        for path in paths:
            table = read_table(path, required=COLUMNS)
            regions = _regions({row.get("wijkcode", "").strip() for _line, row in table.rows})
            for line, row in table.rows:
                read += 1
                record = self._row(table.name, line, row, regions, problems)
                if record is not None:
                    records.append(record)
        if not problems and not records:
            problems.append(ImportProblem("Het bestand bevat geen signalen."))
        if problems:
            raise ImportRejected(problems, rows_read=read)
        return ParsedBatch(records=records, rows_read=read)

    def _row(
        self,
        file: str,
        line: int,
        row: dict[str, str],
        regions: dict[str, Region],
        problems: list[ImportProblem],
    ) -> SignalInput | None:
        before = len(problems)

        def problem(message: str, column: str) -> None:
            problems.append(ImportProblem(message, file, line, column))

        code = row["wijkcode"].strip()
        region = regions.get(code)
        if region is None:
            problem(NOT_A_REGION, "wijkcode")
        elif not may(self.actor, "signals.record", region):  # type: ignore[arg-type]
            problem(f"{region.code} hoort niet bij uw gebied.", "wijkcode")
        values = {key: row[key].strip() for key in COLUMNS}
        _check_choice(values["thema"], set(BY_KEY), "thema", problem)
        _check_choice(values["rol"], set(ProfessionalRole.values), "rol", problem)
        _check_choice(values["ontwikkeling"], set(Trend.values), "ontwikkeling", problem)
        _check_choice(values["zekerheid"], set(Confidence.values), "zekerheid", problem)
        if not QUARTER.match(values["periode"]):
            problem(NOT_A_QUARTER, "periode")
        if values["intensiteit"] not in {"1", "2", "3", "4", "5"}:
            problem("Intensiteit is een geheel getal van 1 tot en met 5.", "intensiteit")
        _check_narrative(values["toelichting"], problem)
        if len(problems) > before or region is None:
            return None
        return SignalInput(
            region=region,
            theme=values["thema"],
            period=values["periode"],
            professional_role=values["rol"],
            intensity=int(values["intensiteit"]),
            trend=values["ontwikkeling"],
            confidence=values["zekerheid"],
            narrative=values["toelichting"],
        )

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        assert self.actor is not None
        for record in progress(batch.records, len(batch.records), "signalen"):
            signal_record(actor=self.actor, data=record, origin=Origin.IMPORT)
        return WriteResult(accepted=len(batch.records))


def _regions(codes: set[str]) -> dict[str, Region]:
    """The wijken and buurten (indeling 2020) among `codes`, by code."""
    wanted = sorted(code for code in codes if level_of(code) in (Level.WIJK, Level.BUURT))
    found: dict[str, Region] = {}
    for start in range(0, len(wanted), QUERY_BATCH):
        found.update(
            (region.code, region)
            for region in Region.objects.filter(
                vintage=2020,
                level__in=[Level.WIJK, Level.BUURT],
                code__in=wanted[start : start + QUERY_BATCH],
            )
        )
    return found


def _check_choice(value: str, allowed: set[str], column: str, problem: Any) -> None:
    if value not in allowed:
        problem(NOT_A_CHOICE.format(choices=", ".join(sorted(allowed))), column)


def _check_narrative(text: str, problem: Any) -> None:
    """The form's check: length and personal data (the explanation names only the kinds)."""
    try:
        narrative_check(text)
    except SignalRefused as exc:
        problem(exc.message, "toelichting")
