"""Funds, grants and approved instalments for the ledger tests, made directly (the workflow that
normally leads to them is tested in test_workflow.py)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from django.utils import timezone

from ruggensteun.accounts.models import User
from ruggensteun.areas.models import FocusArea
from ruggensteun.seedfund.models import (
    Application,
    AreaBudget,
    Call,
    Fund,
    Grant,
    Instalment,
)
from ruggensteun.seedfund.states import ApplicationState, CallState, InstalmentState
from tests.accounts.factories import UserFactory

_numbers = itertools.count(1)


def area(slug: str = "zaandam-oost") -> FocusArea:
    return FocusArea.objects.get(slug=slug)


def make_fund(budget_cents: int, areas: dict[FocusArea, int] | None = None) -> Fund:
    n = next(_numbers)
    fund = Fund.objects.create(
        name=f"Testfonds {n}-{timezone.now().timestamp()}",
        budget_cents=budget_cents,
        manager=UserFactory(),
    )
    for focus_area, cents in (areas or {}).items():
        AreaBudget.objects.create(fund=fund, focus_area=focus_area, budget_cents=cents)
    Call.objects.create(
        fund=fund,
        title="Startgeld lokale coalities",
        slug=f"oproep-{fund.pk}",
        rolling=True,
        min_cents=0,
        max_cents=fund.budget_cents,
        state=CallState.OPEN,
    )
    return fund


def make_grant(
    fund: Fund,
    amount_cents: int,
    instalments: Sequence[int] = (),
    focus_area: FocusArea | None = None,
) -> Grant:
    """A grant of `amount_cents` from the fund's call, with planned instalments of these sizes."""
    application = Application.objects.create(
        call=fund.calls.get(),
        applicant=UserFactory(),
        focus_area=focus_area or area(),
        title="Samen sterk tegen geldzorgen",
        amount_cents=amount_cents,
        state=ApplicationState.APPROVED,
    )
    grant = Grant.objects.create(application=application, amount_cents=amount_cents)
    for sequence, cents in enumerate(instalments, start=1):
        Instalment.objects.create(grant=grant, sequence=sequence, amount_cents=cents)
    return grant


def approve(instalment: Instalment, programme: User, finance: User) -> Instalment:
    """Both approvals, as the workflow records them."""
    now = timezone.now()
    instalment.programme_approved_by, instalment.programme_approved_at = programme, now
    instalment.finance_approved_by, instalment.finance_approved_at = finance, now
    instalment.state = InstalmentState.APPROVED_FINANCE
    instalment.save()
    return instalment
