"""Matching member names from a source list to CBS wijk names within one municipality.

Only spelling variants count as a match: case, diacritics, hyphens versus spaces, and the
"Wijk NN " prefix some municipalities put before their wijk names. Anything else is reported
as unmatched, with the closest CBS names as suggestions for a person to decide on.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

_QUALIFIER = re.compile(r"\s*\(([^)]*\bpart\b[^)]*)\)\s*$", re.IGNORECASE)
_WIJK_PREFIX = re.compile(r"^wijk\s+\d+\s+")
_SEPARATORS = re.compile(r"[\s\-/&'\u2019.,]+")
SUGGESTION_THRESHOLD = 0.75


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str


@dataclass(frozen=True)
class ListedName:
    raw: str
    name: str
    qualifier: str  # e.g. "east part"; empty for whole wijken

    @property
    def partial(self) -> bool:
        return bool(self.qualifier)


@dataclass(frozen=True)
class Match:
    listed: ListedName
    candidate: Candidate


@dataclass(frozen=True)
class Unmatched:
    listed: ListedName
    reason: str
    suggestions: tuple[Candidate, ...]


@dataclass(frozen=True)
class MatchReport:
    matched: tuple[Match, ...]
    unmatched: tuple[Unmatched, ...]


def parse_listed_name(raw: str) -> ListedName:
    """Split "Batau-Noord (east part)" into the name and its qualifier."""
    text = raw.strip()
    found = _QUALIFIER.search(text)
    if found:
        return ListedName(raw=raw, name=text[: found.start()].strip(), qualifier=found.group(1))
    return ListedName(raw=raw, name=text, qualifier="")


def normalise(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    plain = _WIJK_PREFIX.sub("", plain.strip())
    return _SEPARATORS.sub(" ", plain).strip()


def match_names(listed: Sequence[str], candidates: Sequence[Candidate]) -> MatchReport:
    by_key: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        by_key.setdefault(normalise(candidate.name), []).append(candidate)
    matched: list[Match] = []
    unmatched: list[Unmatched] = []
    for raw in listed:
        item = parse_listed_name(raw)
        found = by_key.get(normalise(item.name), [])
        if len(found) == 1:
            matched.append(Match(listed=item, candidate=found[0]))
            continue
        if found:
            codes = ", ".join(candidate.code for candidate in found)
            reason = f"Meerdere CBS-wijken dragen deze naam ({codes})."
            suggestions = tuple(found)
        else:
            reason = "Geen CBS-wijk met deze naam in de gemeente."
            suggestions = suggest(item.name, candidates)
        unmatched.append(Unmatched(listed=item, reason=reason, suggestions=suggestions))
    return MatchReport(matched=tuple(matched), unmatched=tuple(unmatched))


def suggest(name: str, candidates: Sequence[Candidate], limit: int = 3) -> tuple[Candidate, ...]:
    """CBS names containing every word of the listed name, then names spelled closely alike."""
    key = normalise(name)
    words = set(key.split())
    scored: list[tuple[float, Candidate]] = []
    for candidate in candidates:
        other = normalise(candidate.name)
        if words <= set(other.split()):
            score = 1.0
        else:
            score = difflib.SequenceMatcher(None, key, other).ratio()
        if score >= SUGGESTION_THRESHOLD:
            scored.append((score, candidate))
    scored.sort(key=lambda pair: (-pair[0], pair[1].code))
    return tuple(candidate for _, candidate in scored[:limit])
