"""Kept as a name for `ruggensteun.permissions`, where decisions, rules, `may`, grants and the
page decorators now live (the bottom layer, importing no app). Import from there in new code;
accounts' own rules are in `accounts/rules.py`."""

from ruggensteun.permissions import (
    ALLOWED,
    NOT_LOGGED_IN,
    PUBLIC,
    RULES,
    AnyUser,
    Decision,
    Grant,
    Rule,
    area_codes_of,
    covers,
    grants,
    has_role,
    login_first,
    may,
    page_requires,
    public_page,
    rule,
)

_login_first = login_first  # the old private name, imported by rules modules before issue 13

__all__ = [
    "ALLOWED",
    "NOT_LOGGED_IN",
    "PUBLIC",
    "RULES",
    "AnyUser",
    "Decision",
    "Grant",
    "Rule",
    "_login_first",
    "area_codes_of",
    "covers",
    "grants",
    "has_role",
    "login_first",
    "may",
    "page_requires",
    "public_page",
    "rule",
]
