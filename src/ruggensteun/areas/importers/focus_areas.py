"""The default focus areas: the 16 Manifest areas and the 20 NPLV areas, matched to CBS wijken."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from django.utils import timezone
from django.utils.text import slugify

from ruggensteun.areas.importers.curation import (
    CURATION_PATH,
    CURATION_SOURCE,
    CurationRow,
    read_curation,
)
from ruggensteun.areas.matching import (
    Candidate,
    ListedName,
    Match,
    MatchReport,
    Unmatched,
    match_names,
    normalise,
    parse_listed_name,
)
from ruggensteun.areas.models import (
    Confidence,
    FocusArea,
    FocusAreaMember,
    FocusAreaProgramme,
    Level,
    MatchMethod,
    MembershipDecision,
    Programme,
    Region,
    UnmatchedName,
)
from ruggensteun.areas.services import CORRECTION_SOURCE
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

VINTAGE = 2020
PROGRAMMES = {
    "manifest16": (
        ("Manifest 16 gebieden", "Manifesto: 16 areas"),
        (
            "De 16 stedelijke vernieuwingsgebieden van de 15 Manifestgemeenten (2020-2021).",
            "The 16 urban renewal areas of the 15 Manifesto municipalities (2020-2021).",
        ),
        2020,
    ),
    "nplv20": (
        ("NPLV 20 gebieden", "NPLV: 20 areas"),
        (
            "Nationaal Programma Leefbaarheid en Veiligheid: 20 focusgebieden (vanaf juli 2022).",
            "National Programme for Livability and Safety: 20 focus areas (from July 2022).",
        ),
        2022,
    ),
}


@dataclass(frozen=True)
class AreaEntry:
    programme: str
    name: str
    gm_code: str
    wijk_names: tuple[str, ...]
    wijk_codes: tuple[str, ...]
    source: str
    confidence: str


@dataclass(frozen=True)
class FocusAreaRecords:
    entries: list[AreaEntry]
    decisions: dict[str, list[CurationRow]]  # by area name


def entry_problems(entry: AreaEntry, municipalities: set[str]) -> list[tuple[str, str]]:
    """What is wrong with one row of the focus-area list, as (column, Dutch message) pairs."""
    found: list[tuple[str, str]] = []
    if entry.programme not in PROGRAMMES:
        found.append(("programme", f"Onbekend programma '{entry.programme}'."))
    if entry.gm_code not in municipalities:
        found.append(
            ("gm_code", f"Gemeente '{entry.gm_code}' bestaat niet in de indeling {VINTAGE}.")
        )
    if not entry.name:
        found.append(("area", "Het gebied heeft geen naam."))
    if not entry.wijk_names and not entry.wijk_codes:
        found.append(("wijk_names", "Geen wijken genoemd."))
    if entry.confidence not in Confidence.values:
        found.append(
            ("confidence", f"Onbekende zekerheid '{entry.confidence}' (high, medium of low).")
        )
    found += [
        ("wijk_codes", f"'{code}' is geen wijkcode van {entry.gm_code}.")
        for code in entry.wijk_codes
        if level_of(code) != Level.WIJK or code[2:6] != entry.gm_code[2:]
    ]
    return found


@register
class FocusAreasImporter:
    source: ClassVar[str] = "focusgebieden"
    label: ClassVar[str] = "Focusgebieden: Manifest 16 en NPLV 20"
    depends_on: ClassVar[tuple[str, ...]] = ("cbs-wijknamen",)

    def default_paths(self, data_dir: Path) -> list[Path]:
        return [data_dir / "focus_areas" / "focus_areas_sources.csv", CURATION_PATH]

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        """The focus-area list, then the curation decisions (the second path; the shipped
        `curation.csv` when only the list is given)."""
        entries, problems, rows_read = self._entries(paths[0])
        areas = {entry.name: (entry.gm_code, entry.wijk_names) for entry in entries}
        curation = read_curation(paths[1] if len(paths) > 1 else CURATION_PATH, areas)
        problems += curation.problems
        rows_read += curation.rows_read
        if problems:
            raise ImportRejected(problems, rows_read=rows_read)
        decisions: dict[str, list[CurationRow]] = {}
        for row in curation.rows:
            decisions.setdefault(row.area, []).append(row)
        return ParsedBatch(records=FocusAreaRecords(entries, decisions), rows_read=rows_read)

    def _entries(self, path: Path) -> tuple[list[AreaEntry], list[ImportProblem], int]:
        table = read_table(
            path,
            required=[
                "programme",
                "gm_code",
                "area",
                "wijk_names",
                "wijk_codes",
                "source",
                "confidence",
            ],
        )
        municipalities = set(
            Region.objects.filter(vintage=VINTAGE, level=Level.GEMEENTE).values_list(
                "code", flat=True
            )
        )
        problems: list[ImportProblem] = []
        entries: list[AreaEntry] = []
        seen: set[tuple[str, str]] = set()
        for line, record in table.rows:
            entry = AreaEntry(
                programme=record["programme"],
                name=record["area"],
                gm_code=record["gm_code"],
                wijk_names=tuple(n.strip() for n in record["wijk_names"].split(";") if n.strip()),
                wijk_codes=tuple(c.strip() for c in record["wijk_codes"].split(";") if c.strip()),
                source=record["source"],
                confidence=record["confidence"],
            )
            if (entry.programme, entry.name) in seen:
                problems.append(
                    ImportProblem(
                        f"'{entry.name}' staat dubbel in {entry.programme}.",
                        table.name,
                        line,
                        "area",
                    )
                )
            problems += [
                ImportProblem(message, table.name, line, column)
                for column, message in entry_problems(entry, municipalities)
            ]
            seen.add((entry.programme, entry.name))
            entries.append(entry)
        return entries, problems, len(table.rows)

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        programmes = {
            code: Programme.objects.update_or_create(
                code=code,
                defaults={
                    "name": name[0],
                    "name_en": name[1],
                    "description": text[0],
                    "description_en": text[1],
                    "start_year": year,
                },
            )[0]
            for code, (name, text, year) in PROGRAMMES.items()
        }
        records: FocusAreaRecords = batch.records
        notes: list[str] = []
        areas: dict[str, FocusArea] = {}
        for entry in progress(records.entries, len(records.entries), "focusgebieden"):
            slug = slugify(entry.name)
            if slug not in areas:
                areas[slug] = self._area(slug, entry)
                corrected = self._correction(areas[slug])
                if corrected is not None:
                    notes.append(corrected)
                else:
                    notes += self._members(
                        areas[slug], entry, records.decisions.get(entry.name, [])
                    )
            FocusAreaProgramme.objects.update_or_create(
                focus_area=areas[slug],
                programme=programmes[entry.programme],
                defaults={"source": entry.source, "confidence": entry.confidence},
            )
        return WriteResult(accepted=len(records.entries), notes=tuple(notes))

    def _area(self, slug: str, entry: AreaEntry) -> FocusArea:
        municipality = Region.objects.get(vintage=VINTAGE, code=entry.gm_code)
        area, _ = FocusArea.objects.update_or_create(
            slug=slug,
            defaults={
                "name": entry.name,
                "municipality": municipality,
                "vintage": VINTAGE,
                "is_default": True,
            },
        )
        return area

    def _correction(self, area: FocusArea) -> str | None:
        """Manual corrections win: an area whose members the programme team corrected keeps
        them, its decisions and their history; the import says it skipped it (None: not
        corrected, match and apply the shipped decisions)."""
        correction = area.membership_decisions.filter(
            source=CORRECTION_SOURCE, superseded_at__isnull=True
        ).first()
        if correction is None:
            return None
        return (
            f"{area.name}: samenstelling overgeslagen; het programmateam heeft die op "
            f"{timezone.localtime(correction.decided_at):%Y-%m-%d} aangepast en de aanpassing "
            "gaat voor op de bronlijst en curation.csv."
        )

    def _members(
        self, area: FocusArea, entry: AreaEntry, decisions: list[CurationRow]
    ) -> list[str]:
        """(Re)match the listed wijken and apply the documented decisions; members set by
        hand, and decisions the programme team made, are kept."""
        wijken = list(
            Region.objects.filter(vintage=VINTAGE, level=Level.WIJK, parent=area.municipality)
        )
        area.members.exclude(match_method=MatchMethod.MANUAL).delete()
        area.unmatched_names.all().delete()
        area.membership_decisions.filter(source=CURATION_SOURCE).delete()
        by_code = {wijk.code: wijk for wijk in wijken}
        if entry.wijk_codes:
            report = self._by_code(entry, by_code)
            method = MatchMethod.CODE
        else:
            candidates = [Candidate(code=wijk.code, name=wijk.name) for wijk in wijken if wijk.name]
            report = match_names(entry.wijk_names, candidates)
            method = MatchMethod.NAME
        decided = self._decisions(area, decisions)
        manual = set(area.members.values_list("region__code", flat=True))
        members = {
            match.candidate.code: FocusAreaMember(
                focus_area=area,
                region=by_code[match.candidate.code],
                listed_name=match.listed.raw,
                match_method=method,
                partial=match.listed.partial,
                note=f"Alleen een deel: {match.listed.qualifier}." if match.listed.partial else "",
            )
            for match in report.matched
            if match.candidate.code not in manual and match.listed.raw not in decided
        }
        self._decided_members(members, decided, by_code, manual)
        FocusAreaMember.objects.bulk_create(members.values())
        UnmatchedName.objects.bulk_create(
            UnmatchedName(
                focus_area=area,
                listed_name=item.listed.raw,
                reason=item.reason,
                suggestions=[f"{c.code} {c.name}" for c in item.suggestions],
                decision=decided.get(item.listed.raw),
            )
            for item in report.unmatched
        )
        return [
            f"{area.name}: '{item.listed.raw}' niet gekoppeld. {item.reason}"
            + (
                f" Mogelijk: {'; '.join(f'{c.code} {c.name}' for c in item.suggestions)}."
                if item.suggestions
                else ""
            )
            for item in report.unmatched
            if item.listed.raw not in decided
        ]

    def _decisions(self, area: FocusArea, rows: list[CurationRow]) -> dict[str, MembershipDecision]:
        """The area's decisions by name in the source: the programme team's first, then the
        shipped ones for the names it has not decided on."""
        decided = {decision.listed_name: decision for decision in area.membership_decisions.all()}
        for row in rows:
            if row.listed_name not in decided:
                decided[row.listed_name] = MembershipDecision.objects.create(
                    focus_area=area,
                    listed_name=row.listed_name,
                    codes=list(row.codes),
                    reason=row.reason,
                    confidence=row.confidence,
                    source=CURATION_SOURCE,
                )
        return decided

    def _decided_members(
        self,
        members: dict[str, FocusAreaMember],
        decided: dict[str, MembershipDecision],
        by_code: dict[str, Region],
        manual: set[str],
    ) -> None:
        """Add the wijken of each decision; a wijk several names decide on is one member that
        lists all of them."""
        for name, decision in sorted(decided.items()):
            listed = parse_listed_name(name)
            for code in decision.codes:
                if code in manual or code not in by_code:
                    continue
                if code in members:
                    if members[code].decision is not None:
                        members[code].listed_name += f"; {name}"
                    continue
                members[code] = FocusAreaMember(
                    focus_area=decision.focus_area,
                    region=by_code[code],
                    listed_name=name,
                    match_method=MatchMethod.CURATED,
                    partial=listed.partial,
                    note=f"Alleen een deel: {listed.qualifier}." if listed.partial else "",
                    decision=decision,
                )

    def _by_code(self, entry: AreaEntry, by_code: dict[str, Region]) -> MatchReport:
        """Codes given by the source win; each listed name is paired with its code by name."""
        matched: list[Match] = []
        unmatched: list[Unmatched] = []
        listed = {
            normalise(parse_listed_name(raw).name): parse_listed_name(raw)
            for raw in entry.wijk_names
        }
        for code in entry.wijk_codes:
            region = by_code.get(code)
            if region is None:
                item = ListedName(raw=code, name=code, qualifier="")
                unmatched.append(
                    Unmatched(listed=item, reason=f"Wijkcode {code} bestaat niet.", suggestions=())
                )
                continue
            item = listed.pop(normalise(region.name), ListedName(raw=code, name=code, qualifier=""))
            matched.append(Match(listed=item, candidate=Candidate(code=code, name=region.name)))
        for item in listed.values():
            reason = "De naam hoort bij geen van de opgegeven wijkcodes."
            unmatched.append(Unmatched(listed=item, reason=reason, suggestions=()))
        return MatchReport(matched=tuple(matched), unmatched=tuple(unmatched))
