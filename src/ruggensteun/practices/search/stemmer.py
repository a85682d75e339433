"""Dutch stemming for the SQLite search index and for highlighting, in pure Python.

This follows the original Snowball stemmer for Dutch (Martin Porter's, the one PostgreSQL's
`dutch` text search configuration uses through its `dutch_stem` dictionary), so a word gets the
same stem on both database backends: "eenzaamheid" and "eenzame" both become "eenzam", "ouderen"
and "oudere" both "ouder". The PostgreSQL test run compares this module with `ts_lexize`.

Written from the published description of the algorithm; kept here instead of adding a
dependency (the PyPI `snowballstemmer` 3.x ships the newer Kraaij-Pohlmann variant as "dutch",
which stems differently from PostgreSQL).
"""

from __future__ import annotations

import re
from functools import lru_cache

VOWELS = frozenset("aeiouyè")
DOUBLE_VOWELS = ("aa", "ee", "oo", "uu")
DOUBLED_ENDINGS = ("kk", "dd", "tt")
_UNACCENT = str.maketrans("äëïöüáéíóú", "aeiouaeiou")

# PostgreSQL's dutch.stop list (from Snowball): these words are not indexed on either backend.
_STOPWORD_LIST = """
de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem
dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb
hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al waren veel meer
doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd altijd doch wordt wezen
kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere
"""
STOPWORDS = frozenset(_STOPWORD_LIST.split())

# A word: letters and digits (hyphenated compounds are split into their parts).
WORD = re.compile(r"[^\W_]+")


def _is_consonant(char: str) -> bool:
    """Snowball's `non-v`: anything but a vowel (a consonantal I or Y counts as a consonant)."""
    return char not in VOWELS


def _mark_consonantal(word: str) -> str:
    """Upper-case a y at the start or after a vowel and an i between vowels: consonants there."""
    chars = list(word)
    if chars and chars[0] == "y":
        chars[0] = "Y"
    for pos in range(len(chars) - 1):
        if chars[pos] not in VOWELS:
            continue
        following = chars[pos + 1]
        if following == "i" and pos + 2 < len(chars) and chars[pos + 2] in VOWELS:
            chars[pos + 1] = "I"
        elif following == "y":
            chars[pos + 1] = "Y"
    return "".join(chars)


def _after_vowel_consonant(word: str, start: int) -> int | None:
    """The position just after the first consonant that follows a vowel, from `start` on."""
    pos = start
    while pos < len(word) and word[pos] not in VOWELS:
        pos += 1
    pos += 1
    while pos < len(word) and word[pos] in VOWELS:
        pos += 1
    return pos + 1 if pos < len(word) else None


def _regions(word: str) -> tuple[int, int]:
    """R1 and R2 as start positions; R1 leaves at least three letters before it."""
    end = len(word)
    first = _after_vowel_consonant(word, 0)
    if first is None:
        return end, end
    second = _after_vowel_consonant(word, first)
    return max(first, 3), end if second is None else second


def _undouble(word: str) -> str:
    return word[:-1] if word.endswith(DOUBLED_ENDINGS) else word


def _en_ending(word: str, suffix: str, r1: int) -> str | None:
    """Remove -en/-ene in R1 after a consonant, unless it follows "gem"; None if not removed."""
    start = len(word) - len(suffix)
    if start < r1 or start == 0 or not _is_consonant(word[start - 1]):
        return None
    if word[:start].endswith("gem"):
        return None
    return _undouble(word[:start])


def _e_ending(word: str, r1: int) -> tuple[str, bool]:
    """Remove a final -e in R1 after a consonant; also return whether it was removed."""
    start = len(word) - 1
    if word.endswith("e") and start >= r1 and start > 0 and _is_consonant(word[start - 1]):
        return _undouble(word[:start]), True
    return word, False


def _step_1(word: str, r1: int) -> str:
    """-heden → -heid; -en/-ene (see _en_ending); -s/-se in R1 after a consonant other than j."""
    if word.endswith("heden"):
        return word[:-5] + "heid" if len(word) - 5 >= r1 else word
    for suffix in ("ene", "en"):
        if word.endswith(suffix):
            return _en_ending(word, suffix, r1) or word
    for suffix in ("se", "s"):
        if word.endswith(suffix):
            start = len(word) - len(suffix)
            before = word[start - 1] if start > 0 else ""
            if start >= r1 and before and _is_consonant(before) and before != "j":
                return word[:start]
            return word
    return word


def _step_3a(word: str, r1: int, r2: int) -> str:
    """-heid in R2 not after c, then a preceding -en as in step 1."""
    start = len(word) - 4
    if word.endswith("heid") and start >= r2 and not word[:start].endswith("c"):
        word = word[:start]
        if word.endswith("en"):
            word = _en_ending(word, "en", r1) or word
    return word


def _step_3b(word: str, r1: int, r2: int, e_found: bool) -> str:
    """Derivational suffixes -end, -ing, -ig, -lijk, -baar and -bar, all within R2."""
    for suffix in ("lijk", "baar", "end", "ing", "bar", "ig"):
        if not word.endswith(suffix):
            continue
        start = len(word) - len(suffix)
        if start < r2:
            return word
        stem = word[:start]
        if suffix in {"end", "ing"}:
            if stem.endswith("ig") and start - 2 >= r2 and not stem[:-2].endswith("e"):
                return stem[:-2]
            return _undouble(stem)
        if suffix == "ig":
            return word if stem.endswith("e") else stem
        if suffix == "lijk":
            return _e_ending(stem, r1)[0]
        if suffix == "bar" and not e_found:
            return word
        return stem
    return word


def _step_4(word: str) -> str:
    """Undouble a vowel in a final consonant-vowel-vowel-consonant: "maan" → "man"."""
    if len(word) < 4:
        return word
    last, pair, before = word[-1], word[-3:-1], word[-4]
    if _is_consonant(last) and last != "I" and pair in DOUBLE_VOWELS and _is_consonant(before):
        return word[:-2] + last
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one Dutch word (lower-cased, without accents on a, e, i, o and u)."""
    word = _mark_consonantal(word.lower().translate(_UNACCENT))
    r1, r2 = _regions(word)
    word = _step_1(word, r1)
    word, e_found = _e_ending(word, r1)
    word = _step_3a(word, r1, r2)
    word = _step_3b(word, r1, r2, e_found)
    word = _step_4(word)
    return word.replace("I", "i").replace("Y", "y")


def words(text: str) -> list[str]:
    """The words of a text in order, lower-cased."""
    return [match.group(0).lower() for match in WORD.finditer(text)]


def stems(text: str) -> list[str]:
    """The stems of a text's words, stop words left out (as PostgreSQL's `dutch` does)."""
    return [stem(word) for word in words(text) if word not in STOPWORDS]
