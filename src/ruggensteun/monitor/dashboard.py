"""The area dashboard's content, shaped from the stored results (read-only; no statistics here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ruggensteun.analysis.gaps import Availability
from ruggensteun.analysis.numbers import format_number
from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.web.templatetags.humanize_nl import active_language

from .catalogue import DOMAINS, Catalogue, Indicator, load
from .cells import REASON_LABELS as REASON_LABELS
from .cells import Cell as Cell
from .cells import cell as cell
from .explain import StackingShare, cell_count_text
from .models import DomainResult, ResultSet, SimilarArea
from .results import AreaComparisons, AreaStacking, ComparisonRow
from .selectors import (
    CellCounts,
    area_cell_counts,
    area_gaps,
    area_narrative,
    member_comparisons,
    similar_areas,
)

VERDICT_LABELS = {
    "sign_worse": _("significant ongunstiger"),
    "sign_better": _("significant gunstiger"),
    "sign_different": _("significant anders"),
    "not_different": _("geen significant verschil"),
    "not_testable": _("niet toetsbaar"),
}
# A derived indicator (reconstructed from rounded figures) gets no interval and no test.
NOT_TESTED_DERIVED = _("niet getoetst: afgeleid")


@dataclass(frozen=True)
class IndicatorLine:
    indicator: Indicator
    period: str
    period_label: str
    area: Cell
    members: list[Cell]
    rest: Cell
    municipality: Cell
    nederland: Cell
    verdict_rest: str
    verdict_nl: str
    change: str
    notes: list[str]
    untested: str = ""  # why there is no test at all (a derived indicator), else ""
    # The change since the baseline without its "gebied"/"gemeente" (for under its own cell),
    # and whose it is: "area" or "municipality" ("" without a change).
    change_short: str = ""
    change_of: str = ""
    # The baseline period's label when the cells show it beside this period ("2016"), else "".
    baseline_label: str = ""
    # The area's change against the rest's (difference of changes), where it was tested.
    verdict_doc: str = ""

    @property
    def local_reason(self) -> str:
        """The shared reason when neither the area nor its wijken have figures."""
        cells = [self.area, *self.members]
        reasons = {c.reason for c in cells}
        return reasons.pop() if all(c.empty for c in cells) and len(reasons) == 1 else ""

    @property
    def local_span(self) -> int:
        return len(self.members) + 1

    @property
    def local_cells(self) -> list[Cell]:
        """The area, its wijken and the rest of the municipality, in table order."""
        return [self.area, *self.members, self.rest]

    @property
    def has_local(self) -> bool:
        """Whether the area or one of its wijken has a figure (else only wider levels do)."""
        return not all(c.empty for c in (self.area, *self.members))


@dataclass(frozen=True)
class NotedLine:
    """A table row with the numbers of its notes in its domain's footnote list (from 1)."""

    line: IndicatorLine
    refs: list[int]


@dataclass(frozen=True)
class DomainTable:
    """A domain's rows as the page shows them: the rows with area-level figures, the rows with
    only municipal, regional or national figures (folded into one line), and the notes of both
    once, as footnotes, instead of in every row."""

    local: list[NotedLine]
    elsewhere: list[NotedLine]
    notes: list[str]

    @property
    def elsewhere_indicators(self) -> list[Indicator]:
        """The folded rows' indicators, each once, in table order."""
        seen: dict[str, Indicator] = {}
        for noted in self.elsewhere:
            seen.setdefault(noted.line.indicator.id, noted.line.indicator)
        return list(seen.values())

    @property
    def marks(self) -> list[tuple[str, str]]:
        """The marks of the empty cells in the main table, each with its reason, once."""
        cells = [
            c
            for noted in self.local
            for c in (*noted.line.local_cells, noted.line.municipality, noted.line.nederland)
            if c.empty
        ]
        return list(dict.fromkeys((c.mark, c.reason) for c in cells))

    @property
    def elsewhere_reasons(self) -> list[str]:
        """Why the folded rows have no figure for the area and its wijken, each reason once."""
        cells = [c for noted in self.elsewhere for c in (noted.line.area, *noted.line.members)]
        return list(dict.fromkeys(c.reason for c in cells))

    @property
    def elsewhere_has_rest(self) -> bool:
        return any(not noted.line.rest.empty for noted in self.elsewhere)


def domain_table(lines: list[IndicatorLine]) -> DomainTable:
    notes: list[str] = []
    for line in lines:
        notes += [note for note in line.notes if note not in notes]

    def noted(line: IndicatorLine) -> NotedLine:
        return NotedLine(line, [notes.index(note) + 1 for note in dict.fromkeys(line.notes)])

    return DomainTable(
        local=[noted(line) for line in lines if line.has_local],
        elsewhere=[noted(line) for line in lines if not line.has_local],
        notes=notes,
    )


