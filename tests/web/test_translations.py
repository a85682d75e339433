"""The English catalogue is complete (issue 15 item 9): every string the code and the templates
mark for translation has an English text in locale/en/LC_MESSAGES/django.po, none is fuzzy, the
placeholders agree, and the compiled django.mo says the same as the .po.

The strings are found the way `makemessages` finds them, without GNU gettext: Python files by
their syntax tree, templates through Django's own `templatize` (what makemessages feeds xgettext).
"""

from __future__ import annotations

import ast
import contextlib
import gettext
import io
import re
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils.translation.template import templatize

import ruggensteun

PACKAGE = Path(ruggensteun.__file__).parent
CATALOGUE = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")

# Call name -> (index of the context argument or None, index of the msgid, of the plural or None),
# as Django's makemessages passes them to xgettext (--keyword=...).
KEYWORDS: dict[str, tuple[int | None, int, int | None]] = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
Key = tuple[str, str]  # (context, msgid); "" without a context


@dataclass
class Entry:
    context: str = ""
    msgid: str = ""
    plural: str = ""
    translations: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> Key:
        return (self.context, self.msgid)

    @property
    def untranslated(self) -> bool:
        return not self.translations or any(not text for text in self.translations.values())


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _unquote(text: str) -> str:
    """One .po string literal ("...") without its quotes and escapes."""
    body = text.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(0)), body)


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file (obsolete '#~' entries and the header left out)."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int] | None = None

    def close() -> None:
        nonlocal current
        if current.msgid or current.translations:
            entries.append(current)
        current = Entry()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if target and target[0] == "msgstr":
                close()
                target = None  # the flags belong to the entry that follows
            current.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and target:
            _append(current, target, _unquote(line))
        else:
            keyword, _space, literal = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and target and target[0] == "msgstr":
                close()
            target = _target(keyword)
            _append(current, target, _unquote(literal))
    close()
    return [entry for entry in entries if entry.msgid]


def _target(keyword: str) -> tuple[str, int]:
    match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
    if match:
        return ("msgstr", int(match.group(1)))
    if keyword not in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
        raise ValueError(f"unexpected line in the catalogue: {keyword}")
    return (keyword, 0)


def _append(entry: Entry, target: tuple[str, int], text: str) -> None:
    kind, index = target
    if kind == "msgstr":
        entry.translations[index] = entry.translations.get(index, "") + text
    elif kind == "msgctxt":
        entry.context += text
    elif kind == "msgid":
        entry.msgid += text
    else:
        entry.plural += text


def _call_strings(name: str, arguments: Sequence[object]) -> tuple[Key, str] | None:
    """(context, msgid) and plural of one gettext-like call, when its strings are literals."""
    context_at, msgid_at, plural_at = KEYWORDS[name]
    needed = [i for i in (context_at, msgid_at, plural_at) if i is not None]
    if len(arguments) <= max(needed) or any(not isinstance(arguments[i], str) for i in needed):
        return None
    context = str(arguments[context_at]) if context_at is not None else ""
    plural = str(arguments[plural_at]) if plural_at is not None else ""
    return (context, str(arguments[msgid_at])), plural


def python_strings(path: Path) -> dict[Key, str]:
    found: dict[Key, str] = {}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # xgettext does not look inside f-strings, so neither does this (a call there stays Dutch).
    hidden = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for inner in ast.walk(node)
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or id(node) in hidden:
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in KEYWORDS:
            continue
        arguments = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
        strings = _call_strings(name, arguments)
        if strings:
            found[strings[0]] = strings[1]
    return found


CALL = re.compile(r"\b(" + "|".join(KEYWORDS) + r")\(")


def _arguments(text: str) -> list[object]:
    """The arguments of a call whose '(' precedes `text`: literals as values, others as None."""
    arguments: list[object] = []
    current: object = None
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    with contextlib.suppress(tokenize.TokenError):
        for token in tokens:
            if token.type == tokenize.STRING:
                # Adjacent literals concatenate, as in Python.
                value = ast.literal_eval(token.string)
                current = current + value if isinstance(current, str) else value
            elif token.string in (",", ")"):
                arguments.append(current)
                current = None
                if token.string == ")":
                    break
    return arguments


def template_strings(path: Path) -> dict[Key, str]:
    """The strings of a template, from the Python-like text `templatize` writes for xgettext."""
    found: dict[Key, str] = {}
    for line in templatize(path.read_text(encoding="utf-8"), origin=str(path)).splitlines():
        for match in CALL.finditer(line):
            strings = _call_strings(match.group(1), _arguments(line[match.end() :]))
            if strings:
                found[strings[0]] = strings[1]
    return found


