"""Reads of the accounts app (`accounts/selectors.py`): a user's roles with the areas they cover."""

import pytest

from ruggensteun.accounts.models import Role
from tests.accounts.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.issue(13)
def test_a_profile_names_the_scope_through_the_area_directory() -> None:
    from ruggensteun.accounts.selectors import roles_of
    from ruggensteun.accounts.services import role_assign

    analyst = user_with_role(Role.ANALIST, "GM0479")
    role_assign(actor=None, user=analyst, role=Role.PROGRAMMATEAM)
    names = sorted(line.area_name for line in roles_of(analyst))
    assert names == ["Zaanstad", "landelijk"]
