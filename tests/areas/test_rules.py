"""The areas app's permission rules (`areas/rules.py`) over role and area, each refusal with its
Dutch reason."""

import pytest

from ruggensteun.accounts.models import Role
from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.permissions import may
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


def test_a_coalition_member_or_user_without_role_sees_no_internal_area_data() -> None:
    coalition = user_with_role(Role.COALITIELID, "WK047912")
    nobody = UserFactory()
    poelenburg = Region.objects.get(vintage=2020, code="WK047912")
    assert not may(coalition, "areas.view_internal", poelenburg)
    assert not may(nobody, "areas.view_internal", poelenburg)
