"""What the scrubber reports: the kinds of personal data, a finding, the result and its
Dutch explanation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

Kind = Literal["bsn", "telefoon", "email", "iban", "adres", "naam", "kenteken", "geboortedatum"]

#: All kinds, in the order the explanation lists them.
KINDS: Final[tuple[Kind, ...]] = (
    "bsn",
    "telefoon",
    "email",
    "iban",
    "adres",
    "naam",
    "kenteken",
    "geboortedatum",
)

#: Replacement text for each kind in `ScrubResult.redacted`.
PLACEHOLDERS: Final[dict[Kind, str]] = {
    "bsn": "[BSN verwijderd]",
    "telefoon": "[telefoonnummer verwijderd]",
    "email": "[e-mailadres verwijderd]",
    "iban": "[IBAN verwijderd]",
    "adres": "[adres verwijderd]",
    "naam": "[naam verwijderd]",
    "kenteken": "[kenteken verwijderd]",
    "geboortedatum": "[geboortedatum verwijderd]",
}

# Dutch nouns (singular, plural) for the explanation.
_NOUNS: Final[dict[Kind, tuple[str, str]]] = {
    "bsn": ("burgerservicenummer (BSN)", "burgerservicenummers (BSN)"),
    "telefoon": ("telefoonnummer", "telefoonnummers"),
    "email": ("e-mailadres", "e-mailadressen"),
    "iban": ("rekeningnummer (IBAN)", "rekeningnummers (IBAN)"),
    "adres": ("adres", "adressen"),
    "naam": ("naam", "namen"),
    "kenteken": ("kenteken", "kentekens"),
    "geboortedatum": ("geboortedatum", "geboortedata"),
}
_COUNT_WORDS: Final[tuple[str, ...]] = (
    "geen",
    "een",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
)


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind, character offsets in the text and the text itself."""

    kind: Kind
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ScrubResult:
    """What `scrub` found, and the text with every finding replaced by a placeholder."""

    findings: list[Finding]
    redacted: str

    @property
    def clean(self) -> bool:
        """True when no personal data was found."""
        return not self.findings

    @property
    def counts(self) -> dict[Kind, int]:
        """Number of findings per kind, in `KINDS` order, kinds without findings left out."""
        counts = {kind: sum(1 for f in self.findings if f.kind == kind) for kind in KINDS}
        return {kind: n for kind, n in counts.items() if n}

    @property
    def explanation(self) -> str:
        """A Dutch explanation of what was found: kinds and counts, never the data itself."""
        if self.clean:
            return (
                "Er zijn geen persoonsgegevens gevonden. Controleer zelf nog of niemand "
                "herkenbaar is aan de beschrijving."
            )
        parts = [_counted(kind, n) for kind, n in self.counts.items()]
        return (
            f"Uw tekst bevat {_join_dutch(parts)}. Signalen mogen geen persoonsgegevens "
            "bevatten: beschrijf wat u in de buurt ziet zonder dat personen herkenbaar zijn. "
            "Haal deze gegevens weg of gebruik de voorgestelde tekst, waarin ze zijn vervangen "
            "door een aanduiding zoals [naam verwijderd]. Controleer ook of iemand herkenbaar "
            "is aan een combinatie van kenmerken."
        )


def _counted(kind: Kind, n: int) -> str:
    singular, plural = _NOUNS[kind]
    word = _COUNT_WORDS[n] if n < len(_COUNT_WORDS) else str(n)
    return f"{word} {singular if n == 1 else plural}"


def _join_dutch(parts: Sequence[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " en " + parts[-1]
