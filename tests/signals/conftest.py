"""Fixtures of the signals tests: professionals of two wijken and a signal of one of them."""

import pytest

from ruggensteun.accounts.models import Role, User
from ruggensteun.signals.models import Signal
from tests.accounts.factories import user_with_role
from tests.signals.factories import record


@pytest.fixture
def poelenburg() -> User:
    """A professional in Poelenburg (WK047912, Zaandam Oost)."""
    return user_with_role(Role.PROFESSIONAL, "WK047912")


@pytest.fixture
def moerwijk() -> User:
    """A professional in Moerwijk (WK051836, The Hague)."""
    return user_with_role(Role.PROFESSIONAL, "WK051836")


@pytest.fixture
def moerwijk_signal(moerwijk: User) -> Signal:
    return record(moerwijk, "WK051836")
