"""Login throttling: failed passwords and wrong two-factor codes, per account and per address.

An account is its normalised e-mail address (`normalise_email`) and, when that address belongs
to a user, also the user's id, so no spelling of an address gets a fresh budget (issue 12).
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from ruggensteun.accounts.models import AttemptKind, LoginAttempt, User, normalise_email

THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20


def _user_id_of(email: str) -> int | None:
    if not email:
        return None
    ids = User.objects.filter(email__iexact=email).values_list("pk", flat=True)
    return ids.first()


def _recent(kind: str) -> QuerySet[LoginAttempt]:
    return LoginAttempt.objects.filter(at__gte=timezone.now() - THROTTLE_WINDOW, kind=kind)


def _account_attempts(kind: str, email: str, user_id: int | None) -> QuerySet[LoginAttempt]:
    match = Q(email=email)
    if user_id is not None:
        match |= Q(user_id=user_id)
    return _recent(kind).filter(match)


def _record(kind: str, email: str, user_id: int | None, ip_address: str | None) -> None:
    LoginAttempt.objects.create(
        kind=kind, email=email[:254], user_id=user_id, ip_address=ip_address or None
    )
    # Old attempts say nothing any more; keep the table small.
    LoginAttempt.objects.filter(at__lt=timezone.now() - 4 * THROTTLE_WINDOW).delete()


def login_throttled(*, email: str, ip_address: str | None) -> bool:
    key = normalise_email(email)
    attempts = _account_attempts(AttemptKind.PASSWORD, key, _user_id_of(key))
    if attempts.count() >= MAX_FAILURES_PER_ACCOUNT:
        return True
    return (
        bool(ip_address)
        and _recent(AttemptKind.PASSWORD).filter(ip_address=ip_address).count()
        >= MAX_FAILURES_PER_ADDRESS
    )


def login_failure_record(*, email: str, ip_address: str | None) -> None:
    key = normalise_email(email)
    _record(AttemptKind.PASSWORD, key, _user_id_of(key), ip_address)


def login_success_clear(*, user: User) -> None:
    key = normalise_email(user.email)
    LoginAttempt.objects.filter(kind=AttemptKind.PASSWORD).filter(
        Q(email=key) | Q(user=user)
    ).delete()


def code_throttled(*, user: User) -> bool:
    """Five wrong two-factor codes in 15 minutes lock the second step for that account."""
    attempts = _account_attempts(AttemptKind.CODE, normalise_email(user.email), user.pk)
    return attempts.count() >= MAX_FAILURES_PER_ACCOUNT


def code_failure_record(*, user: User, ip_address: str | None = None) -> None:
    _record(AttemptKind.CODE, normalise_email(user.email), user.pk, ip_address)


def code_success_clear(*, user: User) -> None:
    LoginAttempt.objects.filter(kind=AttemptKind.CODE, user=user).delete()
