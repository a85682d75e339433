"""Seed money (startgeld): funds, calls, applications, grants, instalments and the ledger.

Money is whole euro cents in integer fields, never floats; check constraints keep amounts
non-negative (positive where zero means nothing) and bands ordered. Two kinds of rows can never
change once written: a cited problem (its snapshot is what the applicant cited, whatever a
later recompute says) and a ledger entry (append-only; a mistake is undone by a reversal entry).
The balances are computed from the ledger in `ledger.py`, never stored.
"""

from ruggensteun.audit.append_only import AppendOnlyError

from .applications import (
    IMMUTABLE,
    Application,
    BudgetLine,
    CitedProblem,
    CitedProblemQuerySet,
    CoApplicant,
    ImmutableError,
)
from .calls import AreaBudget, Call, Fund, RubricCriterion
from .common import CENTS_HELP, EntryKind, ProblemKind, ResidentRule
from .grants import Grant, Instalment
from .ledger import APPEND_ONLY, LedgerEntry, LedgerEntryQuerySet

__all__ = [
    "APPEND_ONLY",
    "CENTS_HELP",
    "IMMUTABLE",
    "AppendOnlyError",
    "Application",
    "AreaBudget",
    "BudgetLine",
    "Call",
    "CitedProblem",
    "CitedProblemQuerySet",
    "CoApplicant",
    "EntryKind",
    "Fund",
    "Grant",
    "ImmutableError",
    "Instalment",
    "LedgerEntry",
    "LedgerEntryQuerySet",
    "ProblemKind",
    "ResidentRule",
    "RubricCriterion",
]
