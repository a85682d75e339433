"""The ledger: every movement of seed money is one append-only entry in whole euro cents.

Kinds of entry (the amount is always a positive integer; the kind gives the direction):

- commitment: a grant's amount is set aside from the fund (and its area budget, if any);
- release: part of a grant's commitment that will not be paid goes back to the fund;
- payment: an instalment is paid out of the grant's commitment;
- reversal: undoes one earlier entry (never a reversal) exactly, once.

From the entries of a fund, an area budget (the fund's entries for that focus area) or a grant:

    committed        = Σ commitments − Σ reversed commitments
    released         = Σ releases    − Σ reversed releases
    paid             = Σ payments    − Σ reversed payments
    committed_unpaid = committed − released − paid     (set aside, not yet paid)
    available        = budget − committed + released   (free to commit)

so that the books reconcile by construction, per fund and per area budget:

    budget = available + committed_unpaid + paid

and the services keep every one of these ≥ 0: `commit` refuses more than the fund's (and the area
budget's) available amount, `release` and `pay` refuse more than the grant's committed_unpaid, an
instalment is paid once (until its payment is reversed), and a reversal is refused when it would
take a balance below zero (a commitment already partly paid or released, a release whose money
was committed again).

Concurrency: each service runs in one `transaction.atomic()` and first locks, in this order, the
fund row, the area budget row, the grant row and the instalment row with `select_for_update()`;
only then does it read the balances. On PostgreSQL a second request for the same fund waits for
the first to commit and then reads the balances with its entry in them (READ COMMITTED reads
afresh per statement). SQLite has no row locks but serialises writers: of two transactions that
read and then write, the second either waits for the first or fails with "database is locked"; it
never writes on a stale read. The fixed order of the locks rules out deadlocks between services.

The functions check money, not roles: the workflow services that call them (decision, instalment
approval) check who may act. Each writes an audit event in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import User
from ruggensteun.areas.models import FocusArea
from ruggensteun.audit.services import audit_record

from .errors import LedgerError
from .models import AreaBudget, Call, EntryKind, Fund, Grant, Instalment, LedgerEntry
from .states import GrantState, InstalmentState

ERROR_AMOUNT = _("Een bedrag is een positief geheel aantal eurocenten.")
ERROR_FUND_SHORT = _("Het fonds heeft nog {available} beschikbaar; {amount} toezeggen kan niet.")
ERROR_AREA_SHORT = _(
    "Het budget voor {area} heeft nog {available} beschikbaar; {amount} toezeggen kan niet."
)
ERROR_GRANT_NOT_ACTIVE = _("De toekenning is niet actief.")
ERROR_ALREADY_COMMITTED = _("Het bedrag van deze toekenning is al toegezegd.")
ERROR_GRANT_SHORT = _(
    "Van deze toekenning staat nog {open} open; {amount} is meer dan is toegezegd."
)
ERROR_NOT_APPROVED = _(
    "Deze termijn is nog niet door het programmateam en daarna door financiën goedgekeurd."
)
ERROR_SAME_APPROVER = _("Een termijn moet door twee verschillende mensen goedgekeurd zijn.")
ERROR_PAID_TWICE = _("Deze termijn is al betaald.")
ERROR_REVERSE_REVERSAL = _("Een correctie kan niet zelf gecorrigeerd worden.")
ERROR_ALREADY_REVERSED = _("Deze boeking is al gecorrigeerd.")
ERROR_REASON = _("Geef een reden voor de correctie.")
ERROR_REVERSE_SPENT = _(
    "Van deze toezegging is al iets betaald of vrijgevallen; corrigeer dat eerst."
)


def euros(cents: int) -> str:
    """Dutch notation of an amount in cents: 123456 → "€ 1.234,56"."""
    sign = "−" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}€ {whole:,}".replace(",", ".") + f",{rest:02d}"


@dataclass(frozen=True)
class Balances:
    """A fund's or an area budget's balances, in cents (see the module docstring)."""

    budget_cents: int
    committed_cents: int
    released_cents: int
    paid_cents: int
    reversed_cents: int

    @property
    def committed_unpaid_cents(self) -> int:
        return self.committed_cents - self.released_cents - self.paid_cents

    @property
    def available_cents(self) -> int:
        return self.budget_cents - self.committed_cents + self.released_cents


@dataclass(frozen=True)
class GrantBalances:
    amount_cents: int
    committed_cents: int
    released_cents: int
    paid_cents: int

    @property
    def committed_unpaid_cents(self) -> int:
        return self.committed_cents - self.released_cents - self.paid_cents


def _net(kind: EntryKind) -> Any:
    return Sum("amount_cents", filter=Q(kind=kind), default=0) - Sum(
        "amount_cents", filter=Q(kind=EntryKind.REVERSAL, reverses__kind=kind), default=0
    )


def _totals(entries: QuerySet[LedgerEntry]) -> dict[str, int]:
    row = entries.aggregate(
        committed=_net(EntryKind.COMMITMENT),
        released=_net(EntryKind.RELEASE),
        paid=_net(EntryKind.PAYMENT),
        reversed=Sum("amount_cents", filter=Q(kind=EntryKind.REVERSAL), default=0),
    )
    # PostgreSQL sums bigints as numeric (a Decimal here); the values are whole cents.
    return {name: int(value) for name, value in row.items()}


def balances(fund: Fund) -> Balances:
    totals = _totals(LedgerEntry.objects.filter(fund=fund))
    return Balances(budget_cents=fund.budget_cents, **_renamed(totals))


def area_balances(fund: Fund, area: FocusArea) -> Balances | None:
    """The balances of the fund's budget for `area`; None when the fund sets none for it."""
    budget = AreaBudget.objects.filter(fund=fund, focus_area=area).first()
    if budget is None:
        return None
    totals = _totals(LedgerEntry.objects.filter(fund=fund, focus_area=area))
    return Balances(budget_cents=budget.budget_cents, **_renamed(totals))


