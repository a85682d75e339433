"""The area dashboard's content, shaped from the stored results (read-only; no statistics here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ruggensteun.analysis.numbers import format_number
from ruggensteun.areas.models import FocusArea, Region

from .catalogue import (
    DOMAINS as DOMAINS,  # lives in the catalogue; monitor/views.py imports it here
)
from .catalogue import Indicator, load
from .models import ComparisonResult, DomainResult
from .selectors import area_comparisons, area_gaps, area_narrative, latest_result_set, similar_areas

REASON_LABELS = {
    "not_published": _("niet gepubliceerd"),
    "suppressed_small": _("afgeschermd: te klein"),
    "suppressed_complement": _("afgeschermd: herleidbaar"),
    "not_available_for_vintage": _("niet in deze indeling"),
    "source_missing": _("geen cijfers op dit niveau"),
    "not_computable": _("niet berekenbaar"),
}
VERDICT_LABELS = {
    "sign_worse": _("significant ongunstiger"),
    "sign_better": _("significant gunstiger"),
    "sign_different": _("significant anders"),
    "not_different": _("geen significant verschil"),
    "not_testable": _("niet toetsbaar"),
}
# The formatter's former name here; tests/reports/test_views_and_command.py still imports it.
number = format_number


@dataclass(frozen=True)
class Cell:
    text: str
    reason: str = ""  # Dutch reason when empty
    interval: str = ""

    @property
    def empty(self) -> bool:
        return not self.text


def cell(row: dict[str, Any] | None, prefix: str, unit: str, exact: bool = True) -> Cell:
    """A figure with its interval; `exact` False (rounded or reconstructed counts) drops the
    interval, which would suggest a precision the counts do not have."""
    if row is None:
        return Cell("", gettext("geen cijfers"))
    value = row.get(f"{prefix}_value")
    if value is None:
        reason = REASON_LABELS.get(row.get(f"{prefix}_reason") or "")
        return Cell("", str(reason) if reason else gettext("geen cijfers"))
    lower, upper = row.get(f"{prefix}_lower"), row.get(f"{prefix}_upper")
    if not exact or lower is None or upper is None:
        return Cell(format_number(value, unit))
    return Cell(
        format_number(value, unit),
        interval=f"{format_number(lower, unit)} – {format_number(upper, unit)}",
    )


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

    @property
    def local_reason(self) -> str:
        """The shared reason when neither the area nor its wijken have figures."""
        cells = [self.area, *self.members]
        reasons = {c.reason for c in cells}
        return reasons.pop() if all(c.empty for c in cells) and len(reasons) == 1 else ""

    @property
    def local_span(self) -> int:
        return len(self.members) + 1


@dataclass
class DomainBlock:
    key: str
    label: str
    flagged: bool | None
    score: float | None
    flagged_members: list[str]
    lines: list[IndicatorLine] = field(default_factory=list)
    missing: list[Indicator] = field(default_factory=list)


@dataclass(frozen=True)
class Dashboard:
    area: FocusArea
    members: list[Region]
    domains: list[DomainBlock]
    narrative: list[str]
    stacking_count: int
    covid_flag: str
    similar: list[Any]
    computed: Any


def area_dashboard(area: FocusArea) -> Dashboard:
    catalogue = load()
    members = sorted(
        (m.region for m in area.members.select_related("region")), key=lambda r: r.code
    )
    rows = area_comparisons(area)
    result_set = latest_result_set()
    wijk_rows: dict[tuple[int, str, str], dict[str, Any]] = {}
    if result_set is not None:
        for item in ComparisonResult.objects.filter(result_set=result_set, region__in=members):
            wijk_rows[(item.region_id, item.indicator, item.period)] = item.data  # type: ignore[index]
    domain_results = (
        {
            (d.domain, d.period): d
            for d in DomainResult.objects.filter(result_set=result_set, focus_area=area)
        }
        if result_set
        else {}
    )
    names = {region.code: region.display_name for region in members}
    blocks = {key: _block(key, catalogue, domain_results, names) for key in DOMAINS}
    latest = _latest_rows(rows, catalogue)
    for row in latest:
        indicator = catalogue.indicators[row["indicator"]]
        if indicator.domain not in blocks:
            continue
        member_cells = [
            cell(wijk_rows.get((m.pk, indicator.id, row["period"])), "area", indicator.unit)
            for m in members
        ]
        blocks[indicator.domain].lines.append(
            _line(indicator, row, member_cells, catalogue.period_label(row["period"]))
        )
    for gap in area_gaps(area):
        indicator = catalogue.indicators[gap["indicator"]]
        if gap["status"] == "not_yet_available" and indicator.domain in blocks:
            blocks[indicator.domain].missing.append(indicator)
    flagged = [b for b in blocks.values() if b.flagged]
    return Dashboard(
        area=area,
        members=members,
        domains=list(blocks.values()),
        narrative=area_narrative(area),
        stacking_count=len(flagged),
        covid_flag=_covid_flag(rows),
        similar=similar_areas(area),
        computed=result_set,
    )


def _block(
    key: str, catalogue: Any, results: dict[tuple[str, str], DomainResult], names: dict[str, str]
) -> DomainBlock:
    periods = sorted((p for (d, p) in results if d == key), reverse=True)
    result = results.get((key, periods[0])) if periods else None
    return DomainBlock(
        key=key,
        label=catalogue.domain_label(key),
        flagged=result.flagged if result else None,
        score=result.score if result else None,
        flagged_members=[names.get(code, code) for code in (result.because if result else [])],
    )


def _latest_rows(rows: list[dict[str, Any]], catalogue: Any) -> list[dict[str, Any]]:
    """Per indicator the rows to show: every period for the COVID-19 series, else the latest."""
    by_indicator: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_indicator.setdefault(row["indicator"], []).append(row)
    chosen = []
    for indicator_id, group in sorted(by_indicator.items()):
        indicator = catalogue.indicators[indicator_id]
        order = {p: i for i, p in enumerate(indicator.periods)}
        group.sort(key=lambda r: order.get(r["period"], 99))
        chosen += group if indicator.domain == "corona" else group[-1:]
    return chosen


def _line(
    indicator: Indicator, row: dict[str, Any], members: list[Cell], period_label: str
) -> IndicatorLine:
    change = ""
    area_change, gm_change = row.get("area_change"), row.get("gm_change")
    value: float | None = area_change if area_change is not None else gm_change
    if value is not None:
        who = gettext("gebied") if area_change is not None else gettext("gemeente")
        change = gettext("%(who)s %(change)s sinds %(baseline)s") % {
            "who": who,
            "change": ("+" if value > 0 else "") + format_number(value, ""),
            "baseline": row.get("baseline"),
        }
    verdict_nl = (
        row.get("verdict_nl") if row.get("area_value") is not None else row.get("verdict_gm_nl")
    )
    return IndicatorLine(
        indicator=indicator,
        period=row["period"],
        period_label=period_label,
        area=cell(row, "area", indicator.unit, not indicator.derived),
        members=members,
        rest=cell(row, "rest", indicator.unit, not indicator.derived),
        municipality=cell(row, "gm", indicator.unit, not indicator.derived),
        nederland=cell(row, "nl", indicator.unit, not indicator.derived),
        # Not shown when the test against the rest of the municipality cannot be done.
        verdict_rest=str(VERDICT_LABELS.get(row.get("verdict_rest") or "", ""))
        if row.get("verdict_rest") != "not_testable"
        else "",
        verdict_nl=str(VERDICT_LABELS.get(verdict_nl or "", "")),
        change=change,
        notes=list(row.get("notes") or []),
    )


def _covid_flag(rows: list[dict[str, Any]]) -> str:
    """METHODS §6: few tests per inhabitant and a significantly high share positive."""
    by_key = {(r["indicator"], r["period"]): r for r in rows}
    flagged = []
    for (indicator, period), share in by_key.items():
        if indicator != "rivm_aandeel_positief":
            continue
        tests = by_key.get(("rivm_testen_per_1000", period))
        if (
            tests
            and tests.get("gm_value") is not None
            and tests.get("nl_value") is not None
            and tests["gm_value"] < tests["nl_value"]
            and share.get("verdict_gm_nl") == "sign_worse"
        ):
            flagged.append(load().period_label(period))
    if not flagged:
        return ""
    return gettext(
        "Weinig testen en een hoog aandeel positief in %(periods)s: positieve testen per "
        "inwoner kunnen de verspreiding dan onderschatten."
    ) % {"periods": ", ".join(flagged)}


@dataclass(frozen=True)
class WijkLine:
    indicator: Indicator
    period_label: str
    wijk: Cell
    municipality: Cell
    nederland: Cell
    percentile: float | None
    flagged: bool
    change: str


def wijk_dashboard(wijk: Region) -> dict[str, Any] | None:
    """A wijk's figures against its municipality and Nederland, with its national percentile.
    None when the wijk has no computed results (only wijken of focus-area municipalities do)."""
    from .models import Ranking

    catalogue = load()
    result_set = latest_result_set()
    if result_set is None:
        return None
    rows = [c.data for c in ComparisonResult.objects.filter(result_set=result_set, region=wijk)]
    if not rows:
        return None
    ranks = {
        (r.indicator, r.period): r
        for r in Ranking.objects.filter(result_set=result_set, region=wijk)
    }
    domains = {
        d.domain: d
        for d in DomainResult.objects.filter(result_set=result_set, region=wijk).order_by("period")
    }
    blocks: dict[str, list[WijkLine]] = {key: [] for key in DOMAINS}
    for row in _latest_rows(rows, catalogue):
        indicator = catalogue.indicators[row["indicator"]]
        if indicator.domain not in blocks or (
            row.get("area_value") is None and row.get("gm_value") is None
        ):
            continue
        rank = ranks.get((indicator.id, row["period"]))
        line = _line(indicator, row, [], catalogue.period_label(row["period"]))
        blocks[indicator.domain].append(
            WijkLine(
                indicator=indicator,
                period_label=line.period_label,
                wijk=line.area,
                municipality=line.municipality,
                nederland=line.nederland,
                percentile=rank.percentile if rank else None,
                flagged=bool(rank and rank.flagged),
                change=line.change,
            )
        )
    return {
        "blocks": [(key, catalogue.domains[key], blocks[key], domains.get(key)) for key in DOMAINS],
        "areas": list(FocusArea.objects.filter(members__region=wijk)),
        "stacking": sum(1 for d in domains.values() if d.flagged),
    }


@dataclass(frozen=True)
class CompareRow:
    indicator: Indicator
    period_label: str
    cells: list[tuple[Cell, Cell]]  # per area: (area, municipality)


def compare_areas(areas: list[FocusArea], domain: str | None = None) -> list[CompareRow]:
    """Two to four areas side by side: each indicator's latest period, area and municipality."""
    catalogue = load()
    per_area = [
        {(r["indicator"], r["period"]): r for r in area_comparisons(area)} for area in areas
    ]
    keys = sorted({key for rows in per_area for key in rows})
    latest: dict[str, str] = {}
    for indicator_id, period in keys:
        order = catalogue.indicators[indicator_id].periods
        current = latest.get(indicator_id)
        if current is None or (
            period in order and (current not in order or order.index(period) > order.index(current))
        ):
            latest[indicator_id] = period
    result = []
    for indicator_id, period in sorted(latest.items()):
        indicator = catalogue.indicators[indicator_id]
        if indicator.domain == "context" or (domain and indicator.domain != domain):
            continue
        exact = not indicator.derived
        cells = [
            (
                cell(rows.get((indicator_id, period)), "area", indicator.unit, exact),
                cell(rows.get((indicator_id, period)), "gm", indicator.unit, exact),
            )
            for rows in per_area
        ]
        result.append(CompareRow(indicator, catalogue.period_label(period), cells))
    return result
