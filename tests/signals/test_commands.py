"""The signals' management command: signals_retention (signals/management/commands)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from ruggensteun.accounts.models import User
from ruggensteun.signals.models import Signal
from tests.signals.factories import record

pytestmark = pytest.mark.django_db


def test_the_retention_command_reports_per_theme(poelenburg: User) -> None:

    signal = record(poelenburg, theme="achter_de_voordeur")
    Signal.objects.filter(pk=signal.pk).update(created_at=timezone.now() - timedelta(days=366))
    out = StringIO()
    call_command("signals_retention", "--dry-run", stdout=out)
    assert "spanning achter de voordeur (termijn 365 dagen): 1 zou verwijderen" in out.getvalue()
    call_command("signals_retention", stdout=out)
    assert Signal.objects.get(pk=signal.pk).narrative == ""
