"""Reads of the monitor's materialised results."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db.models import Q
from django.utils import translation

from ruggensteun.analysis import narrative
from ruggensteun.analysis.gaps import Availability, gap_matrix
from ruggensteun.analysis.narrative import gap_sentence, sentences
from ruggensteun.analysis.spec import SUPPRESSED
from ruggensteun.areas.models import FocusArea, FocusAreaMember, Region

from .catalogue import CONTEXT_DOMAIN, load
from .models import ComparisonResult, DomainResult, ResultSet, SimilarArea
from .results import (
    AREA,
    MUNICIPALITY,
    REST,
    AreaComparisons,
    AreaStacking,
    ComparisonRow,
    DomainCoverage,
    IndicatorGap,
)


def latest_result_set() -> ResultSet | None:
    return ResultSet.objects.order_by("-computed_at", "-pk").first()


def monitor_version() -> str:
    """Changes with every recompute (a new result set, named by its pk and the stamp of its
    inputs) and with the catalogue of indicators."""
    result_set = latest_result_set()
    results = f"{result_set.pk}.{result_set.stamp}" if result_set else "none"
    return f"{results}.{load().version}"


def area_comparisons(
    area: FocusArea, *, indicator: str | None = None, period: str | None = None
) -> list[dict[str, Any]]:
    result_set = latest_result_set()
    if result_set is None:
        return []
    rows = ComparisonResult.objects.filter(result_set=result_set, focus_area=area)
    if indicator:
        rows = rows.filter(indicator=indicator)
    if period:
        rows = rows.filter(period=period)
    return [row.data for row in rows.order_by("indicator", "period")]


def area_rows(
    area: FocusArea, *, indicator: str | None = None, period: str | None = None
) -> list[ComparisonRow]:
    """The area's own comparison rows, typed (without its member wijken's figures)."""
    return [
        ComparisonRow.stored(data)
        for data in area_comparisons(area, indicator=indicator, period=period)
    ]


def member_comparisons(
    area: FocusArea, *, indicators: Collection[str] | None = None
) -> AreaComparisons:
    """The area's comparison rows, each with the figure of every member wijk, and the members'
    own rows (see `member_comparisons_of`)."""
    return member_comparisons_of([area], indicators=indicators)[area.pk]


def member_comparisons_of(
    areas: Sequence[FocusArea], *, indicators: Collection[str] | None = None
) -> dict[int, AreaComparisons]:
    """Per focus area its `AreaComparisons` in the latest results, optionally for some
    indicators only: three queries however many areas and wijken (the result set, the members,
    and the comparison rows of the areas and all their members together)."""
    result_set = latest_result_set()
    members: dict[int, list[Region]] = {area.pk: [] for area in areas}
    for member in FocusAreaMember.objects.filter(focus_area__in=areas).select_related("region"):
        members[member.focus_area_id].append(member.region)
    own: dict[int, list[dict[str, Any]]] = {area.pk: [] for area in areas}
    of_member: dict[int, list[ComparisonRow]] = {}
    if result_set is not None:
        regions = {region.pk for found in members.values() for region in found}
        rows = ComparisonResult.objects.filter(result_set=result_set).filter(
            Q(focus_area__in=areas) | Q(region__in=regions)
        )
        if indicators is not None:
            rows = rows.filter(indicator__in=list(indicators))
        for item in rows.order_by("indicator", "period", "pk"):
            if item.focus_area_id in own:
                own[item.focus_area_id].append(item.data)
            elif item.region_id is not None:
                of_member.setdefault(item.region_id, []).append(ComparisonRow.stored(item.data))
    return {
        area.pk: _area_comparisons(members[area.pk], own[area.pk], of_member, result_set)
        for area in areas
    }


def _area_comparisons(
    members: list[Region],
    own: list[dict[str, Any]],
    of_member: dict[int, list[ComparisonRow]],
    result_set: ResultSet | None,
) -> AreaComparisons:
    members = sorted(members, key=lambda region: region.code)
    member_rows = {member.pk: tuple(of_member.get(member.pk, ())) for member in members}
    plain = AreaComparisons(tuple(members), member_rows=member_rows, result_set=result_set)
    rows = tuple(
        ComparisonRow.stored(data, plain.member_figures(data["indicator"], data["period"]))
        for data in own
    )
    return AreaComparisons(tuple(members), rows, member_rows, result_set, stored=tuple(own))


def _reference_name(row: Mapping[str, Any], language: str = "nl") -> str | None:
    notes: list[str] = row.get("notes") or []
    prefix = "safety region " if language == "en" else "veiligheidsregio "
    for note in notes:
        if note.startswith("Cijfer van veiligheidsregio "):
            return prefix + note.removeprefix("Cijfer van veiligheidsregio ").split(" (")[0]
    return None


def area_narrative(
    area: FocusArea,
    language: str | None = None,
    *,
    stored: Sequence[Mapping[str, Any]] | None = None,
    comparisons: AreaComparisons | None = None,
    stacking: AreaStacking | None = None,
) -> list[str]:
    """The area's summary in the active language (Dutch unless English), leading with the area
    (issue 15): its stacking, the estimates on which its wijken differ materially from their
    municipality (descriptive, not tested), its own tested differences, then at most two
    sentences of context about the municipality or region, then what has no figures yet; about
    eight sentences in all. `stored`, `comparisons`, `stacking`: what the caller has already
    (the dashboard), to save the queries."""
    language = "en" if (language or translation.get_language()) == "en" else "nl"
    catalogue = load()
    if comparisons is not None and stored is None:
        stored = comparisons.stored
    stored = area_comparisons(area) if stored is None else stored
    names = {key: getattr(item, f"name_{language}") for key, item in catalogue.indicators.items()}
    labels = {key: catalogue.period_label(key, language) for key in catalogue.periods}
    rows = [
        {**row, "reference_name": _reference_name(row, language)}
        for row in stored
        if catalogue.indicators[row["indicator"]].domain != CONTEXT_DOMAIN
    ]
    found = sentences(
        rows,
        area_name=area.name,
        municipality_name=area.municipality.display_name,
        names=names,
        units={key: item.unit for key, item in catalogue.indicators.items()},
        period_labels=labels,
        language=language,
    )
    lead = _lead(area, language, comparisons, stacking)
    own = [sentence.text for sentence in found if sentence.reference != "gm_nl"]
    texts = (lead + own)[: narrative.MAX_SENTENCES - narrative.MAX_CONTEXT]
    by_reference: dict[str, list[Any]] = {}
    keyed = {(row["indicator"], row["period"]): row for row in rows}
    for sentence in found:
        if sentence.reference == "gm_nl":
            row = keyed[(sentence.indicator, sentence.period)]
            reference = row["reference_name"] or area.municipality.display_name
            by_reference.setdefault(reference, []).append(sentence)
    for reference, group in list(by_reference.items())[: narrative.MAX_CONTEXT]:
        context = narrative.context_sentence(
            group,
            keyed,
            municipality=reference,
            names={key: _in_sentence(name) for key, name in names.items()},
            period_labels=labels,
            language=language,
        )
        if context:
            texts.append(context)
    missing = [
        _in_sentence(getattr(catalogue.indicators[gap.indicator], f"name_{language}"))
        for gap in area_gaps(area, stored=stored)
        if gap.status == Availability.NOT_YET and catalogue.indicators[gap.indicator].is_gap
    ]
    gap = gap_sentence(missing, language)
    return [*texts, gap] if gap else texts


def _lead(
    area: FocusArea,
    language: str,
    comparisons: AreaComparisons | None = None,
    stacking: AreaStacking | None = None,
) -> list[str]:
    """The sentences about the area's own wijken: stacking, then up to three estimates on which
    they differ materially from the municipality (largest gap first)."""
    catalogue = load()
    with translation.override(language):
        labels = {key: catalogue.domain_label(key) for key in catalogue.domains}
    lead: list[str] = []
    stacking = area_stackings([area]).get(area.pk) if stacking is None else stacking
    if stacking is not None:
        flagged = [labels[key] for key in labels if stacking.flagged(key)]
        text = narrative.stacking_sentence(area.name, flagged, len(stacking.domains), language)
        if text:
            lead.append(text)
    comparisons = member_comparisons(area) if comparisons is None else comparisons
    latest: dict[str, ComparisonRow] = {}
    for row in comparisons.rows:
        indicator = catalogue.indicators.get(row.indicator)
        if indicator is None or indicator.kind != "estimate" or not row.members:
            continue
        if indicator.domain == CONTEXT_DOMAIN:
            continue
        current = latest.get(row.indicator)
        if current is None or row.period > current.period:
            latest[row.indicator] = row
    findings = []
    for indicator_id, row in latest.items():
        indicator = catalogue.indicators[indicator_id]
        members = [
            (member.display_name, figure.value)
            for member, figure in zip(comparisons.members, row.members, strict=False)
        ]
        finding = narrative.wijk_finding(
            indicator_id, members, row.municipality.value, indicator.higher_is_worse
        )
        if finding:
            findings.append((finding, indicator))
    findings.sort(key=lambda item: (-item[0].worse / item[0].members, -item[0].gap))
    for finding, indicator in findings[:3]:
        lead.append(
            narrative.wijk_sentence(
                finding,
                area=area.name,
                municipality=area.municipality.display_name,
                label=getattr(indicator, f"name_{language}"),
                unit=indicator.unit,
                language=language,
            )
        )
    return lead


def _in_sentence(name: str) -> str:
    """Lower-case the first letter unless the name starts with an acronym (TOZO, WW)."""
    return name if name[:2].isupper() else name[0].lower() + name[1:]


def area_gaps(
    area: FocusArea, *, stored: Sequence[Mapping[str, Any]] | None = None
) -> list[IndicatorGap]:
    """Availability per catalogued indicator for the area (see analysis.gaps); `stored` as in
    `area_narrative`."""
    catalogue = load()
    rows = area_comparisons(area) if stored is None else stored
    indicators = [
        key for key, item in catalogue.indicators.items() if item.domain != CONTEXT_DOMAIN
    ]
    columns = ["area", "indicator", "area_value", "area_reason", "gm_value"]
    frame = pl.DataFrame(
        [{key: row.get(key) for key in columns} | {"area": "x"} for row in rows],
        schema={
            "area": pl.Utf8,
            "indicator": pl.Utf8,
            "area_value": pl.Float64,
            "area_reason": pl.Utf8,
            "gm_value": pl.Float64,
        },
    )
    status = dict(gap_matrix(frame, ["x"], indicators).select("indicator", "status").iter_rows())
    for key in indicators:  # a gap another indicator fills for this area is no gap here
        fillers = catalogue.indicators[key].filled_by
        if any(status.get(other) == Availability.AVAILABLE for other in fillers):
            status[key] = Availability.AVAILABLE.value
    return [IndicatorGap(key, Availability(status[key])) for key in sorted(indicators)]


# The reason codes of disclosure control (analysis.disclosure): a cell hidden because its counts
# are small, or because a hidden cell could be recomputed from it.


@dataclass(frozen=True)
class CellCounts:
    """How many of an area's cells are published (have a value) and how many disclosure control
    hides, per reason code (`SUPPRESSED`); cells empty for other reasons count in neither."""

    published: int
    by_reason: Mapping[str, int]  # reason code -> hidden cells, every code of SUPPRESSED

    @property
    def suppressed(self) -> int:
        return sum(self.by_reason.values())


def area_cell_counts(
    area: FocusArea, *, stored: Sequence[Mapping[str, Any]] | None = None
) -> CellCounts:
    """The area's published and hidden cells over its stored rows (every indicator and period):
    the area's own cell, the rest of the municipality and the municipality of each row. Nederland
    is never hidden; the member wijken are counted on their own rows (each wijk is an area).
    `stored` as in `area_narrative`."""
    rows = area_comparisons(area) if stored is None else stored
    published = 0
    by_reason = dict.fromkeys(SUPPRESSED, 0)
    for row in rows:
        for prefix in (AREA, REST, MUNICIPALITY):
            reason = row.get(f"{prefix}_reason")
            if row.get(f"{prefix}_value") is not None:
                published += 1
            elif reason in by_reason:
                by_reason[reason] += 1
    return CellCounts(published, by_reason)


def similar_areas(area: FocusArea) -> list[SimilarArea]:
    result_set = latest_result_set()
    if result_set is None:
        return []
    return list(
        SimilarArea.objects.filter(result_set=result_set, focus_area=area).select_related(
            "neighbour"
        )
    )


def area_stackings(areas: Sequence[FocusArea]) -> dict[int, AreaStacking]:
    """Per focus area (by pk): its latest domain flags and the stacking count, for the
    overview; areas without domain results are left out."""
    result_set = latest_result_set()
    if result_set is None:
        return {}
    domains: dict[int, dict[str, DomainResult]] = {}
    rows = DomainResult.objects.filter(result_set=result_set, focus_area__in=areas).order_by(
        "period"
    )
    for row in rows:
        # Later periods overwrite earlier ones.
        domains.setdefault(row.focus_area_id, {})[row.domain] = row  # type: ignore[arg-type]
    return {
        pk: AreaStacking(found, sum(1 for d in found.values() if d.flagged))
        for pk, found in domains.items()
    }


def coverage_by_domain() -> list[DomainCoverage]:
    """Per domain: indicators per wijk, only per gemeente or region, and not yet available."""
    catalogue = load()
    english = translation.get_language() == "en"
    summary = []
    for key in catalogue.domains:
        if key == CONTEXT_DOMAIN:
            continue
        items = [i for i in catalogue.indicators.values() if i.domain == key]
        summary.append(
            DomainCoverage(
                key=key,
                label=catalogue.domain_label(key),
                wijk=sum(1 for i in items if "wijk" in i.levels),
                gemeente=sum(1 for i in items if i.levels and "wijk" not in i.levels),
                gap=[i.name_en if english else i.name_nl for i in items if i.is_gap],
            )
        )
    return summary
