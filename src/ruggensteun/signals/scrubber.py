"""Personal-data scrubber for qualitative signals written by neighbourhood professionals.

Signals are short Dutch narratives ("Sinds de zomer zien we meer jongeren ..."). They must not
contain personal data. `scrub(text)` finds eight kinds of personal data, replaces each with a Dutch
placeholder and explains in Dutch what was found, without repeating the data itself::

    result = scrub("Bel mevrouw Bakker op 06-12345678.")
    result.clean         # False
    result.findings      # [Finding("naam", 12, 18, "Bakker"), Finding("telefoon", 22, 33, ...)]
    result.redacted      # "Bel mevrouw [naam verwijderd] op [telefoonnummer verwijderd]."
    result.explanation   # "Uw tekst bevat een telefoonnummer en een naam. ..."

The module is pure Python (no Django) so that it is cheap to test and reuse.

Normalisation
-------------
Before any pattern runs, the text is normalised (`normalise`): NFKC folds full-width digits,
letters and ``＠`` to ASCII; Unicode dashes become ``-``; invisible formatting characters
(Unicode category Cf: zero-width space/joiners, word joiner, soft hyphen, byte-order mark,
direction marks) are removed, so they cannot split a number or an address. Findings and the
redacted text refer to the normalised text.

Kinds and decisions
-------------------
bsn
    Nine digits, written together (``111222333``) or in two to four groups of two to four
    digits with one separator throughout (``123.456.782``, ``1234.56.782``, ``12 34 56 782``,
    ``271-828-183``), that pass the elfproef (9*d1 + 8*d2 + ... + 2*d8 - 1*d9 divisible by
    11, not all zeros).
    Nine-digit numbers failing the test are not a BSN. An eight-digit number counts (with a
    leading zero added) only right after the word BSN, burgerservicenummer or sofinummer,
    because eight digits are too often something else. A number directly after "€"/"EUR" or
    followed by "euro" is an amount, not a BSN ("€ 105.000.000" passes the elfproef).
telefoon
    Dutch numbers: ten digits starting with 0 (06-12345678, 020-1234567, 010 123 45 67,
    (020) 123 45 67), +31/0031 forms (with an optional "(0)"), and 0800/0900/0906/0909 service
    numbers with 4 or 7 digits. Foreign numbers written with + or 00 and a country code
    (+212 6 12 34 56 78) with 9 to 15 digits in all. Digit groups may be separated by a space,
    dash, dot or slash. Dates (12-03-2021), years, amounts, percentages, postcodes and CBS codes
    (WK047912, BU04791234, GM0479) do not qualify: they lack the leading 0 and the length, or
    follow letters.
email
    Ordinary addresses, and the obfuscated "naam at domein punt nl" / "naam [at] domein [dot] nl"
    forms when they end in a common top-level domain.
iban
    Two letters, two check digits and an account part (spaces allowed, any case). A candidate is
    cut to its country's IBAN length where that is known and accepted when the mod-97 checksum
    holds. Decision: a Dutch-shaped number (NL, two digits, four-letter bank code, ten digits)
    is flagged even when its checksum fails, because a mistyped Dutch account number is still
    an account number. Foreign IBAN-like strings with a failing checksum are not flagged.
adres
    A street name ending in straat, laan, weg, plein, gracht, kade, singel, hof, dreef, pad,
    steeg, dijk, park, baan, markt, zijde, wal, plantsoen, boulevard, allee, ring or erf (or a
    "Laan van ..." name) followed by a house number with an optional addition (12a, 4-II,
    263 bis), optionally followed by a six-character postcode; or a postcode ``1234 AB``
    followed by a house number ("1234 AB 12", "1234AB, nr 5"). A six-character postcode on
    its own ("postcode 1503 AB") is flagged too: it covers one side of a street, some twenty
    homes. Exception: a year followed by a common two-letter abbreviation ("2022 OM", "2023
    VO"). A street or square without a number ("op het Rosmolenplein") and a four-digit
    postcode area ("postcode 1503") are not flagged. "(huis)nummer 14 in de
    Bloemstraat" counts as an address too. A number followed by a count word
    ("Rosmolenplein 20 jongeren") is a count, not a house number.
naam
    Heuristics on words plus two hand-made lists (data/voornamen.txt, data/achternamen.txt):

    * a title or salutation (mevrouw, meneer, mevr., mw., dhr., de heer, familie, fam., juf,
      meester, buurman, buurvrouw, mr., dr., drs., ir., prof.) followed by a capitalised name
      ("mevrouw Bakker", "meneer De Jong", "familie Öztürk") or by a listed surname written in
      lower case ("mevrouw visser"); the title itself stays in the text;
    * a listed first name followed by an optional tussenvoegsel and a capitalised surname
      ("Jan de Vries", "Fatima El Amrani", "Mohamed Yilmaz");
    * a listed first name on its own ("sprak met Kevin"), except first names that are also
      common Dutch words (Ben, Wil, Roos, Noor, Mark, Max, ...): those need a surname;
    * initials followed by a tussenvoegsel or a listed surname ("J. van der Meer", "A. Kaya");
    * a listed surname with a tussenvoegsel, also without title, including at the start of a
      sentence ("De Jong heeft ..."): the capital J shows a surname, while "de jonge kinderen"
      is left alone; and a listed surname that is not also a Dutch word ("Yilmaz", "Ramdin"),
      together with a listed first name right before it.

    A candidate is dropped when one of its words, or a capitalised word right after it, names an
    institution or a street (ends in school, huis, centrum, kerk, fonds, straat, laan, ...): a
    school named after a person ("Jan Pieterszoon Coenschool") or a street ("Willem de
    Zwijgerlaan") is not a person. Known name-like brands ("Albert Heijn"), "Sint ..." (Sint
    Maarten), month and weekday names, and a small list of place and area names (Zaandam,
    Poelenburg, Moerwijk, Den Haag, ...) are never names.
kenteken
    Dutch licence plates in the RDW sidecodes 1-14 with hyphens (``34-KLT-7``, ``GH-56-JK``,
    ``XB-123-F``), each letter group in one case; six letters and digits without hyphens only
    right after "kenteken".
geboortedatum
    A full date (``12-03-1985``, ``17/05/1983``, ``09.10.1961``, ``1 februari 1992``) after a
    birth cue (geboren, geb., geboortedatum); and any full numeric date with a year before 2010
    without a cue. Decision: signals describe the present (the programme starts in 2020), so an
    old full date is almost always a date of birth, while event dates ("op 12-03-2021", "sinds
    12 maart") stay. A year of birth alone ("geboren in 1985") is not flagged.

Limitations
-----------
* Names are found by heuristics: an unlisted first name on its own ("een oudere jongen, Dani")
  or with an unlisted surname and no title is missed, and so are lone surnames that are also
  Dutch words ("Bakker" without title or first name). Names typed in lower case are found only
  after a title ("mevrouw visser").
* A first name followed by a capitalised word is taken as a name, so an organisation that
  starts with a person's name and does not end in an institution word is flagged ("Stichting
  Jan Pieter Heije"), and a name followed by "van <Organisatie>" may be redacted together with
  it ("Kevin van Buurtzorg"). Both err on the safe side.
* Names of public figures are treated like any other name when they match the rules.
* Descriptions that identify a person without naming them ("de enige kapper in de straat",
  "het gezin met de blauwe bus"), case numbers, foreign licence plates and recent dates of
  birth without a cue are not detected. The explanation therefore asks the writer to check
  this themselves.
* Street names without a recognised suffix ("Dam 1", "Oude Haven 5") are missed, and so are
  house numbers written in words.
* Phone numbers split by words or written in unusual groupings, and e-mail addresses obfuscated
  in other ways than above, are missed.
* The corpus in tests/signals/scrubber_corpus.toml was written by the same author as this code
  (a first batch before the implementation, a held-out batch after it); its scores are an
  optimistic estimate for real signals. tests/signals/scrubber_heldout.toml was written (and
  committed) before normalisation, postcodes, plates, dates of birth and grouped BSNs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
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


def normalise(text: str) -> str:
    """The text as the patterns expect it: NFKC (full-width digits, letters and ＠ become
    ASCII, no-break spaces plain spaces), Unicode dashes a plain hyphen, and invisible
    formatting characters (category Cf: zero-width spaces and joiners, word joiner, soft
    hyphen, byte-order mark, direction marks) removed, so they cannot split a number."""
    folded = unicodedata.normalize("NFKC", text).translate(_DASHES)
    return "".join(char for char in folded if unicodedata.category(char) != "Cf")


_DASHES: Final = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2212\ufe63", "-"))


def scrub(text: str) -> ScrubResult:
    """Find personal data in `text` and return the findings with a redacted copy. Offsets,
    finding texts and the redacted copy refer to the normalised text (see `normalise`)."""
    text = normalise(text)
    candidates = [
        *_find_plates(text),
        *_find_birth_dates(text),
        *_find_ibans(text),
        *_find_emails(text),
        *_find_bsns(text),
        *_find_phones(text),
        *_find_addresses(text),
        *_find_names(text),
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


# --------------------------------------------------------------------------- word helpers


def _fold(word: str) -> str:
    """Lower case without diacritics, so 'Öztürk', 'Ozturk' and 'öztürk' compare equal."""
    word = word.replace("ı", "i").replace("İ", "I").replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _words(text: str) -> frozenset[str]:
    return frozenset(_fold(word) for word in text.split())


# --------------------------------------------------------------------------- checksums


def elfproef(digits: str) -> bool:
    """The BSN 11-test on nine digits: 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = sum(weight * int(d) for weight, d in zip(range(9, 1, -1), digits[:8], strict=True))
    return (total - int(digits[8])) % 11 == 0


