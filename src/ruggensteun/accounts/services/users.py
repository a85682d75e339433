"""Users, organisations and memberships as the admin changes them: every change audited with the
fields before and after. E-mail addresses and passwords are never set for someone else (issue 12):
a new user, or one who forgot the password, gets a reset link by e-mail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.db import models, transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import Organisation, OrganisationMembership, User, normalise_email
from ruggensteun.audit.services import audit_record
from ruggensteun.permissions import may

USER_EDITABLE = frozenset({"first_name", "last_name", "is_active"})
ORGANISATION_EDITABLE = frozenset({"name", "type", "municipality_code"})
MEMBERSHIP_EDITABLE = frozenset({"user", "function"})

ERROR_FIELD = _(
    "%(field)s wijzigt u niet in het beheer: e-mailadres en wachtwoord wijzigt alleen de "
    "gebruiker zelf, een vergeten wachtwoord via de herstelmail."
)
ERROR_SUPERUSER = _("Een superuser-account wijzigt alleen een superuser.")
ERROR_EMAIL_TAKEN = _("Er bestaat al een account met dit e-mailadres.")
ERROR_EMAIL_REQUIRED = _("Een e-mailadres is verplicht.")
ERROR_INACTIVE = _("%(email)s is niet actief; activeer het account eerst.")


class AccountError(ValueError):
    """A user, organisation or membership change is refused; the message is Dutch."""


def account_change_check(*, actor: User, user: User | None = None) -> None:
    """Only a beheerder manages accounts, and only a superuser touches a superuser account."""
    decision = may(actor, "accounts.manage_users")
    if not decision:
        raise AccountError(decision.reason)
    if user is not None and user.is_superuser and not actor.is_superuser:
        raise AccountError(str(ERROR_SUPERUSER))


def _plain(value: Any) -> Any:
    """A value as the audit trail stores it (JSON): related objects by their text."""
    return str(value) if isinstance(value, models.Model) else value


def _apply(
    instance: models.Model, changes: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Set the changed fields on the locked `instance`; return (before, after) of real changes."""
    before = {
        name: _plain(getattr(instance, name))
        for name, value in changes.items()
        if getattr(instance, name) != value
    }
    after = {name: _plain(changes[name]) for name in before}
    for name in before:
        setattr(instance, name, changes[name])
    if before:
        instance.save(update_fields=list(before))
    return before, after


def _refuse_fields(changes: dict[str, Any], editable: frozenset[str]) -> None:
    refused = sorted(set(changes) - editable)
    if refused:
        raise AccountError(str(ERROR_FIELD) % {"field": refused[0]})


# --- users ---------------------------------------------------------------------------------------


def _user_facts(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": user.is_active,
    }


@transaction.atomic
def user_create(*, actor: User, email: str, first_name: str = "", last_name: str = "") -> User:
    """A new account without a password: the user sets one through the reset link."""
    account_change_check(actor=actor)
    email = normalise_email(email)
    if not email:
        raise AccountError(str(ERROR_EMAIL_REQUIRED))
    if User.objects.filter(email__iexact=email).exists():
        raise AccountError(str(ERROR_EMAIL_TAKEN))
    user = User.objects.create_user(email, None, first_name=first_name, last_name=last_name)
    audit_record(actor=actor, action="user.create", obj=user, after=_user_facts(user))
    return user


@transaction.atomic
def user_update(*, actor: User, user: User, changes: dict[str, Any]) -> User:
    """Change names or (de)activate; audited as user.change, user.activate or user.deactivate."""
    account_change_check(actor=actor, user=user)
    _refuse_fields(changes, USER_EDITABLE)
    current = User.objects.select_for_update().get(pk=user.pk)
    before, after = _apply(current, changes)
    if before:
        action = "user.change"
        if "is_active" in after:
            action = "user.activate" if after["is_active"] else "user.deactivate"
        audit_record(actor=actor, action=action, obj=current, before=before, after=after)
    return current


@transaction.atomic
def user_delete(*, actor: User, user: User) -> None:
    account_change_check(actor=actor, user=user)
    audit_record(actor=actor, action="user.delete", obj=user, before=_user_facts(user))
    user.delete()


@transaction.atomic
def user_password_reset_send(*, actor: User, user: User, domain: str, use_https: bool) -> None:
    """Mail the user a one-time link to set a new password; the beheerder never sees one."""
    account_change_check(actor=actor, user=user)
    if not user.is_active:
        raise AccountError(str(ERROR_INACTIVE) % {"email": user.email})
    audit_record(actor=actor, action="user.password_reset_send", obj=user)
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": domain,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if use_https else "http",
    }
    PasswordResetForm().send_mail(
        "accounts/password_reset_subject.txt",
        "accounts/password_reset_email.txt",
        context,
        None,
        user.email,
    )


# --- organisations and memberships ---------------------------------------------------------------


def _organisation_facts(organisation: Organisation) -> dict[str, Any]:
    return {name: getattr(organisation, name) for name in sorted(ORGANISATION_EDITABLE)}


def _membership_facts(membership: OrganisationMembership) -> dict[str, Any]:
    return {
        "user": membership.user.email,
        "organisation": membership.organisation.name,
        "function": membership.function,
    }


@transaction.atomic
def organisation_create(*, actor: User, organisation: Organisation) -> Organisation:
    account_change_check(actor=actor)
    organisation.save()
    audit_record(
        actor=actor,
        action="organisation.create",
        obj=organisation,
        area_code=organisation.municipality_code,
        after=_organisation_facts(organisation),
    )
    return organisation


@transaction.atomic
def organisation_update(
    *, actor: User, organisation: Organisation, changes: dict[str, Any]
) -> Organisation:
    account_change_check(actor=actor)
    _refuse_fields(changes, ORGANISATION_EDITABLE)
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before, after = _apply(current, changes)
    if before:
        audit_record(
            actor=actor,
            action="organisation.change",
            obj=current,
            area_code=current.municipality_code,
            before=before,
            after=after,
        )
    return current


@transaction.atomic
def organisation_delete(*, actor: User, organisation: Organisation) -> None:
    account_change_check(actor=actor)
    members = list(organisation.memberships.values_list("user__email", flat=True))
    audit_record(
        actor=actor,
        action="organisation.delete",
        obj=organisation,
        area_code=organisation.municipality_code,
        before=_organisation_facts(organisation) | {"members": sorted(members)},
    )
    organisation.delete()


@transaction.atomic
def membership_add(*, actor: User, membership: OrganisationMembership) -> OrganisationMembership:
    account_change_check(actor=actor)
    membership.save()
    audit_record(
        actor=actor, action="membership.add", obj=membership, after=_membership_facts(membership)
    )
    return membership


@transaction.atomic
def membership_update(
    *, actor: User, membership: OrganisationMembership, changes: dict[str, Any]
) -> OrganisationMembership:
    account_change_check(actor=actor)
    _refuse_fields(changes, MEMBERSHIP_EDITABLE)
    current = OrganisationMembership.objects.select_for_update().get(pk=membership.pk)
    before, after = _apply(current, changes)
    if before:
        audit_record(
            actor=actor, action="membership.change", obj=current, before=before, after=after
        )
    return current


@transaction.atomic
def membership_remove(*, actor: User, membership: OrganisationMembership) -> None:
    account_change_check(actor=actor)
    audit_record(
        actor=actor,
        action="membership.remove",
        obj=membership,
        before=_membership_facts(membership),
    )
    membership.delete()
