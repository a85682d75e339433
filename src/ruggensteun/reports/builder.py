"""The content of "Diagnose sociale impact — <gebied>", read from the stored results.

No statistics are computed here: the figures, tests and reasons are the monitor's (the same the
dashboard shows); this module shapes them per domain and period, with a mark for every empty
cell and for every significant difference, and gathers the sources and vintages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone, translation

from ruggensteun.analysis.gaps import Availability
from ruggensteun.analysis.numbers import format_number
from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.imports.selectors import source_vintages
from ruggensteun.monitor import charts
from ruggensteun.monitor.catalogue import DOMAINS, Indicator, load
from ruggensteun.monitor.dashboard import NOT_TESTED_DERIVED, REASON_LABELS, Dashboard
from ruggensteun.monitor.explain import StackingShare
from ruggensteun.monitor.results import AreaComparisons, ComparisonRow, Figure
from ruggensteun.monitor.selectors import area_gaps
from ruggensteun.pages.area_page import AreaPage
from ruggensteun.reports.activities import area_activities
from ruggensteun.reports.stacking import domain_summary, stacking_texts
from ruggensteun.signals.selectors import Aggregate, public_aggregates

# One mark per reason an empty cell has (explained in the report's legend).
MARKS = {
    "suppressed_small": "×",
    "suppressed_complement": "×",
    "not_published": ".",
    "not_available_for_vintage": "–",
    "source_missing": "–",
    "not_computable": "n.b.",
}
MISSING_MARK = "–"
SIGNIFICANCE_MARKS = ("*", "†")
MARK_LEGEND = [
    ("×", "afgeschermd: te weinig waarnemingen, of herleidbaar uit andere cellen"),
    (".", "niet gepubliceerd door de bron"),
    ("–", "geen cijfers op dit niveau of in deze indeling"),
    ("n.b.", "niet berekenbaar (een schatting is niet op te tellen)"),
    (
        "*",
        "significant verschil met de rest van de gemeente (na correctie voor veelvoudig toetsen)",
    ),
    ("†", "significant verschil met Nederland (na correctie voor veelvoudig toetsen)"),
]
SIGNIFICANT = {"sign_worse", "sign_better", "sign_different"}
VERDICT_WORDS = {
    "sign_worse": "ongunstiger",
    "sign_better": "gunstiger",
    "sign_different": "anders",
    "not_different": "geen verschil",
    "not_testable": "niet toetsbaar",
}
# Wijk columns per domain table on a landscape A4 page; more wijken continue in a second table.
MAX_WIJK_COLUMNS = 6
COVID_IDS = ("rivm_testen_per_1000", "rivm_aandeel_positief", "rivm_positief_per_100k")


@dataclass(frozen=True)
class ReportCell:
    text: str
    mark: str = ""
    reason: str = ""

    @property
    def empty(self) -> bool:
        return not self.text


@dataclass(frozen=True)
class ReportRow:
    indicator: Indicator
    label: str  # the indicator's name with its unit (unless the name already says it)
    period_label: str
    cells: list[ReportCell]
    test: str = ""


@dataclass(frozen=True)
class ReportTable:
    """One table of a domain: the first has the area, its first wijken, the rest of the
    municipality, the municipality, Nederland and the tests; a second one the further wijken."""

    caption: str
    columns: list[str]
    rows: list[ReportRow]
    with_test: bool = True


@dataclass
class DomainSection:
    key: str
    label: str
    flagged: bool | None
    score: float | None  # the area's score: weighted mean of its wijken's domain scores
    flagged_members: list[str]  # wijken in the worst 10% themselves: a reason, not the flag
    share: StackingShare | None = None
    area_name: str = ""
    tables: list[ReportTable] = field(default_factory=list)
    missing: list[Indicator] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return domain_summary(
            self.area_name, self.flagged, self.score, self.share, self.flagged_members
        )

    def cells(self) -> Iterator[ReportCell]:
        for table in self.tables:
            for row in table.rows:
                yield from row.cells


def indicator_label(indicator: Indicator) -> str:
    name = indicator.name_nl
    return name if indicator.unit_label in name else f"{name} ({indicator.unit_label})"


def report_cell(figure: Figure, indicator: Indicator, *, tests: bool = True) -> ReportCell:
    """A figure with its mark: why it is empty, or (with `tests`) whether it differs
    significantly from the rest of the municipality (*) or from Nederland (†)."""
    if figure.value is None:
        label = str(REASON_LABELS.get(figure.reason, "geen cijfers"))
        return ReportCell("", MARKS.get(figure.reason, MISSING_MARK), label)
    marks = ""
    if tests and figure.versus_rest in SIGNIFICANT:
        marks += "*"
    if tests and figure.versus_nl in SIGNIFICANT:
        marks += "†"
    return ReportCell(format_number(figure.value, indicator.unit), marks)


def municipality_cell(row: ComparisonRow, indicator: Indicator) -> ReportCell:
    """The municipality's figure; its test against Nederland is marked only where the area
    has no figure of its own (else the area's test is the one that counts)."""
    return report_cell(row.municipality, indicator, tests=row.area.value is None)


def _test(row: ComparisonRow, indicator: Indicator) -> str:
    if indicator.derived:
        # Reconstructed counts: no interval and no test (the stored codes say not_testable).
        with translation.override("nl"):
            return str(NOT_TESTED_DERIVED)
    parts = []
    if row.verdict_rest in SIGNIFICANT:
        parts.append(f"t.o.v. rest: {VERDICT_WORDS[row.verdict_rest]}")
    verdict_nl = row.verdict_nl if row.area.value is not None else ""
    verdict_nl = verdict_nl or row.verdict_gm_nl
    if verdict_nl:
        who = "gebied" if row.area.value is not None else "gemeente"
        parts.append(f"{who} t.o.v. NL: {VERDICT_WORDS.get(verdict_nl, verdict_nl)}")
    return "; ".join(parts)


def _sorted_rows(rows: Iterable[ComparisonRow]) -> list[ComparisonRow]:
    """Catalogue order of the indicators, and each indicator's periods in their order."""
    catalogue = load()
    order = {key: i for i, key in enumerate(catalogue.indicators)}

    def key(row: ComparisonRow) -> tuple[int, int]:
        periods = list(catalogue.indicators[row.indicator].periods)
        period = periods.index(row.period) if row.period in periods else 99
        return order.get(row.indicator, 999), period

    return sorted(rows, key=key)


def _chunks(members: list[Region]) -> list[tuple[int, list[Region]]]:
    """The wijken in tables of at most MAX_WIJK_COLUMNS columns, as even as possible, each
    with the number of its first wijk."""
    if not members:
        return [(0, [])]
    tables = -(-len(members) // MAX_WIJK_COLUMNS)
    size = -(-len(members) // tables)
    return [(i, members[i : i + size]) for i in range(0, len(members), size)]


def domain_sections(
    area: FocusArea, dashboard: Dashboard, comparisons: AreaComparisons
) -> list[DomainSection]:
    """Per domain every indicator in every period (before and during), for the area, its
    wijken, the rest of the municipality, the municipality and Nederland."""
    catalogue = load()
    blocks = {block.key: block for block in dashboard.domains}
    per_domain: dict[str, list[ComparisonRow]] = {key: [] for key in DOMAINS}
    for row in _sorted_rows(comparisons.rows):
        domain = catalogue.indicators[row.indicator].domain
        if domain in per_domain and _has_figure(row):
            per_domain[domain].append(row)
    chunks = _chunks(list(comparisons.members))
    sections = []
    for key in DOMAINS:
        section = DomainSection(
            key=key,
            label=catalogue.domain_label(key),
            flagged=blocks[key].flagged,
            score=blocks[key].score,
            flagged_members=blocks[key].flagged_members,
            share=blocks[key].share,
            area_name=area.name,
            missing=blocks[key].missing,
        )
        if per_domain[key]:
            section.tables = [
                _table(area, section.label, per_domain[key], chunk, start, first=i == 0)
                for i, (start, chunk) in enumerate(chunks)
            ]
        sections.append(section)
    return sections


def _has_figure(row: ComparisonRow) -> bool:
    """A period in which some level has a figure; periods that only another municipality's
    wijk figures brought in (Heerlen's 2016-2019) are left out of the tables."""
    figures = [row.area, row.rest, row.municipality, row.nederland, *row.members]
    return any(figure.value is not None for figure in figures)


def _table(
    area: FocusArea,
    label: str,
    rows: list[ComparisonRow],
    chunk: list[Region],
    start: int,
    *,
    first: bool,
) -> ReportTable:
    """The first table of a domain has the area, its first wijken, the references and the
    tests; a further one only the next wijken (`chunk`, from member number `start` on)."""
    catalogue = load()
    label = label[:1].upper() + label[1:]
    municipality = area.municipality.display_name
    table_rows = []
    for row in rows:
        indicator = catalogue.indicators[row.indicator]
        figures = row.members[start : start + len(chunk)]
        cells = [report_cell(figure, indicator) for figure in figures]
        if first:
            cells = [
                report_cell(row.area, indicator),
                *cells,
                report_cell(row.rest, indicator),
                municipality_cell(row, indicator),
                report_cell(row.nederland, indicator),
            ]
        period = catalogue.period_label(row.period)
        test = _test(row, indicator) if first else ""
        table_rows.append(ReportRow(indicator, indicator_label(indicator), period, cells, test))
    names = [m.display_name for m in chunk]
    if not first:
        caption = f"{label}: de overige wijken van {area.name}, per periode"
        return ReportTable(caption, names, table_rows, with_test=False)
    caption = (
        f"{label}: {area.name}, de wijken, de rest van {municipality}, {municipality} en "
        "Nederland, per periode"
    )
    columns = [area.name, *names, "Rest gemeente", municipality, "Nederland"]
    return ReportTable(caption, columns, table_rows, with_test=True)


@dataclass(frozen=True)
class CovidLine:
    """One period of the COVID-19 trio: per indicator the municipality's (or its safety
    region's) cell and Nederland's."""

    period: str
    values: list[tuple[ReportCell, ReportCell]]


def covid_trio(comparisons: AreaComparisons) -> list[CovidLine]:
    """Tests per 1,000, share positive and positives per 100,000 per period: the municipality
    (or its safety region) against Nederland."""
    catalogue = load()
    periods = catalogue.indicators["rivm_positief_per_100k"].periods
    result = []
    for period in periods:
        values = []
        for indicator_id in COVID_IDS:
            indicator = catalogue.indicators[indicator_id]
            row = comparisons.row(indicator_id, period)
            values.append(
                (municipality_cell(row, indicator), report_cell(row.nederland, indicator))
            )
        result.append(CovidLine(catalogue.period_label(period), values))
    return result


def area_report(area: FocusArea, *, signals: list[Aggregate] | None = None) -> dict[str, Any]:
    """The report template's context: everything it shows for one area."""
    catalogue = load()
    page = AreaPage(area)
    comparisons = page.comparisons
    dashboard = page.dashboard
    chart_list = page.charts(charts.default_indicator(area))
    covid_chart = page.covid_chart
    used = {
        row.indicator
        for row in comparisons.rows
        if catalogue.indicators[row.indicator].domain in DOMAINS
    }
    sections = domain_sections(area, dashboard, comparisons)
    return {
        "area": area,
        "members": list(comparisons.members),
        "unmatched": list(page.unmatched()),
        "dashboard": dashboard,
        "sections": sections,
        "covid": covid_trio(comparisons),
        "charts": [*chart_list, *([covid_chart] if covid_chart else [])],
        "gaps": [
            catalogue.indicators[gap.indicator]
            for gap in area_gaps(area, stored=comparisons.stored)
            if gap.status == Availability.NOT_YET
        ],
        **stacking_texts(dashboard, len(sections)),
        "signals": _published(public_aggregates(area) if signals is None else signals),
        "practices": area_activities(area),
        "indicators": [i for key, i in catalogue.indicators.items() if key in used],
        "legend": MARK_LEGEND,
        "vintages": source_vintages(),
        "result_set": comparisons.result_set,
        "generated": timezone.localtime(),
        "catalogue_version": catalogue.version,
    }


def _published(signals: list[Aggregate]) -> list[Aggregate]:
    """The theme totals, or none when not one count is shown: an area without signals and
    one whose few signals are all hidden read the same."""
    return signals if any(not item.suppressed for item in signals) else []


def mark_counts(sections: list[DomainSection]) -> dict[str, int]:
    """How often each mark stands for an empty cell in the domain tables."""
    counts: dict[str, int] = {}
    for section in sections:
        for cell in section.cells():
            if cell.empty:
                counts[cell.mark] = counts.get(cell.mark, 0) + 1
    return counts


# --- coalitions, practices and adoptions in the area (issue 7) ------------------------------------