def iban_is_valid(iban: str) -> bool:
    """The ISO 13616 mod-97 check: move the first four characters to the end, letters to
    numbers (A=10 ... Z=35); the resulting number modulo 97 must be 1."""
    compact = iban.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


# --------------------------------------------------------------------------- e-mail

_TLD = r"(?:nl|com|org|net|eu|be|de|info|nu|io|biz|fr|uk)"
_AT = r"(?:\s*\[at\]\s*|\s*\(at\)\s*|\s+at\s+|\s+apenstaartje\s+)"
_DOT = r"(?:\s*\[(?:dot|punt)\]\s*|\s*\((?:dot|punt)\)\s*|\s+(?:dot|punt)\s+)"
_EMAIL_RE: Final = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])"
    rf"|(?<![\w.+-])[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}{_TLD}(?![\w-])",
    re.IGNORECASE,
)


def _find_emails(text: str) -> Iterator[Finding]:
    for match in _EMAIL_RE.finditer(text):
        yield Finding("email", match.start(), match.end(), match.group())


# --------------------------------------------------------------------------- IBAN

_IBAN_RE: Final = re.compile(
    r"(?<![\w])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?(?![\w])"
)
_NL_IBAN_SHAPE: Final = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")
_IBAN_LENGTHS: Final[dict[str, int]] = {
    "NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "ES": 24, "IT": 27, "PT": 25, "PL": 28,
    "TR": 26, "MA": 28, "LU": 20, "AT": 20, "CH": 21, "IE": 22, "DK": 18, "SE": 24, "NO": 15,
    "FI": 18, "BG": 22, "RO": 24, "GR": 27, "HU": 28, "CZ": 24, "SK": 24,
}  # fmt: skip


