"""A minimal admin, to read only: funds, calls and the ledger. Money moves through `ledger.py` and
a call's rules freeze when it opens, so nothing here may add, change or delete (a form would
bypass the services' checks and their audit events); the pages for the programme team come
with the services (issue 16, later stops)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AreaBudget, Call, Fund, LedgerEntry


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AreaBudgetInline(ReadOnly, admin.TabularInline[AreaBudget, Fund]):
    model = AreaBudget
    extra = 0


@admin.register(Fund)
class FundAdmin(ReadOnly, admin.ModelAdmin[Fund]):
    list_display = ["name", "budget_cents", "manager", "demo"]
    inlines = [AreaBudgetInline]


@admin.register(Call)
class CallAdmin(ReadOnly, admin.ModelAdmin[Call]):
    list_display = ["title", "fund", "state", "opens_on", "closes_on", "rolling"]
    list_filter = ["state"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnly, admin.ModelAdmin[LedgerEntry]):
    list_display = ["created_at", "fund", "kind", "amount_cents", "grant", "actor"]
    list_filter = ["kind", "fund"]
