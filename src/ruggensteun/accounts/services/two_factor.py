"""Two-factor authentication (issue 12): a TOTP app per user plus ten one-time recovery codes.

Required for the roles in TWO_FACTOR_ROLES and for superusers. Enrolment, use of a recovery
code and a reset by a beheerder are audited; five wrong codes lock the step for 15 minutes.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ruggensteun.accounts.models import TWO_FACTOR_ROLES, User
from ruggensteun.audit.services import audit_record
from ruggensteun.permissions import AnyUser, has_role

from .login import code_failure_record, code_success_clear, code_throttled
from .users import account_change_check

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "app"
RECOVERY_DEVICE_NAME = "herstelcodes"

ERROR_CODE_WRONG = _(
    "Deze code klopt niet. Probeer de code die uw app nu toont, of een herstelcode."
)
CODE_THROTTLED = (
    "Te veel onjuiste codes. Probeer het over 15 minuten opnieuw, of vraag een beheerder "
    "uw tweestapsverificatie opnieuw in te stellen."
)


class TwoFactorError(ValueError):
    """A code is refused; the message is Dutch."""


def two_factor_required(user: AnyUser) -> bool:
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser) or has_role(user, *TWO_FACTOR_ROLES)


def two_factor_enrolled(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def two_factor_pending_device(*, user: User) -> TOTPDevice:
    """The not yet confirmed app of a user who enrols (its secret is shown until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").last()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def _clean(code: str) -> str:
    return re.sub(r"\s+", "", code or "").lower()


def _checked(user: User, code: str, devices: QuerySet[Any]) -> Device:
    """Try `code` on `devices` under a row lock; count a failure outside that transaction."""
    if code_throttled(user=user):
        raise TwoFactorError(CODE_THROTTLED)
    with transaction.atomic():
        candidates = devices.select_for_update()
        matched = next((d for d in candidates if d.verify_token(code)), None)
    if matched is None:
        code_failure_record(user=user)
        raise TwoFactorError(str(ERROR_CODE_WRONG))
    code_success_clear(user=user)
    return matched


def two_factor_enrol(*, user: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the app with a first code; return ten new recovery codes (shown once)."""
    _checked(user, _clean(code), TOTPDevice.objects.filter(pk=device.pk, user=user))
    device.refresh_from_db()
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        StaticDevice.objects.filter(user=user).delete()
        recovery = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
        audit_record(actor=user, action="two_factor.enrol", obj=user)
    return codes


def two_factor_verify(*, user: User, code: str) -> Device:
    """The second step after the password: a six-digit app code, or else a recovery code."""
    code = _clean(code)
    model = TOTPDevice if re.fullmatch(r"\d{6}", code) else StaticDevice
    device = _checked(user, code, model.objects.filter(user=user, confirmed=True))
    if isinstance(device, StaticDevice):
        audit_record(
            actor=user,
            action="two_factor.recovery_code",
            obj=user,
            after={"remaining": device.token_set.count()},
        )
    return device


@transaction.atomic
def two_factor_reset(*, actor: User, user: User) -> None:
    """Remove a user's app and recovery codes; at the next login the user enrols again."""
    account_change_check(actor=actor, user=user)
    removed = TOTPDevice.objects.filter(user=user).count()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action="two_factor.reset", obj=user, before={"apps": removed})
