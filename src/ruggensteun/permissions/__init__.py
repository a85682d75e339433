"""One place to ask "may user U do action A (on object O)?", with the reason in Dutch.

The bottom layer: decisions, the rule registry, `may`, grants and the areas they cover, and the
page decorators. It imports no app at run time; each app registers its own rules in its
`rules.py`. Views, API, admin (through accounts' `RoleBackend`) and services all ask `may(...)`;
the permission matrix test covers the pages.
"""

from .grants import Grant, area_codes_of, covers, grants, has_role
from .pages import PUBLIC, page_requires, public_page
from .registry import (
    ALLOWED,
    NOT_LOGGED_IN,
    RULES,
    AnyUser,
    Decision,
    Rule,
    login_first,
    may,
    rule,
    rules_discover,
)
from .roles import NATIONAL_ROLES

__all__ = [
    "ALLOWED",
    "NATIONAL_ROLES",
    "NOT_LOGGED_IN",
    "PUBLIC",
    "RULES",
    "AnyUser",
    "Decision",
    "Grant",
    "Rule",
    "area_codes_of",
    "covers",
    "grants",
    "has_role",
    "login_first",
    "may",
    "page_requires",
    "public_page",
    "rule",
    "rules_discover",
]