def marked_strings() -> dict[Key, tuple[str, str]]:
    """Every string marked for translation in the package: key -> (plural, first file)."""
    found: dict[Key, tuple[str, str]] = {}
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE)
        if "migrations" in relative.parts or any(p.startswith(".") for p in relative.parts):
            continue
        if path.suffix == ".py":
            strings = python_strings(path)
        elif path.suffix in (".html", ".txt") and "templates" in relative.parts:
            strings = template_strings(path)
        else:
            continue
        for key, plural in strings.items():
            found.setdefault(key, (plural, str(relative)))
    return found


PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdfr]|\{[a-z_]*\}")


@pytest.fixture(scope="module")
def catalogue() -> list[Entry]:
    return parse_po(CATALOGUE)


@pytest.mark.issue(15)
def test_every_entry_is_translated_and_none_is_fuzzy(catalogue: list[Entry]) -> None:
    assert len(catalogue) > 900
    untranslated = [entry.msgid for entry in catalogue if entry.untranslated]
    fuzzy = [entry.msgid for entry in catalogue if "fuzzy" in entry.flags]
    assert untranslated == [], "untranslated: run `make messages` and translate"
    assert fuzzy == [], "fuzzy: check the English and remove the fuzzy flag"


@pytest.mark.issue(15)
def test_every_marked_string_of_the_code_and_templates_is_in_the_catalogue(
    catalogue: list[Entry],
) -> None:
    known = {entry.key: entry for entry in catalogue}
    marked = marked_strings()
    assert len(marked) > 900
    missing = [f"{where}: {key[1]!r}" for key, (_p, where) in marked.items() if key not in known]
    assert missing == [], "not in the catalogue: run `make messages` and translate"
    plurals = [key[1] for key, (plural, _w) in marked.items() if known[key].plural != plural]
    assert plurals == []


@pytest.mark.issue(15)
def test_translations_keep_the_placeholders(catalogue: list[Entry]) -> None:
    wrong = [
        (entry.msgid, text)
        for entry in catalogue
        for index, text in entry.translations.items()
        if sorted(set(PLACEHOLDER.findall(entry.plural if index else entry.msgid)))
        != sorted(set(PLACEHOLDER.findall(text)))
        # An English singular may spell out "one" instead of the count.
        and not (entry.plural and index == 0)
    ]
    assert wrong == []


@pytest.mark.issue(15)
def test_the_parser_keeps_the_fuzzy_flag_of_the_entry_after_it(tmp_path: Path) -> None:
    """A fuzzy flag sits between the previous entry's msgstr and its own msgid."""
    po = tmp_path / "django.po"
    po.write_text(
        'msgid "a"\nmsgstr "A"\n\n#: x.py:1\n#, fuzzy\n#| msgid "b0"\nmsgid "b"\nmsgstr "B"\n',
        encoding="utf-8",
    )
    entries = {entry.msgid: entry for entry in parse_po(po)}
    assert entries["b"].flags == {"fuzzy"} and entries["a"].flags == set()


@pytest.mark.issue(15)
def test_the_compiled_catalogue_matches_the_po_file(catalogue: list[Entry]) -> None:
    with COMPILED.open("rb") as compiled:
        english = gettext.GNUTranslations(compiled)
    stale = []
    for entry in catalogue:
        prefix = f"{entry.context}\x04" if entry.context else ""
        if entry.plural:
            shown = english.ngettext(prefix + entry.msgid, entry.plural, 2)
            expected = entry.translations[1]
        else:
            shown, expected = english.gettext(prefix + entry.msgid), entry.translations[0]
        if shown != expected:
            stale.append(entry.msgid)
    assert stale == [], "django.mo is older than django.po: run `make messages`"


@pytest.mark.issue(15)
def test_the_parsers_read_what_makemessages_reads() -> None:
    """Small cases by hand: a plural with a variable, a context, a concatenated literal."""
    dashboard = template_strings(PACKAGE / "pages/templates/pages/_key_figures.html")
    assert dashboard[("", "som van %(n)s wijk")] == "som van %(n)s wijken"
    assert ("", "bij de 10%% slechtst scorende wijken van Nederland") in dashboard
    cells = python_strings(PACKAGE / "monitor/cells.py")
    assert ("", "afgeschermd: te klein") in cells
