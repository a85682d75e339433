"""The ledger on hand-computed cases: a fund of € 1.000,00, a grant of € 700,00 paid in two
instalments of € 490,00 (70 %) and € 210,00 (30 %), releases and reversals; and every refusal,
with its Dutch reason and nothing written (no ledger entry, no audit event, no state change)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from ruggensteun.accounts.models import User
from ruggensteun.audit.models import AuditEvent
from ruggensteun.seedfund import ledger
from ruggensteun.seedfund.errors import LedgerError
from ruggensteun.seedfund.models import Fund, Grant, LedgerEntry
from ruggensteun.seedfund.states import GrantState, InstalmentState
from tests.accounts.factories import UserFactory

from .ledger_factories import approve, area, make_fund, make_grant

pytestmark = [pytest.mark.django_db, pytest.mark.issue(16)]

EUR = 100  # cents


@pytest.fixture
def people() -> tuple[User, User]:
    """A programme team member and a finance officer: the two approvers of an instalment."""
    return UserFactory(), UserFactory()


@pytest.fixture
def fund() -> Fund:
    return make_fund(1_000 * EUR)


@pytest.fixture
def grant(fund: Fund) -> Grant:
    return make_grant(fund, 700 * EUR, instalments=[490 * EUR, 210 * EUR])


def books(fund: Fund) -> tuple[int, int, int]:
    """(available, committed-unpaid, paid), after checking that they add up to the budget."""
    b = ledger.balances(fund)
    assert b.available_cents + b.committed_unpaid_cents + b.paid_cents == b.budget_cents
    return b.available_cents, b.committed_unpaid_cents, b.paid_cents


@contextmanager
def refused(message: str) -> Iterator[None]:
    """The call raises LedgerError with exactly `message` and writes nothing."""
    entries, events = LedgerEntry.objects.count(), AuditEvent.objects.count()
    with pytest.raises(LedgerError) as error:
        yield
    assert str(error.value) == message
    assert LedgerEntry.objects.count() == entries
    assert AuditEvent.objects.count() == events


def test_euros_in_dutch_notation() -> None:
    assert ledger.euros(0) == "€ 0,00"
    assert ledger.euros(5) == "€ 0,05"
    assert ledger.euros(123456) == "€ 1.234,56"
    assert ledger.euros(100_000_000) == "€ 1.000.000,00"
    assert ledger.euros(-210_00) == "−€ 210,00"


def test_commit_700_of_1000_then_pay_490_and_210(
    fund: Fund, grant: Grant, people: tuple[User, User]
) -> None:
    assert books(fund) == (1_000 * EUR, 0, 0)
    entry = ledger.commit(actor=people[0], grant=grant)
    assert (entry.kind, entry.amount_cents, entry.focus_area) == ("commitment", 70_000, area())
    assert books(fund) == (300 * EUR, 700 * EUR, 0)

    first, second = grant.instalments.all()
    ledger.pay(actor=people[1], instalment=approve(first, *people))
    assert books(fund) == (300 * EUR, 210 * EUR, 490 * EUR)
    first.refresh_from_db()
    assert first.state == InstalmentState.PAID and first.paid_at is not None

    ledger.pay(actor=people[1], instalment=approve(second, *people))
    assert books(fund) == (300 * EUR, 0, 700 * EUR)
    g = ledger.grant_balances(grant)
    assert (g.committed_cents, g.paid_cents, g.committed_unpaid_cents) == (70_000, 70_000, 0)


def test_release_and_reversals(fund: Fund, grant: Grant, people: tuple[User, User]) -> None:
    ledger.commit(actor=None, grant=grant)
    first, second = grant.instalments.all()
    ledger.pay(actor=None, instalment=approve(first, *people))
    # The coalition needs € 110,00 less: € 100,00 goes back to the fund.
    released = ledger.release(actor=None, grant=grant, cents=100 * EUR, reason="minder nodig")
    assert books(fund) == (400 * EUR, 110 * EUR, 490 * EUR)
    # The release was a mistake: reversed, the € 100,00 is committed to the grant again.
    ledger.reverse(actor=None, entry=released, reason="vergissing")
    assert books(fund) == (300 * EUR, 210 * EUR, 490 * EUR)
    payment = ledger.pay(actor=None, instalment=approve(second, *people))
    assert books(fund) == (300 * EUR, 0, 700 * EUR)
    # The bank returns the second payment: it is owed again, the instalment payable again.
    reversal = ledger.reverse(actor=None, entry=payment, reason="teruggeboekt door de bank")
    assert (reversal.kind, reversal.amount_cents, reversal.reverses) == (
        "reversal",
        21_000,
        payment,
    )
    assert books(fund) == (300 * EUR, 210 * EUR, 490 * EUR)
    second.refresh_from_db()
    assert (second.state, second.paid_at) == (InstalmentState.APPROVED_FINANCE, None)
    ledger.pay(actor=None, instalment=second)
    assert books(fund) == (300 * EUR, 0, 700 * EUR)
    totals = ledger.balances(fund)
    assert (totals.committed_cents, totals.released_cents, totals.reversed_cents) == (
        70_000,
        0,
        10_000 + 21_000,
    )


def test_reversing_a_commitment_frees_the_fund(fund: Fund, grant: Grant) -> None:
    commitment = ledger.commit(actor=None, grant=grant)
    ledger.reverse(actor=None, entry=commitment, reason="besluit ingetrokken")
    assert books(fund) == (1_000 * EUR, 0, 0)
    ledger.commit(actor=None, grant=grant)  # may be committed again
    assert books(fund) == (300 * EUR, 700 * EUR, 0)


def test_area_budget_balances_reconcile_apart_from_the_fund() -> None:
    zaandam, heerlen = area("zaandam-oost"), area("heerlen-noord")
    fund = make_fund(1_000 * EUR, areas={zaandam: 600 * EUR})
    ledger.commit(actor=None, grant=make_grant(fund, 450 * EUR, focus_area=zaandam))
    ledger.commit(actor=None, grant=make_grant(fund, 250 * EUR, focus_area=heerlen))
    a = ledger.area_balances(fund, zaandam)
    assert a is not None
    assert (a.budget_cents, a.available_cents, a.committed_unpaid_cents) == (60_000, 15_000, 45_000)
    assert ledger.area_balances(fund, heerlen) is None  # the fund sets no budget for it
    assert books(fund) == (300 * EUR, 700 * EUR, 0)


def test_every_ledger_step_writes_its_audit_event(grant: Grant, people: tuple[User, User]) -> None:
    entry = ledger.commit(actor=people[0], grant=grant, reference="BESLUIT-1")
    event = AuditEvent.objects.get(action="ledger.commitment", object_id=str(entry.pk))
    assert event.actor == people[0]
    assert event.area_code == area().municipality.code
    assert event.after is not None and event.after["amount_cents"] == 70_000
    released = ledger.release(actor=None, grant=grant, cents=1, reason="afronding")
    ledger.reverse(actor=people[1], entry=released, reason="toch nodig")
    actions = AuditEvent.objects.filter(object_type="seedfund.LedgerEntry").values_list(
        "action", flat=True
    )
    assert sorted(actions) == ["ledger.commitment", "ledger.release", "ledger.reversal"]


# --- refusals ----------------------------------------------------------------------------------


def test_refuses_to_commit_more_than_the_fund_has(fund: Fund) -> None:
    too_much = make_grant(fund, 1_000 * EUR + 1)
    with refused("Het fonds heeft nog € 1.000,00 beschikbaar; € 1.000,01 toezeggen kan niet."):
        ledger.commit(actor=None, grant=too_much)
    ledger.commit(actor=None, grant=make_grant(fund, 700 * EUR))
    with refused("Het fonds heeft nog € 300,00 beschikbaar; € 400,00 toezeggen kan niet."):
        ledger.commit(actor=None, grant=make_grant(fund, 400 * EUR))
    ledger.commit(actor=None, grant=make_grant(fund, 300 * EUR))  # exactly the rest: allowed
    assert books(fund) == (0, 1_000 * EUR, 0)


def test_refuses_to_commit_more_than_the_area_budget_has() -> None:
    zaandam = area("zaandam-oost")
    fund = make_fund(1_000 * EUR, areas={zaandam: 500 * EUR})
    with refused(
        "Het budget voor Zaandam Oost heeft nog € 500,00 beschikbaar; € 700,00 toezeggen kan niet."
    ):
        ledger.commit(actor=None, grant=make_grant(fund, 700 * EUR, focus_area=zaandam))


def test_refuses_to_commit_a_grant_twice_or_an_inactive_grant(fund: Fund, grant: Grant) -> None:
    ledger.commit(actor=None, grant=grant)
    with refused("Het bedrag van deze toekenning is al toegezegd."):
        ledger.commit(actor=None, grant=grant)
    revoked = make_grant(fund, 100 * EUR)
    Grant.objects.filter(pk=revoked.pk).update(state=GrantState.REVOKED)
    with refused("De toekenning is niet actief."):
        ledger.commit(actor=None, grant=revoked)


def test_refuses_to_pay_an_instalment_twice(grant: Grant, people: tuple[User, User]) -> None:
    ledger.commit(actor=None, grant=grant)
    first = approve(grant.instalments.first(), *people)  # type: ignore[arg-type]
    ledger.pay(actor=None, instalment=first)
    with refused("Deze termijn is al betaald."):
        ledger.pay(actor=None, instalment=first)
    stale = grant.instalments.get(pk=first.pk)  # a second submit of the same page
    with refused("Deze termijn is al betaald."):
        ledger.pay(actor=None, instalment=stale)


def test_refuses_to_pay_an_unapproved_instalment(grant: Grant, people: tuple[User, User]) -> None:
    ledger.commit(actor=None, grant=grant)
    first = grant.instalments.first()
    assert first is not None
    message = (
        "Deze termijn is nog niet door het programmateam en daarna door financiën goedgekeurd."
    )
    with refused(message):
        ledger.pay(actor=None, instalment=first)
    first.programme_approved_by = people[0]
    first.state = InstalmentState.APPROVED_PROGRAMME
    first.save()
    with refused(message):
        ledger.pay(actor=None, instalment=first)


def test_refuses_to_pay_a_grant_more_than_was_committed(
    fund: Fund, people: tuple[User, User]
) -> None:
    grant = make_grant(fund, 700 * EUR, instalments=[490 * EUR, 300 * EUR])
    first, second = (approve(i, *people) for i in grant.instalments.all())
    with refused("Van deze toekenning staat nog € 0,00 open; € 490,00 is meer dan is toegezegd."):
        ledger.pay(actor=None, instalment=first)  # nothing committed yet
    ledger.commit(actor=None, grant=grant)
    ledger.pay(actor=None, instalment=first)
    with refused("Van deze toekenning staat nog € 210,00 open; € 300,00 is meer dan is toegezegd."):
        ledger.pay(actor=None, instalment=second)
    second.refresh_from_db()
    assert second.state == InstalmentState.APPROVED_FINANCE
    assert books(fund) == (300 * EUR, 210 * EUR, 490 * EUR)


@pytest.mark.parametrize("cents", [0, -100, 12.5, True, "100", 70_001])
def test_refuses_a_release_that_is_not_a_positive_amount_open_on_the_grant(
    grant: Grant, cents: Any
) -> None:
    ledger.commit(actor=None, grant=grant)
    message = (
        "Van deze toekenning staat nog € 700,00 open; € 700,01 is meer dan is toegezegd."
        if cents == 70_001
        else "Een bedrag is een positief geheel aantal eurocenten."
    )
    with refused(message):
        ledger.release(actor=None, grant=grant, cents=cents)


def test_refuses_reversals_that_cannot_be(
    fund: Fund, grant: Grant, people: tuple[User, User]
) -> None:
    commitment = ledger.commit(actor=None, grant=grant)
    with refused("Geef een reden voor de correctie."):
        ledger.reverse(actor=None, entry=commitment, reason="  ")
    ledger.pay(actor=None, instalment=approve(grant.instalments.first(), *people))  # type: ignore[arg-type]
    with refused("Van deze toezegging is al iets betaald of vrijgevallen; corrigeer dat eerst."):
        ledger.reverse(actor=None, entry=commitment, reason="besluit ingetrokken")
    released = ledger.release(actor=None, grant=grant, cents=210 * EUR)
    reversal = ledger.reverse(actor=None, entry=released, reason="vergissing")
    with refused("Deze boeking is al gecorrigeerd."):
        ledger.reverse(actor=None, entry=released, reason="nog eens")
    with refused("Een correctie kan niet zelf gecorrigeerd worden."):
        ledger.reverse(actor=None, entry=reversal, reason="terug")


def test_refuses_to_reverse_a_release_whose_money_was_committed_again(fund: Fund) -> None:
    grant = make_grant(fund, 1_000 * EUR)
    ledger.commit(actor=None, grant=grant)
    released = ledger.release(actor=None, grant=grant, cents=400 * EUR)
    ledger.commit(actor=None, grant=make_grant(fund, 300 * EUR))
    with refused("Het fonds heeft nog € 100,00 beschikbaar; € 400,00 toezeggen kan niet."):
        ledger.reverse(actor=None, entry=released, reason="vergissing")
    assert books(fund) == (100 * EUR, 900 * EUR, 0)


@pytest.mark.issue(16)
def test_an_application_and_its_grant_print_as_a_reference_never_their_title() -> None:
    """str() reaches the audit trail and the admin: it must not carry the application's content."""
    from ruggensteun.seedfund.models import Application

    application = Application(pk=12, title="Samen sterk tegen geldzorgen in Poelenburg")
    grant = Grant(application_id=12)
    assert str(application) == "Aanvraag 12" and "Poelenburg" not in str(application)
    assert str(grant) == "Toekenning bij aanvraag 12"
