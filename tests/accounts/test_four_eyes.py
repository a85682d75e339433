"""Issue 12 finding 5: nobody grants themselves a role; need-to-know needs a second beheerder."""

import pytest
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Role, RoleAssignment, RoleRequest, RoleRequestState
from ruggensteun.accounts.services import (
    RoleError,
    role_assign,
    role_request,
    role_request_approve,
    role_request_reject,
)
from ruggensteun.audit.models import AuditEvent
from tests.accounts.factories import UserFactory, user_with_role, verified_login

pytestmark = pytest.mark.django_db


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


@pytest.mark.issue(12)
def test_four_eyes_in_the_admin() -> None:
    first, second = user_with_role(Role.BEHEERDER), user_with_role(Role.BEHEERDER)
    target = UserFactory()
    one, two = Client(), Client()
    verified_login(one, first)
    verified_login(two, second)
    response = one.post(
        reverse("admin:accounts_roleassignment_add"),
        {"user": target.pk, "role": Role.ONDERMIJNING, "area_code": "GM0479", "organisation": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:accounts_rolerequest_changelist")
    assert not RoleAssignment.objects.filter(user=target).exists()
    request = RoleRequest.objects.get(user=target)
    changelist = reverse("admin:accounts_rolerequest_changelist")
    assert "wacht op een tweede beheerder" in one.get(changelist).content.decode()
    detail = reverse("admin:accounts_rolerequest_change", args=[request.pk])
    assert one.get(detail).status_code == 200
    assert one.post(detail, {"state": "approved"}).status_code == 403
    one.post(changelist, {"action": "approve", "_selected_action": [request.pk]})
    assert not RoleAssignment.objects.filter(user=target).exists()
    two.post(changelist, {"action": "approve", "_selected_action": [request.pk]})
    assert RoleAssignment.objects.get(user=target).role == Role.ONDERMIJNING
    # Giving yourself a role in the admin is refused with the reason.
    self_grant = one.post(
        reverse("admin:accounts_roleassignment_add"),
        {"user": first.pk, "role": Role.ANALIST, "area_code": "GM0479", "organisation": ""},
    )
    assert self_grant.status_code == 200 and "uzelf" in self_grant.content.decode()
    assert not RoleAssignment.objects.filter(user=first, role=Role.ANALIST).exists()
