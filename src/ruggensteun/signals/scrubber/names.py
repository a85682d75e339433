"""Names of persons, found by heuristics on words plus the shipped name lists (see the
package docstring for the rules)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .findings import Finding
from .namelists import (
    AMBIGUOUS_FIRST_NAMES,
    ARTICLE_AFTER_VAN,
    INITIAL_GAP_RE,
    INSTITUTION_SUFFIXES,
    INSTITUTION_WORDS,
    MAX_BODY,
    NAME_LIKE_BRANDS,
    SAINTS,
    STOP_WORDS,
    TITLE_GAP_RE,
    TITLES,
    TUSSENVOEGSELS,
    WORD_RE,
    WORDLIKE_SURNAMES,
    first_names,
    surnames,
)
from .text import fold


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


def find_names(text: str) -> Iterator[Finding]:
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
            _Token(m.group(), m.start(), m.end(), fold(m.group())) for m in WORD_RE.finditer(text)
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
            and bool(INITIAL_GAP_RE.fullmatch(gap))
        )

    def _continues(self, i: int) -> bool:
        return self._is_initial(i) or self._joined(i)

    # -- word classes

    def _is_name_word(self, i: int) -> bool:
        token = self.tokens[i]
        return token.capitalised and len(token.text) > 1 and token.key not in STOP_WORDS

    def _is_first_name(self, i: int) -> bool:
        token = self.tokens[i]
        names = first_names()
        return (
            self._is_name_word(i)
            and token.key not in TUSSENVOEGSELS
            and all(part in names for part in token.key.split("-"))
        )

    def _is_tussenvoegsel(self, i: int) -> bool:
        token = self.tokens[i]
        return token.key in TUSSENVOEGSELS and not token.text.isupper()

    def _is_institution(self, i: int) -> bool:
        key = self.tokens[i].key
        if key in INSTITUTION_WORDS:
            return True
        suffixed = any(key.endswith(s) and len(key) > len(s) for s in INSTITUTION_SUFFIXES)
        return suffixed and not _surname_listed([key])

    # -- rules

    def _titled(self, i: int) -> tuple[int, int] | None:
        """Rule 1: title or salutation + name ('mevrouw Bakker', 'de heer A. Kaya')."""
        j = i + self._title_length(i)
        if j == i or j >= len(self.tokens):
            return None
        if not TITLE_GAP_RE.fullmatch(self.text[self.tokens[j - 1].end : self.tokens[j].start]):
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
        if token.key in TITLES:
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
        ambiguous = self.tokens[i].key in AMBIGUOUS_FIRST_NAMES
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
        if not self._is_name_word(i) or token.key in WORDLIKE_SURNAMES:
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
        while k < len(self.tokens) and k - j < MAX_BODY:
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
            van_de = texts[k] == "van" and keys[k + 1] in ARTICLE_AFTER_VAN
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
        return k if _surname_listed(keys) and token.key not in STOP_WORDS else None

    def _after_saint(self, i: int) -> bool:
        if i == 0:
            return False
        gap = self._gap(i - 1) or ""
        return self.tokens[i - 1].key in SAINTS and gap.strip(" .") == ""

    def _free_standing(self, start: int, end: int) -> bool:
        """Not part of a saint's name, an institution, a street or a name-like brand."""
        if self._after_saint(start):
            return False
        last = self._chain_end(end)
        if any(self._is_institution(k) for k in range(start, last + 1)):
            return False
        phrase = " ".join(self.tokens[k].key for k in range(start, last + 1))
        return not phrase.startswith(NAME_LIKE_BRANDS)

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
