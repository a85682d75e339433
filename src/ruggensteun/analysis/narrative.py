"""Short Dutch (or English) sentences from the results (METHODS.md §7): only significant,
disclosure-safe facts, each naming its reference and period and pointing to its number. No
causal language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from . import numbers
from .spec import SUPPRESSED


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
        "stacking": "In {count} van de {total} domeinen met wijkcijfers hoort de score van "
        "{area} bij de 10% slechtst scorende wijken van Nederland: {domains}.",
        "no_stacking": "In geen van de {total} domeinen met wijkcijfers hoort de score van "
        "{area} bij de 10% slechtst scorende wijken van Nederland.",
        "wijken": "{label}: in {which} van {area} {direction} dan in {municipality} als geheel "
        "({wijk}: {value} tegen {reference}; schatting, niet getoetst).",
        "some": "{worse} van de {members} wijken",
        "all": "alle {members} wijken",
        "both": "beide wijken",
        "only": "de enige wijk",
        "context": "Verder, voor {municipality} als geheel: {items}.",
        "context_item": "{label} {direction} dan in heel Nederland ({when})",
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
        "stacking": "In {count} of the {total} domains with district figures the score of "
        "{area} is among the worst 10% of Dutch districts: {domains}.",
        "no_stacking": "In none of the {total} domains with district figures is the score of "
        "{area} among the worst 10% of Dutch districts.",
        "wijken": "{label}: in {which} of {area} {direction} than in {municipality} as a whole "
        "({wijk}: {value} against {reference}; estimate, not tested).",
        "some": "{worse} of the {members} districts",
        "all": "all {members} districts",
        "both": "both districts",
        "only": "the only district",
        "context": "Further, for {municipality} as a whole: {items}.",
        "context_item": "{label} {direction} than in the Netherlands ({when})",
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
    key = "suppressed" if reason in SUPPRESSED else "no_value"
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


# --- the summary that leads with the area (issue 15) ----------------------------------------------

MAX_SENTENCES = 8
MAX_CONTEXT = 2  # sentences about the municipality or region, at most
MATERIAL = 0.20  # an estimate differs materially at a relative difference of a fifth or more


def stacking_sentence(
    area: str, flagged: list[str], total: int, language: str = "nl"
) -> str | None:
    """The area's stacking in one sentence, naming its flagged domains."""
    if total == 0:
        return None
    phrases = _phrases(language)
    if not flagged:
        return phrases["no_stacking"].format(total=total, area=area)
    return phrases["stacking"].format(
        count=len(flagged), total=total, area=area, domains=_join(flagged, language)
    )


@dataclass(frozen=True)
class WijkFinding:
    """An estimate (not tested) on which the area's wijken differ materially from their
    municipality: how many of them, and the wijk that differs most."""

    indicator: str
    worse: int  # member wijken on the unfavourable side by at least MATERIAL
    members: int  # member wijken with a figure
    wijk: str
    value: float
    reference: float
    higher: bool  # the unfavourable side is higher

    @property
    def gap(self) -> float:
        return abs(self.value / self.reference - 1) if self.reference else 0.0


def wijk_finding(
    indicator: str,
    members: list[tuple[str, float | None]],
    reference: float | None,
    higher_is_worse: bool | None,
) -> WijkFinding | None:
    """The material finding on one estimate, or None: at least half of the wijken with a
    figure on the unfavourable side of the municipality by MATERIAL or more."""
    known = [(name, value) for name, value in members if value is not None]
    if not known or reference is None or reference == 0 or higher_is_worse is None:
        return None
    sign = 1 if higher_is_worse else -1
    worse = [(name, value) for name, value in known if sign * (value / reference - 1) >= MATERIAL]
    if not worse or 2 * len(worse) < len(known):
        return None
    name, value = max(worse, key=lambda item: sign * item[1])
    return WijkFinding(indicator, len(worse), len(known), name, value, reference, higher_is_worse)


def wijk_sentence(
    finding: WijkFinding,
    *,
    area: str,
    municipality: str,
    label: str,
    unit: str,
    language: str = "nl",
) -> str:
    phrases = _phrases(language)
    which = phrases[_which(finding.worse, finding.members)].format(
        worse=finding.worse, members=finding.members
    )
    return phrases["wijken"].format(
        label=label,
        which=which,
        area=area,
        direction=phrases["higher" if finding.higher else "lower"],
        municipality=municipality,
        wijk=finding.wijk,
        value=format_number(finding.value, unit, language),
        reference=format_number(finding.reference, unit, language),
    )


def _which(worse: int, members: int) -> str:
    """'de enige wijk', 'beide wijken', 'alle 5 wijken' or '2 van de 5 wijken'."""
    if worse < members:
        return "some"
    return {1: "only", 2: "both"}.get(members, "all")


def context_sentence(
    found: list[Sentence],
    rows: dict[tuple[str, str], dict[str, Any]],
    *,
    municipality: str,
    names: dict[str, str],
    period_labels: dict[str, str],
    language: str = "nl",
) -> str | None:
    """The municipality's (or region's) significant differences from Nederland in one
    sentence: one clause per indicator, its latest significant period."""
    phrases = _phrases(language)
    latest: dict[str, Sentence] = {}
    for sentence in found:
        latest[sentence.indicator] = sentence
    items = []
    for indicator, sentence in latest.items():
        row = rows[(indicator, sentence.period)]
        items.append(
            phrases["context_item"].format(
                label=names[indicator],
                direction=_direction(row["diff_gm_nl"], language),
                when=period_labels.get(sentence.period, sentence.period),
            )
        )
    if not items:
        return None
    return phrases["context"].format(municipality=municipality, items=_join(items, language))
