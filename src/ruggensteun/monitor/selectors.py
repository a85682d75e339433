"""Reads of the monitor's materialised results."""

from __future__ import annotations

from typing import Any

from ruggensteun.areas.models import FocusArea

from .models import ComparisonResult, ResultSet


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
