"""One convention for user-facing error texts: module-level `gettext_lazy` constants named
`ERROR_*`, formatted with `%(name)s` after translation; no plain strings, f-strings or inline
`_()` where an error is raised."""

import ast
import importlib
from pathlib import Path

import pytest
from django.utils.functional import Promise

import ruggensteun

pytestmark = pytest.mark.issue(13)

SRC = Path(ruggensteun.__file__).parent
MODULES = [
    "accounts.services.roles",
    "accounts.services.users",
    "accounts.services.two_factor",
    "areas.services",
    "areas.forms",
    "signals.services",
    "signals.forms",
    "signals.views",
    "practices.services.common",
    "practices.services.workflow",
    "practices.views",
    "practices.forms",
    "monitor.api",
    "accounts.models",
    "monitor.views",
    "reports.views",
    "pages.views",
]


def _inline_text(node: ast.expr) -> bool:
    """A literal, an f-string, or a literal passed through _()/gettext() right here."""
    if isinstance(node, ast.BinOp):
        return _inline_text(node.left)
    if isinstance(node, ast.Constant | ast.JoinedStr):
        return isinstance(node, ast.JoinedStr) or isinstance(node.value, str)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in {"_", "gettext", "gettext_lazy"} and bool(node.args)
    return False


def _inline_error_texts(module: str) -> list[int]:
    tree = ast.parse((SRC / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            texts = node.exc.args[:1]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "add_error":
            texts = node.args[1:2]
        else:
            continue
        lines += [node.lineno for text in texts if _inline_text(text)]
    return lines


@pytest.mark.parametrize("module", MODULES)
def test_error_texts_are_lazy_named_constants(module: str) -> None:
    assert _inline_error_texts(module) == []
    loaded = importlib.import_module(f"ruggensteun.{module}")
    constants = {name: value for name, value in vars(loaded).items() if name.startswith("ERROR_")}
    assert all(isinstance(value, Promise) for value in constants.values()), constants


def test_the_dutch_texts_are_unchanged() -> None:
    from ruggensteun.accounts.services import roles, users
    from ruggensteun.areas import services as areas
    from ruggensteun.signals import services as signals

    assert str(roles.ERROR_DUPLICATE) % {"email": "a@b.nl", "role": "analist"} == (
        "a@b.nl heeft de rol analist voor dit gebied al."
    )
    assert str(users.ERROR_INACTIVE) % {"email": "a@b.nl"} == (
        "a@b.nl is niet actief; activeer het account eerst."
    )
    names = {"region": "Poelenburg", "municipality": "Delft"}
    assert str(areas.ERROR_OUTSIDE_MUNICIPALITY) % names == "Poelenburg ligt niet in Delft."
    assert str(signals.ERROR_TOO_LONG) % {"max": 1000} == (
        "De toelichting is te lang (hooguit 1000 tekens)."
    )
