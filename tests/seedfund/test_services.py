"""A call's rules freeze when it opens (issue 16): `call_change` and `call_open`."""

from __future__ import annotations

import pytest

from ruggensteun.accounts.models import Role, User
from ruggensteun.areas.models import FocusArea
from ruggensteun.audit.models import AuditEvent
from ruggensteun.seedfund.errors import SeedfundError
from ruggensteun.seedfund.models import Call, Fund, RubricCriterion
from ruggensteun.seedfund.services import call_change, call_open
from ruggensteun.seedfund.states import CallState
from tests.accounts.factories import UserFactory, user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.issue(16)]


@pytest.fixture
def draft() -> Call:
    fund = Fund.objects.create(name="Startgeldfonds", budget_cents=5_000_000, manager=UserFactory())
    return Call.objects.create(
        fund=fund,
        title="Startgeld lokale coalities",
        slug="startgeld-lokale-coalities",
        rolling=True,
        min_cents=50_000,
        max_cents=500_000,
    )


@pytest.fixture
def team() -> User:
    return user_with_role(Role.PROGRAMMATEAM)


def _ready(call: Call) -> None:
    call.eligible_areas.add(FocusArea.objects.get(slug="zaandam-oost"))
    RubricCriterion.objects.create(call=call, name="Aansluiting bij het probleem", weight=2)


def test_a_draft_call_changes_its_rules_and_the_change_is_audited(draft: Call, team: User) -> None:
    changed = call_change(actor=team, call=draft, max_cents=750_000)
    assert changed.max_cents == 750_000
    event = AuditEvent.objects.get(action="seedfund.call_change")
    assert event.before is not None and event.after is not None
    assert (event.before["max_cents"], event.after["max_cents"]) == (500_000, 750_000)


def test_opening_needs_areas_and_a_rubric_and_freezes_the_rules(draft: Call, team: User) -> None:
    with pytest.raises(SeedfundError, match="focusgebieden"):
        call_open(actor=team, call=draft)
    draft.eligible_areas.add(FocusArea.objects.get(slug="zaandam-oost"))
    with pytest.raises(SeedfundError, match="beoordelingscriterium"):
        call_open(actor=team, call=draft)
    RubricCriterion.objects.create(call=draft, name="Aansluiting bij het probleem", weight=2)
    opened = call_open(actor=team, call=draft)
    assert opened.state == CallState.OPEN and opened.opened_at is not None
    with pytest.raises(SeedfundError, match="liggen vast") as refused:
        call_change(actor=team, call=opened, max_cents=900_000, min_cents=10_000)
    assert "maximumbedrag (eurocent), minimumbedrag (eurocent)" in str(refused.value)
    draft.refresh_from_db()
    assert (draft.min_cents, draft.max_cents) == (50_000, 500_000)
    # Presentation may still change while the call is open.
    assert call_change(actor=team, call=opened, title="Startgeld 2027").title == "Startgeld 2027"
    with pytest.raises(SeedfundError, match="Alleen een oproep in concept"):
        call_open(actor=team, call=opened)
    assert AuditEvent.objects.filter(action="seedfund.call_open").count() == 1


@pytest.mark.parametrize("role", [Role.COALITIELID, Role.BEOORDELAAR, Role.FINANCIEN])
def test_only_the_programme_team_manages_calls(draft: Call, role: str) -> None:
    _ready(draft)
    outsider = user_with_role(role, "GM0479") if role != Role.FINANCIEN else user_with_role(role)
    with pytest.raises(SeedfundError):
        call_change(actor=outsider, call=draft, max_cents=1)
    with pytest.raises(SeedfundError):
        call_open(actor=outsider, call=draft)
    draft.refresh_from_db()
    assert draft.state == CallState.DRAFT and draft.max_cents == 500_000
    assert not AuditEvent.objects.filter(action__startswith="seedfund.call").exists()


def test_an_unknown_field_is_refused(draft: Call, team: User) -> None:
    with pytest.raises(SeedfundError, match="geen veld 'budget'"):
        call_change(actor=team, call=draft, budget=1)
