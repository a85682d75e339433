"""Coalitions (registered in scope, public without personal data) and adoptions (scale-up)."""

from __future__ import annotations

import dataclasses

import pytest

from ruggensteun.accounts.models import Role
from ruggensteun.audit.models import AuditEvent
from ruggensteun.practices.errors import PracticeError
from ruggensteun.practices.models import AdoptionStatus, CoalitionType, OwnershipLevel, Practice
from ruggensteun.practices.selectors import (
    adoption_counts,
    coalition_public,
    practice_for,
    practice_spread,
)
from ruggensteun.practices.services import (
    AdoptionData,
    CoalitionData,
    MediaData,
    PartnerData,
    PracticeData,
    adoption_record,
    adoption_update,
    coalition_create,
    coalition_update,
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
    focus_area,
    published,
    region,
)

pytestmark = pytest.mark.django_db


def _coalition_data(**changes: object) -> CoalitionData:
    data = CoalitionData(
        name="Samen tegen eenzaamheid Moerwijk",
        type=CoalitionType.AD_HOC,
        themes=("gezondheid",),
        regions=(region(MOERWIJK),),
        partners=(
            PartnerData("Bewonersgroep De Bank", "bewonersgroep", "Organiseert de ochtenden"),
            PartnerData("Welzijn Zuidwest", "welzijn", "Ondersteunt"),
        ),
        resident_ownership="Bewoners kiezen de activiteiten.",
        resident_ownership_level=OwnershipLevel.RESIDENT_LED,
        contact_email="info@debank.example.org",
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def test_a_member_registers_a_coalition_in_the_own_area() -> None:
    member = user_with_role(Role.COALITIELID, MOERWIJK)
    coalition = coalition_create(actor=member, data=_coalition_data())
    assert coalition.slug == "samen-tegen-eenzaamheid-moerwijk"
    assert coalition.created_by == member
    assert [p.name for p in coalition.partners.all()] == [
        "Bewonersgroep De Bank",
        "Welzijn Zuidwest",
    ]
    event = AuditEvent.objects.get(action="coalition.create")
    assert event.area_code == "GM0518" and event.actor == member
    with pytest.raises(PracticeError, match="buiten het gebied van uw rol"):
        coalition_create(actor=member, data=_coalition_data(regions=(region(SCHILDERSWIJK),)))
    with pytest.raises(PracticeError, match="Onbekend thema: armoede"):
        coalition_create(actor=member, data=_coalition_data(themes=("armoede",)))
    with pytest.raises(PracticeError):
        coalition_create(actor=member, data=_coalition_data(contact_email="geen adres"))


def test_the_public_view_of_a_coalition_holds_no_personal_data() -> None:
    member = user_with_role(Role.COALITIELID, MOERWIJK)
    coalition = coalition_create(actor=member, data=_coalition_data())
    practice = published(coalition=coalition)
    PracticeFactory(coalition=coalition, title="Nog een concept")
    public = coalition_public(coalition.slug)
    assert public is not None
    shown = repr(public)
    assert member.email not in shown and "created_by" not in shown
    assert public.municipalities == (("GM0518", "'s-Gravenhage"),)
    assert public.areas == ("Wijk 36 Moerwijk",)
    assert public.practices == ((practice.slug, practice.title),)
    assert public.partners[0].kind_label == "bewonersgroep"
    coalition_update(
        actor=user_with_role(Role.PROGRAMMATEAM),
        coalition=coalition,
        data=_coalition_data(status="ended"),
    )
    assert coalition_public(coalition.slug).status_label == "beëindigd"  # type: ignore[union-attr]


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


def test_adoptions_show_where_a_practice_spread() -> None:
    practice = published(focus_areas=[focus_area("den-haag-zuidwest")])
    member = user_with_role(Role.COALITIELID, POELENBURG)
    in_wijk = adoption_record(
        actor=member,
        practice=practice,
        data=AdoptionData(
            region=region(POELENBURG), adapted="Andere tijden.", reason="Past bij de wijk."
        ),
    )
    in_area = adoption_record(
        actor=user_with_role(Role.PROGRAMMATEAM),
        practice=practice,
        data=AdoptionData(focus_area=focus_area("rotterdam-zuid"), status=AdoptionStatus.RUNNING),
    )
    assert AuditEvent.objects.filter(action="adoption.record").count() == 2
    points = practice_spread(practice)
    assert [(p.origin, p.area_key, p.municipality_code, p.status) for p in points] == [
        (True, "den-haag-zuidwest", "GM0518", ""),
        (False, POELENBURG, "GM0479", "planned"),
        (False, "rotterdam-zuid", "GM0599", "running"),
    ]
    assert points[1].municipality_name == "Zaanstad"
    assert "WK059910" in points[2].region_codes  # Feijenoord, a member of Rotterdam-Zuid
    counts = adoption_counts()
    assert counts.total == 2 and counts.outside_focus_areas == 0
    assert counts.by_focus_area["zaandam-oost"] == 1  # Poelenburg lies in Zaandam Oost
    assert counts.by_focus_area["rotterdam-zuid"] == 1
    assert counts.by_focus_area["breda-noord"] == 0
    assert counts.by_status == {"planned": 1, "running": 1, "finished": 0, "stopped": 0}
    adoption_update(
        actor=member,
        adoption=in_wijk,
        data=AdoptionData(
            region=region(POELENBURG), status=AdoptionStatus.FINISHED, outcome="Goed"
        ),
    )
    assert adoption_counts(statuses=["finished"]).total == 1
    assert in_area.pk


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
