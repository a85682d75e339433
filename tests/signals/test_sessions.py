"""The duiding-sessions page: it lists the sessions of the user's areas and records one through
the service (scrubbed free texts, only signals of the area the user may read)."""

import pytest
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Organisation, Role, User
from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.audit.models import AuditEvent
from ruggensteun.signals.models import SenseMakingSession, Signal
from ruggensteun.signals.selectors import session_areas
from ruggensteun.signals.services import SignalInput, session_submit, signal_record
from tests.accounts.factories import user_with_role, verified_login

pytestmark = [pytest.mark.django_db, pytest.mark.issue(13)]

CLEAN_TEXT = "Sinds de zomer meer jongeren die 's avonds rondhangen bij het winkelcentrum."


def _signal(actor: User, code: str, *, sensitive: bool = False) -> Signal:
    return signal_record(
        actor=actor,
        data=SignalInput(
            region=Region.objects.get(vintage=2020, code=code),
            theme="jongeren",
            period="2021-K1",
            professional_role="jongerenwerk",
            intensity=3,
            trend="meer",
            confidence="midden",
            narrative=CLEAN_TEXT,
            sensitive=sensitive,
        ),
    )


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


def test_the_page_lists_only_the_users_areas_and_their_sessions(client: Client) -> None:
    poelenburg = user_with_role(Role.PROFESSIONAL, "WK047912")
    verified_login(client, poelenburg)
    areas = session_areas(poelenburg)
    assert [a.slug for a in areas] == ["zaandam-oost"]
    response = client.get(reverse("signal-sessions"))
    assert response.status_code == 200
    assert "Nog geen duidingssessies vastgelegd." in response.content.decode()


def test_posting_records_a_session_with_its_action_and_the_readable_signals(
    client: Client,
) -> None:
    poelenburg = user_with_role(Role.PROFESSIONAL, "WK047912")
    other = user_with_role(Role.PROFESSIONAL, "WK047912")
    area = FocusArea.objects.get(slug="zaandam-oost")
    mine = _signal(poelenburg, "WK047912")
    hidden = _signal(other, "WK047912", sensitive=True)  # need-to-know: not for poelenburg
    elsewhere = _signal(user_with_role(Role.PROFESSIONAL, "WK051829"), "WK051829")
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


def test_a_session_without_an_action_records_none(poelenburg_client: Client) -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    response = poelenburg_client.post(
        reverse("signal-sessions"), _form(area, action_description="", action_owner="")
    )
    assert response.status_code == 302
    assert SenseMakingSession.objects.get().actions.count() == 0


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


def test_an_area_outside_the_users_areas_is_not_accepted(poelenburg_client: Client) -> None:
    other_area = FocusArea.objects.exclude(slug="zaandam-oost").first()
    assert other_area is not None
    response = poelenburg_client.post(reverse("signal-sessions"), _form(other_area))
    assert response.status_code == 200
    assert not SenseMakingSession.objects.exists()


def test_a_reader_without_a_focus_area_gets_403(client: Client) -> None:
    outside = user_with_role(Role.PROFESSIONAL, "WK051829")  # Schilderswijk: no focus area
    assert session_areas(outside) == []
    verified_login(client, outside)
    assert client.get(reverse("signal-sessions")).status_code == 403


def test_session_submit_ignores_signal_ids_that_are_not_numbers() -> None:
    poelenburg = user_with_role(Role.PROFESSIONAL, "WK047912")
    area = FocusArea.objects.get(slug="zaandam-oost")
    mine = _signal(poelenburg, "WK047912")
    from datetime import date

    from ruggensteun.signals.services import SessionInput

    session = session_submit(
        actor=poelenburg,
        data=SessionInput(
            area=area,
            date=date(2024, 3, 1),
            interpretation="Gedeelde duiding.",
            organisations=[],
            signal_ids=[str(mine.pk), "x", ""],
        ),
    )
    assert list(session.signals.all()) == [mine]


@pytest.fixture
def poelenburg_client(client: Client) -> Client:
    verified_login(client, user_with_role(Role.PROFESSIONAL, "WK047912"))
    return client
