"""A minimal admin: funds and calls for the beheerder; the ledger only to read (it is
append-only, and money moves through `ledger.py`, never through a form)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AreaBudget, Call, Fund, LedgerEntry


class AreaBudgetInline(admin.TabularInline[AreaBudget, Fund]):
    model = AreaBudget
    extra = 0


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin[Fund]):
    list_display = ["name", "budget_cents", "manager", "demo"]
    inlines = [AreaBudgetInline]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin[Call]):
    list_display = ["title", "fund", "state", "opens_on", "closes_on", "rolling"]
    list_filter = ["state"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin[LedgerEntry]):
    list_display = ["created_at", "fund", "kind", "amount_cents", "grant", "actor"]
    list_filter = ["kind", "fund"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
