"""The signal pages (signals/views.py): one signal's page cannot be used to probe ids (issue 12,
finding 15), and the duiding-sessions page lists the sessions of the user's areas and records
one through the service (scrubbed free texts, only signals of the area the user may read)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Organisation, Role, User
from ruggensteun.areas.models import FocusArea
from ruggensteun.audit.models import AuditEvent
from ruggensteun.signals.models import SenseMakingSession, Signal
from ruggensteun.signals.selectors import session_areas
from ruggensteun.signals.services import SignalInput, signal_record
from tests.accounts.factories import user_with_role, verified_login
from tests.signals.factories import CLEAN_TEXT, record, region

pytestmark = pytest.mark.django_db

MISSING = 987654


def anonymous(page: bytes, path: bytes) -> bytes:
    """The page without its own path and per-request tokens (CSRF, CSP nonce)."""
    return re.sub(rb'"[A-Za-z0-9+/=_-]{20,}"', b'""', page.replace(path, b"ID"))


def _form(area: FocusArea, **changes: object) -> dict[str, object]:
    return {
        "focus_area": area.pk,
        "date": "2024-03-01",
        "interpretation": "Overlast hangt samen met het sluiten van het buurthuis.",
        "participants_note": "",
        "action_description": "Buurthuis 's avonds open",
        "action_owner": "Wijkteam",
        "action_due": "2024-06-01",
        "action_status": "open",
        **changes,
    }


@pytest.fixture
def poelenburg_client(client: Client) -> Client:
    verified_login(client, user_with_role(Role.PROFESSIONAL, "WK047912"))
    return client


@pytest.mark.issue(12)
def test_a_signal_the_user_may_not_read_answers_like_one_that_does_not_exist(
    client: Client, moerwijk_signal: Signal
) -> None:
    assert not Signal.objects.filter(pk=MISSING).exists()
    client.force_login(user_with_role(Role.PROFESSIONAL, "WK047912"))
    theirs = client.get(reverse("signal-detail", args=[moerwijk_signal.pk]))
    missing = client.get(reverse("signal-detail", args=[MISSING]))
    assert theirs.status_code == missing.status_code == 404
    theirs_path = reverse("signal-detail", args=[moerwijk_signal.pk]).encode()
    missing_path = reverse("signal-detail", args=[MISSING]).encode()
    assert anonymous(theirs.content, theirs_path) == anonymous(missing.content, missing_path)


def test_anonymous_visitors_get_the_same_answer_for_existing_and_missing_ids(
    client: Client, moerwijk_signal: Signal
) -> None:
    existing = client.get(reverse("signal-detail", args=[moerwijk_signal.pk]))
    missing = client.get(reverse("signal-detail", args=[MISSING]))
    assert existing.status_code == missing.status_code == 302
    assert existing["Location"].replace(str(moerwijk_signal.pk), "ID") == missing[
        "Location"
    ].replace(str(MISSING), "ID")


@pytest.mark.issue(13)
def test_the_page_lists_only_the_users_areas_and_their_sessions(client: Client) -> None:
    poelenburg = user_with_role(Role.PROFESSIONAL, "WK047912")
    verified_login(client, poelenburg)
    areas = session_areas(poelenburg)
    assert [a.slug for a in areas] == ["zaandam-oost"]
    response = client.get(reverse("signal-sessions"))
    assert response.status_code == 200
    assert "Nog geen duidingssessies vastgelegd." in response.content.decode()


@pytest.mark.issue(13)
def test_posting_records_a_session_with_its_action_and_the_readable_signals(
    client: Client,
) -> None:
    poelenburg = user_with_role(Role.PROFESSIONAL, "WK047912")
    other = user_with_role(Role.PROFESSIONAL, "WK047912")
    area = FocusArea.objects.get(slug="zaandam-oost")
    mine = record(poelenburg, "WK047912")
    hidden = record(other, "WK047912", sensitive=True)  # need-to-know: not for poelenburg
    elsewhere = record(user_with_role(Role.PROFESSIONAL, "WK051829"), "WK051829")
    organisation = Organisation.objects.create(name="Wijkteam Poelenburg", type="welzijn")
    verified_login(client, poelenburg)
    response = client.post(
        reverse("signal-sessions"),
        {
            **_form(area, organisations=[organisation.pk]),
            "signals": [mine.pk, hidden.pk, elsewhere.pk],
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("signal-sessions")
    session = SenseMakingSession.objects.get()
    assert list(session.signals.all()) == [mine]
    assert list(session.organisations.all()) == [organisation]
    action = session.actions.get()
    assert (action.description, action.owner, str(action.due_date), action.status) == (
        "Buurthuis 's avonds open",
        "Wijkteam",
        "2024-06-01",
        "open",
    )
    assert AuditEvent.objects.filter(action="signal.session_record").count() == 1
    page = client.get(reverse("signal-sessions")).content.decode()
    assert "Overlast hangt samen met het sluiten van het buurthuis." in page


@pytest.mark.issue(13)
def test_a_session_without_an_action_records_none(poelenburg_client: Client) -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    response = poelenburg_client.post(
        reverse("signal-sessions"), _form(area, action_description="", action_owner="")
    )
    assert response.status_code == 302
    assert SenseMakingSession.objects.get().actions.count() == 0


@pytest.mark.issue(13)
def test_personal_data_in_the_interpretation_is_refused_on_the_page(
    poelenburg_client: Client,
) -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    response = poelenburg_client.post(
        reverse("signal-sessions"),
        _form(area, interpretation="Mail j.jansen@example.nl voor de afspraken."),
    )
    assert response.status_code == 200
    assert "e-mailadres" in response.content.decode()
    assert not SenseMakingSession.objects.exists()


@pytest.mark.issue(13)
def test_an_area_outside_the_users_areas_is_not_accepted(poelenburg_client: Client) -> None:
    other_area = FocusArea.objects.exclude(slug="zaandam-oost").first()
    assert other_area is not None
    response = poelenburg_client.post(reverse("signal-sessions"), _form(other_area))
    assert response.status_code == 200
    assert not SenseMakingSession.objects.exists()


@pytest.mark.issue(13)
def test_a_reader_without_a_focus_area_gets_403(client: Client) -> None:
    outside = user_with_role(Role.PROFESSIONAL, "WK051829")  # Schilderswijk: no focus area
    assert session_areas(outside) == []
    verified_login(client, outside)
    assert client.get(reverse("signal-sessions")).status_code == 403


DEMO_MARK = "inclusief verzonnen demo-inhoud"


def demo_record(actor: User, theme: str, period: str) -> Signal:
    """A fictional demo signal, recorded as ruggensteun.demo records them."""
    data = SignalInput(
        region=region("WK047912"),
        theme=theme,
        period=period,
        professional_role="jongerenwerk",
        intensity=4,
        trend="meer",
        confidence="midden",
        narrative=CLEAN_TEXT,
    )
    return signal_record(actor=actor, data=data, demo=True)


def _counts_and_domain(client: Client, domain: str) -> tuple[str, str]:
    """The public counts of /signalen/ for Zaandam Oost, and the area page's block of `domain`."""
    page = client.get(reverse("signals-home"), {"gebied": "zaandam-oost"}).text
    counts = page.split("Tellingen in Zaandam Oost", 1)[1].split("</table>", 1)[0]
    dashboard = client.get(reverse("focus-area-detail", args=["zaandam-oost"])).text
    block = dashboard.split(f'id="signalen-{domain}"', 1)[1].split("</aside>", 1)[0]
    return counts, block