@dataclass
class DomainBlock:
    key: str
    label: str
    flagged: bool | None
    score: float | None  # the area's score: weighted mean of its wijken's domain scores
    flagged_members: list[str]  # member wijken in the worst 10% themselves (a reason, not the flag)
    share: StackingShare | None = None
    lines: list[IndicatorLine] = field(default_factory=list)
    missing: list[Indicator] = field(default_factory=list)

    @property
    def flag_text(self) -> str:
        """What the flag means, with the share of Dutch wijken it stands for ("" unflagged)."""
        return self.share.text() if self.flagged and self.share else ""

    @cached_property
    def table(self) -> DomainTable:
        return domain_table(self.lines)


@dataclass(frozen=True)
class Dashboard:
    area: FocusArea
    members: list[Region]
    domains: list[DomainBlock]
    narrative: list[str]
    stacking_count: int
    covid_flag: str
    similar: list[SimilarArea]
    computed: ResultSet | None
    cells: CellCounts  # the area's published and hidden cells (the data-gap view)
    # Whether the area's score weighs its wijken by population (all members' known), else equally.
    population_weighted: bool

    @property
    def cells_text(self) -> str:
        return cell_count_text(self.cells)

    @property
    def marks(self) -> list[tuple[str, str]]:
        """The marks of empty cells in all main tables, each with its reason, once (the page
        explains them once, above the domains)."""
        return list(dict.fromkeys(mark for block in self.domains for mark in block.table.marks))


def _latest_stacking(domain_results: dict[tuple[str, str], DomainResult]) -> AreaStacking:
    """The area's latest flag per domain, as `selectors.area_stackings` gives it."""
    latest: dict[str, DomainResult] = {}
    for (domain, _period), result in sorted(domain_results.items(), key=lambda item: item[0][1]):
        latest[domain] = result
    return AreaStacking(latest, sum(1 for result in latest.values() if result.flagged))


def area_dashboard(area: FocusArea, comparisons: AreaComparisons | None = None) -> Dashboard:
    """The dashboard of a focus area; `comparisons` when the caller has them already."""
    catalogue = load()
    comparisons = member_comparisons(area) if comparisons is None else comparisons
    members = list(comparisons.members)
    result_set = comparisons.result_set
    domain_results = (
        {
            (d.domain, d.period): d
            for d in DomainResult.objects.filter(result_set=result_set, focus_area=area)
        }
        if result_set
        else {}
    )
    names = {region.code: region.display_name for region in members}
    blocks = {key: _block(key, catalogue, domain_results, names, result_set) for key in DOMAINS}
    for row in latest_rows(list(comparisons.rows), catalogue):
        indicator = catalogue.indicators[row.indicator]
        if indicator.domain not in blocks:
            continue
        before = baseline_row(comparisons, row, indicator)
        befores = before.members if before else (None,) * len(row.members)
        member_cells = [
            cell(figure, indicator.unit, before=base)
            for figure, base in zip(row.members, befores, strict=False)
        ]
        blocks[indicator.domain].lines.append(
            indicator_line(
                indicator, row, member_cells, catalogue.period_label(row.period), before=before
            )
        )
    for gap in area_gaps(area, stored=comparisons.stored):
        indicator = catalogue.indicators[gap.indicator]
        if gap.status == Availability.NOT_YET and indicator.domain in blocks:
            blocks[indicator.domain].missing.append(indicator)
    flagged = [b for b in blocks.values() if b.flagged]
    return Dashboard(
        area=area,
        members=members,
        domains=list(blocks.values()),
        narrative=area_narrative(
            area, comparisons=comparisons, stacking=_latest_stacking(domain_results)
        ),
        stacking_count=len(flagged),
        covid_flag=_covid_flag(list(comparisons.rows)),
        similar=similar_areas(area),
        computed=result_set,
        cells=area_cell_counts(area, stored=comparisons.stored),
        population_weighted=bool(members) and all(m.population for m in members),
    )


def _block(
    key: str,
    catalogue: Catalogue,
    results: dict[tuple[str, str], DomainResult],
    names: dict[str, str],
    result_set: ResultSet | None,
) -> DomainBlock:
    periods = sorted((p for (d, p) in results if d == key), reverse=True)
    result = results.get((key, periods[0])) if periods else None
    return DomainBlock(
        key=key,
        label=catalogue.domain_label(key),
        flagged=result.flagged if result else None,
        score=result.score if result else None,
        flagged_members=[names.get(code, code) for code in (result.because if result else [])],
        share=StackingShare.stored(result_set, key, result.period) if result else None,
    )


