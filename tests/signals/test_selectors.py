"""Reads of signals (signals/selectors.py): the version that changes with every signal, public
counts with small cells suppressed, and the divergence between signals and figures."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ruggensteun.accounts.models import User
from ruggensteun.areas.models import FocusArea
from ruggensteun.signals.models import Signal
from ruggensteun.signals.selectors import (
    area_signals,
    domain_signals,
    public_aggregates,
    signals_version,
)
from ruggensteun.signals.services import retention_apply
from tests.signals.factories import record

pytestmark = pytest.mark.django_db


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


def test_a_theme_with_four_signals_in_a_period_shows_no_public_count(
    client: Client, poelenburg: User
) -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    for _ in range(4):
        record(poelenburg, theme="eenzaamheid", period="2021-K2", intensity=4)
    for _ in range(5):
        record(poelenburg, theme="psychisch", period="2021-K2", intensity=2)
    by_theme = {a.theme.key: a for a in public_aggregates(area, by_period=True)}
    assert "eenzaamheid" not in by_theme  # a hidden quarter is left out, as an empty one is
    totals = {a.theme.key: a for a in public_aggregates(area)}
    assert totals["eenzaamheid"].suppressed and totals["eenzaamheid"].count is None
    assert totals["eenzaamheid"].mean_intensity is None and totals["eenzaamheid"].more is None
    assert by_theme["psychisch"].count == 5 and by_theme["psychisch"].mean_intensity == 2
    page = client.get(reverse("signals-home"), {"gebied": "zaandam-oost"}).content.decode()
    assert '2021-K2</td><td class="rs-num">5</td>' in page
    dashboard = client.get(reverse("focus-area-detail", args=["zaandam-oost"])).content.decode()
    health = dashboard.split('id="signalen-gezondheid"', 1)[1].split("</aside>", 1)[0]
    living = dashboard.split('id="signalen-leefbaarheid_wonen"', 1)[1].split("</aside>", 1)[0]
    assert "Geen telling (geen signalen, of te weinig om te tonen)" in living
    assert '<span class="rs-signals__uncounted">Eenzaamheid en isolement</span>' in living
    assert "5 signalen" in health and "4 signalen" not in dashboard


def test_divergence_when_signals_rise_while_the_figures_improve(poelenburg: User) -> None:
    """Making ends meet (GGD) fell from 2016 to 2020 in all five wijken of Zaandam Oost
    (e.g. Poelenburg 35,6% → 30,2%), so rising money worries diverge from the figures."""
    area = FocusArea.objects.get(slug="zaandam-oost")
    block = domain_signals(area, area_signals(area), "werk_inkomen")
    assert block.figures == "verbeterd" and block.divergence == ""
    for trend in ["meer", "meer", "meer", "meer", "gelijk"]:
        record(poelenburg, theme="geldzorgen", trend=trend)
    block = domain_signals(area, area_signals(area), "werk_inkomen")
    assert block.aggregates[0].direction == "meer"
    assert "Professionals signaleren meer geldzorgen en armoede" in block.divergence
    assert "0 van 5 veranderingen ongunstig, 5 gunstig" in block.divergence
    # Signals that agree with the figures raise no flag.
    Signal.objects.update(trend="minder")
    assert domain_signals(area, area_signals(area), "werk_inkomen").divergence == ""
