"""A user's role assignments (grants) and the areas they cover."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ruggensteun.cbs import scope_covers

from .registry import AnyUser
from .roles import NATIONAL_ROLES


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


def area_codes_of(area: Any) -> list[str]:
    """The CBS codes an object lies in: a Region's code, or a focus area's gemeente and members."""
    if area is None:
        return []
    if hasattr(area, "members") and hasattr(area, "municipality"):
        return [area.municipality.code, *(m.region.code for m in area.members.all())]
    return [str(getattr(area, "code", area))]
