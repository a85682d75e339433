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
        result += _row_sentences(row, area_name, municipality_name, names, units, period_labels)
    return result


def _row_sentences(
    row: dict[str, Any],
    area_name: str,
    municipality_name: str,
    names: dict[str, str],
    units: dict[str, str],
    period_labels: dict[str, str],
) -> list[Sentence]:
    indicator, period = row["indicator"], row["period"]
    label, unit = names[indicator], units[indicator]
    label_text = period_labels.get(period, period)
    when = label_text if label_text.isdigit() else f"de periode {label_text}"
    fmt = partial(format_number, unit=unit)
    reference = row.get("reference_name") or municipality_name
    significant = ("sign_worse", "sign_better", "sign_different")
    found: list[Sentence] = []
    if row.get("verdict_rest") in significant and row.get("area_value") is not None:
        text = (
            f"{label}: in {area_name} in {when} {_direction(row['diff_rest'])} dan in de rest "
            f"van {municipality_name} ({fmt(row['area_value'])} tegen {fmt(row['rest_value'])})."
        )
        found.append(Sentence(text, indicator, period, "rest"))
    if row.get("verdict_nl") in significant and row.get("area_value") is not None:
        text = (
            f"{label}: in {area_name} in {when} {_direction(row['diff_nl'])} dan in heel "
            f"Nederland ({fmt(row['area_value'])} tegen {fmt(row['nl_value'])})."
        )
        found.append(Sentence(text, indicator, period, "nl"))
    if row.get("verdict_gm_nl") in significant and row.get("area_value") is None:
        text = (
            f"{label}: in {reference} als geheel in {when} {_direction(row['diff_gm_nl'])} dan "
            f"in heel Nederland ({fmt(row['gm_value'])} tegen {fmt(row['nl_value'])}). "
            f"{_why_no_area_value(area_name, row.get('area_reason'))}"
        )
        found.append(Sentence(text, indicator, period, "gm_nl"))
    if row.get("verdict_doc") in significant:
        base = period_labels.get(row["baseline"], row["baseline"])
        when = label_text
        text = (
            f"{label}: tussen {base} en {when} veranderde dit in {area_name} anders dan in de "
            f"rest van {municipality_name} ({format_change(row['area_change'], unit)} tegen "
            f"{format_change(row['rest_change'], unit)})."
        )
        found.append(Sentence(text, indicator, period, "doc"))
    return found


def format_change(value: float, unit: str) -> str:
    """A change with its sign: '+2,0 procentpunt' for percentages."""
    sign = "+" if value > 0 else "−" if value < 0 else ""
    if unit in {"percent", "%"}:
        return f"{sign}{abs(value):.1f}".replace(".", ",") + " procentpunt"
    return sign + format_number(abs(value), unit)


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
