"""Role assignments (audited): granted directly, or for need-to-know by four eyes; the first
beheerder from the CLI."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.backends import is_staff_for
from ruggensteun.accounts.geography import area_directory
from ruggensteun.accounts.models import (
    FOUR_EYES_ROLES,
    NATIONAL_ROLES,
    Organisation,
    Role,
    RoleAssignment,
    RoleRequest,
    RoleRequestState,
    User,
    normalise_email,
)
from ruggensteun.audit.services import audit_record
from ruggensteun.cbs import BUURT, GEMEENTE, WIJK, level_of
from ruggensteun.permissions import may

ERROR_NATIONAL_WITH_AREA = _("De rol %(role)s geldt landelijk; laat het gebied leeg.")
ERROR_AREA_REQUIRED = _("De rol %(role)s geldt voor een gebied: geef een GM-, WK- of BU-code.")
ERROR_UNKNOWN_AREA = _("Gebied %(code)s bestaat niet in de CBS-indeling.")
ERROR_DUPLICATE = _("%(email)s heeft de rol %(role)s voor dit gebied al.")
ERROR_SELF = _("U kunt uzelf geen rol geven of toekennen; dat doet een andere beheerder.")
ERROR_FOUR_EYES = _(
    "De rol %(role)s vraagt goedkeuring van een tweede beheerder: dien een verzoek in (vier ogen)."
)
ERROR_NO_FOUR_EYES = _("De rol %(role)s kent u direct toe; een verzoek is niet nodig.")
ERROR_PENDING = _("Voor %(email)s wacht al een verzoek om de rol %(role)s voor dit gebied.")
ERROR_OWN_REQUEST = _("Over uw eigen verzoek beslist een tweede beheerder, niet uzelf.")
ERROR_DECIDED = _("Over dit verzoek is al beslist.")


class RoleError(ValueError):
    """A role cannot be assigned or revoked as asked; the message is Dutch."""


def role_assignment_check(*, role: str, area_code: str) -> str:
    """Validate a role's scope; return the normalised area code or raise RoleError."""
    label = Role(role).label
    area_code = area_code.strip().upper()
    if role in NATIONAL_ROLES:
        if area_code:
            raise RoleError(str(ERROR_NATIONAL_WITH_AREA) % {"role": label})
        return ""
    if level_of(area_code) not in {GEMEENTE, WIJK, BUURT}:
        raise RoleError(str(ERROR_AREA_REQUIRED) % {"role": label})
    if not area_directory().exists(area_code):
        raise RoleError(str(ERROR_UNKNOWN_AREA) % {"code": area_code})
    return area_code


def role_grant_check(*, actor: User | None, user: User | None) -> None:
    """Nobody grants (or approves) a role for themselves; the system (actor None) may."""
    if actor is not None and user is not None and actor.pk == user.pk:
        raise RoleError(str(ERROR_SELF))


def _sync_staff(user: User) -> None:
    user.__dict__.pop("_ruggensteun_grants", None)
    staff = user.is_superuser or is_staff_for(user)
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])


def _check_actor(actor: User | None) -> None:
    if actor is not None:
        decision = may(actor, "accounts.manage_roles")
        if not decision:
            raise RoleError(decision.reason)


def _facts(
    user: User, role: str, area_code: str, organisation: Organisation | None
) -> dict[str, Any]:
    return {
        "user": user.email,
        "role": role,
        "area_code": area_code,
        "organisation": organisation.name if organisation else None,
    }


def _grant(
    *, actor: User | None, user: User, role: str, area_code: str, organisation: Organisation | None
) -> RoleAssignment:
    area_code = role_assignment_check(role=role, area_code=area_code)
    if RoleAssignment.objects.filter(user=user, role=role, area_code=area_code).exists():
        raise RoleError(str(ERROR_DUPLICATE) % {"email": user.email, "role": Role(role).label})
    assignment = RoleAssignment.objects.create(
        user=user, role=role, area_code=area_code, organisation=organisation, granted_by=actor
    )
    _sync_staff(user)
    audit_record(
        actor=actor,
        action="role.assign",
        obj=assignment,
        area_code=area_code,
        after=_facts(user, role, area_code, organisation),
    )
    return assignment


