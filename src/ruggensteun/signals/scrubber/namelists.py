"""The word lists the name rules use: the shipped first names and surnames (data/), titles,
tussenvoegsels, and the words that are never a name."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Final

from .text import fold, words


@cache
def _name_list(filename: str) -> frozenset[str]:
    """A name list from data/, folded, comments and blank lines left out. Loaded once."""
    data = resources.files("ruggensteun.signals").joinpath("data").joinpath(filename)
    lines = data.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and line[0] != "#")


def first_names() -> frozenset[str]:
    """The folded first names from data/voornamen.txt."""
    return _name_list("voornamen.txt")


def surnames() -> frozenset[str]:
    """The folded surnames (with tussenvoegsels, 'van der meer') from data/achternamen.txt."""
    return _name_list("achternamen.txt")


TITLES: Final = words(
    "mevrouw mevr mw mvr meneer mnr dhr familie fam juf meester buurman buurvrouw mr dr drs ir prof"
)
TUSSENVOEGSELS: Final = words(
    "van de der den het t ter ten von vd la le du da dos das di del della el al ait bin ibn abu"
)
# After a lowercase "van de" the following word is usually an organisation ("mevrouw van de
# Voedselbank"), so such a surname must be on the list.
ARTICLE_AFTER_VAN: Final = words("de den het t")
# First names that are also ordinary Dutch words; on their own they are not flagged.
AMBIGUOUS_FIRST_NAMES: Final = words(
    "ben wil lieve roos hoop job bas merel jet noor floor lot fleur mark max ad can isa amber"
    " jade mees mats els iris"
)
# Surnames that are also Dutch words; on their own (without title or first name) not flagged.
WORDLIKE_SURNAMES: Final = words(
    "bakker visser mulder bos vos kok post prins blom maas koster kramer kuiper kuipers dekker"
    " smit brouwer schipper timmerman molenaar koopman baas schaap zwart groen koning hoek wolf"
    " haan vink beek boer veen dam wit roos boon klein keizer mol kroon evers sanders lie tan"
    " lin kara kurt fer linger martina jacobs"
)
_MONTHS_AND_DAYS: Final = words(
    "januari februari maart april mei juni juli augustus september oktober november december"
    " maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"
)
_PLACES: Final = words(
    "zaandam zaanstad zaandijk krommenie wormerveer assendelft westzaan poelenburg peldersveld"
    " kogerveld rosmolenwijk moerwijk schilderswijk transvaal laak escamp rotterdam amsterdam"
    " utrecht haag heerlen hoogvliet charlois feijenoord delfshaven kanaleneiland overvecht"
    " zuilen bijlmer slotervaart osdorp geuzenveld tilburg eindhoven groningen arnhem nijmegen"
    " leeuwarden almere lelystad zwolle enschede breda dordrecht leiden haarlem delft schiedam"
    " vlaardingen maastricht venlo helmond emmen nederland marokko turkije suriname curacao"
    " aruba bonaire belgie duitsland polen syrie eritrea somalie afghanistan zuidwest noord"
    " oost zuid west centrum"
)
STOP_WORDS: Final = (
    words(
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
INSTITUTION_WORDS: Final = words(
    "stichting school huis centrum kerk moskee tempel fonds museum college lyceum academie"
    " ziekenhuis kliniek bv nv vof arena stadion station bibliotheek theater"
)
INSTITUTION_SUFFIXES: Final = (
    "school", "college", "lyceum", "huis", "centrum", "kerk", "moskee", "fonds", "stichting",
    "museum", "ziekenhuis", "kliniek", "stadion", "tunnel", "brug", "prijs", "zaal", "gebouw",
    "buurt", "wijk", "polder", "haven", "station", "theater", "straat", "laan", "weg", "plein",
    "gracht", "kade", "singel", "hof", "dreef", "pad", "steeg", "dijk", "park", "baan", "markt",
    "zijde", "plantsoen", "boulevard",
)  # fmt: skip
NAME_LIKE_BRANDS: Final = ("albert heijn", "johan cruijff arena", "anne frank")
SAINTS: Final = words("sint st")
WORD_RE: Final = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
INITIAL_GAP_RE: Final = re.compile(r"\.[ \t]*")
TITLE_GAP_RE: Final = re.compile(r"\.?[ \t]+")
MAX_BODY: Final = 5
