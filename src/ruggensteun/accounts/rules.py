"""Who may manage users, organisations and roles, see a profile and read the audit trail.

The audit trail's rule lives here, not in audit: audit sits below accounts in the layers and
cannot name the beheerder role.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from ruggensteun.permissions import ALLOWED, AnyUser, Decision, has_role, login_first, rule

from .models import Role


@rule("accounts.view_profile")
@login_first
def _view_profile(user: AnyUser, obj: Any) -> Decision:
    return ALLOWED


def _beheerder_only(action: str, refusal: Any) -> None:
    """Register a rule that only a beheerder passes, refusing others with `refusal`."""

    @rule(action)
    @login_first
    def check(user: AnyUser, obj: Any) -> Decision:
        return ALLOWED if has_role(user, Role.BEHEERDER) else Decision(False, str(refusal))


_beheerder_only("accounts.manage_roles", _("Alleen een beheerder kent rollen toe."))
_beheerder_only(
    "accounts.manage_users", _("Alleen een beheerder beheert gebruikers en organisaties.")
)
_beheerder_only("audit.view", _("Alleen een beheerder ziet de audittrail."))