def grant_balances(grant: Grant) -> GrantBalances:
    totals = _totals(LedgerEntry.objects.filter(grant=grant))
    totals.pop("reversed")
    return GrantBalances(amount_cents=grant.amount_cents, **_renamed(totals))


def _renamed(totals: dict[str, int]) -> dict[str, int]:
    return {f"{name}_cents": value for name, value in totals.items()}


# --- services ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Locked:
    fund: Fund
    area_budget: AreaBudget | None
    grant: Grant
    instalment: Instalment | None = None


def _lock(grant: Grant, instalment: Instalment | None = None) -> _Locked:
    """Lock fund, area budget, grant (and instalment) in that fixed order; return fresh rows."""
    application = grant.application
    fund_id = Call.objects.filter(pk=application.call_id).values_list("fund_id", flat=True).get()
    fund = Fund.objects.select_for_update().get(pk=fund_id)
    area_budget = (
        AreaBudget.objects.select_for_update()
        .filter(fund=fund, focus_area=application.focus_area_id)
        .first()
    )
    locked_grant = Grant.objects.select_for_update().get(pk=grant.pk)
    locked_instalment = None
    if instalment is not None:
        locked_instalment = Instalment.objects.select_for_update().get(pk=instalment.pk)
    return _Locked(fund, area_budget, locked_grant, locked_instalment)


def _check_cents(cents: object) -> int:
    if isinstance(cents, bool) or not isinstance(cents, int) or cents <= 0:
        raise LedgerError(str(ERROR_AMOUNT))
    return cents


def _check_available(locked: _Locked, amount: int) -> None:
    """Refuse to set `amount` aside when the fund or the area budget has less available."""
    fund = balances(locked.fund)
    if amount > fund.available_cents:
        raise LedgerError(
            str(ERROR_FUND_SHORT).format(
                available=euros(fund.available_cents), amount=euros(amount)
            )
        )
    if locked.area_budget is None:
        return
    area = area_balances(locked.fund, locked.area_budget.focus_area)
    assert area is not None  # the area budget row is locked, so it exists
    if amount > area.available_cents:
        raise LedgerError(
            str(ERROR_AREA_SHORT).format(
                area=locked.area_budget.focus_area,
                available=euros(area.available_cents),
                amount=euros(amount),
            )
        )


def _check_open(grant: Grant, amount: int) -> None:
    open_cents = grant_balances(grant).committed_unpaid_cents
    if amount > open_cents:
        raise LedgerError(
            str(ERROR_GRANT_SHORT).format(open=euros(open_cents), amount=euros(amount))
        )


def _write(
    *,
    actor: User | None,
    locked: _Locked,
    kind: EntryKind,
    amount: int,
    reference: str = "",
    reason: str = "",
    reverses: LedgerEntry | None = None,
) -> LedgerEntry:
    entry = LedgerEntry.objects.create(
        fund=locked.fund,
        focus_area_id=locked.grant.application.focus_area_id,
        grant=locked.grant,
        instalment=locked.instalment,
        kind=kind,
        amount_cents=amount,
        actor=actor if actor is not None and actor.pk else None,
        reference=reference[:100],
        reason=reason,
        reverses=reverses,
    )
    audit_record(
        actor=actor,
        action=f"ledger.{kind}",
        obj=entry,
        area_code=locked.grant.application.focus_area.municipality.code,
        after={
            "fund": locked.fund.pk,
            "grant": locked.grant.pk,
            "instalment": locked.instalment.pk if locked.instalment else None,
            "kind": kind.value,
            "amount_cents": amount,
            "reverses": reverses.pk if reverses else None,
            "reason": reason,
        },
    )
    return entry


