"""Decisions and the registry of rules: "may user U do action A (on object O)?", with a reason.

Rules are registered per action name and return a `Decision`. Every app keeps its rules in its
own `rules.py`; `may` imports the rules modules of the project's apps before its first answer
(like the admin finds `admin.py`), so no rule depends on who happened to import it first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from importlib import import_module
from typing import TYPE_CHECKING, Any, TypeAlias

from django.apps import apps
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    # The user model lives in accounts, a layer above; the rules only read its fields.
    from ruggensteun.accounts.models import User

    AnyUser: TypeAlias = User | AnonymousUser
else:
    AnyUser = AbstractBaseUser | AnonymousUser

PROJECT = "ruggensteun."  # the apps whose `rules` modules hold rules


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Decision(True)
NOT_LOGGED_IN = Decision(False, str(_("Log in om dit te doen.")))

Rule = Callable[[AnyUser, Any], Decision]
RULES: dict[str, Rule] = {}


def rule(action: str) -> Callable[[Rule], Rule]:
    """Register `function` as the rule for `action` (each action has one rule)."""

    def register(function: Rule) -> Rule:
        if action in RULES:
            raise ValueError(f"Permission rule {action!r} is defined twice")
        RULES[action] = function
        return function

    return register


_discovered = threading.Event()
_discovering = threading.Lock()


def rules_discover() -> None:
    """Import the `rules` module of every project app once (a module registers on import)."""
    if _discovered.is_set():
        return
    with _discovering:
        if _discovered.is_set():
            return
        for config in apps.get_app_configs():
            if config.name.startswith(PROJECT) and module_has_submodule(config.module, "rules"):
                import_module(f"{config.name}.rules")
        _discovered.set()


def may(user: AnyUser, action: str, obj: Any = None) -> Decision:
    """Whether `user` may do `action` (on `obj`); active superusers may do everything."""
    rules_discover()
    if action not in RULES:
        raise KeyError(f"No permission rule for {action!r}")
    if getattr(user, "is_superuser", False) and user.is_active:
        return ALLOWED
    return RULES[action](user, obj)


def login_first(check: Rule) -> Rule:
    """Refuse anonymous visitors with NOT_LOGGED_IN before `check` runs."""

    @wraps(check)
    def wrapped(user: AnyUser, obj: Any) -> Decision:
        return check(user, obj) if user.is_authenticated else NOT_LOGGED_IN

    return wrapped
