"""Normalisation before any pattern runs, word folding, and the number patterns that more than
one kind needs."""

from __future__ import annotations

import re
import unicodedata
from typing import Final


def normalise(text: str) -> str:
    """The text as the patterns expect it: NFKC (full-width digits, letters and ＠ become
    ASCII, no-break spaces plain spaces), Unicode dashes a plain hyphen, and invisible
    formatting characters (category Cf: zero-width spaces and joiners, word joiner, soft
    hyphen, byte-order mark, direction marks) removed, so they cannot split a number."""
    folded = unicodedata.normalize("NFKC", text).translate(_DASHES)
    return "".join(char for char in folded if unicodedata.category(char) != "Cf")


_DASHES: Final = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2212\ufe63", "-"))


def fold(word: str) -> str:
    """Lower case without diacritics, so 'Öztürk', 'Ozturk' and 'öztürk' compare equal."""
    word = word.replace("ı", "i").replace("İ", "I").replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> frozenset[str]:
    """The folded words of a space-separated word list."""
    return frozenset(fold(word) for word in text.split())


# A number does not start right after a word, +, @, /, comma, hyphen or a digit group.
NUMBER_START = r"(?<![\w+@/,\-])(?<!\d[. ])"
# A full numeric date (12-03-2021): never a phone number or a BSN.
DATE_RE: Final = re.compile(
    r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])[\-/.](?:0?[1-9]|1[0-2])[\-/.](?:19|20)\d{2}(?!\d)"
)
