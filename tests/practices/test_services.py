"""Writes of the practices app (`practices/services/`): coalitions registered in scope, practices
created and edited, adoptions recorded where the actor may, each audited."""

from __future__ import annotations

import dataclasses

import pytest

from ruggensteun.accounts.models import (
    Organisation,
    OrganisationMembership,
    OrganisationType,
    Role,
    User,
)
from ruggensteun.audit.models import AuditEvent
from ruggensteun.practices.errors import PracticeError
from ruggensteun.practices.models import Adoption, Coalition, Partner, Practice
from ruggensteun.practices.selectors import practice_for
from ruggensteun.practices.services import (
    AdoptionData,
    MediaData,
    PracticeData,
    adoption_record,
    adoption_update,
    coalition_create,
    practice_create,
    practice_transition,
    practice_update,
)
from ruggensteun.practices.workflow import Status
from tests.accounts.factories import user_with_role
from tests.practices.factories import (
    MOERWIJK,
    POELENBURG,
    SCHILDERSWIJK,
    PracticeFactory,
    coalition_data,
    coalition_in,
    focus_area,
    published,
    region,
)

pytestmark = pytest.mark.django_db


def test_a_member_registers_a_coalition_in_the_own_area() -> None:
    member = user_with_role(Role.COALITIELID, MOERWIJK)
    coalition = coalition_create(actor=member, data=coalition_data())
    assert coalition.slug == "samen-tegen-eenzaamheid-moerwijk"
    assert coalition.created_by == member
    assert [p.name for p in coalition.partners.all()] == [
        "Bewonersgroep De Bank",
        "Welzijn Zuidwest",
    ]
    event = AuditEvent.objects.get(action="coalition.create")
    assert event.area_code == "GM0518" and event.actor == member
    with pytest.raises(PracticeError, match="buiten het gebied van uw rol"):
        coalition_create(actor=member, data=coalition_data(regions=(region(SCHILDERSWIJK),)))
    with pytest.raises(PracticeError, match="Onbekend thema: armoede"):
        coalition_create(actor=member, data=coalition_data(themes=("armoede",)))
    with pytest.raises(PracticeError):
        coalition_create(actor=member, data=coalition_data(contact_email="geen adres"))


def test_practices_are_created_and_edited_through_the_services() -> None:
    member = user_with_role(Role.COALITIELID, MOERWIJK)
    data = PracticeData(
        title="Koffie & Co",
        summary="Koffieochtenden voor eenzame oudere bewoners.",
        problem="Eenzaamheid.",
        target_group="Ouderen.",
        approach="Koffie.",
        themes=("gezondheid",),
        regions=(region(MOERWIJK),),
        media=(MediaData("https://example.org/film", "Een filmpje"),),
    )
    practice = practice_create(actor=member, data=data)
    assert (practice.owner, practice.status, practice.slug) == (member, Status.DRAFT, "koffie-co")
    assert practice_for(slug="koffie-co", user=member) == practice
    assert practice_for(slug="koffie-co", user=user_with_role(Role.COALITIELID, MOERWIJK)) is None
    practice_update(actor=member, practice=practice, data=dataclasses.replace(data, goal="Doel"))
    event = AuditEvent.objects.get(action="practice.update")
    assert event.after == {"changed": ["goal"]}
    stale = Practice.objects.get(pk=practice.pk)
    practice_transition(practice=practice, to_status=Status.SUBMITTED, actor=member)
    with pytest.raises(PracticeError, match="kan nu niet worden gewijzigd"):
        practice_update(actor=member, practice=stale, data=data)
    editor = user_with_role(Role.PROGRAMMATEAM)
    practice_update(actor=editor, practice=stale, data=dataclasses.replace(data, media=()))
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED and practice.goal == ""
    latest = AuditEvent.objects.filter(action="practice.update").first()  # newest first
    assert latest is not None and latest.after == {"changed": ["goal", "media"]}
    with pytest.raises(PracticeError, match="buiten het gebied"):
        practice_create(actor=member, data=dataclasses.replace(data, regions=(region(POELENBURG),)))
    with pytest.raises(PracticeError, match="is geen gemeente, wijk of buurt"):
        practice_create(
            actor=None,
            data=dataclasses.replace(data, regions=(region("VR13"),)),
        )
    other = user_with_role(Role.COALITIELID, MOERWIJK)
    with pytest.raises(PracticeError, match="Alleen de eigenaar"):
        practice_update(actor=other, practice=practice, data=data)


def test_adoptions_are_refused_when_they_cannot_be_right() -> None:
    practice = published()
    member = user_with_role(Role.COALITIELID, POELENBURG)
    with pytest.raises(PracticeError, match="Alleen coalitieleden van dat gebied"):
        adoption_record(actor=member, practice=practice, data=AdoptionData(region=region(MOERWIJK)))
    with pytest.raises(PracticeError, match="Kies één gebied"):
        adoption_record(
            actor=None,
            practice=practice,
            data=AdoptionData(region=region(POELENBURG), focus_area=focus_area("zaandam-oost")),
        )
    with pytest.raises(PracticeError, match="gepubliceerde praktijk"):
        adoption_record(
            actor=member, practice=PracticeFactory(), data=AdoptionData(region=region(POELENBURG))
        )


# An adoption names only a coalition the recording user belongs to (finding 14 of issue 12):
# the user registered it, is a member of one of its partner organisations, or is a coalitielid
# whose role covers every area of the coalition. The programmateam and beheerders name any.
NOT_IN_COALITION = "U hoort niet bij deze coalitie"


def _in_poelenburg(coalition: Coalition) -> AdoptionData:
    return AdoptionData(region=region(POELENBURG), coalition=coalition)


@pytest.mark.issue(12)
def test_a_member_cannot_name_a_coalition_of_others(member: User) -> None:
    elsewhere = coalition_in("den-haag-zuidwest")
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
            actor=member, adoption=adoption, data=_in_poelenburg(coalition_in("rotterdam-zuid"))
        )
    adoption.refresh_from_db()
    assert adoption.coalition is None


def test_who_belongs_to_a_coalition_may_name_it(member: User) -> None:
    registered = coalition_in("den-haag-zuidwest", created_by=member)
    partnered = coalition_in("rotterdam-zuid")
    organisation = Organisation.objects.create(name="Welzijn Zaanstreek", type="welzijn")
    OrganisationMembership.objects.create(user=member, organisation=organisation)
    Partner.objects.create(
        coalition=partnered, name="welzijn zaanstreek", kind=OrganisationType.WELZIJN
    )
    local = coalition_in("zaandam-oost")  # Poelenburg lies in Zaandam Oost, but the role is
    local.focus_areas.clear()  # only for Poelenburg: a coalition of that wijk is the member's
    local.regions.set([region(POELENBURG)])
    for coalition in (registered, partnered, local):
        adoption = adoption_record(
            actor=member, practice=published(), data=_in_poelenburg(coalition)
        )
        assert adoption.coalition == coalition


def test_the_programme_team_may_name_any_coalition() -> None:
    elsewhere = coalition_in("den-haag-zuidwest")
    adoption = adoption_record(
        actor=user_with_role(Role.PROGRAMMATEAM),
        practice=published(),
        data=_in_poelenburg(elsewhere),
    )
    assert adoption.coalition == elsewhere