def _find_ibans(text: str) -> Iterator[Finding]:
    for match in _IBAN_RE.finditer(text):
        finding = _iban_from_match(match)
        if finding is not None:
            yield finding


def _iban_from_match(match: re.Match[str]) -> Finding | None:
    raw = match.group()
    positions = [i for i, char in enumerate(raw) if char != " "]
    compact = raw.replace(" ", "").upper()
    known = _IBAN_LENGTHS.get(compact[:2])
    lengths = [known] if known else list(range(len(compact), 14, -1))
    for length in lengths:
        candidate = compact[:length]
        if len(candidate) == length and (
            iban_is_valid(candidate) or _NL_IBAN_SHAPE.fullmatch(candidate)
        ):
            end = match.start() + positions[length - 1] + 1
            return Finding("iban", match.start(), end, match.string[match.start() : end])
    return None


# --------------------------------------------------------------------------- BSN

_NUMBER_START = r"(?<![\w+@/,\-])(?<!\d[. ])"
_BSN_RE: Final = re.compile(
    _NUMBER_START
    + r"(?:\d{9}|\d{2,4}(?P<sep>[. \-])\d{2,4}(?:(?P=sep)\d{2,4}){1,2})"
    + r"(?![\w])(?![.,\-]\d)(?! \d)"
)
_BSN8_RE: Final = re.compile(
    r"\b(?:bsn|burgerservicenummer|sofinummer|sofi-nummer)\b[\s:.\-]*(?:nr\.?|nummer)?[\s:]*"
    r"(\d{8})(?![\w])",
    re.IGNORECASE,
)
_CURRENCY_BEFORE: Final = re.compile(r"(?:€|\beur\b|\beuro\b)\s*$", re.IGNORECASE)
_CURRENCY_AFTER: Final = re.compile(r"\s*(?:euro|eur)\b", re.IGNORECASE)


