"""Permission rules as a role × area × state matrix, each refusal with a Dutch reason."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from ruggensteun.accounts.models import Role
from ruggensteun.permissions import may
from ruggensteun.practices.workflow import Status
from tests.accounts.factories import UserFactory, user_with_role
from tests.practices.factories import (
    MOERWIJK,
    POELENBURG,
    SCHILDERSWIJK,
    CoalitionFactory,
    PracticeFactory,
    focus_area,
    region,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "scope", "area", "allowed"),
    [
        (Role.COALITIELID, MOERWIJK, MOERWIJK, True),
        (Role.COALITIELID, "GM0518", SCHILDERSWIJK, True),
        (Role.COALITIELID, MOERWIJK, SCHILDERSWIJK, False),
        (Role.COALITIELID, POELENBURG, MOERWIJK, False),
        (Role.COALITIELID, MOERWIJK, "den-haag-zuidwest", True),  # Moerwijk is a member
        (Role.COALITIELID, MOERWIJK, "zaandam-oost", False),
        (Role.COALITIELID, MOERWIJK, "GM0518", False),  # a wijk scope does not cover the city
        (Role.PROGRAMMATEAM, "", SCHILDERSWIJK, True),
        (Role.BEHEERDER, "", "zaandam-oost", True),
        (Role.PROFESSIONAL, MOERWIJK, MOERWIJK, False),
        (Role.ANALIST, "GM0518", MOERWIJK, False),
    ],
)
def test_who_registers_a_coalition_where(role: str, scope: str, area: str, allowed: bool) -> None:
    user = user_with_role(role, scope)
    place = region(area) if area[:2] in {"WK", "GM"} else focus_area(area)
    assert bool(may(user, "practices.create_coalition", [place])) is allowed
    coalition = CoalitionFactory()
    if area[:2] in {"WK", "GM"}:
        coalition.regions.set([place])
    else:
        coalition.focus_areas.set([place])
    assert bool(may(user, "practices.edit_coalition", coalition)) is allowed
    assert bool(may(user, "practices.create_practice", coalition)) is allowed
    assert bool(may(user, "practices.record_adoption", place)) is allowed


def test_refusals_give_reasons() -> None:
    member = user_with_role(Role.COALITIELID, MOERWIJK)
    decision = may(member, "practices.create_coalition", [region(SCHILDERSWIJK)])
    assert decision.reason == "Dit gebied valt buiten het gebied van uw rol als coalitielid."
    assert may(member, "practices.create_coalition", []).reason == (
        "Kies minstens één gebied binnen uw eigen gebied."
    )
    nobody = UserFactory()
    assert may(nobody, "practices.create_coalition").reason.startswith("Alleen coalitieleden")
    assert may(AnonymousUser(), "practices.create_coalition").reason == "Log in om dit te doen."
    assert may(member, "practices.create_coalition")  # may at all: yes, somewhere


EDIT_MATRIX = {
    # status: (owner, editor, other member)
    Status.DRAFT: (True, True, False),
    Status.SUBMITTED: (False, True, False),
    Status.IN_REVIEW: (False, True, False),
    Status.PUBLISHED: (False, True, False),
    Status.NEEDS_UPDATE: (True, True, False),
    Status.ARCHIVED: (False, False, False),
}


@pytest.mark.parametrize("status", Status.values)
def test_who_edits_a_practice_in_which_state(status: str) -> None:
    owner = user_with_role(Role.COALITIELID, MOERWIJK)
    practice = PracticeFactory(status=status, owner=owner)
    expected = EDIT_MATRIX[Status(status)]
    actual = tuple(
        bool(may(user, "practices.edit_practice", practice))
        for user in (
            owner,
            user_with_role(Role.PROGRAMMATEAM),
            user_with_role(Role.COALITIELID, MOERWIJK),
        )
    )
    assert actual == expected
    assert (
        bool(may(user_with_role(Role.BEHEERDER), "practices.edit_practice", practice))
        is expected[1]
    )


@pytest.mark.parametrize("status", Status.values)
def test_who_sees_a_practice(status: str) -> None:
    owner = user_with_role(Role.COALITIELID, MOERWIJK)
    practice = PracticeFactory(status=status, owner=owner)
    public = status == Status.PUBLISHED
    assert bool(may(AnonymousUser(), "practices.view_practice", practice)) is public
    assert bool(
        may(user_with_role(Role.COALITIELID, MOERWIJK), "practices.view_practice", practice)
    ) is (public)
    assert may(owner, "practices.view_practice", practice)
    assert may(user_with_role(Role.PROGRAMMATEAM), "practices.view_practice", practice)
    assert may(owner, "practices.view_unpublished", practice)
    assert not may(
        user_with_role(Role.PROFESSIONAL, MOERWIJK), "practices.view_unpublished", practice
    )


def test_only_editors_review() -> None:
    assert may(user_with_role(Role.PROGRAMMATEAM), "practices.review")
    assert may(user_with_role(Role.BEHEERDER), "practices.review")
    for role, scope in [
        (Role.COALITIELID, MOERWIJK),
        (Role.FINANCIEN, ""),
        (Role.BEOORDELAAR, MOERWIJK),
    ]:
        assert not may(user_with_role(role, scope), "practices.review")
