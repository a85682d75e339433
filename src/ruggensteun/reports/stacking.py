"""The report's Dutch texts on stacking and on hidden cells, from the dashboard's stored results.

A domain counts for an area when the area's score (the population-weighted mean of its wijken's
domain scores; equal weights while populations are unknown) is in the worst 10% of the Dutch
wijken' scores; a member wijk in the worst 10% itself is a reason, not the area's flag.
"""

from __future__ import annotations

from django.utils import translation

from ruggensteun.analysis.numbers import format_number
from ruggensteun.monitor.dashboard import Dashboard
from ruggensteun.monitor.explain import StackingShare, cell_count_text

# What the stacking profile shows (the rule: docs/methods.md, stacking).
PROFILE_CAPTION = (
    "Per domein: hoort de score van het gebied bij de 10% slechtst scorende wijken van Nederland? "
    "Score: het gemiddelde van de wijken van het gebied, elk met het gemiddelde van hun "
    "percentielen op de indicatoren van het domein (100 = slechtst)."
)
SCORE_HEADING = "Score gebied"
MEMBERS_HEADING = "Wijken zelf bij de slechtste 10%"
WEIGHTED = "De wijken wegen naar hun aantal inwoners."
UNWEIGHTED = "De inwonertallen van de wijken zijn nog niet bekend: de wijken wegen even zwaar."
WORST = "hoort bij de 10% slechtst scorende wijken van Nederland"


def domain_summary(
    area_name: str,
    flagged: bool | None,
    score: float | None,
    share: StackingShare | None,
    flagged_members: list[str],
) -> str:
    """A domain's stacking in one or two sentences: the area's score against the Dutch wijken
    (with the share of wijken a flag stands for), then its wijken in the worst 10% themselves."""
    if flagged is None:
        return "Geen wijkcijfers om te rangschikken."
    shown = f" ({format_number(score, digits=0)})" if score is not None else ""
    if flagged:
        with translation.override("nl"):
            meaning = share.text() if share else WORST
        text = f"De score van {area_name}{shown} {meaning}."
    else:
        text = f"De score van {area_name}{shown} {WORST.replace('hoort', 'hoort niet')}."
    if flagged_members:
        verb = "hoort" if len(flagged_members) == 1 else "horen"
        text += f" {', '.join(flagged_members)} {verb} zelf bij de 10% slechtst scorende wijken."
    return text


def stacking_texts(dashboard: Dashboard, domains: int) -> dict[str, str]:
    """The report's texts on stacking and on hidden cells, in Dutch: the cover line, the
    profile's caption, headings and weighting note, and the count of hidden cells."""
    with translation.override("nl"):
        cells = cell_count_text(dashboard.cells)
    return {
        "stacking_line": (
            f"{dashboard.stacking_count} van de {domains} domeinen waarin de score van het "
            "gebied bij de 10% slechtst scorende wijken van Nederland hoort"
        ),
        "profile_caption": PROFILE_CAPTION,
        "score_heading": SCORE_HEADING,
        "members_heading": MEMBERS_HEADING,
        "weighting_note": WEIGHTED if dashboard.population_weighted else UNWEIGHTED,
        "cells_text": f"Cellen van het gebied, de rest van de gemeente en de gemeente: {cells}.",
    }