def _find_bsns(text: str) -> Iterator[Finding]:
    for match in _BSN_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if (
            elfproef(digits)
            and not _is_amount(text, match.start(), match.end())
            and not _DATE_RE.search(match.group())
        ):
            yield Finding("bsn", match.start(), match.end(), match.group())
    for match in _BSN8_RE.finditer(text):
        if elfproef("0" + match.group(1)):
            yield Finding("bsn", match.start(1), match.end(1), match.group(1))


def _is_amount(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 6) : start]
    return bool(_CURRENCY_BEFORE.search(before) or _CURRENCY_AFTER.match(text, end))


# --------------------------------------------------------------------------- telephone

_PHONE_RE: Final = re.compile(
    _NUMBER_START
    + r"(?:(?:\+|00) ?\d{1,3} ?(?:\(0\) ?)?|\(0\d{1,3}\) ?)?"
    + r"\d(?:(?: ?[\-./] ?| )?\d){5,13}(?!\w)"
)
_DATE_RE: Final = re.compile(
    r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])[\-/.](?:0?[1-9]|1[0-2])[\-/.](?:19|20)\d{2}(?!\d)"
)
_SERVICE_PREFIXES: Final = frozenset({"0800", "0900", "0906", "0909"})


def _find_phones(text: str) -> Iterator[Finding]:
    for match in _PHONE_RE.finditer(text):
        finding = _phone_from_match(match)
        if finding is not None:
            yield finding


def _phone_from_match(match: re.Match[str]) -> Finding | None:
    """The longest prefix of the match, ending after a digit group, that is a valid number."""
    raw = match.group()
    group_ends = [m.end() for m in re.finditer(r"\d+", raw)]
    for end in reversed(group_ends):
        candidate = raw[:end]
        if _is_phone_number(candidate):
            return Finding("telefoon", match.start(), match.start() + end, candidate)
    return None


def _is_phone_number(candidate: str) -> bool:
    if _DATE_RE.search(candidate):
        return False
    if candidate.startswith(("+", "00")):
        digits = re.sub(r"\D", "", candidate.replace("(0)", ""))
        digits = digits[2:] if candidate.startswith("00") else digits
        if digits.startswith("31"):
            return _is_dutch_number("0" + digits[2:])
        return 9 <= len(digits) <= 15
    return _is_dutch_number(re.sub(r"\D", "", candidate))


def _is_dutch_number(digits: str) -> bool:
    if len(digits) < 8 or digits[0] != "0" or digits[1] == "0":
        return False
    if digits[:4] in _SERVICE_PREFIXES:
        return len(digits) in (8, 11)
    return len(digits) == 10


# --------------------------------------------------------------------------- address

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
_QUANTITY_WORDS: Final = _words(
    "jongeren kinderen mensen personen bewoners volwassenen ouderen gezinnen huishoudens"
    " woningen meldingen keer maal uur minuten dagen weken maanden jaar jaren procent euro"
    " scooters fietsen auto's agenten leerlingen deelnemers vrouwen mannen meiden jongens man"
    " stuks meter km m % x"
)


def _find_addresses(text: str) -> Iterator[Finding]:
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


# --------------------------------------------------------------------------- licence plate

# Dutch sidecodes 1-14 (RDW): X letter, 9 digit, groups separated by hyphens; each letter group
# in one case. Without hyphens a plate is only taken after the word "kenteken".
_L = r"(?:[A-Z]{%d}|[a-z]{%d})"
_SIDECODES: Final = (
    "LL-99-99", "99-99-LL", "99-LL-99", "LL-99-LL", "LL-LL-99", "99-LL-LL", "99-LLL-9",
    "9-LLL-99", "LL-999-L", "L-999-LL", "LLL-99-L", "L-99-LLL", "9-LL-999", "999-LL-9",
)  # fmt: skip


