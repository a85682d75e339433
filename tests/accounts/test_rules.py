"""Permission rules over role, area and object (`accounts/rules.py` and the `permissions` registry
every app's rules.py fills), each decision with its Dutch reason. The areas rules are tested in
tests/areas/test_rules.py."""

import pytest

from ruggensteun.accounts.models import Role
from ruggensteun.areas.models import Region
from ruggensteun.permissions import NATIONAL_ROLES, RULES, may, rules_discover
from tests.accounts.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_national_roles_and_role_only_rules() -> None:
    programme = user_with_role(Role.PROGRAMMATEAM)
    beheerder = user_with_role(Role.BEHEERDER)
    assert may(programme, "areas.view_internal", Region.objects.get(vintage=2020, code="WK051836"))
    assert not may(programme, "accounts.manage_roles")
    assert not may(programme, "audit.view")
    assert may(beheerder, "accounts.manage_roles") and may(beheerder, "audit.view")


def test_anonymous_is_asked_to_log_in() -> None:
    from django.contrib.auth.models import AnonymousUser

    decision = may(AnonymousUser(), "accounts.view_profile")
    assert not decision and decision.reason == "Log in om dit te doen."


def test_an_inactive_user_loses_every_right() -> None:
    beheerder = user_with_role(Role.BEHEERDER)
    beheerder.is_active = False
    beheerder.save()
    beheerder.__dict__.pop("_ruggensteun_grants", None)
    assert not may(beheerder, "audit.view")


def test_an_unknown_action_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        may(UserFactory(), "bestaat.niet")


@pytest.mark.issue(13)
def test_every_app_owns_its_rules() -> None:
    """Each rule lives in the rules.py of the app its action names; the audit trail's rule in
    accounts (audit lies below accounts and cannot name the beheerder role)."""
    rules_discover()
    owners = {action: RULES[action].__module__ for action in RULES}
    for action, module in owners.items():
        app = "accounts" if action == "audit.view" else action.split(".")[0]
        assert module == f"ruggensteun.{app}.rules", (action, module)
    assert {"accounts", "areas", "practices", "signals"} <= {
        module.split(".")[1] for module in owners.values()
    }


@pytest.mark.issue(13)
def test_the_national_roles_are_the_same_in_permissions_and_accounts() -> None:
    from ruggensteun.accounts.models import NATIONAL_ROLES as ACCOUNTS_NATIONAL_ROLES

    assert NATIONAL_ROLES == ACCOUNTS_NATIONAL_ROLES
    assert {Role(role) for role in NATIONAL_ROLES} == set(ACCOUNTS_NATIONAL_ROLES)
