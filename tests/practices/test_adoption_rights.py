"""An adoption names only a coalition the recording user belongs to (finding 14 of issue 12).

Belonging: the user registered the coalition, is a member of one of its partner organisations,
or is a coalitielid whose role covers every area of the coalition (who may also edit it). The
programmateam and beheerders may name any coalition.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import (
    Organisation,
    OrganisationMembership,
    OrganisationType,
    Role,
    User,
)
from ruggensteun.audit.models import AuditEvent
from ruggensteun.practices.errors import PracticeError
from ruggensteun.practices.models import Adoption, Coalition, Partner
from ruggensteun.practices.services import AdoptionData, adoption_record, adoption_update
from tests.accounts.factories import user_with_role
from tests.practices.factories import (
    POELENBURG,
    CoalitionFactory,
    focus_area,
    published,
    region,
)

pytestmark = pytest.mark.django_db

NOT_IN_COALITION = "U hoort niet bij deze coalitie"


@pytest.fixture
def member() -> User:
    """A coalitielid of Poelenburg (Zaandam): may record adoptions there."""
    return user_with_role(Role.COALITIELID, POELENBURG)


def _coalition(area_slug: str, **fields: object) -> Coalition:
    coalition = CoalitionFactory(**fields)
    coalition.focus_areas.set([focus_area(area_slug)])
    return coalition


def _in_poelenburg(coalition: Coalition) -> AdoptionData:
    return AdoptionData(region=region(POELENBURG), coalition=coalition)


@pytest.mark.issue(12)
def test_a_member_cannot_name_a_coalition_of_others(member: User) -> None:
    elsewhere = _coalition("den-haag-zuidwest")
    events = AuditEvent.objects.count()
    with pytest.raises(PracticeError, match=NOT_IN_COALITION):
        adoption_record(actor=member, practice=published(), data=_in_poelenburg(elsewhere))
    assert not Adoption.objects.exists() and AuditEvent.objects.count() == events


@pytest.mark.issue(12)
def test_a_change_cannot_name_a_coalition_of_others(member: User) -> None:
    adoption = adoption_record(
        actor=member, practice=published(), data=AdoptionData(region=region(POELENBURG))
    )
    with pytest.raises(PracticeError, match=NOT_IN_COALITION):
        adoption_update(
            actor=member, adoption=adoption, data=_in_poelenburg(_coalition("rotterdam-zuid"))
        )
    adoption.refresh_from_db()
    assert adoption.coalition is None


def test_who_belongs_to_a_coalition_may_name_it(member: User) -> None:
    registered = _coalition("den-haag-zuidwest", created_by=member)
    partnered = _coalition("rotterdam-zuid")
    organisation = Organisation.objects.create(name="Welzijn Zaanstreek", type="welzijn")
    OrganisationMembership.objects.create(user=member, organisation=organisation)
    Partner.objects.create(
        coalition=partnered, name="welzijn zaanstreek", kind=OrganisationType.WELZIJN
    )
    local = _coalition("zaandam-oost")  # Poelenburg lies in Zaandam Oost, but the role is
    local.focus_areas.clear()  # only for Poelenburg: a coalition of that wijk is the member's
    local.regions.set([region(POELENBURG)])
    for coalition in (registered, partnered, local):
        adoption = adoption_record(
            actor=member, practice=published(), data=_in_poelenburg(coalition)
        )
        assert adoption.coalition == coalition


def test_the_programme_team_may_name_any_coalition() -> None:
    elsewhere = _coalition("den-haag-zuidwest")
    adoption = adoption_record(
        actor=user_with_role(Role.PROGRAMMATEAM),
        practice=published(),
        data=_in_poelenburg(elsewhere),
    )
    assert adoption.coalition == elsewhere


@pytest.mark.issue(12)
def test_the_form_offers_only_the_members_coalitions(client: Client, member: User) -> None:
    own = _coalition("den-haag-zuidwest", created_by=member, name="Eigen coalitie")
    other = _coalition("den-haag-zuidwest", name="Andermans coalitie")
    practice = published()
    client.force_login(member)
    url = reverse("adoption-create", args=[practice.slug])
    offered = client.get(url).context["form"].fields["coalition"].queryset
    assert own in offered and other not in offered
    zaandam_oost = focus_area("zaandam-oost")
    response = client.post(
        url, {"focus_area": zaandam_oost.pk, "coalition": other.pk, "status": "planned"}
    )
    assert response.status_code == 200 and not Adoption.objects.exists()
    response = client.post(
        url, {"focus_area": zaandam_oost.pk, "coalition": own.pk, "status": "planned"}
    )
    assert response.status_code == 302
    assert Adoption.objects.get().coalition == own
