"""Short Dutch (or English) sentences from the results (METHODS.md §7): only significant,
disclosure-safe facts, each naming its reference and period and pointing to its number. No
causal language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from . import numbers


@dataclass(frozen=True)
class Sentence:
    text: str
    indicator: str
    period: str
    reference: str  # "rest", "nl" or "gm_nl" or "doc": which number the sentence rests on


PHRASES: dict[str, dict[str, str]] = {
    "nl": {
        "higher": "hoger",
        "lower": "lager",
        "period": "de periode {label}",
        "rest": "{label}: in {area} in {when} {direction} dan in de rest van {municipality} "
        "({value} tegen {reference}).",
        "nl": "{label}: in {area} in {when} {direction} dan in heel Nederland "
        "({value} tegen {reference}).",
        "gm_nl": "{label}: in {municipality} als geheel in {when} {direction} dan in heel "
        "Nederland ({value} tegen {reference}). {why}",
        "doc": "{label}: tussen {base} en {when} veranderde dit in {area} anders dan in de rest "
        "van {municipality} ({change} tegen {reference_change}).",
        "suppressed": "Voor {area} zelf zijn de aantallen te klein om te tonen.",
        "no_value": "Voor {area} zelf zijn hiervan geen cijfers.",
        "gap": "Voor {items} zijn nog geen cijfers beschikbaar.",
        "and": " en ",
        "points": " procentpunt",
    },
    "en": {
        "higher": "higher",
        "lower": "lower",
        "period": "the period {label}",
        "rest": "{label}: in {area} in {when} {direction} than in the rest of {municipality} "
        "({value} against {reference}).",
        "nl": "{label}: in {area} in {when} {direction} than in the Netherlands as a whole "
        "({value} against {reference}).",
        "gm_nl": "{label}: in {municipality} as a whole in {when} {direction} than in the "
        "Netherlands ({value} against {reference}). {why}",
        "doc": "{label}: between {base} and {when} this changed differently in {area} than in "
        "the rest of {municipality} ({change} against {reference_change}).",
        "suppressed": "For {area} itself the counts are too small to show.",
        "no_value": "There are no figures for {area} itself.",
        "gap": "There are no figures yet for {items}.",
        "and": " and ",
        "points": " percentage points",
    },
}


def _phrases(language: str) -> dict[str, str]:
    return PHRASES.get(language, PHRASES["nl"])


def format_number(value: float, unit: str, language: str = "nl") -> str:
    """Dutch notation (decimal comma, thousands with a dot) or English, and the unit in words."""
    return numbers.format_number(value, unit, language=language, unit_words=True)


def _direction(difference: float, language: str = "nl") -> str:
    return _phrases(language)["higher" if difference > 0 else "lower"]


def sentences(
    rows: list[dict[str, Any]],
    *,
    area_name: str,
    municipality_name: str,
    names: dict[str, str],
    units: dict[str, str],
    period_labels: dict[str, str],
    language: str = "nl",
) -> list[Sentence]:
    """One sentence per significant comparison in `rows` (comparison rows of one area), in
    Dutch or (language "en") English."""
    context = {"area": area_name, "municipality": municipality_name, "language": language}
    result: list[Sentence] = []
    for row in rows:
        result += _row_sentences(row, context, names, units, period_labels)
    return result


SIGNIFICANT = ("sign_worse", "sign_better", "sign_different")


def _row_sentences(
    row: dict[str, Any],
    context: dict[str, str],
    names: dict[str, str],
    units: dict[str, str],
    period_labels: dict[str, str],
) -> list[Sentence]:
    indicator, period, language = row["indicator"], row["period"], context["language"]
    phrases = _phrases(language)
    unit = units[indicator]
    label_text = period_labels.get(period, period)
    fmt = partial(format_number, unit=unit, language=language)
    words = {
        **context,
        "label": names[indicator],
        "when": label_text if label_text.isdigit() else phrases["period"].format(label=label_text),
    }
    found: list[Sentence] = []
    has_area = row.get("area_value") is not None
    for reference, verdict, needs_area in (
        ("rest", "verdict_rest", True),
        ("nl", "verdict_nl", True),
        ("gm_nl", "verdict_gm_nl", False),
    ):
        if row.get(verdict) not in SIGNIFICANT or has_area != needs_area:
            continue
        value_key = "gm_value" if reference == "gm_nl" else "area_value"
        municipality = context["municipality"]
        if reference == "gm_nl":
            municipality = row.get("reference_name") or municipality
        text = phrases[reference].format(
            **{**words, "municipality": municipality},
            direction=_direction(row[f"diff_{reference}"], language),
            value=fmt(row[value_key]),
            reference=fmt(row["rest_value" if reference == "rest" else "nl_value"]),
            why=_why_no_area_value(context["area"], row.get("area_reason"), language),
        )
        found.append(Sentence(text.strip(), indicator, period, reference))
    if row.get("verdict_doc") in SIGNIFICANT:
        text = phrases["doc"].format(
            **{**words, "when": label_text},
            base=period_labels.get(row["baseline"], row["baseline"]),
            change=format_change(row["area_change"], unit, language),
            reference_change=format_change(row["rest_change"], unit, language),
        )
        found.append(Sentence(text, indicator, period, "doc"))
    return found


def format_change(value: float, unit: str, language: str = "nl") -> str:
    """A change with its sign: '+2,0 procentpunt' for percentages."""
    sign = "+" if value > 0 else "−" if value < 0 else ""
    if unit in numbers.PERCENT_UNITS:
        points = numbers.format_number(abs(value), language=language, digits=1)
        return f"{sign}{points}{_phrases(language)['points']}"
    return sign + format_number(abs(value), unit, language)


def _why_no_area_value(area_name: str, reason: str | None, language: str = "nl") -> str:
    key = "suppressed" if reason in {"suppressed_small", "suppressed_complement"} else "no_value"
    return _phrases(language)[key].format(area=area_name)


def gap_sentence(missing: list[str], language: str = "nl") -> str | None:
    """The memo insists on saying where figures are missing."""
    if not missing:
        return None
    return _phrases(language)["gap"].format(items=_join(missing, language))


def _join(items: list[str], language: str = "nl") -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + _phrases(language)["and"] + items[-1]
