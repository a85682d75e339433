"""Addresses: street and house number, postcode and house number, and a six-character
postcode on its own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from .findings import Finding
from .text import words

_UP = "A-ZÀ-ÖØ-Þ"
_STREET_SUFFIXES = (
    "straat|laan|weg|plein|gracht|kade|singel|hof|dreef|pad|steeg|dijk|park|baan|markt|zijde"
    "|wal|plantsoen|boulevard|allee|ring|erf"
)
_BARE_STREET_WORDS = "Straat|Laan|Weg|Plein|Markt|Kade|Dijk|Singel|Gracht|Wal|Park|Hof|Dreef"
_FUNCTION_CAPS = (
    "Op|In|Aan|Bij|Naar|Van|Uit|Voor|Het|De|Een|Adres|Via|Tussen|Rond|Langs|Achter|Naast"
    "|Tegenover|Woont|Wonen|Over|Met|Sinds|Ook|En|Of"
)
_TUSSEN_RE = r"(?:van|de|der|den|het|'t|ter|ten)"
_STREET_PREFIX = rf"(?:(?!(?:{_FUNCTION_CAPS})\s)[{_UP}][\w'’\-]*\s+(?:{_TUSSEN_RE}\s+)*){{0,2}}"
_STREET_NAME = (
    rf"(?:{_STREET_PREFIX}(?:(?:Van|De|Den|Het|Ter|Ten)\s+(?:{_TUSSEN_RE}\s+)*)?"
    rf"[{_UP}][\w'’\-]*?(?:{_STREET_SUFFIXES})"
    rf"|[{_UP}][\w'’\-]+\s+(?:{_BARE_STREET_WORDS})"
    rf"|(?:{_BARE_STREET_WORDS})\s+(?:{_TUSSEN_RE}\s+)+[{_UP}][\w'’\-]+)"
)
_HOUSE_NUMBER = (
    r"\d{1,4}(?:"
    r" ?[a-zA-Z](?![\w'])"
    r"| ?- ?(?:[IVX]{1,4}|\d{1,3}|[a-zA-Z]{1,2})(?![\w])"
    r"| (?:bis|hs|huis|hoog|boven|beneden|[IVX]{1,4})(?![\w])"
    r")?(?![\d])(?![.,:]\d)"
)
_POSTCODE = r"[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\w])"
_STREET_ADDRESS_RE: Final = re.compile(
    rf"(?<![\w]){_STREET_NAME}\s+(?:nr\.?\s*)?{_HOUSE_NUMBER}(?:,? +{_POSTCODE})?"
)
_POSTCODE_ADDRESS_RE: Final = re.compile(
    rf"(?<![\w]){_POSTCODE},? *(?:(?:nr|no|nummer|huisnummer)\.? *)?{_HOUSE_NUMBER}"
)
_NUMBER_IN_STREET_RE: Final = re.compile(
    rf"(?<![\w])(?:huis)?nummer\s+{_HOUSE_NUMBER}\s+(?:in|aan|op|van)\s+(?:de|het)\s+"
    rf"{_STREET_NAME}(?![\w])"
)
_NEXT_WORD_RE: Final = re.compile(r" +([^\W\d_]+|%)")
_QUANTITY_WORDS: Final = words(
    "jongeren kinderen mensen personen bewoners volwassenen ouderen gezinnen huishoudens"
    " woningen meldingen keer maal uur minuten dagen weken maanden jaar jaren procent euro"
    " scooters fietsen auto's agenten leerlingen deelnemers vrouwen mannen meiden jongens man"
    " stuks meter km m % x"
)


def find_addresses(text: str) -> Iterator[Finding]:
    for regex in (_STREET_ADDRESS_RE, _POSTCODE_ADDRESS_RE, _NUMBER_IN_STREET_RE):
        for match in regex.finditer(text):
            if not _followed_by_quantity(text, match.end()):
                yield Finding("adres", match.start(), match.end(), match.group())
    for match in _POSTCODE_RE.finditer(text):
        if match.group("letters") not in _NOT_POSTCODE_LETTERS:
            yield Finding("adres", match.start(), match.end(), match.group())


# A six-character postcode covers a street side of some twenty homes: flagged on its own.
# A year followed by a common two-letter abbreviation ("sinds 2022 OM en politie") is not.
_POSTCODE_RE: Final = re.compile(r"(?<![\w])[1-9]\d{3} ?(?!SA|SD|SS)(?P<letters>[A-Z]{2})(?![\w])")
_NOT_POSTCODE_LETTERS: Final = frozenset(
    {"OM", "BO", "PO", "SO", "VO", "HO", "WO", "IB", "WW", "EU", "NL", "AH", "KV", "CJ"}
)


def _followed_by_quantity(text: str, end: int) -> bool:
    match = _NEXT_WORD_RE.match(text, end)
    return bool(match and match.group(1).lower() in _QUANTITY_WORDS)
