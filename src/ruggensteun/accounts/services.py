"""Writes to accounts: role assignments (audited), first beheerder, login throttling."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ruggensteun.areas.codes import level_of
from ruggensteun.areas.models import Level, Region
from ruggensteun.audit.services import audit_record

from .backends import is_staff_for
from .models import NATIONAL_ROLES, LoginAttempt, Organisation, Role, RoleAssignment, User
from .permissions import may

THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20

ERROR_NATIONAL_WITH_AREA = "De rol {role} geldt landelijk; laat het gebied leeg."
ERROR_AREA_REQUIRED = "De rol {role} geldt voor een gebied: geef een GM-, WK- of BU-code."
ERROR_UNKNOWN_AREA = "Gebied {code} bestaat niet in de CBS-indeling."
ERROR_DUPLICATE = "{email} heeft de rol {role} voor dit gebied al."


class RoleError(ValueError):
    """A role cannot be assigned or revoked as asked; the message is Dutch."""


def role_assignment_check(*, role: str, area_code: str) -> str:
    """Validate a role's scope; return the normalised area code or raise RoleError."""
    label = Role(role).label
    area_code = area_code.strip().upper()
    if role in NATIONAL_ROLES:
        if area_code:
            raise RoleError(ERROR_NATIONAL_WITH_AREA.format(role=label))
        return ""
    if level_of(area_code) not in {Level.GEMEENTE, Level.WIJK, Level.BUURT}:
        raise RoleError(ERROR_AREA_REQUIRED.format(role=label))
    if not Region.objects.filter(code=area_code).exists():
        raise RoleError(ERROR_UNKNOWN_AREA.format(code=area_code))
    return area_code


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


@transaction.atomic
def role_assign(
    *,
    actor: User | None,
    user: User,
    role: str,
    area_code: str = "",
    organisation: Organisation | None = None,
) -> RoleAssignment:
    """Give `user` a role; `actor` None means the system (first beheerder, demo data)."""
    _check_actor(actor)
    area_code = role_assignment_check(role=role, area_code=area_code)
    if RoleAssignment.objects.filter(user=user, role=role, area_code=area_code).exists():
        raise RoleError(ERROR_DUPLICATE.format(email=user.email, role=Role(role).label))
    assignment = RoleAssignment.objects.create(
        user=user, role=role, area_code=area_code, organisation=organisation, granted_by=actor
    )
    _sync_staff(user)
    audit_record(
        actor=actor,
        action="role.assign",
        obj=assignment,
        area_code=area_code,
        after={
            "user": user.email,
            "role": role,
            "area_code": area_code,
            "organisation": organisation.name if organisation else None,
        },
    )
    return assignment


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
def beheerder_create(*, email: str, password: str) -> User:
    """The first beheerder (from the CLI): an account with the national beheerder role."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email, password)
    else:
        user.set_password(password)
        user.save(update_fields=["password"])
    if not user.role_assignments.filter(role=Role.BEHEERDER).exists():
        role_assign(actor=None, user=user, role=Role.BEHEERDER)
    return user


def login_throttled(*, email: str, ip_address: str | None) -> bool:
    since = timezone.now() - THROTTLE_WINDOW
    recent = LoginAttempt.objects.filter(at__gte=since)
    if recent.filter(email=email.strip().lower()).count() >= MAX_FAILURES_PER_ACCOUNT:
        return True
    return (
        bool(ip_address)
        and recent.filter(ip_address=ip_address).count() >= MAX_FAILURES_PER_ADDRESS
    )


def login_failure_record(*, email: str, ip_address: str | None) -> None:
    LoginAttempt.objects.create(email=email.strip().lower()[:254], ip_address=ip_address or None)
    # Old attempts say nothing any more; keep the table small.
    LoginAttempt.objects.filter(at__lt=timezone.now() - 4 * THROTTLE_WINDOW).delete()


def login_success_clear(*, email: str) -> None:
    LoginAttempt.objects.filter(email=email.strip().lower()).delete()
