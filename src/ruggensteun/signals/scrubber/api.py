"""The public entry point: `scrub` runs every kind's finder on the normalised text, resolves
overlaps and builds the redacted copy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .addresses import find_addresses
from .bsns import find_bsns
from .dates import find_birth_dates
from .emails import find_emails
from .findings import PLACEHOLDERS, Finding, Kind, ScrubResult
from .ibans import find_ibans
from .names import find_names
from .phones import find_phones
from .plates import find_plates
from .text import normalise

# When findings overlap, the lower number wins (an IBAN contains phone-like digits, etc.).
_PRIORITY_ORDER: Final[tuple[Kind, ...]] = (
    "iban",
    "email",
    "bsn",
    "telefoon",
    "geboortedatum",
    "kenteken",
    "adres",
    "naam",
)
_PRIORITY: Final[dict[Kind, int]] = {kind: rank for rank, kind in enumerate(_PRIORITY_ORDER)}


def scrub(text: str) -> ScrubResult:
    """Find personal data in `text` and return the findings with a redacted copy. Offsets,
    finding texts and the redacted copy refer to the normalised text (see `normalise`)."""
    text = normalise(text)
    candidates = [
        *find_plates(text),
        *find_birth_dates(text),
        *find_ibans(text),
        *find_emails(text),
        *find_bsns(text),
        *find_phones(text),
        *find_addresses(text),
        *find_names(text),
    ]
    findings = _resolve(text, candidates)
    return ScrubResult(findings=findings, redacted=_redact(text, findings))


def _resolve(text: str, candidates: list[Finding]) -> list[Finding]:
    """Merge overlapping names, then keep the strongest finding wherever findings overlap."""
    names = _merge_names(text, [f for f in candidates if f.kind == "naam"])
    others = [f for f in candidates if f.kind != "naam"]
    ranked = sorted(others + names, key=lambda f: (_PRIORITY[f.kind], f.start - f.end, f.start))
    kept: list[Finding] = []
    for finding in ranked:
        if all(finding.end <= k.start or finding.start >= k.end for k in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


def _merge_names(text: str, names: list[Finding]) -> list[Finding]:
    merged: list[Finding] = []
    for finding in sorted(names, key=lambda f: f.start):
        if merged and finding.start < merged[-1].end:
            last = merged.pop()
            end = max(last.end, finding.end)
            finding = Finding("naam", last.start, end, text[last.start : end])
        merged.append(finding)
    return merged


def _redact(text: str, findings: Sequence[Finding]) -> str:
    parts: list[str] = []
    position = 0
    for finding in findings:
        parts.append(text[position : finding.start])
        parts.append(PLACEHOLDERS[finding.kind])
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)
