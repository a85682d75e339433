"""Granting and revoking roles (`accounts/services/roles.py`): validated, audited, and staff status
follows the roles. Nobody grants a role to themselves, and need-to-know needs a second
beheerder (issue 12, finding 5)."""

import pytest

from ruggensteun.accounts.models import Role, RoleAssignment, RoleRequestState
from ruggensteun.accounts.services import (
    RoleError,
    role_assign,
    role_request,
    role_request_approve,
    role_request_reject,
    role_revoke,
)
from ruggensteun.audit.models import AuditEvent
from tests.accounts.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_assigning_a_role_is_audited_with_actor_and_scope() -> None:
    beheerder = user_with_role(Role.BEHEERDER)
    user = UserFactory(email="wijkagent@example.org")
    assignment = role_assign(
        actor=beheerder, user=user, role=Role.PROFESSIONAL, area_code="wk047912"
    )
    assert assignment.area_code == "WK047912"
    event = AuditEvent.objects.get(action="role.assign", object_id=str(assignment.pk))
    assert event.actor == beheerder and event.actor_label == beheerder.email
    assert event.area_code == "WK047912"
    assert event.after == {
        "user": "wijkagent@example.org",
        "role": "professional",
        "area_code": "WK047912",
        "organisation": None,
    }


def test_revoking_a_role_is_audited_and_staff_status_follows() -> None:
    beheerder = user_with_role(Role.BEHEERDER)
    user = UserFactory()
    assignment = role_assign(actor=beheerder, user=user, role=Role.PROGRAMMATEAM)
    user.refresh_from_db()
    assert user.is_staff
    role_revoke(actor=beheerder, assignment=assignment)
    user.refresh_from_db()
    assert not user.is_staff
    event = AuditEvent.objects.get(action="role.revoke")
    assert event.before == {"user": user.email, "role": "programmateam", "area_code": ""}
    assert not RoleAssignment.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    ("role", "area", "message"),
    [
        (Role.PROGRAMMATEAM, "GM0479", "geldt landelijk"),
        (Role.PROFESSIONAL, "", "geldt voor een gebied"),
        (Role.PROFESSIONAL, "Poelenburg", "geldt voor een gebied"),
        (Role.ANALIST, "GM9999", "bestaat niet"),
    ],
)
def test_scopes_are_checked(role: str, area: str, message: str) -> None:
    with pytest.raises(RoleError, match=message):
        role_assign(actor=None, user=UserFactory(), role=role, area_code=area)
    assert not AuditEvent.objects.exists()


def test_only_a_beheerder_assigns_roles_and_nothing_is_written_otherwise() -> None:
    analyst = user_with_role(Role.ANALIST, "GM0479")
    events = AuditEvent.objects.count()
    with pytest.raises(RoleError, match="Alleen een beheerder"):
        role_assign(actor=analyst, user=UserFactory(), role=Role.ANALIST, area_code="GM0479")
    assert AuditEvent.objects.count() == events


def test_the_same_role_for_the_same_area_twice_is_refused() -> None:
    user = user_with_role(Role.ANALIST, "GM0479")
    with pytest.raises(RoleError, match="al"):
        role_assign(actor=None, user=user, role=Role.ANALIST, area_code="GM0479")


@pytest.mark.issue(12)
def test_nobody_grants_a_role_to_themselves() -> None:
    beheerder = user_with_role(Role.BEHEERDER)
    with pytest.raises(RoleError, match="uzelf"):
        role_assign(actor=beheerder, user=beheerder, role=Role.ANALIST, area_code="GM0479")
    with pytest.raises(RoleError, match="uzelf"):
        role_request(actor=beheerder, user=beheerder, role=Role.ONDERMIJNING, area_code="GM0479")
    assert not RoleAssignment.objects.filter(user=beheerder, role=Role.ANALIST).exists()


@pytest.mark.issue(12)
def test_need_to_know_is_never_granted_by_one_beheerder_alone() -> None:
    beheerder = user_with_role(Role.BEHEERDER)
    with pytest.raises(RoleError, match="tweede beheerder"):
        role_assign(actor=beheerder, user=UserFactory(), role=Role.ONDERMIJNING, area_code="GM0479")
    # The system (CLI, demo data) still grants directly.
    assert role_assign(actor=None, user=UserFactory(), role=Role.ONDERMIJNING, area_code="GM0479")


@pytest.mark.issue(12)
def test_a_second_beheerder_approves_need_to_know_and_both_steps_are_audited() -> None:
    first, second = user_with_role(Role.BEHEERDER), user_with_role(Role.BEHEERDER)
    target = UserFactory(email="rechercheur@example.org")
    request = role_request(actor=first, user=target, role=Role.ONDERMIJNING, area_code="gm0479")
    assert request.state == RoleRequestState.PENDING and request.area_code == "GM0479"
    assert not RoleAssignment.objects.filter(user=target).exists()
    with pytest.raises(RoleError, match="eigen verzoek"):
        role_request_approve(actor=first, role_request=request)
    assignment = role_request_approve(actor=second, role_request=request)
    request.refresh_from_db()
    assert request.state == RoleRequestState.APPROVED and request.decided_by == second
    assert assignment.role == Role.ONDERMIJNING and assignment.granted_by == second
    requested = AuditEvent.objects.get(action="role.request")
    assert requested.actor == first and requested.area_code == "GM0479"
    assert requested.after == {
        "user": "rechercheur@example.org",
        "role": "ondermijning_ntk",
        "area_code": "GM0479",
        "organisation": None,
    }
    approved = AuditEvent.objects.get(action="role.approve")
    assert approved.actor == second and approved.before == {"requested_by": first.email}
    with pytest.raises(RoleError, match="al beslist"):
        role_request_approve(actor=user_with_role(Role.BEHEERDER), role_request=request)


@pytest.mark.issue(12)
def test_the_target_cannot_approve_and_a_rejection_grants_nothing() -> None:
    first = user_with_role(Role.BEHEERDER)
    target = user_with_role(Role.BEHEERDER)  # a beheerder asking need-to-know for itself
    request = role_request(actor=first, user=target, role=Role.ONDERMIJNING, area_code="GM0479")
    with pytest.raises(RoleError, match="uzelf"):
        role_request_approve(actor=target, role_request=request)
    analyst = user_with_role(Role.ANALIST, "GM0479")
    with pytest.raises(RoleError, match="Alleen een beheerder"):
        role_request_approve(actor=analyst, role_request=request)
    second = user_with_role(Role.BEHEERDER)
    role_request_reject(actor=second, role_request=request)
    request.refresh_from_db()
    assert request.state == RoleRequestState.REJECTED
    assert not RoleAssignment.objects.filter(user=target, role=Role.ONDERMIJNING).exists()
    assert AuditEvent.objects.get(action="role.reject").actor == second
