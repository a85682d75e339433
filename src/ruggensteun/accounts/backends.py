"""Django's model permissions (used by the admin) derived from roles, not granted by hand."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from ruggensteun.permissions import AnyUser, grants

from .models import STAFF_ROLES, Role, User

VIEW_ONLY = ("view",)
EDIT = ("view", "add", "change", "delete")

# Which admin permissions each role gets, per app label and model.
ROLE_ADMIN_PERMISSIONS: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    Role.BEHEERDER: {
        "accounts": {
            "user": ("view", "add", "change"),
            "organisation": EDIT,
            "organisationmembership": EDIT,
            "roleassignment": EDIT,
            # Four eyes: a beheerder sees requests and decides on them with the list actions.
            "rolerequest": ("view", "change"),
        },
        "audit": {"auditevent": VIEW_ONLY},
        "imports": {"importrun": VIEW_ONLY},
        "areas": {
            "region": VIEW_ONLY,
            "regiongeometry": VIEW_ONLY,
            "programme": EDIT,
            "focusarea": EDIT,
            "focusareamember": EDIT,
            "focusareaprogramme": EDIT,
            "unmatchedname": VIEW_ONLY,
        },
        # Seed money (issue 16): read only; money and call rules move through the services.
        "seedfund": {
            "fund": VIEW_ONLY,
            "areabudget": VIEW_ONLY,
            "call": VIEW_ONLY,
            "ledgerentry": VIEW_ONLY,
        },
    },
    Role.PROGRAMMATEAM: {
        "imports": {"importrun": VIEW_ONLY},
        "areas": {
            "region": VIEW_ONLY,
            "programme": EDIT,
            "focusarea": EDIT,
            "focusareamember": EDIT,
            "focusareaprogramme": EDIT,
            "unmatchedname": VIEW_ONLY,
        },
    },
}


def role_permissions(user: AnyUser) -> set[str]:
    names: set[str] = set()
    for grant in grants(user):
        for app_label, models in ROLE_ADMIN_PERMISSIONS.get(grant.role, {}).items():
            for model, verbs in models.items():
                names.update(f"{app_label}.{verb}_{model}" for verb in verbs)
    return names


class RoleBackend(ModelBackend):
    """Authenticates like ModelBackend; permissions come from role assignments only."""

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj)
        return role_permissions(user_obj)

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return user_obj.is_active and perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return user_obj.is_active and any(
            perm.startswith(f"{app_label}.") for perm in self.get_all_permissions(user_obj)
        )


def is_staff_for(user: User) -> bool:
    return any(grant.role in STAFF_ROLES for grant in grants(user))
