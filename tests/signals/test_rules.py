"""Who reads which signal (signals/rules.py): professionals their own area's, analysts their
municipality's, ondermijning only the need-to-know role of the area, every read audited."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Role, User
from ruggensteun.audit.models import AuditEvent
from ruggensteun.permissions import may
from ruggensteun.signals.services import signal_read
from tests.accounts.factories import user_with_role, verified_login
from tests.signals.factories import record

pytestmark = pytest.mark.django_db


def test_a_professional_of_area_a_cannot_see_the_signals_of_b(
    client: Client, poelenburg: User, moerwijk: User
) -> None:
    theirs = record(moerwijk, code="WK051836")
    mine = record(poelenburg)
    assert not may(poelenburg, "signals.view", theirs)
    assert may(poelenburg, "signals.view", mine)
    client.force_login(poelenburg)
    assert client.get(reverse("signal-detail", args=[theirs.pk])).status_code == 404
    listing = client.get(reverse("signals-home")).content.decode()
    assert reverse("signal-detail", args=[mine.pk]) in listing
    assert reverse("signal-detail", args=[theirs.pk]) not in listing
    # The analyst of Zaanstad reads Poelenburg's signal, not Moerwijk's.
    analyst = user_with_role(Role.ANALIST, "GM0479")
    assert may(analyst, "signals.view", mine) and not may(analyst, "signals.view", theirs)


def test_only_need_to_know_roles_read_ondermijning_and_every_read_is_audited(
    client: Client, poelenburg: User
) -> None:
    signal = record(poelenburg, theme="ondermijning", narrative="Panden die steeds wisselen.")
    assert signal.is_sensitive
    colleague = user_with_role(Role.PROFESSIONAL, "WK047912")
    programme = user_with_role(Role.PROGRAMMATEAM)
    admin = user_with_role(Role.BEHEERDER)
    for outsider in (colleague, programme, admin, user_with_role(Role.ONDERMIJNING, "GM0518")):
        assert not may(outsider, "signals.view", signal)
        with pytest.raises(PermissionDenied):
            signal_read(outsider, signal)
    need_to_know = user_with_role(Role.ONDERMIJNING, "GM0479")
    reads = AuditEvent.objects.filter(action="signal.read_sensitive", object_id=str(signal.pk))
    assert reads.count() == 0
    verified_login(client, need_to_know)  # need-to-know roles log in with a second factor
    page = client.get(reverse("signal-detail", args=[signal.pk]))
    assert page.status_code == 200 and "Panden die steeds wisselen." in page.content.decode()
    client.get(reverse("signal-detail", args=[signal.pk]))
    assert reads.count() == 2
    assert set(reads.values_list("actor_id", flat=True)) == {need_to_know.pk}
    # Listing it counts as a read too; the colleague's list does not show it at all.
    client.get(reverse("signals-home"))
    assert reads.count() == 3
    client.force_login(colleague)
    assert "Panden" not in client.get(reverse("signals-home")).content.decode()