def commit(*, actor: User | None, grant: Grant, reference: str = "") -> LedgerEntry:
    """Set the grant's whole amount aside from its fund (and area budget)."""
    with transaction.atomic():
        locked = _lock(grant)
        if locked.grant.state != GrantState.ACTIVE:
            raise LedgerError(str(ERROR_GRANT_NOT_ACTIVE))
        if grant_balances(locked.grant).committed_cents > 0:
            raise LedgerError(str(ERROR_ALREADY_COMMITTED))
        amount = locked.grant.amount_cents
        _check_available(locked, amount)
        return _write(
            actor=actor,
            locked=locked,
            kind=EntryKind.COMMITMENT,
            amount=amount,
            reference=reference,
        )


def release(*, actor: User | None, grant: Grant, cents: int, reason: str = "") -> LedgerEntry:
    """Give `cents` of the grant's unpaid commitment back to the fund (and area budget)."""
    amount = _check_cents(cents)
    with transaction.atomic():
        locked = _lock(grant)
        _check_open(locked.grant, amount)
        return _write(
            actor=actor, locked=locked, kind=EntryKind.RELEASE, amount=amount, reason=reason
        )


def pay(*, actor: User | None, instalment: Instalment, reference: str = "") -> LedgerEntry:
    """Pay an instalment approved by the programme team and then by finance (two people)."""
    with transaction.atomic():
        locked = _lock(instalment.grant, instalment)
        current = locked.instalment
        assert current is not None
        if current.state == InstalmentState.PAID or _unreversed_payment(current):
            raise LedgerError(str(ERROR_PAID_TWICE))
        if (
            current.state != InstalmentState.APPROVED_FINANCE
            or current.programme_approved_by_id is None
            or current.finance_approved_by_id is None
        ):
            raise LedgerError(str(ERROR_NOT_APPROVED))
        if current.programme_approved_by_id == current.finance_approved_by_id:
            raise LedgerError(str(ERROR_SAME_APPROVER))
        _check_open(locked.grant, current.amount_cents)
        entry = _write(
            actor=actor,
            locked=locked,
            kind=EntryKind.PAYMENT,
            amount=current.amount_cents,
            reference=reference,
        )
        current.state, current.paid_at = InstalmentState.PAID, entry.created_at
        current.save(update_fields=["state", "paid_at"])
        instalment.state, instalment.paid_at = current.state, current.paid_at
        return entry


def _unreversed_payment(instalment: Instalment) -> bool:
    return LedgerEntry.objects.filter(
        instalment=instalment, kind=EntryKind.PAYMENT, reversed_by__isnull=True
    ).exists()


def reverse(*, actor: User | None, entry: LedgerEntry, reason: str) -> LedgerEntry:
    """Undo one entry exactly, with a reason. A reversed payment puts its instalment back to
    approved by finance, so it can be paid again."""
    if not reason.strip():
        raise LedgerError(str(ERROR_REASON))
    if entry.kind == EntryKind.REVERSAL or entry.grant is None:
        raise LedgerError(str(ERROR_REVERSE_REVERSAL))
    with transaction.atomic():
        locked = _lock(entry.grant, entry.instalment)
        if LedgerEntry.objects.filter(reverses=entry).exists():
            raise LedgerError(str(ERROR_ALREADY_REVERSED))
        if entry.kind == EntryKind.COMMITMENT:
            if entry.amount_cents > grant_balances(locked.grant).committed_unpaid_cents:
                raise LedgerError(str(ERROR_REVERSE_SPENT))
        elif entry.kind == EntryKind.RELEASE:
            _check_available(locked, entry.amount_cents)
        reversal = _write(
            actor=actor,
            locked=locked,
            kind=EntryKind.REVERSAL,
            amount=entry.amount_cents,
            reason=reason.strip(),
            reverses=entry,
        )
        if entry.kind == EntryKind.PAYMENT and locked.instalment is not None:
            locked.instalment.state = InstalmentState.APPROVED_FINANCE
            locked.instalment.paid_at = None
            locked.instalment.save(update_fields=["state", "paid_at"])
        return reversal