def _sidecode_regex(code: str) -> str:
    groups = []
    for group in code.split("-"):
        n = len(group)
        groups.append(_L % (n, n) if group[0] == "L" else rf"\d{{{n}}}")
    return "-".join(groups)


_PLATE_RE: Final = re.compile(
    r"(?<![\w\-])(?:" + "|".join(_sidecode_regex(c) for c in _SIDECODES) + r")(?![\w]|-\w)"
)
_PLATE_CUED_RE: Final = re.compile(
    r"\bkenteken(?:nummer)?\s*:?\s*(?P<plate>(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])"
    r"[A-Za-z0-9]{6})(?![\w])",
    re.IGNORECASE,
)


def _find_plates(text: str) -> Iterator[Finding]:
    for match in _PLATE_RE.finditer(text):
        yield Finding("kenteken", match.start(), match.end(), match.group())
    for match in _PLATE_CUED_RE.finditer(text):
        yield Finding("kenteken", match.start("plate"), match.end("plate"), match.group("plate"))


# --------------------------------------------------------------------------- date of birth

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_NUMERIC_DATE = r"(?:0?[1-9]|[12]\d|3[01])(?P<s>[\-/.])(?:0?[1-9]|1[0-2])(?P=s)(?:19|20)\d{2}"
_WORD_DATE = rf"(?:0?[1-9]|[12]\d|3[01])\.? (?:{_MONTHS})\.? (?:19|20)\d{{2}}"
_BIRTH_CUED_RE: Final = re.compile(
    r"\b(?:geboren|geb\.|geb\b|geboortedatum|geboortedag|d\.o\.b\.?)"
    rf"(?:\s*(?:op|is|:|,|\()\s*|\s+)*(?P<date>{_NUMERIC_DATE}|{_WORD_DATE})(?!\d)",
    re.IGNORECASE,
)
_OLD_DATE_RE: Final = re.compile(
    r"(?<![\d\-/.])(?:0?[1-9]|[12]\d|3[01])(?P<s>[\-/.])(?:0?[1-9]|1[0-2])(?P=s)"
    r"(?:19\d{2}|200\d)(?![\d\-/])"
)


def _find_birth_dates(text: str) -> Iterator[Finding]:
    """A full date after a birth cue; and any full numeric date before 2010, since signals
    describe the present and such a date is almost always somebody's date of birth."""
    for match in _BIRTH_CUED_RE.finditer(text):
        yield Finding("geboortedatum", match.start("date"), match.end("date"), match.group("date"))
    for match in _OLD_DATE_RE.finditer(text):
        yield Finding("geboortedatum", match.start(), match.end(), match.group())


def _followed_by_quantity(text: str, end: int) -> bool:
    match = _NEXT_WORD_RE.match(text, end)
    return bool(match and match.group(1).lower() in _QUANTITY_WORDS)


# --------------------------------------------------------------------------- names


@cache
def _name_list(filename: str) -> frozenset[str]:
    """A name list from data/, folded, comments and blank lines left out. Loaded once."""
    data = resources.files("ruggensteun.signals").joinpath("data").joinpath(filename)
    lines = data.read_text(encoding="utf-8").splitlines()
    return frozenset(_fold(line.strip()) for line in lines if line.strip() and line[0] != "#")


def first_names() -> frozenset[str]:
    """The folded first names from data/voornamen.txt."""
    return _name_list("voornamen.txt")


def surnames() -> frozenset[str]:
    """The folded surnames (with tussenvoegsels, 'van der meer') from data/achternamen.txt."""
    return _name_list("achternamen.txt")


