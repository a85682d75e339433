"""The profile page (`accounts/views.py`): organisations, roles and the areas they cover."""

import pytest
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Role
from ruggensteun.accounts.services import role_assign
from tests.accounts.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_profile_shows_organisations_roles_and_areas(client: Client) -> None:
    from ruggensteun.accounts.models import OrganisationMembership
    from tests.accounts.factories import OrganisationFactory

    user = user_with_role(Role.PROFESSIONAL, "WK047912")
    role_assign(actor=None, user=user, role=Role.ANALIST, area_code="GM0479")
    OrganisationMembership.objects.create(
        user=user, organisation=OrganisationFactory(name="Wijkteam Poelenburg")
    )
    client.force_login(user)
    html = client.get(reverse("profile")).content.decode()
    assert "Wijkteam Poelenburg" in html
    assert "Wijk 12 Poelenburg" in html and "WK047912" in html
    assert "gemeentelijk analist" in html and "Zaanstad" in html
