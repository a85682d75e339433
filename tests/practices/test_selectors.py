"""Reads of the practices app: what each user may see, the public view of a coalition (no personal
data), where a practice spread and the adoption counts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from ruggensteun.accounts.models import Role
from ruggensteun.audit.models import AuditEvent
from ruggensteun.practices.models import AdoptionStatus
from ruggensteun.practices.selectors import (
    adoption_counts,
    coalition_public,
    practice_spread,
    practices_visible,
    review_queue,
)
from ruggensteun.practices.services import (
    AdoptionData,
    adoption_record,
    adoption_update,
    coalition_create,
    coalition_update,
)
from ruggensteun.practices.workflow import Status
from tests.accounts.factories import user_with_role
from tests.practices.factories import (
    MOERWIJK,
    POELENBURG,
    PracticeFactory,
    coalition_data,
    focus_area,
    published,
    region,
)

pytestmark = pytest.mark.django_db


def test_lists_show_each_user_what_they_may_see() -> None:
    owner = user_with_role(Role.COALITIELID, MOERWIJK)
    draft = PracticeFactory(owner=owner)
    submitted = PracticeFactory(status=Status.SUBMITTED)
    public = PracticeFactory(status=Status.PUBLISHED)
    assert set(practices_visible(AnonymousUser())) == {public}
    assert set(practices_visible(owner)) == {draft, public}
    assert set(practices_visible(user_with_role(Role.PROGRAMMATEAM))) == {draft, submitted, public}
    assert list(review_queue()) == [submitted]


def test_the_public_view_of_a_coalition_holds_no_personal_data() -> None:
    member = user_with_role(Role.COALITIELID, MOERWIJK)
    coalition = coalition_create(actor=member, data=coalition_data())
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
        data=coalition_data(status="ended"),
    )
    assert coalition_public(coalition.slug).status_label == "beëindigd"  # type: ignore[union-attr]


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
