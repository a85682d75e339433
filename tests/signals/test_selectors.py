"""Reads of signals (signals/selectors.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ruggensteun.accounts.models import Role, User
from ruggensteun.signals.selectors import signals_version
from ruggensteun.signals.services import retention_apply
from tests.accounts.factories import user_with_role
from tests.signals.factories import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def poelenburg() -> User:
    return user_with_role(Role.PROFESSIONAL, "WK047912")


@pytest.mark.issue(13)
def test_signals_version_changes_with_every_signal_change(poelenburg: User) -> None:
    empty = signals_version()
    assert signals_version() == empty  # reading changes nothing
    first = record(poelenburg)
    added = signals_version()
    assert added != empty
    second = record(poelenburg, theme="eenzaamheid")
    two = signals_version()
    assert two not in (empty, added)
    # Deleting the older one and adding another keeps the count but not the version.
    first.delete()
    record(poelenburg)
    replaced = signals_version()
    assert replaced != two
    # Retention clears the narrative (the signal itself stays): the version changes too.
    retention_apply(now=timezone.now() + timedelta(days=10_000))
    second.refresh_from_db()
    assert second.narrative == "" and second.narrative_removed_at is not None
    assert signals_version() not in (empty, added, two, replaced)
