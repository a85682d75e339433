"""Permission rules over role, area and object, each decision with its Dutch reason."""

import pytest

from ruggensteun.accounts.models import Role
from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.permissions import NATIONAL_ROLES, RULES, may, rules_discover
from tests.accounts.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_a_professional_sees_non_public_data_of_the_own_area_only() -> None:
    poelenburg_pro = user_with_role(Role.PROFESSIONAL, "WK047912")
    poelenburg = Region.objects.get(vintage=2020, code="WK047912")
    buurt = Region.objects.get(vintage=2020, code="BU04791210")
    moerwijk = Region.objects.get(vintage=2020, code="WK051836")
    assert may(poelenburg_pro, "areas.view_internal", poelenburg)
    assert may(poelenburg_pro, "areas.view_internal", buurt)
    denied = may(poelenburg_pro, "areas.view_internal", moerwijk)
    assert not denied and denied.reason == "Dit zijn geen gegevens van uw eigen gebied."
    assert may(poelenburg_pro, "areas.view_internal", FocusArea.objects.get(slug="zaandam-oost"))
    assert not may(
        poelenburg_pro, "areas.view_internal", FocusArea.objects.get(slug="den-haag-zuidwest")
    )


def test_an_analyst_acts_within_the_own_municipality() -> None:
    analyst = user_with_role(Role.ANALIST, "GM0479")
    zaanstad = Region.objects.get(vintage=2020, code="GM0479")
    den_haag = Region.objects.get(vintage=2020, code="GM0518")
    assert may(analyst, "areas.define_focus_area", zaanstad)
    assert not may(analyst, "areas.define_focus_area", den_haag)
    assert may(analyst, "areas.view_internal", Region.objects.get(vintage=2020, code="BU04791120"))
    assert not may(
        analyst, "areas.view_internal", Region.objects.get(vintage=2020, code="WK051836")
    )


def test_national_roles_and_role_only_rules() -> None:
    programme = user_with_role(Role.PROGRAMMATEAM)
    beheerder = user_with_role(Role.BEHEERDER)
    assert may(programme, "areas.view_internal", Region.objects.get(vintage=2020, code="WK051836"))
    assert not may(programme, "accounts.manage_roles")
    assert not may(programme, "audit.view")
    assert may(beheerder, "accounts.manage_roles") and may(beheerder, "audit.view")


def test_a_coalition_member_or_user_without_role_sees_no_internal_area_data() -> None:
    coalition = user_with_role(Role.COALITIELID, "WK047912")
    nobody = UserFactory()
    poelenburg = Region.objects.get(vintage=2020, code="WK047912")
    assert not may(coalition, "areas.view_internal", poelenburg)
    assert not may(nobody, "areas.view_internal", poelenburg)


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


@pytest.mark.issue(13)
def test_a_profile_names_the_scope_through_the_area_directory() -> None:
    from ruggensteun.accounts.selectors import roles_of
    from ruggensteun.accounts.services import role_assign

    analyst = user_with_role(Role.ANALIST, "GM0479")
    role_assign(actor=None, user=analyst, role=Role.PROGRAMMATEAM)
    names = sorted(line.area_name for line in roles_of(analyst))
    assert names == ["Zaanstad", "landelijk"]
