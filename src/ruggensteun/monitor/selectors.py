"""Reads of the monitor's materialised results."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.utils import translation

from ruggensteun.analysis.gaps import Availability, gap_matrix
from ruggensteun.analysis.narrative import gap_sentence, sentences
from ruggensteun.areas.models import FocusArea

from .catalogue import load
from .models import ComparisonResult, DomainResult, ResultSet, SimilarArea


def latest_result_set() -> ResultSet | None:
    return ResultSet.objects.order_by("-computed_at", "-pk").first()


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


def _reference_name(row: dict[str, Any], language: str = "nl") -> str | None:
    notes: list[str] = row.get("notes") or []
    prefix = "safety region " if language == "en" else "veiligheidsregio "
    for note in notes:
        if note.startswith("Cijfer van veiligheidsregio "):
            return prefix + note.removeprefix("Cijfer van veiligheidsregio ").split(" (")[0]
    return None


def area_narrative(area: FocusArea, language: str | None = None) -> list[str]:
    """Sentences for an area in the active language (Dutch unless English): significant (after
    FDR) and disclosure-safe facts, then the memo's indicators that have no figures yet."""
    language = "en" if (language or translation.get_language()) == "en" else "nl"
    catalogue = load()
    rows = [
        {**row, "reference_name": _reference_name(row, language)}
        for row in area_comparisons(area)
        if catalogue.indicators[row["indicator"]].domain != "context"
    ]
    found = sentences(
        rows,
        area_name=area.name,
        municipality_name=area.municipality.display_name,
        names={
            key: getattr(item, f"name_{language}") for key, item in catalogue.indicators.items()
        },
        units={key: item.unit for key, item in catalogue.indicators.items()},
        period_labels={key: catalogue.period_label(key, language) for key in catalogue.periods},
        language=language,
    )
    texts = [sentence.text for sentence in found]
    missing = [
        _in_sentence(getattr(catalogue.indicators[row["indicator"]], f"name_{language}"))
        for row in area_gaps(area)
        if row["status"] == Availability.NOT_YET and catalogue.indicators[row["indicator"]].is_gap
    ]
    gap = gap_sentence(missing, language)
    return [*texts, gap] if gap else texts


def _in_sentence(name: str) -> str:
    """Lower-case the first letter unless the name starts with an acronym (TOZO, WW)."""
    return name if name[:2].isupper() else name[0].lower() + name[1:]


def area_gaps(area: FocusArea) -> list[dict[str, Any]]:
    """Availability per catalogued indicator for the area (see analysis.gaps)."""
    catalogue = load()
    rows = area_comparisons(area)
    indicators = [key for key, item in catalogue.indicators.items() if item.domain != "context"]
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
    return gap_matrix(frame, ["x"], indicators).drop("area").to_dicts()


def similar_areas(area: FocusArea) -> list[SimilarArea]:
    result_set = latest_result_set()
    if result_set is None:
        return []
    return list(
        SimilarArea.objects.filter(result_set=result_set, focus_area=area).select_related(
            "neighbour"
        )
    )


def overview_stacking(areas: list[FocusArea]) -> dict[int, dict[str, Any]]:
    """Per focus area: its latest domain flags and the stacking count, for the overview."""
    result_set = latest_result_set()
    if result_set is None:
        return {}
    found: dict[int, dict[str, Any]] = {}
    rows = DomainResult.objects.filter(result_set=result_set, focus_area__in=areas).order_by(
        "period"
    )
    for row in rows:
        entry = found.setdefault(row.focus_area_id, {"domains": {}, "count": 0})  # type: ignore[arg-type]
        entry["domains"][row.domain] = row  # later periods overwrite earlier ones
    for entry in found.values():
        entry["count"] = sum(1 for d in entry["domains"].values() if d.flagged)
    return found


def coverage_by_domain() -> list[dict[str, Any]]:
    """Per domain: indicators per wijk, only per gemeente or region, and not yet available."""
    catalogue = load()
    english = translation.get_language() == "en"
    summary = []
    for key in catalogue.domains:
        if key == "context":
            continue
        items = [i for i in catalogue.indicators.values() if i.domain == key]
        summary.append(
            {
                "key": key,
                "label": catalogue.domain_label(key),
                "wijk": sum(1 for i in items if "wijk" in i.levels),
                "gemeente": sum(1 for i in items if i.levels and "wijk" not in i.levels),
                "gap": [i.name_en if english else i.name_nl for i in items if i.is_gap],
            }
        )
    return summary
