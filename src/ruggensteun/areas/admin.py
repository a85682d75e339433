from django.contrib import admin

from .models import (
    FocusArea,
    FocusAreaMember,
    FocusAreaProgramme,
    Programme,
    Region,
    RegionGeometry,
    UnmatchedName,
)


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
