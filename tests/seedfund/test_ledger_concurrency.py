"""Simultaneous requests for the last euros, on PostgreSQL: two and then ten threads, each with
its own database connection, pay the last euros of a grant or commit the last euros of a fund.
Exactly one succeeds; the others are refused with the Dutch reason; the books reconcile.

The threads must see committed rows, so these tests do not run in the rolled-back transaction of
`django_db`. Nor do they use `django_db(transaction=True)`: that empties every table after the
test (TRUNCATE), which the append-only guards of the audit trail and the ledger refuse, and which
would drop the shipped data the session loads once. Instead they commit their own rows and
remove them afterwards with the guards lifted for that one transaction (`cleanup`)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection, connections, transaction

from ruggensteun.accounts.models import User
from ruggensteun.audit.models import AuditEvent
from ruggensteun.seedfund import ledger
from ruggensteun.seedfund.errors import LedgerError
from ruggensteun.seedfund.models import Application, Call, Fund, Grant, Instalment, LedgerEntry
from ruggensteun.seedfund.states import InstalmentState
from tests.accounts.factories import UserFactory

from .ledger_factories import approve, make_fund, make_grant

pytestmark = [
    pytest.mark.issue(16),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (select_for_update) and parallel connections need PostgreSQL",
    ),
]

EUR = 100
OK = "ok"


def race(n: int, step: Callable[[int], object]) -> list[str]:
    """Run step(0) … step(n-1) at the same moment in n threads; "ok" or the refusal of each."""
    barrier = threading.Barrier(n)
    outcomes: list[str] = [""] * n

    def worker(i: int) -> None:
        try:
            barrier.wait()
            step(i)
            outcomes[i] = OK
        except LedgerError as error:
            outcomes[i] = str(error)
        except Exception as error:  # reported in the assertion, not lost in the thread
            outcomes[i] = f"{type(error).__name__}: {error}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.fixture
def committed(django_db_setup: None, django_db_blocker: Any) -> Iterator[list[Fund]]:
    """Rows committed for the threads to see; the test appends its funds, which are removed
    afterwards with everything hanging from them (and the audit events written meanwhile)."""
    funds: list[Fund] = []
    with django_db_blocker.unblock():
        mark = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        try:
            yield funds
        finally:
            cleanup(funds, mark)
            assert not LedgerEntry.objects.filter(fund__in=[f.pk for f in funds]).exists()
            newest = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
            assert (newest or 0) == mark  # the chain ends where it ended before the test
            connections.close_all()


def cleanup(funds: list[Fund], audit_mark: int) -> None:
    """Remove the test's rows, lifting the triggers (append-only guards) for this transaction
    only; the audit events after `audit_mark` go too, so the hash chain stays whole."""
    grants = Grant.objects.filter(application__call__fund__in=funds)
    applications = Application.objects.filter(call__fund__in=funds)
    users = set(
        User.objects.filter(pk__in=applications.values("applicant")).values_list("pk", flat=True)
    )
    users |= set(
        Fund.objects.filter(pk__in=[f.pk for f in funds]).values_list("manager", flat=True)
    )
    users |= set(
        Instalment.objects.filter(grant__in=grants).values_list("programme_approved_by", flat=True)
    )
    users |= set(
        Instalment.objects.filter(grant__in=grants).values_list("finance_approved_by", flat=True)
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("DELETE FROM audit_auditevent WHERE id > %s", [audit_mark])
        cursor.execute(
            "DELETE FROM seedfund_ledgerentry WHERE fund_id = ANY(%s)", [[f.pk for f in funds]]
        )
        Instalment.objects.filter(grant__in=grants).delete()
        grants.delete()
        applications.delete()
        Call.objects.filter(fund__in=funds).delete()
        for fund in funds:
            fund.area_budgets.all().delete()
            Fund.objects.filter(pk=fund.pk).delete()
        User.objects.filter(pk__in=users - {None}).delete()


def reconciles(fund: Fund) -> ledger.Balances:
    books = ledger.balances(fund)
    for amount in (books.available_cents, books.committed_unpaid_cents, books.paid_cents):
        assert amount >= 0
    assert books.available_cents + books.committed_unpaid_cents + books.paid_cents == 1_000 * EUR
    return books


def exactly_one_ok(outcomes: list[str], refusal: str) -> None:
    assert outcomes.count(OK) == 1, outcomes
    assert sorted(outcomes) == sorted([OK] + [refusal] * (len(outcomes) - 1)), outcomes


@pytest.mark.parametrize("n", [2, 10])
def test_paying_the_last_euros_of_a_grant(committed: list[Fund], n: int) -> None:
    """€ 700,00 committed, € 490,00 paid; n approved instalments of € 210,00 race for the rest."""
    fund = make_fund(1_000 * EUR)
    committed.append(fund)
    people = (UserFactory(), UserFactory())
    grant = make_grant(fund, 700 * EUR, instalments=[490 * EUR] + [210 * EUR] * n)
    ledger.commit(actor=None, grant=grant)
    first, *rest = (approve(i, *people) for i in grant.instalments.all())
    ledger.pay(actor=None, instalment=first)

    outcomes = race(n, lambda i: ledger.pay(actor=None, instalment=rest[i]))

    exactly_one_ok(
        outcomes, "Van deze toekenning staat nog € 0,00 open; € 210,00 is meer dan is toegezegd."
    )
    books = reconciles(fund)
    assert (books.committed_unpaid_cents, books.paid_cents) == (0, 700 * EUR)
    assert grant.instalments.filter(state=InstalmentState.PAID).count() == 2


@pytest.mark.parametrize("n", [2, 10])
def test_paying_one_instalment_n_times_at_once(committed: list[Fund], n: int) -> None:
    """A double (or tenfold) submit of the same payment pays once."""
    fund = make_fund(1_000 * EUR)
    committed.append(fund)
    grant = make_grant(fund, 700 * EUR, instalments=[490 * EUR, 210 * EUR])
    ledger.commit(actor=None, grant=grant)
    first = approve(grant.instalments.get(sequence=1), UserFactory(), UserFactory())

    outcomes = race(n, lambda i: ledger.pay(actor=None, instalment=first))

    exactly_one_ok(outcomes, "Deze termijn is al betaald.")
    books = reconciles(fund)
    assert (books.committed_unpaid_cents, books.paid_cents) == (210 * EUR, 490 * EUR)
    assert LedgerEntry.objects.filter(instalment=first).count() == 1


@pytest.mark.parametrize("n", [2, 10])
def test_committing_the_last_euros_of_a_fund(committed: list[Fund], n: int) -> None:
    """€ 700,00 of € 1.000,00 committed; n grants of € 300,00 race for the last € 300,00."""
    fund = make_fund(1_000 * EUR)
    committed.append(fund)
    ledger.commit(actor=None, grant=make_grant(fund, 700 * EUR))
    grants = [make_grant(fund, 300 * EUR) for _ in range(n)]

    outcomes = race(n, lambda i: ledger.commit(actor=None, grant=grants[i]))

    exactly_one_ok(outcomes, "Het fonds heeft nog € 0,00 beschikbaar; € 300,00 toezeggen kan niet.")
    books = reconciles(fund)
    assert (books.available_cents, books.committed_unpaid_cents) == (0, 1_000 * EUR)