@transaction.atomic
def role_assign(
    *,
    actor: User | None,
    user: User,
    role: str,
    area_code: str = "",
    organisation: Organisation | None = None,
) -> RoleAssignment:
    """Give `user` a role; `actor` None means the system (first beheerder, demo data).

    A person never grants a role to themselves, and a four-eyes role goes through
    `role_request` and a second beheerder's `role_request_approve`.
    """
    _check_actor(actor)
    role_grant_check(actor=actor, user=user)
    if actor is not None and role in FOUR_EYES_ROLES:
        raise RoleError(str(ERROR_FOUR_EYES) % {"role": Role(role).label})
    return _grant(actor=actor, user=user, role=role, area_code=area_code, organisation=organisation)


@transaction.atomic
def role_revoke(*, actor: User | None, assignment: RoleAssignment) -> None:
    _check_actor(actor)
    user = assignment.user
    before = {"user": user.email, "role": assignment.role, "area_code": assignment.area_code}
    audit_record(
        actor=actor,
        action="role.revoke",
        obj=assignment,
        area_code=assignment.area_code,
        before=before,
    )
    assignment.delete()
    _sync_staff(user)


@transaction.atomic
def role_request(
    *,
    actor: User,
    user: User,
    role: str,
    area_code: str = "",
    organisation: Organisation | None = None,
) -> RoleRequest:
    """The first step of four eyes: a beheerder asks for a role another beheerder decides on."""
    _check_actor(actor)
    role_grant_check(actor=actor, user=user)
    label = Role(role).label
    if role not in FOUR_EYES_ROLES:
        raise RoleError(str(ERROR_NO_FOUR_EYES) % {"role": label})
    area_code = role_assignment_check(role=role, area_code=area_code)
    if RoleAssignment.objects.filter(user=user, role=role, area_code=area_code).exists():
        raise RoleError(str(ERROR_DUPLICATE) % {"email": user.email, "role": label})
    pending = RoleRequest.objects.filter(
        user=user, role=role, area_code=area_code, state=RoleRequestState.PENDING
    )
    if pending.exists():
        raise RoleError(str(ERROR_PENDING) % {"email": user.email, "role": label})
    request = RoleRequest.objects.create(
        user=user, role=role, area_code=area_code, organisation=organisation, requested_by=actor
    )
    audit_record(
        actor=actor,
        action="role.request",
        obj=request,
        area_code=area_code,
        after=_facts(user, role, area_code, organisation),
    )
    return request


def _decidable(actor: User, role_request: RoleRequest) -> RoleRequest:
    """Lock the request and check that `actor` is a second beheerder and not the target."""
    _check_actor(actor)
    request = RoleRequest.objects.select_for_update().select_related("user", "requested_by")
    locked = request.get(pk=role_request.pk)
    if actor.pk == locked.requested_by_id:
        raise RoleError(str(ERROR_OWN_REQUEST))
    role_grant_check(actor=actor, user=locked.user)
    if locked.state != RoleRequestState.PENDING:
        raise RoleError(str(ERROR_DECIDED))
    return locked


def _decide(actor: User, request: RoleRequest, state: str) -> None:
    request.state = state
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.save(update_fields=["state", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        action="role.approve" if state == RoleRequestState.APPROVED else "role.reject",
        obj=request,
        area_code=request.area_code,
        before={"requested_by": request.requested_by.email},
        after={"state": state},
    )


@transaction.atomic
def role_request_approve(*, actor: User, role_request: RoleRequest) -> RoleAssignment:
    """The second step of four eyes: only now is the role granted (by the approver)."""
    request = _decidable(actor, role_request)
    assignment = _grant(
        actor=actor,
        user=request.user,
        role=request.role,
        area_code=request.area_code,
        organisation=request.organisation,
    )
    _decide(actor, request, RoleRequestState.APPROVED)
    return assignment


@transaction.atomic
def role_request_reject(*, actor: User, role_request: RoleRequest) -> None:
    _decide(actor, _decidable(actor, role_request), RoleRequestState.REJECTED)


@transaction.atomic
def beheerder_create(*, email: str, password: str) -> User:
    """The first beheerder (from the CLI): an account with the national beheerder role."""
    user = User.objects.filter(email__iexact=normalise_email(email)).first()
    if user is None:
        user = User.objects.create_user(email, password)
    else:
        user.set_password(password)
        user.save(update_fields=["password"])
    if not user.role_assignments.filter(role=Role.BEHEERDER).exists():
        role_assign(actor=None, user=user, role=Role.BEHEERDER)
    return user
