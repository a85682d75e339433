"""One place to ask "may user U do action A (on object O)?", with the reason in Dutch.

Rules are registered per action name and return a `Decision`. Views, API, admin (through
`RoleBackend`) and services all ask `may(...)`; the permission matrix test covers the pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext_lazy as _

from ruggensteun.areas.codes import scope_covers

from .models import NATIONAL_ROLES, Role, User

AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Decision(True)
NOT_LOGGED_IN = Decision(False, str(_("Log in om dit te doen.")))


@dataclass(frozen=True)
class Grant:
    role: str
    area_code: str  # empty: national


def grants(user: AnyUser) -> tuple[Grant, ...]:
    """The user's role assignments, read once per user object."""
    if not user.is_authenticated or not user.is_active:
        return ()
    cached: tuple[Grant, ...] | None = getattr(user, "_ruggensteun_grants", None)
    if cached is None:
        cached = tuple(
            Grant(role=role, area_code=area)
            for role, area in user.role_assignments.values_list("role", "area_code")
        )
        user._ruggensteun_grants = cached  # type: ignore[attr-defined]  # per-object cache
    return cached


def has_role(user: AnyUser, *roles: str) -> bool:
    return any(grant.role in roles for grant in grants(user))


def covers(user: AnyUser, roles: Iterable[str], codes: Iterable[str]) -> bool:
    """Whether one of the user's `roles` is national or scoped to an area containing any code."""
    roles, codes = set(roles), list(codes)
    for grant in grants(user):
        if grant.role not in roles:
            continue
        if grant.role in NATIONAL_ROLES or not grant.area_code:
            return True
        if any(scope_covers(grant.area_code, code) for code in codes):
            return True
    return False


Rule = Callable[[AnyUser, Any], Decision]
RULES: dict[str, Rule] = {}


def rule(action: str) -> Callable[[Rule], Rule]:
    def register(function: Rule) -> Rule:
        if action in RULES:
            raise ValueError(f"Permission rule {action!r} is defined twice")
        RULES[action] = function
        return function

    return register


def may(user: AnyUser, action: str, obj: Any = None) -> Decision:
    if action not in RULES:
        raise KeyError(f"No permission rule for {action!r}")
    if getattr(user, "is_superuser", False) and user.is_active:
        return ALLOWED
    return RULES[action](user, obj)


def _login_first(check: Rule) -> Rule:
    @wraps(check)
    def wrapped(user: AnyUser, obj: Any) -> Decision:
        return check(user, obj) if user.is_authenticated else NOT_LOGGED_IN

    return wrapped


# --- rules -------------------------------------------------------------------------------------


@rule("accounts.view_profile")
@_login_first
def _view_profile(user: AnyUser, obj: Any) -> Decision:
    return ALLOWED


def _beheerder_only(action: str, refusal: Any) -> None:
    """Register a rule that only a beheerder passes, refusing others with `refusal`."""

    @rule(action)
    @_login_first
    def check(user: AnyUser, obj: Any) -> Decision:
        return ALLOWED if has_role(user, Role.BEHEERDER) else Decision(False, str(refusal))


_beheerder_only("accounts.manage_roles", _("Alleen een beheerder kent rollen toe."))
_beheerder_only(
    "accounts.manage_users", _("Alleen een beheerder beheert gebruikers en organisaties.")
)
_beheerder_only("audit.view", _("Alleen een beheerder ziet de audittrail."))


@rule("areas.upload_boundaries")
@_login_first
def _upload_boundaries(user: AnyUser, municipality: Any) -> Decision:
    """Wijk boundaries: who may define areas in a municipality may also upload its wijken."""
    if _define_focus_area(user, municipality):
        return ALLOWED
    return Decision(
        False,
        str(_("Wijkgrenzen uploadt het programmateam, of een analist voor de eigen gemeente.")),
    )


@rule("areas.define_focus_area")
@_login_first
def _define_focus_area(user: AnyUser, municipality: Any) -> Decision:
    """Programme team anywhere; a municipal analyst within the municipality of their scope."""
    if has_role(user, Role.PROGRAMMATEAM, Role.BEHEERDER):
        return ALLOWED
    analyst_scopes = [g.area_code for g in grants(user) if g.role == Role.ANALIST]
    if municipality is None and any(code.startswith("GM") for code in analyst_scopes):
        return ALLOWED
    if municipality is not None and any(code == municipality.code for code in analyst_scopes):
        return ALLOWED
    return Decision(
        False,
        str(_("Eigen gebieden maakt het programmateam, of een analist binnen de eigen gemeente.")),
    )


@rule("areas.view_internal")
@_login_first
def _view_area_internal(user: AnyUser, area: Any) -> Decision:
    """Non-public area data: national roles, or analysts and professionals of that area."""
    codes = area_codes_of(area)
    if covers(user, {Role.PROGRAMMATEAM, Role.BEHEERDER, Role.ANALIST, Role.PROFESSIONAL}, codes):
        return ALLOWED
    return Decision(False, str(_("Dit zijn geen gegevens van uw eigen gebied.")))


def area_codes_of(area: Any) -> list[str]:
    """The CBS codes an object lies in: a Region's code, or a focus area's gemeente and members."""
    if area is None:
        return []
    if hasattr(area, "members") and hasattr(area, "municipality"):
        return [area.municipality.code, *(m.region.code for m in area.members.all())]
    return [str(getattr(area, "code", area))]


# --- pages ---------------------------------------------------------------------------------------

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
