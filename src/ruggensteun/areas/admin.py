from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest

from ruggensteun.accounts.models import User

from .forms import FocusAreaAdminForm
from .models import (
    FocusArea,
    FocusAreaMember,
    FocusAreaProgramme,
    Programme,
    Region,
    RegionGeometry,
    UnmatchedName,
)
from .services import focus_area_audit, focus_area_delete, focus_area_summary


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin[Region]):
    list_display = ["code", "name", "level", "vintage", "population"]
    list_filter = ["vintage", "level"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent", "safety_region"]


@admin.register(RegionGeometry)
class RegionGeometryAdmin(admin.ModelAdmin[RegionGeometry]):
    list_display = ["region", "source"]
    raw_id_fields = ["region"]
    search_fields = ["region__code", "region__name"]
    exclude = ["geojson"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin[Programme]):
    list_display = ["code", "name", "start_year"]


class MemberInline(admin.TabularInline[FocusAreaMember, FocusArea]):
    model = FocusAreaMember
    raw_id_fields = ["region"]
    extra = 1


class ProgrammeInline(admin.TabularInline[FocusAreaProgramme, FocusArea]):
    model = FocusAreaProgramme
    extra = 0


class UnmatchedInline(admin.TabularInline[UnmatchedName, FocusArea]):
    model = UnmatchedName
    extra = 0
    fields = ["listed_name", "reason", "suggestions"]
    readonly_fields = ["listed_name", "reason", "suggestions"]


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin[FocusArea]):
    list_display = ["name", "municipality", "vintage", "is_default"]
    list_filter = ["programmes", "is_default"]
    search_fields = ["name", "municipality__name"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["municipality", "created_by"]
    inlines = [ProgrammeInline, MemberInline, UnmatchedInline]

    # Every add, change and delete writes its audit event through the areas services, inside
    # the transaction the admin opens for the whole form with its inlines.
    form = FocusAreaAdminForm

    def save_model(
        self, request: HttpRequest, obj: FocusArea, form: ModelForm[FocusArea], change: bool
    ) -> None:
        assert isinstance(form, FocusAreaAdminForm)
        # Read from the database: `obj` already holds the form's new values.
        stored = FocusArea.objects.filter(pk=obj.pk).first() if change else None
        form.audit_before = focus_area_summary(stored) if stored is not None else None
        super().save_model(request, obj, form, change)

    def save_related(
        self,
        request: HttpRequest,
        form: ModelForm[FocusArea],
        formsets: list[BaseFormSet[Any]],
        change: bool,
    ) -> None:
        super().save_related(request, form, formsets, change)
        assert isinstance(form, FocusAreaAdminForm)
        focus_area_audit(actor=_actor(request), area=form.instance, before=form.audit_before)

    def delete_model(self, request: HttpRequest, obj: FocusArea) -> None:
        focus_area_delete(actor=_actor(request), area=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[FocusArea]) -> None:
        for area in queryset:
            focus_area_delete(actor=_actor(request), area=area)


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None
