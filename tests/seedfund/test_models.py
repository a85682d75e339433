"""The seedfund models' guarantees: a ledger entry is append-only (the model, its queryset and the
database triggers of migrations/0002 each refuse a change), a cited problem's snapshot never
changes once stored (but a draft may drop it), the database check constraints refuse impossible
rows, and the models carry their Dutch names."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.utils import timezone, translation

from ruggensteun.seedfund.models import (
    APPEND_ONLY,
    IMMUTABLE,
    AppendOnlyError,
    Application,
    AreaBudget,
    BudgetLine,
    Call,
    CitedProblem,
    CoApplicant,
    EntryKind,
    Fund,
    Grant,
    ImmutableError,
    Instalment,
    LedgerEntry,
    ProblemKind,
)
from ruggensteun.seedfund.states import ApplicationState
from tests.accounts.factories import UserFactory

from .ledger_factories import area, make_fund, make_grant

pytestmark = [pytest.mark.django_db, pytest.mark.issue(16)]

EUR = 100  # cents
TABLE = "seedfund_ledgerentry"
# The fields of an entry that must read the same after every refused change.
ENTRY_FIELDS = ("fund_id", "grant_id", "kind", "amount_cents", "reference", "reason", "created_at")


@pytest.fixture
def fund() -> Fund:
    return make_fund(1_000 * EUR)


@pytest.fixture
def grant(fund: Fund) -> Grant:
    return make_grant(fund, 700 * EUR, instalments=[490 * EUR, 210 * EUR])


@pytest.fixture
def entry(fund: Fund, grant: Grant) -> LedgerEntry:
    """A commitment of € 700,00 written directly (the ledger's services are tested elsewhere)."""
    return LedgerEntry.objects.create(
        fund=fund,
        focus_area=area(),
        grant=grant,
        kind=EntryKind.COMMITMENT,
        amount_cents=700 * EUR,
        reference="T-1",
        reason="toekenning",
    )


def stored(entry: LedgerEntry) -> tuple[Any, ...]:
    row = LedgerEntry.objects.filter(pk=entry.pk).values_list(*ENTRY_FIELDS).get()
    return tuple(row)


def assert_unchanged(entry: LedgerEntry, before: tuple[Any, ...], count: int) -> None:
    assert LedgerEntry.objects.count() == count
    assert stored(entry) == before
    assert before[2:4] == ("commitment", 70_000)


# 1. The ledger is append-only --------------------------------------------------------------------


def _save_changed(entry: LedgerEntry) -> None:
    entry.amount_cents = 1
    entry.save()


def _bulk_update(entry: LedgerEntry) -> None:
    entry.amount_cents = 1
    LedgerEntry.objects.bulk_update([entry], ["amount_cents"])


MODEL_CHANGES: dict[str, Callable[[LedgerEntry], object]] = {
    "save of an existing entry": _save_changed,
    "delete of the entry": lambda entry: entry.delete(),
    "QuerySet.update": lambda entry: LedgerEntry.objects.filter(pk=entry.pk).update(amount_cents=1),
    "QuerySet.delete": lambda entry: LedgerEntry.objects.filter(pk=entry.pk).delete(),
    "QuerySet.delete of all": lambda entry: LedgerEntry.objects.all().delete(),
    "bulk_update": _bulk_update,
}


@pytest.mark.parametrize("change", MODEL_CHANGES.values(), ids=MODEL_CHANGES.keys())
def test_the_model_and_queryset_refuse_to_change_an_entry(
    entry: LedgerEntry, change: Callable[[LedgerEntry], object]
) -> None:
    before, count = stored(entry), LedgerEntry.objects.count()
    with pytest.raises(AppendOnlyError) as error, transaction.atomic():
        change(entry)
    assert str(error.value) == APPEND_ONLY
    assert_unchanged(entry, before, count)


RAW_CHANGES = {
    "UPDATE": f"UPDATE {TABLE} SET amount_cents = 1 WHERE id = %s",
    "UPDATE reason": f"UPDATE {TABLE} SET reason = 'herschreven' WHERE id = %s",
    "DELETE": f"DELETE FROM {TABLE} WHERE id = %s",
}


@pytest.mark.parametrize("statement", RAW_CHANGES.values(), ids=RAW_CHANGES.keys())
def test_the_database_refuses_raw_update_and_delete(entry: LedgerEntry, statement: str) -> None:
    before, count = stored(entry), LedgerEntry.objects.count()
    with (
        pytest.raises(DatabaseError, match="ledger entries are append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, [entry.pk])
    assert_unchanged(entry, before, count)


def test_the_database_refuses_a_raw_delete_of_the_whole_table(entry: LedgerEntry) -> None:
    before, count = stored(entry), LedgerEntry.objects.count()
    with (
        pytest.raises(DatabaseError, match="ledger entries are append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"DELETE FROM {TABLE}")
    assert_unchanged(entry, before, count)


def test_postgresql_refuses_truncate(entry: LedgerEntry) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE and its trigger are PostgreSQL's; SQLite has no TRUNCATE")
    before, count = stored(entry), LedgerEntry.objects.count()
    with (
        pytest.raises(DatabaseError, match="ledger entries are append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # Fire the deferred foreign-key checks now: TRUNCATE refuses to run while they pend.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {TABLE}")
    assert_unchanged(entry, before, count)


def test_sqlite_refuses_replace_into_an_existing_entry(entry: LedgerEntry) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("REPLACE INTO is SQLite's")
    before, count = stored(entry), LedgerEntry.objects.count()
    with (
        pytest.raises(DatabaseError, match="ledger entries are append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            f"REPLACE INTO {TABLE} (id, fund_id, grant_id, kind, amount_cents, created_at, "
            "reference, reason) VALUES (%s, %s, %s, 'commitment', 1, %s, '', '')",
            [entry.pk, entry.fund_id, entry.grant_id, timezone.now()],
        )
    assert_unchanged(entry, before, count)


def test_new_entries_are_still_written_next_to_the_guards(
    entry: LedgerEntry, fund: Fund, grant: Grant
) -> None:
    reversal = LedgerEntry.objects.create(
        fund=fund, grant=grant, kind=EntryKind.REVERSAL, amount_cents=700 * EUR, reverses=entry
    )
    assert list(LedgerEntry.objects.filter(fund=fund).values_list("kind", "amount_cents")) == [
        ("commitment", 70_000),
        ("reversal", 70_000),
    ]
    assert entry.reversed_by == reversal


# 2. A cited problem's snapshot never changes; a draft may drop it --------------------------------

SNAPSHOT = {
    "indicator": "moeite_met_rondkomen",
    "period": "2022",
    "value": 31.4,
    "comparison": 22.0,
    "catalogue_version": "1",
    "result_set": 7,
}


@pytest.fixture
def application(fund: Fund) -> Application:
    return Application.objects.create(
        call=fund.calls.get(),
        applicant=UserFactory(),
        focus_area=area(),
        title="Samen sterk tegen geldzorgen in Poelenburg",
        amount_cents=500 * EUR,
    )


@pytest.fixture
def problem(application: Application) -> CitedProblem:
    return CitedProblem.objects.create(
        application=application,
        kind=ProblemKind.INDICATOR,
        key="moeite_met_rondkomen",
        snapshot=SNAPSHOT,
    )


def _save_new_snapshot(problem: CitedProblem) -> None:
    problem.snapshot = {**SNAPSHOT, "value": 12.0}
    problem.save()


def _save_same_snapshot(problem: CitedProblem) -> None:
    problem.position = 2
    problem.save(update_fields=["position"])


SNAPSHOT_CHANGES: dict[str, Callable[[CitedProblem], object]] = {
    "save with a new snapshot": _save_new_snapshot,
    "save of another field": _save_same_snapshot,
    "QuerySet.update": lambda problem: CitedProblem.objects.filter(pk=problem.pk).update(
        snapshot={"value": 0}
    ),
}


@pytest.mark.parametrize("change", SNAPSHOT_CHANGES.values(), ids=SNAPSHOT_CHANGES.keys())
def test_a_cited_problem_cannot_be_changed_once_stored(
    problem: CitedProblem, change: Callable[[CitedProblem], object]
) -> None:
    with pytest.raises(ImmutableError) as error, transaction.atomic():
        change(problem)
    assert str(error.value) == IMMUTABLE
    assert CitedProblem.objects.values_list("snapshot", "position").get(pk=problem.pk) == (
        SNAPSHOT,
        0,
    )


def test_a_drafts_cited_problem_can_be_deleted_and_another_cited(
    application: Application, problem: CitedProblem
) -> None:
    assert application.state == ApplicationState.DRAFT
    problem.delete()
    assert not application.cited_problems.exists()
    other = CitedProblem.objects.create(
        application=application, kind=ProblemKind.DOMAIN, key="bestaanszekerheid", snapshot={}
    )
    assert list(application.cited_problems.all()) == [other]
    CitedProblem.objects.filter(application=application).delete()
    assert not application.cited_problems.exists()


# 3. The database check constraints --------------------------------------------------------------


def _call(fund: Fund, **fields: Any) -> Call:
    values: dict[str, Any] = {
        "fund": fund,
        "title": "Tweede oproep",
        "slug": f"tweede-oproep-{fund.pk}",
        "min_cents": 100 * EUR,
        "max_cents": 500 * EUR,
    }
    return Call.objects.create(**(values | fields))


def _application(grant: Grant, **fields: Any) -> Application:
    values: dict[str, Any] = {
        "call": grant.application.call,
        "applicant": UserFactory(),
        "focus_area": area(),
        "title": "Buurtkeuken",
    }
    return Application.objects.create(**(values | fields))


def _entry(grant: Grant, amount_cents: int) -> LedgerEntry:
    return LedgerEntry.objects.create(
        fund=grant.application.call.fund,
        grant=grant,
        kind=EntryKind.COMMITMENT,
        amount_cents=amount_cents,
    )


def _twice_by_the_same_person(grant: Grant) -> Instalment:
    person, now = UserFactory(), timezone.now()
    return Instalment.objects.create(
        grant=grant,
        sequence=3,
        amount_cents=10 * EUR,
        programme_approved_by=person,
        programme_approved_at=now,
        finance_approved_by=person,
        finance_approved_at=now,
    )


# (case, the constraint that refuses it, the row)
VIOLATIONS: dict[str, tuple[str, Callable[[Fund, Grant], models.Model]]] = {
    "negative fund budget": (
        "seedfund_fund_budget_not_negative",
        lambda fund, grant: Fund.objects.create(
            name="Min-fonds", budget_cents=-1, manager=UserFactory()
        ),
    ),
    "negative area budget": (
        "seedfund_areabudget_not_negative",
        lambda fund, grant: AreaBudget.objects.create(
            fund=fund, focus_area=area(), budget_cents=-1
        ),
    ),
    "negative call minimum": (
        "seedfund_call_min_not_negative",
        lambda fund, grant: _call(fund, min_cents=-1),
    ),
    "negative application amount": (
        "seedfund_application_amount_not_negative",
        lambda fund, grant: _application(grant, amount_cents=-1),
    ),
    "negative budget line": (
        "seedfund_budgetline_positive",
        lambda fund, grant: BudgetLine.objects.create(
            application=grant.application, description="huur zaal", amount_cents=-1
        ),
    ),
    "zero budget line": (
        "seedfund_budgetline_positive",
        lambda fund, grant: BudgetLine.objects.create(
            application=grant.application, description="huur zaal", amount_cents=0
        ),
    ),
    "negative grant": (
        "seedfund_grant_amount_positive",
        lambda fund, grant: Grant.objects.create(application=_application(grant), amount_cents=-1),
    ),
    "negative instalment": (
        "seedfund_instalment_amount_positive",
        lambda fund, grant: Instalment.objects.create(grant=grant, sequence=3, amount_cents=-1),
    ),
    "negative ledger entry": (
        "seedfund_entry_amount_positive",
        lambda fund, grant: _entry(grant, -1),
    ),
    "zero ledger entry": (
        "seedfund_entry_amount_positive",
        lambda fund, grant: _entry(grant, 0),
    ),
    "call minimum above maximum": (
        "seedfund_call_min_le_max",
        lambda fund, grant: _call(fund, min_cents=500 * EUR + 1, max_cents=500 * EUR),
    ),
    "call closes before it opens": (
        "seedfund_call_window_ordered",
        lambda fund, grant: _call(fund, opens_on=date(2025, 3, 1), closes_on=date(2025, 2, 28)),
    ),
    "rolling call with a closing date": (
        "seedfund_call_rolling_has_no_end",
        lambda fund, grant: _call(fund, rolling=True, closes_on=date(2025, 12, 31)),
    ),
    "instalment approved twice by the same person": (
        "seedfund_instalment_four_eyes",
        lambda fund, grant: _twice_by_the_same_person(grant),
    ),
}


ROWS: tuple[type[models.Model], ...] = (
    Fund,
    AreaBudget,
    Call,
    Application,
    BudgetLine,
    Grant,
    Instalment,
    LedgerEntry,
)


@pytest.mark.parametrize(("constraint", "make"), VIOLATIONS.values(), ids=VIOLATIONS.keys())
def test_the_database_refuses_impossible_rows(
    fund: Fund, grant: Grant, constraint: str, make: Callable[[Fund, Grant], models.Model]
) -> None:
    def counts() -> list[int]:
        return [m._default_manager.count() for m in ROWS]

    before = counts()
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        make(fund, grant)
    assert counts() == before


VALID: dict[str, Callable[[Fund, Grant], models.Model]] = {
    "call with min equal to max, closing on its opening day": lambda fund, grant: _call(
        fund,
        min_cents=500 * EUR,
        opens_on=date(2025, 3, 1),
        closes_on=date(2025, 3, 1),
    ),
    "rolling call without a closing date": lambda fund, grant: _call(
        fund, rolling=True, opens_on=date(2025, 3, 1)
    ),
    "zero application amount (a new draft)": lambda fund, grant: _application(grant),
    "instalment approved by two people": lambda fund, grant: Instalment.objects.create(
        grant=grant,
        sequence=3,
        amount_cents=1,
        programme_approved_by=UserFactory(),
        finance_approved_by=UserFactory(),
    ),
    "instalment approved by the programme only": lambda fund, grant: Instalment.objects.create(
        grant=grant, sequence=3, amount_cents=1, programme_approved_by=UserFactory()
    ),
}


@pytest.mark.parametrize("make", VALID.values(), ids=VALID.keys())
def test_the_boundaries_of_the_constraints_are_allowed(
    fund: Fund, grant: Grant, make: Callable[[Fund, Grant], models.Model]
) -> None:
    with transaction.atomic():
        row = make(fund, grant)
    assert type(row)._default_manager.filter(pk=row.pk).exists()


# 4. Dutch names ----------------------------------------------------------------------------------

NAMES = [
    (Fund, "fonds", "fondsen"),
    (AreaBudget, "gebiedsbudget", "gebiedsbudgetten"),
    (Call, "oproep", "oproepen"),
    (Application, "aanvraag", "aanvragen"),
    (CitedProblem, "aangehaald probleem", "aangehaalde problemen"),
    (BudgetLine, "begrotingsregel", "begrotingsregels"),
    (CoApplicant, "medeaanvrager", "medeaanvragers"),
    (Grant, "toekenning", "toekenningen"),
    (Instalment, "termijn", "termijnen"),
    (LedgerEntry, "grootboekregel", "grootboek"),
]


@pytest.mark.parametrize(("model", "singular", "plural"), NAMES, ids=[n[1] for n in NAMES])
def test_dutch_verbose_names(model: type[models.Model], singular: str, plural: str) -> None:
    with translation.override("nl"):
        assert str(model._meta.verbose_name) == singular
        assert str(model._meta.verbose_name_plural) == plural