_TITLES: Final = _words(
    "mevrouw mevr mw mvr meneer mnr dhr familie fam juf meester buurman buurvrouw mr dr drs ir prof"
)
_TUSSENVOEGSELS: Final = _words(
    "van de der den het t ter ten von vd la le du da dos das di del della el al ait bin ibn abu"
)
# After a lowercase "van de" the following word is usually an organisation ("mevrouw van de
# Voedselbank"), so such a surname must be on the list.
_ARTICLE_AFTER_VAN: Final = _words("de den het t")
# First names that are also ordinary Dutch words; on their own they are not flagged.
_AMBIGUOUS_FIRST_NAMES: Final = _words(
    "ben wil lieve roos hoop job bas merel jet noor floor lot fleur mark max ad can isa amber"
    " jade mees mats els iris"
)
# Surnames that are also Dutch words; on their own (without title or first name) not flagged.
_WORDLIKE_SURNAMES: Final = _words(
    "bakker visser mulder bos vos kok post prins blom maas koster kramer kuiper kuipers dekker"
    " smit brouwer schipper timmerman molenaar koopman baas schaap zwart groen koning hoek wolf"
    " haan vink beek boer veen dam wit roos boon klein keizer mol kroon evers sanders lie tan"
    " lin kara kurt fer linger martina jacobs"
)
_MONTHS_AND_DAYS: Final = _words(
    "januari februari maart april mei juni juli augustus september oktober november december"
    " maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"
)
_PLACES: Final = _words(
    "zaandam zaanstad zaandijk krommenie wormerveer assendelft westzaan poelenburg peldersveld"
    " kogerveld rosmolenwijk moerwijk schilderswijk transvaal laak escamp rotterdam amsterdam"
    " utrecht haag heerlen hoogvliet charlois feijenoord delfshaven kanaleneiland overvecht"
    " zuilen bijlmer slotervaart osdorp geuzenveld tilburg eindhoven groningen arnhem nijmegen"
    " leeuwarden almere lelystad zwolle enschede breda dordrecht leiden haarlem delft schiedam"
    " vlaardingen maastricht venlo helmond emmen nederland marokko turkije suriname curacao"
    " aruba bonaire belgie duitsland polen syrie eritrea somalie afghanistan zuidwest noord"
    " oost zuid west centrum"
)
_STOP_WORDS: Final = (
    _words(
        "de het een en of maar ik jij je u hij zij ze wij we jullie er hier daar dit dat deze die"
        " wat wie waar hoe waarom wanneer in op bij met van voor na naar om uit tot over door sinds"
        " tijdens als ook nog al niet geen wel veel heel sint st gemeente politie ggd wijkteam"
        " buurtteam stichting corporatie woningcorporatie school nederlands nederlandse marokkaans"
        " marokkaanse turks turkse surinaams surinaamse antilliaans antilliaanse pools poolse"
        " kerst pasen pinksteren ramadan suikerfeest offerfeest koningsdag sinterklaas"
    )
    | _MONTHS_AND_DAYS
    | _PLACES
)
_INSTITUTION_WORDS: Final = _words(
    "stichting school huis centrum kerk moskee tempel fonds museum college lyceum academie"
    " ziekenhuis kliniek bv nv vof arena stadion station bibliotheek theater"
)
_INSTITUTION_SUFFIXES: Final = (
    "school", "college", "lyceum", "huis", "centrum", "kerk", "moskee", "fonds", "stichting",
    "museum", "ziekenhuis", "kliniek", "stadion", "tunnel", "brug", "prijs", "zaal", "gebouw",
    "buurt", "wijk", "polder", "haven", "station", "theater", "straat", "laan", "weg", "plein",
    "gracht", "kade", "singel", "hof", "dreef", "pad", "steeg", "dijk", "park", "baan", "markt",
    "zijde", "plantsoen", "boulevard",
)  # fmt: skip
_NAME_LIKE_BRANDS: Final = ("albert heijn", "johan cruijff arena", "anne frank")
_SAINTS: Final = _words("sint st")
_WORD_RE: Final = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_INITIAL_GAP_RE: Final = re.compile(r"\.[ \t]*")
_TITLE_GAP_RE: Final = re.compile(r"\.?[ \t]+")
_MAX_BODY: Final = 5


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    key: str  # folded text

    @property
    def capitalised(self) -> bool:
        """Starts with a capital and is not all capitals (GGD, A)."""
        return self.text[0].isupper() and any(c.islower() for c in self.text)


def _find_names(text: str) -> Iterator[Finding]:
    scanner = _NameScanner(text)
    for index in range(len(scanner.tokens)):
        span = scanner.span_at(index)
        if span is not None:
            start, end = scanner.tokens[span[0]].start, scanner.tokens[span[1]].end
            yield Finding("naam", start, end, text[start:end])


