"""Typed read models of the stored results, as they leave the monitor for pages, reports and
downloads: a comparison row with one `Figure` per level, an area's rows with those of its member
wijken, an area's stacking, which indicators have figures, and what each domain has. The stored
`ComparisonResult.data` is read in one place only: `Figure.stored` and `ComparisonRow.stored`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ruggensteun.analysis.gaps import Availability
from ruggensteun.areas.models import Region

from .models import DomainResult, ResultSet

# The level prefixes of the stored comparison data (see analysis/compare.py).
AREA, REST, MUNICIPALITY, NEDERLAND = "area", "rest", "gm", "nl"


@dataclass(frozen=True)
class Figure:
    """One level's figure as stored: the value with its 95% interval and counts, the reason
    code when it is empty, its change since the baseline period, and the verdicts of the tests
    it takes part in (an area against the rest of its municipality and against Nederland, a
    municipality against Nederland)."""

    value: float | None = None
    lower: float | None = None
    upper: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    reason: str = ""  # why `value` is empty (analysis.compare's codes); "" when unknown
    change: float | None = None
    versus_rest: str = ""  # a verdict code, "" when there is no such test
    versus_nl: str = ""

    @property
    def empty(self) -> bool:
        return self.value is None

    @classmethod
    def stored(
        cls, data: Mapping[str, Any], prefix: str, *, versus_rest: str = "", versus_nl: str = ""
    ) -> Figure:
        return cls(
            value=data.get(f"{prefix}_value"),
            lower=data.get(f"{prefix}_lower"),
            upper=data.get(f"{prefix}_upper"),
            numerator=data.get(f"{prefix}_num"),
            denominator=data.get(f"{prefix}_den"),
            reason=data.get(f"{prefix}_reason") or "",
            change=data.get(f"{prefix}_change"),
            versus_rest=(data.get(versus_rest) or "") if versus_rest else "",
            versus_nl=(data.get(versus_nl) or "") if versus_nl else "",
        )


NO_FIGURE = Figure()


@dataclass(frozen=True)
class ComparisonRow:
    """An area (or a single wijk) × indicator × period: its figure, those of its member wijken
    (in `AreaComparisons.members` order; none for a wijk's own row), of the rest of the
    municipality, the municipality and Nederland."""

    indicator: str
    period: str
    area: Figure = NO_FIGURE
    rest: Figure = NO_FIGURE
    municipality: Figure = NO_FIGURE
    nederland: Figure = NO_FIGURE
    members: tuple[Figure, ...] = ()
    baseline: str | None = None
    verdict_doc: str = ""  # the area's change against the rest's (difference of changes)
    notes: tuple[str, ...] = ()

    @property
    def verdict_rest(self) -> str:
        return self.area.versus_rest

    @property
    def verdict_nl(self) -> str:
        return self.area.versus_nl

    @property
    def verdict_gm_nl(self) -> str:
        return self.municipality.versus_nl

    @classmethod
    def stored(cls, data: Mapping[str, Any], members: tuple[Figure, ...] = ()) -> ComparisonRow:
        return cls(
            indicator=data["indicator"],
            period=data["period"],
            area=Figure.stored(data, AREA, versus_rest="verdict_rest", versus_nl="verdict_nl"),
            rest=Figure.stored(data, REST),
            municipality=Figure.stored(data, MUNICIPALITY, versus_nl="verdict_gm_nl"),
            nederland=Figure.stored(data, NEDERLAND),
            members=members,
            baseline=data.get("baseline"),
            verdict_doc=data.get("verdict_doc") or "",
            notes=tuple(data.get("notes") or ()),
        )


@dataclass(frozen=True)
class AreaComparisons:
    """A focus area's comparison rows with the figures of its member wijken (and buurten),
    and each member's own rows; all from one query (selectors.member_comparisons)."""

    members: tuple[Region, ...]  # by CBS code
    rows: tuple[ComparisonRow, ...] = ()  # by indicator and period
    member_rows: Mapping[int, tuple[ComparisonRow, ...]] = field(default_factory=dict)
    result_set: ResultSet | None = None
    # The area's rows as stored, for the analysis core's sentences and gaps, which read them
    # whole (with the tests' p-values and differences that the typed rows leave out).
    stored: tuple[Mapping[str, Any], ...] = ()

    def row(self, indicator: str, period: str) -> ComparisonRow:
        """The area's row, or one without figures when the results have none."""
        found = self._rows_by_key.get((indicator, period))
        return found or ComparisonRow(
            indicator, period, members=self.member_figures(indicator, period)
        )

    def member_figures(self, indicator: str, period: str) -> tuple[Figure, ...]:
        """Each member's own figure (the area figure of its own row) for one indicator and
        period, in `members` order."""
        return tuple(
            self._member_figures.get((member.pk, indicator, period), NO_FIGURE)
            for member in self.members
        )

    @cached_property
    def _rows_by_key(self) -> dict[tuple[str, str], ComparisonRow]:
        return {(row.indicator, row.period): row for row in self.rows}

    @cached_property
    def _member_figures(self) -> dict[tuple[int, str, str], Figure]:
        return {
            (pk, row.indicator, row.period): row.area
            for pk, rows in self.member_rows.items()
            for row in rows
        }


@dataclass(frozen=True)
class AreaStacking:
    """An area's latest flag and score per domain (key → DomainResult), and how many domains
    are flagged: the stacking of problems the overview and the dashboard show."""

    domains: Mapping[str, DomainResult]
    count: int

    def flagged(self, domain: str) -> bool:
        result = self.domains.get(domain)
        return bool(result and result.flagged)


@dataclass(frozen=True)
class IndicatorGap:
    """How far an area has figures for one catalogued indicator, over all its periods."""

    indicator: str
    status: Availability


@dataclass(frozen=True)
class DomainCoverage:
    """What the catalogue has for one domain: how many indicators come per wijk and how many
    only per municipality (or safety region), and the names of those with no figures yet."""

    key: str
    label: str
    wijk: int
    gemeente: int
    gap: list[str]
