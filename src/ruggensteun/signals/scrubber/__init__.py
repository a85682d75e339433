"""Personal-data scrubber for qualitative signals written by neighbourhood professionals.

Signals are short Dutch narratives ("Sinds de zomer zien we meer jongeren ..."). They must not
contain personal data. `scrub(text)` finds eight kinds of personal data, replaces each with a Dutch
placeholder and explains in Dutch what was found, without repeating the data itself::

    result = scrub("Bel mevrouw Bakker op 06-12345678.")
    result.clean         # False
    result.findings      # [Finding("naam", 12, 18, "Bakker"), Finding("telefoon", 22, 33, ...)]
    result.redacted      # "Bel mevrouw [naam verwijderd] op [telefoonnummer verwijderd]."
    result.explanation   # "Uw tekst bevat een telefoonnummer en een naam. ..."

The package is pure Python (no Django) so that it is cheap to test and reuse. Its modules follow
the sections below: `text` (normalisation, word folding), `checksums`, one module per kind
(`bsns`, `phones`, `emails`, `ibans`, `addresses`, `plates`, `dates`, `names` with its
`namelists`), `findings` (kinds, `Finding`, `ScrubResult`) and `api` (`scrub`).

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

from .api import scrub
from .checksums import elfproef, iban_is_valid
from .findings import KINDS, PLACEHOLDERS, Finding, Kind, ScrubResult
from .namelists import first_names, surnames
from .text import normalise

__all__ = [
    "KINDS",
    "PLACEHOLDERS",
    "Finding",
    "Kind",
    "ScrubResult",
    "elfproef",
    "first_names",
    "iban_is_valid",
    "normalise",
    "scrub",
    "surnames",
]
