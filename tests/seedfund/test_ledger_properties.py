"""The ledger under any sequence of commitments, releases, instalment payments and reversals with
random amounts (Hypothesis, a stateful RuleBasedStateMachine): every balance stays ≥ 0 and the
books reconcile, per fund and per area budget, against a model kept apart from the ledger.

Each rule calls the real service; when the service refuses (LedgerError), the model must agree
that the step would have broken a balance, and nothing may have been written."""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    rule,
)

from ruggensteun.accounts.models import User
from ruggensteun.seedfund import ledger
from ruggensteun.seedfund.errors import LedgerError
from ruggensteun.seedfund.models import EntryKind, Fund, Grant, Instalment, LedgerEntry
from ruggensteun.seedfund.states import InstalmentState
from tests.accounts.factories import UserFactory

from .ledger_factories import approve, area, make_fund, make_grant

pytestmark = [pytest.mark.django_db, pytest.mark.issue(16)]

cents = st.integers(min_value=1, max_value=5_000_00)


class LedgerMachine(RuleBasedStateMachine):
    """One fund with an area budget for Zaandam Oost; grants in Zaandam Oost and Heerlen Noord."""

    entries = Bundle("entries")

    @initialize(
        budget=st.integers(min_value=0, max_value=20_000_00),
        area_share=st.integers(0, 100),
    )
    def open_fund(self, budget: int, area_share: int) -> None:
        # Each example runs in a savepoint of the test's transaction, rolled back in teardown.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.zaandam, self.heerlen = area("zaandam-oost"), area("heerlen-noord")
        self.fund: Fund = make_fund(budget, areas={self.zaandam: budget * area_share // 100})
        self.area_budget = budget * area_share // 100
        self.people: tuple[User, User] = (UserFactory(), UserFactory())
        self.grants: list[Grant] = []
        self.instalments: list[Instalment] = []
        # The model: per grant, what it committed and paid and released (net).
        self.committed: dict[int, int] = {}
        self.released: dict[int, int] = {}
        self.paid: dict[int, int] = {}
        self.paid_instalments: set[int] = set()

    def teardown(self) -> None:
        if hasattr(self, "atomic"):
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

    # --- the model ----------------------------------------------------------------------------

    def open_on(self, grant: Grant) -> int:
        return self.committed[grant.pk] - self.released[grant.pk] - self.paid[grant.pk]

    def available(self, only_area: bool = False) -> int:
        grants = [
            g for g in self.grants if not only_area or g.application.focus_area == self.zaandam
        ]
        budget = self.area_budget if only_area else self.fund.budget_cents
        return budget - sum(self.committed[g.pk] - self.released[g.pk] for g in grants)

    def may_set_aside(self, grant: Grant, amount: int) -> bool:
        in_area = grant.application.focus_area == self.zaandam
        return amount <= self.available() and (not in_area or amount <= self.available(True))

    def attempt(self, step: object, allowed: bool) -> LedgerEntry | None:
        """Run the service; it must succeed exactly when the model says it may."""
        before = LedgerEntry.objects.count()
        try:
            entry = step()  # type: ignore[operator]
        except LedgerError:
            assert not allowed, "refused a step the model allows"
            assert LedgerEntry.objects.count() == before
            return None
        assert allowed, "took a step the model refuses"
        return entry  # type: ignore[no-any-return]

    # --- rules ----------------------------------------------------------------------------------

    @rule(
        target=entries,
        amount=cents,
        in_zaandam=st.booleans(),
        parts=st.lists(st.integers(1, 100), min_size=1, max_size=3),
    )
    def commit(self, amount: int, in_zaandam: bool, parts: list[int]) -> LedgerEntry | None:
        focus_area = self.zaandam if in_zaandam else self.heerlen
        # Instalments of random shares; their sum may exceed the grant (the ledger refuses then).
        sizes = [max(1, amount * p // 100) for p in parts]
        grant = make_grant(self.fund, amount, instalments=sizes, focus_area=focus_area)
        self.grants.append(grant)
        self.committed[grant.pk] = self.released[grant.pk] = self.paid[grant.pk] = 0
        self.instalments.extend(approve(i, *self.people) for i in grant.instalments.all())
        entry = self.attempt(
            lambda: ledger.commit(actor=None, grant=grant), self.may_set_aside(grant, amount)
        )
        if entry is not None:
            self.committed[grant.pk] += amount
        return entry

    @rule(target=entries, index=st.integers(0, 50), amount=cents)
    def release(self, index: int, amount: int) -> LedgerEntry | None:
        if not self.grants:
            return None
        grant = self.grants[index % len(self.grants)]
        entry = self.attempt(
            lambda: ledger.release(actor=None, grant=grant, cents=amount),
            amount <= self.open_on(grant),
        )
        if entry is not None:
            self.released[grant.pk] += amount
        return entry

    @rule(target=entries, index=st.integers(0, 50))
    def pay(self, index: int) -> LedgerEntry | None:
        if not self.instalments:
            return None
        instalment = self.instalments[index % len(self.instalments)]
        instalment.refresh_from_db()
        grant = instalment.grant
        allowed = (
            instalment.pk not in self.paid_instalments
            and instalment.amount_cents <= self.open_on(grant)
        )
        entry = self.attempt(lambda: ledger.pay(actor=None, instalment=instalment), allowed)
        if entry is not None:
            self.paid[grant.pk] += instalment.amount_cents
            self.paid_instalments.add(instalment.pk)
        return entry

    @rule(entry=consumes(entries))
    def reverse(self, entry: LedgerEntry | None) -> None:
        if entry is None:
            return
        grant = Grant.objects.select_related("application").get(pk=entry.grant_id)
        allowed = {
            EntryKind.COMMITMENT: lambda: entry.amount_cents <= self.open_on(grant),
            EntryKind.RELEASE: lambda: self.may_set_aside(grant, entry.amount_cents),
            EntryKind.PAYMENT: lambda: True,
        }[EntryKind(entry.kind)]()
        done = self.attempt(
            lambda: ledger.reverse(actor=None, entry=entry, reason="correctie"), allowed
        )
        if done is None:
            return
        book = {
            EntryKind.COMMITMENT: self.committed,
            EntryKind.RELEASE: self.released,
            EntryKind.PAYMENT: self.paid,
        }[EntryKind(entry.kind)]
        book[grant.pk] -= entry.amount_cents
        if entry.kind == EntryKind.PAYMENT:
            self.paid_instalments.discard(entry.instalment_id)  # type: ignore[arg-type]

    # --- invariants -----------------------------------------------------------------------------

    @invariant()
    def books_reconcile_and_no_balance_is_negative(self) -> None:
        if not hasattr(self, "fund"):
            return
        fund = ledger.balances(self.fund)
        area_books = ledger.area_balances(self.fund, self.zaandam)
        assert area_books is not None
        for books in (fund, area_books):
            assert books.available_cents >= 0
            assert books.committed_unpaid_cents >= 0
            assert books.paid_cents >= 0
            assert (
                books.available_cents + books.committed_unpaid_cents + books.paid_cents
                == books.budget_cents
            )
        assert fund.available_cents == self.available()
        assert area_books.available_cents == self.available(only_area=True)
        assert fund.paid_cents == sum(self.paid.values())
        for grant in self.grants:
            g = ledger.grant_balances(grant)
            assert g.committed_unpaid_cents == self.open_on(grant) >= 0
            assert g.paid_cents == self.paid[grant.pk] <= g.committed_cents <= grant.amount_cents
        paid_states = Instalment.objects.filter(
            grant__in=self.grants, state=InstalmentState.PAID
        ).values_list("pk", flat=True)
        assert set(paid_states) == self.paid_instalments


LedgerMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def test_ledger_state_machine() -> None:
    # Run the machine here (not as its own unittest class) so pytest-django's `django_db`
    # transaction wraps all its examples.
    LedgerMachine.TestCase().runTest()
