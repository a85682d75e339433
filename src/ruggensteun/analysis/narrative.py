"""Short Dutch sentences from the results (METHODS.md §7): only significant, disclosure-safe
facts, each naming its reference and period and pointing to its number. No causal language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any


@dataclass(frozen=True)
class Sentence:
    text: str
    indicator: str
    period: str
    reference: str  # "rest", "nl" or "gm_nl" or "doc": which number the sentence rests on


def format_number(value: float, unit: str) -> str:
    """Dutch notation: decimal comma, thousands with a dot, and the unit."""
    if unit in {"percent", "%"}:
        return f"{value:.1f}".replace(".", ",") + "%"
    digits = 0 if abs(value) >= 100 else 1
    text = f"{value:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    suffix = {"per_1000": " per 1.000 inwoners", "per_100000": " per 100.000 inwoners"}.get(
        unit, ""
    )
    return text + suffix


def _direction(difference: float) -> str:
    return "hoger" if difference > 0 else "lager"


def sentences(
    rows: list[dict[str, Any]],
    *,
    area_name: str,
    municipality_name: str,
    names: dict[str, str],
    units: dict[str, str],
    period_labels: dict[str, str],
) -> list[Sentence]:
    """One sentence per significant comparison in `rows` (comparison rows of one area)."""
    result: list[Sentence] = []
    for row in rows:
        indicator, period = row["indicator"], row["period"]
        label, unit = names[indicator], units[indicator]
        when = period_labels.get(period, period)
        fmt = partial(format_number, unit=unit)
        significant = ("sign_worse", "sign_better", "sign_different")
        if row.get("verdict_rest") in significant and row.get("area_value") is not None:
            result.append(
                Sentence(
                    f"{label} lag in {area_name} in {when} {_direction(row['diff_rest'])} "
                    f"dan in de rest van {municipality_name}: {fmt(row['area_value'])} "
                    f"tegen {fmt(row['rest_value'])}.",
                    indicator,
                    period,
                    "rest",
                )
            )
        if row.get("verdict_nl") in significant and row.get("area_value") is not None:
            result.append(
                Sentence(
                    f"{label} lag in {area_name} in {when} {_direction(row['diff_nl'])} "
                    f"dan in Nederland: {fmt(row['area_value'])} tegen {fmt(row['nl_value'])}.",
                    indicator,
                    period,
                    "nl",
                )
            )
        if row.get("verdict_gm_nl") in significant and row.get("area_value") is None:
            result.append(
                Sentence(
                    f"{label} lag in {municipality_name} als geheel in {when} "
                    f"{_direction(row['diff_gm_nl'])} dan in Nederland: {fmt(row['gm_value'])} "
                    f"tegen {fmt(row['nl_value'])}. "
                    f"{_why_no_area_value(area_name, row.get('area_reason'))}",
                    indicator,
                    period,
                    "gm_nl",
                )
            )
        if row.get("verdict_doc") in significant:
            base = period_labels.get(row["baseline"], row["baseline"])
            result.append(
                Sentence(
                    f"Tussen {base} en {when} veranderde {label[0].lower() + label[1:]} "
                    f"in {area_name} anders dan in de rest van {municipality_name}: "
                    f"{fmt(row['area_change'])} tegen {fmt(row['rest_change'])}.",
                    indicator,
                    period,
                    "doc",
                )
            )
    return result


def _why_no_area_value(area_name: str, reason: str | None) -> str:
    if reason in {"suppressed_small", "suppressed_complement"}:
        return f"Voor {area_name} zelf zijn de aantallen te klein om te tonen."
    return f"Voor {area_name} zelf zijn hiervan geen cijfers."


def gap_sentence(missing: list[str]) -> str | None:
    """The memo insists on saying where figures are missing."""
    if not missing:
        return None
    return "Voor " + _join(missing) + " zijn nog geen cijfers beschikbaar."


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]