@pytest.mark.issue(15)
def test_public_counts_say_when_they_include_demo_signals(client: Client, poelenburg: User) -> None:
    for _ in range(5):
        record(poelenburg, theme="psychisch", period="2021-K2", intensity=2)
    counts, health = _counts_and_domain(client, "gezondheid")
    assert '2021-K2</td><td class="rs-num">5</td>' in counts and "5 signalen" in health
    assert DEMO_MARK not in counts and DEMO_MARK not in health

    for _ in range(5):
        demo_record(poelenburg, "psychisch", "2021-K3")
    counts, health = _counts_and_domain(client, "gezondheid")
    assert '2021-K3</td><td class="rs-num">5</td>' in counts and "10 signalen" in health
    assert DEMO_MARK in counts and DEMO_MARK in health


@pytest.mark.issue(15)
def test_demo_signals_in_a_hidden_count_add_no_mark(client: Client, poelenburg: User) -> None:
    """Four demo signals in one quarter are not counted in public (nor is their theme's total),
    so the published counts include no demo content and say nothing about it."""
    for _ in range(5):
        record(poelenburg, theme="psychisch", period="2021-K2", intensity=2)
    for _ in range(4):
        demo_record(poelenburg, "eenzaamheid", "2021-K2")
    counts, living = _counts_and_domain(client, "leefbaarheid_wonen")
    assert '<span class="rs-signals__uncounted">Eenzaamheid en isolement</span>' in living
    assert DEMO_MARK not in counts and DEMO_MARK not in living