def latest_rows(rows: list[ComparisonRow], catalogue: Catalogue) -> list[ComparisonRow]:
    """Per indicator the rows to show: every period for the COVID-19 series, else the latest."""
    by_indicator: dict[str, list[ComparisonRow]] = {}
    for row in rows:
        by_indicator.setdefault(row.indicator, []).append(row)
    chosen = []
    for indicator_id, group in sorted(by_indicator.items()):
        indicator = catalogue.indicators[indicator_id]
        order = {p: i for i, p in enumerate(indicator.periods)}
        group.sort(key=lambda r: order.get(r.period, 99))
        chosen += group if indicator.domain == "corona" else group[-1:]
    return chosen


def baseline_row(
    comparisons: AreaComparisons, row: ComparisonRow, indicator: Indicator
) -> ComparisonRow | None:
    """The row of the indicator's baseline period, to show beside `row` ("before and during"),
    when `row` is a later period; not for the COVID-19 series, whose periods are rows."""
    if indicator.domain == "corona" or not row.baseline or row.baseline == row.period:
        return None
    return comparisons.row(indicator.id, row.baseline)


def indicator_line(
    indicator: Indicator,
    row: ComparisonRow,
    members: list[Cell],
    period_label: str,
    *,
    before: ComparisonRow | None = None,
    own: str = "",
) -> IndicatorLine:
    """`own` names the unit of `row.area` in the change text: "gebied" unless told ("wijk")."""
    change = short = ""
    area_change, gm_change = row.area.change, row.municipality.change
    value: float | None = area_change if area_change is not None else gm_change
    if value is not None:
        parts = {
            "who": (own or gettext("gebied")) if area_change is not None else gettext("gemeente"),
            "change": ("+" if value > 0 else "") + format_number(value, language=active_language()),
            "baseline": row.baseline,
        }
        change = gettext("%(who)s %(change)s sinds %(baseline)s") % parts
        short = gettext("%(change)s sinds %(baseline)s") % parts
    verdict_nl = row.verdict_nl if row.area.value is not None else row.verdict_gm_nl
    exact = not indicator.derived
    if indicator.derived:
        # Reconstructed counts: no interval and no test, whatever verdict code is stored.
        verdict_nl = ""
    unit = indicator.unit
    area = cell(row.area, unit, exact, before.area if before else None)
    rest = cell(row.rest, unit, exact, before.rest if before else None)
    municipality = cell(row.municipality, unit, exact, before.municipality if before else None)
    nederland = cell(row.nederland, unit, exact, before.nederland if before else None)
    paired = any(c.before for c in (area, rest, municipality, nederland, *members))
    return IndicatorLine(
        indicator=indicator,
        period=row.period,
        period_label=period_label,
        area=area,
        members=members,
        rest=rest,
        municipality=municipality,
        nederland=nederland,
        # Not shown when the test against the rest of the municipality cannot be done.
        verdict_rest=str(VERDICT_LABELS.get(row.verdict_rest, ""))
        if row.verdict_rest != "not_testable" and exact
        else "",
        verdict_nl=str(VERDICT_LABELS.get(verdict_nl, "")),
        change=change,
        notes=list(row.notes),
        untested="" if exact else str(NOT_TESTED_DERIVED),
        change_short=short,
        change_of=("area" if area_change is not None else "municipality") if short else "",
        baseline_label=load().period_label(row.baseline) if paired and row.baseline else "",
        verdict_doc=str(VERDICT_LABELS.get(row.verdict_doc, ""))
        if row.verdict_doc != "not_testable" and exact
        else "",
    )


def _covid_flag(rows: list[ComparisonRow]) -> str:
    """METHODS §6: few tests per inhabitant and a significantly high share positive."""
    by_key = {(r.indicator, r.period): r for r in rows}
    flagged = []
    for (indicator, period), share in by_key.items():
        if indicator != "rivm_aandeel_positief":
            continue
        tests = by_key.get(("rivm_testen_per_1000", period))
        if (
            tests
            and tests.municipality.value is not None
            and tests.nederland.value is not None
            and tests.municipality.value < tests.nederland.value
            and share.verdict_gm_nl == "sign_worse"
        ):
            flagged.append(load().period_label(period))
    if not flagged:
        return ""
    return gettext(
        "Weinig testen en een hoog aandeel positief in %(periods)s: positieve testen per "
        "inwoner kunnen de verspreiding dan onderschatten."
    ) % {"periods": ", ".join(flagged)}
