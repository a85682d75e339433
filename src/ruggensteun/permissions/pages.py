"""Page decorators: every page says whether it is public or which rule it requires (the
permission matrix test checks that no page goes without)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from .registry import may

PUBLIC = "public"
View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def public_page(view: View) -> View:
    """Mark a page as public (no personal or non-public data)."""
    view.page_rule = PUBLIC  # type: ignore[attr-defined]
    return view


def page_requires(action: str) -> Callable[[View], View]:
    """Anonymous visitors go to the login page; logged-in users without the right get 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            decision = may(request.user, action)
            if not decision:
                raise PermissionDenied(decision.reason)
            return view(request, *args, **kwargs)

        wrapped.page_rule = action  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorate
