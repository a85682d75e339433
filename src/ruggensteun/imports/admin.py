from django.contrib import admin
from django.http import HttpRequest

from .models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin[ImportRun]):
    """Import runs are a record: they can be read, never edited by hand."""

    list_display = [
        "label",
        "source",
        "status",
        "rows_read",
        "rows_accepted",
        "finished_at",
        "actor",
    ]
    list_filter = ["status", "source"]
    readonly_fields = [field.name for field in ImportRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
