"""Notes on how an area's own figure was made (issue 15), stored with each comparison row: the
members left out because the source did not publish them, a population-weighted estimate, an
estimate without weights, and counts the source rounded (see `analysis.aggregate` and
`analysis.rounding`)."""

from __future__ import annotations

from typing import Any

from ruggensteun.analysis.aggregate import POPULATION_UNKNOWN as POPULATION_UNKNOWN_CODE
from ruggensteun.analysis.aggregate import Basis

TESTS = ("rest", "nl", "gm_nl", "doc")
ESTIMATE_WEIGHTED = (
    "Schatting voor het gebied: het gemiddelde van de schattingen van de wijken, gewogen naar "
    "hun aantal inwoners (alle leeftijden; het aantal volwassenen per wijk is niet bekend). "
    "Niet getoetst."
)
POPULATION_UNKNOWN = (
    "Niet berekenbaar: niet van alle wijken van het gebied is het aantal inwoners bekend, dus "
    "geen naar inwoners gewogen gemiddelde van hun schattingen."
)
LEFT_OUT = "Zonder {names}: {count} {unit}, cijfer niet gepubliceerd door CBS."
ROUNDED = (
    "Aantallen door de bron afgerond op {base}: de afronding telt mee in de spreiding van de "
    "toetsen."
)


def area_notes(record: dict[str, Any], names: dict[str, str], rounding: float) -> list[str]:
    """Notes on how the area's own figure was made (`analysis.aggregate`): members left out
    because the source did not publish them, a population-weighted estimate, or no weights."""
    notes = []
    omitted = record.get("area_omitted") or []
    if record.get("area_basis") == Basis.PUBLISHED_MEMBERS and omitted:
        unit = "inwoners" if record.get("kind") == "rate" else "in de noemer"
        count = f"{record.get('area_omitted_den') or 0:,.0f}".replace(",", ".")
        listed = ", ".join(names.get(code, code) for code in omitted)
        notes.append(LEFT_OUT.format(names=listed, count=count, unit=unit))
    elif record.get("area_basis") == Basis.POPULATION_WEIGHTED:
        notes.append(ESTIMATE_WEIGHTED)
    elif record.get("area_detail") == POPULATION_UNKNOWN_CODE:
        notes.append(POPULATION_UNKNOWN)
    if rounding and any(record.get(f"p_{test}") is not None for test in TESTS):
        notes.append(ROUNDED.format(base=f"{rounding:g}"))
    return notes
