"""The indicator catalogue (catalogue.toml): loaded, validated and typed once per process."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from ruggensteun.analysis.periods import Period
from ruggensteun.analysis.spec import Kind

CATALOGUE_PATH = Path(__file__).with_name("catalogue.toml")
UNITS = {"percent", "per_1000", "per_100000", "euro_x1000", "count", "per_km2"}
UNIT_LABELS = {
    "percent": "%",
    "per_1000": "per 1.000 inwoners",
    "per_100000": "per 100.000 inwoners",
    "euro_x1000": "× € 1.000",
    "per_km2": "per km²",
    "count": "aantal",
}
MULTIPLIERS = {"percent": 100.0, "per_1000": 1000.0, "per_100000": 100_000.0}
POLARITIES = {"higher_is_worse": True, "higher_is_better": False, "neutral": None}
GAP_SOURCE = "none"
MIN_RELEVANT = 0.10
# The problem domains of the dashboard, the report and the overview, in this order. The
# catalogue's [domains] table holds them and "context" (background figures, never a domain of
# its own); tests/monitor/test_catalogue.py keeps the two in step.
DOMAINS = (
    "werk_inkomen",
    "veiligheid_ondermijning",
    "gezondheid",
    "onderwijs_jeugd",
    "leefbaarheid_wonen",
    "corona",
)
CONTEXT_DOMAIN = "context"


class CatalogueError(ValueError):
    pass


@dataclass(frozen=True)
class Indicator:
    id: str
    name_nl: str
    name_en: str
    definition_nl: str
    definition_en: str
    domain: str
    unit: str
    kind: str
    polarity: str
    source: str
    column: str = ""
    levels: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    baseline: str | None = None
    frequency: str = ""
    numerator: str = ""
    denominator: str = ""
    min_count: float = 5
    min_denominator: float = 50
    derived: bool = False
    # The source rounds counts to multiples of this (CBS: benefit recipients per wijk to 10); the
    # tests add its variance (docs/methods.md). 0: exact counts.
    rounding: float = 0
    # The smallest relative difference (|a/b - 1|) worth reporting: a verdict needs a significant
    # test AND a difference at least this large (METHODS, issue 14).
    min_relevant: float = MIN_RELEVANT
    age: str = ""
    fill: str = ""
    # A declared gap that another indicator fills where it has figures (the KWB benefit counts
    # per wijk fill "bijstand per wijk" for Heerlen): the area's gap list then leaves it out.
    filled_by: tuple[str, ...] = ()

    @property
    def unit_label(self) -> str:
        return UNIT_LABELS.get(self.unit, self.unit)

    @property
    def is_gap(self) -> bool:
        return self.source == GAP_SOURCE

    @property
    def higher_is_worse(self) -> bool | None:
        return POLARITIES[self.polarity]

    @property
    def multiplier(self) -> float:
        """Scale from numerator/denominator to the published unit (1 for estimates)."""
        return MULTIPLIERS.get(self.unit, 1.0) if self.kind in (Kind.PROPORTION, Kind.RATE) else 1.0

    @property
    def unit_level(self) -> str:
        """The level whose units are compared with Nederland for this indicator: safety regions
        where the source has no municipal figures, else municipalities (CBS code prefix)."""
        if "veiligheidsregio" in self.levels and "gemeente" not in self.levels:
            return "VR"
        return "GM"

    @property
    def testable(self) -> bool:
        """Counts must be real: no significance from rounded or reconstructed counts."""
        return self.kind in (Kind.PROPORTION, Kind.RATE) and not self.derived


@dataclass(frozen=True)
class Catalogue:
    version: str
    domains: dict[str, dict[str, str]]
    periods: dict[str, Period]
    indicators: dict[str, Indicator] = field(default_factory=dict)

    def by_source(self, source: str) -> list[Indicator]:
        return [indicator for indicator in self.indicators.values() if indicator.source == source]

    def period_label(self, period: str, language: str | None = None) -> str:
        """A period's label in `language` (default: the active one)."""
        from django.utils import translation

        if period not in self.periods:
            return period
        item = self.periods[period]
        english = (language or translation.get_language()) == "en" and item.label_en
        return item.label_en if english else item.label

    def domain_label(self, key: str) -> str:
        """A domain's name in the active language (Dutch unless English is chosen)."""
        from django.utils import translation

        labels = self.domains.get(key, {})
        english = translation.get_language() == "en" and labels.get("en")
        return str(labels.get("en") if english else labels.get("nl", key))


def parse(raw: dict[str, Any]) -> Catalogue:
    defaults = raw.get("defaults", {})
    domains = raw["domains"]
    indicators: dict[str, Indicator] = {}
    for key, entry in raw.get("indicators", {}).items():
        merged = {**defaults.get(entry.get("defaults", ""), {}), **entry}
        merged.pop("defaults", None)
        merged["levels"] = tuple(merged.get("levels", ()))
        merged["periods"] = tuple(merged.get("periods", ()))
        merged["filled_by"] = tuple(merged.get("filled_by", ()))
        try:
            indicator = Indicator(id=key, **merged)
        except TypeError as exc:
            raise CatalogueError(f"Indicator {key}: {exc}") from None
        _check(indicator, domains)
        indicators[key] = indicator
    for indicator in indicators.values():
        unknown = [key for key in indicator.filled_by if key not in indicators]
        if unknown:
            raise CatalogueError(f"Indicator {indicator.id}: filled_by names unknown {unknown}")
    periods = {
        key: Period(
            id=key,
            label=value["label"],
            label_en=value.get("label_en", ""),
            start=_date(value["start"]),
            end=_date(value["end"]),
        )
        for key, value in raw.get("periods", {}).items()
    }
    return Catalogue(
        version=raw["version"], domains=domains, periods=periods, indicators=indicators
    )


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _check(indicator: Indicator, domains: dict[str, Any]) -> None:
    problems = []
    if indicator.domain not in domains:
        problems.append(f"unknown domain {indicator.domain!r}")
    if indicator.unit not in UNITS:
        problems.append(f"unknown unit {indicator.unit!r}")
    if indicator.kind not in set(Kind):
        problems.append(f"unknown kind {indicator.kind!r}")
    if indicator.polarity not in POLARITIES:
        problems.append(f"unknown polarity {indicator.polarity!r}")
    if not 0 <= indicator.min_relevant < 1:
        problems.append("min_relevant must be a share in [0, 1)")
    if indicator.baseline and indicator.baseline not in indicator.periods:
        problems.append("baseline is not one of the periods")
    if not indicator.is_gap and not indicator.column:
        problems.append("a sourced indicator needs its source column")
    if problems:
        raise CatalogueError(f"Indicator {indicator.id}: {'; '.join(problems)}")


@cache
def load(path: Path = CATALOGUE_PATH) -> Catalogue:
    with path.open("rb") as handle:
        return parse(tomllib.load(handle))


def indicator_rows(catalogue: Catalogue) -> list[dict[str, object]]:
    """The catalogue as rows of the analysis core's indicator frame. Declared gaps are included:
    an upload or the CBS importer can fill them."""
    return [
        {
            "indicator": item.id,
            "domain": item.domain,
            "kind": item.kind,
            "multiplier": item.multiplier,
            "higher_is_worse": item.higher_is_worse,
            "min_count": float(item.min_count),
            "min_denominator": float(item.min_denominator),
            "testable": item.testable,
            "baseline": item.baseline,
            "min_relevant": float(item.min_relevant),
            "unit_level": item.unit_level,
            "rounding": float(item.rounding),
        }
        for item in catalogue.indicators.values()
    ]