class _NameScanner:
    """Walks the words of a text and proposes name spans as (first, last) word indices."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = [
            _Token(m.group(), m.start(), m.end(), _fold(m.group())) for m in _WORD_RE.finditer(text)
        ]

    def span_at(self, i: int) -> tuple[int, int] | None:
        """The name starting at word i (after a title: the words after it), if any."""
        return self._titled(i) or self._initials(i) or self._first_name(i) or self._surname(i)

    # -- gaps between words

    def _gap(self, i: int) -> str | None:
        if i + 1 >= len(self.tokens):
            return None
        return self.text[self.tokens[i].end : self.tokens[i + 1].start]

    def _joined(self, i: int) -> bool:
        """Word i and i+1 are separated by spaces only (no punctuation, no line break)."""
        gap = self._gap(i)
        return bool(gap) and gap is not None and gap.strip(" \t\u00a0") == ""

    def _is_initial(self, i: int) -> bool:
        token, gap = self.tokens[i], self._gap(i)
        return (
            len(token.text) == 1
            and token.text.isupper()
            and gap is not None
            and bool(_INITIAL_GAP_RE.fullmatch(gap))
        )

    def _continues(self, i: int) -> bool:
        return self._is_initial(i) or self._joined(i)

    # -- word classes

    def _is_name_word(self, i: int) -> bool:
        token = self.tokens[i]
        return token.capitalised and len(token.text) > 1 and token.key not in _STOP_WORDS

    def _is_first_name(self, i: int) -> bool:
        token = self.tokens[i]
        names = first_names()
        return (
            self._is_name_word(i)
            and token.key not in _TUSSENVOEGSELS
            and all(part in names for part in token.key.split("-"))
        )

    def _is_tussenvoegsel(self, i: int) -> bool:
        token = self.tokens[i]
        return token.key in _TUSSENVOEGSELS and not token.text.isupper()

    def _is_institution(self, i: int) -> bool:
        key = self.tokens[i].key
        if key in _INSTITUTION_WORDS:
            return True
        suffixed = any(key.endswith(s) and len(key) > len(s) for s in _INSTITUTION_SUFFIXES)
        return suffixed and not _surname_listed([key])

    # -- rules

    def _titled(self, i: int) -> tuple[int, int] | None:
        """Rule 1: title or salutation + name ('mevrouw Bakker', 'de heer A. Kaya')."""
        j = i + self._title_length(i)
        if j == i or j >= len(self.tokens):
            return None
        if not _TITLE_GAP_RE.fullmatch(self.text[self.tokens[j - 1].end : self.tokens[j].start]):
            return None
        lower = self._listed_surname_end(j, capitalised=False)
        if lower is not None:
            return (j, lower)
        for end in self._body_ends(j):
            if self._valid_body(j, end):
                return (j, end)
        return None

    def _title_length(self, i: int) -> int:
        token = self.tokens[i]
        if token.text.isupper() and len(token.text) > 1:
            return 0
        if token.key in _TITLES:
            return 1
        if token.key == "de" and self._joined(i) and self.tokens[i + 1].key == "heer":
            return 2
        return 0

    def _initials(self, i: int) -> tuple[int, int] | None:
        """Rule 2: initials + tussenvoegsel or listed surname ('J. van der Meer')."""
        if not self._is_initial(i) or (i > 0 and self._is_initial(i - 1)):
            return None
        for end in self._body_ends(i):
            initials = sum(1 for k in range(i, end) if self._is_initial(k))
            strong = initials > 1 or self._has_tussenvoegsel(i, end) or self._listed_at(i, end)
            if strong and self._valid_body(i, end) and self._free_standing(i, end):
                return (i, end)
        return None

    def _first_name(self, i: int) -> tuple[int, int] | None:
        """Rule 3: listed first name, with surname ('Jan de Vries') or alone ('Kevin')."""
        if not self._is_first_name(i) or self._after_saint(i):
            return None
        ambiguous = self.tokens[i].key in _AMBIGUOUS_FIRST_NAMES
        ends = self._body_ends(i + 1) if self._joined(i) else []
        for end in ends:
            strong = self._has_tussenvoegsel(i + 1, end) or self._listed_at(i + 1, end)
            plausible = (strong or not ambiguous) and self._valid_body(i + 1, end)
            if plausible and self._free_standing(i, end):
                return (i, end)
        if not ambiguous and self._free_standing(i, i):
            return (i, i)
        return None

    def _surname(self, i: int) -> tuple[int, int] | None:
        """Rule 4: listed surname with tussenvoegsel ('De Jong') or distinctive ('Yilmaz')."""
        if self._is_tussenvoegsel(i):
            end = self._listed_surname_end(i, capitalised=True)
            if end is not None and self._free_standing(i, end):
                return (i, end)
            return None
        token = self.tokens[i]
        if not self._is_name_word(i) or token.key in _WORDLIKE_SURNAMES:
            return None
        if not any(part in surnames() for part in token.key.split("-")):
            return None
        start = i - 1 if i > 0 and self._joined(i - 1) and self._is_first_name(i - 1) else i
        return (start, i) if self._free_standing(start, i) else None

    # -- helpers for the rules

    def _body_ends(self, j: int) -> list[int]:
        """Word indices k such that words j..k could be a name body, longest first.

        A body is a run of initials, capitalised name words and tussenvoegsels; it ends on a
        name word, and the first name word after a tussenvoegsel is the surname that ends it.
        """
        ends: list[int] = []
        seen_tussenvoegsel = False
        k = j
        while k < len(self.tokens) and k - j < _MAX_BODY:
            if self._is_tussenvoegsel(k):
                seen_tussenvoegsel = True
            elif self._is_name_word(k) and not self._is_initial(k):
                ends.append(k)
                if seen_tussenvoegsel:
                    break
            elif not self._is_initial(k):
                break
            if not self._continues(k):
                break
            k += 1
        return ends[::-1]

    def _valid_body(self, j: int, end: int) -> bool:
        if any(self._is_institution(k) for k in range(j, end + 1)):
            return False
        keys = [self.tokens[k].key for k in range(j, end + 1)]
        texts = [self.tokens[k].text for k in range(j, end + 1)]
        for k in range(len(keys) - 1):
            van_de = texts[k] == "van" and keys[k + 1] in _ARTICLE_AFTER_VAN
            if van_de and not self._listed_at(j + k, end):
                return False
        return True

    def _has_tussenvoegsel(self, j: int, end: int) -> bool:
        return any(self._is_tussenvoegsel(k) for k in range(j, end + 1))

    def _listed_at(self, j: int, end: int) -> bool:
        """Whether the surname ending at word `end` (with its tussenvoegsels) is listed."""
        start = end
        while start > j and self._is_tussenvoegsel(start - 1):
            start -= 1
        return _surname_listed([self.tokens[k].key for k in range(start, end + 1)])

    def _listed_surname_end(self, j: int, *, capitalised: bool) -> int | None:
        """End index when words j.. are tussenvoegsels + one word forming a listed surname."""
        k = j
        while k < len(self.tokens) - 1 and self._is_tussenvoegsel(k) and self._joined(k):
            k += 1
        token = self.tokens[k]
        if self._is_tussenvoegsel(k) or token.capitalised != capitalised:
            return None
        if capitalised and k == j:
            return None
        keys = [self.tokens[m].key for m in range(j, k + 1)]
        return k if _surname_listed(keys) and token.key not in _STOP_WORDS else None

    def _after_saint(self, i: int) -> bool:
        if i == 0:
            return False
        gap = self._gap(i - 1) or ""
        return self.tokens[i - 1].key in _SAINTS and gap.strip(" .") == ""

    def _free_standing(self, start: int, end: int) -> bool:
        """Not part of a saint's name, an institution, a street or a name-like brand."""
        if self._after_saint(start):
            return False
        last = self._chain_end(end)
        if any(self._is_institution(k) for k in range(start, last + 1)):
            return False
        phrase = " ".join(self.tokens[k].key for k in range(start, last + 1))
        return not phrase.startswith(_NAME_LIKE_BRANDS)

    def _chain_end(self, end: int) -> int:
        """Last word of the capitalised run right after word `end`, through tussenvoegsels
        ('Willem' -> 'Willem de Zwijgerlaan'), at most four words on."""
        last = end
        while last + 1 < len(self.tokens) and last - end < 4 and self._joined(last):
            following = last + 1
            if not (self.tokens[following].capitalised or self._is_tussenvoegsel(following)):
                break
            last = following
        return last


def _surname_listed(keys: list[str]) -> bool:
    """Whether folded words (tussenvoegsels + surname, maybe double-barrelled) are listed."""
    names = surnames()
    *prefix, last = keys
    options = {" ".join(keys)}
    parts = last.split("-")
    if len(parts) > 1:  # double-barrelled: 'de Boer-Smit' counts when 'de Boer' or 'Smit' does
        options.update(" ".join([*prefix, part]) for part in parts)
        options.update(parts)
    return not options.isdisjoint(names)
