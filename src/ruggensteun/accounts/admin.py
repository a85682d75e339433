from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .forms import RoleAssignmentForm
from .models import Organisation, OrganisationMembership, RoleAssignment, User
from .services import RoleError, role_assign, role_revoke


class RoleLinesInline(admin.TabularInline[RoleAssignment, User]):
    """Roles are shown here; they are granted and revoked under 'Roltoewijzingen' (audited)."""

    model = RoleAssignment
    fk_name = "user"
    fields = ("role", "area_code", "organisation", "granted_by", "granted_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MembershipInline(admin.TabularInline[OrganisationMembership, Organisation]):
    model = OrganisationMembership
    raw_id_fields = ["user"]
    extra = 1


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active"]
    list_filter = ["is_active", "is_staff", "role_assignments__role"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [RoleLinesInline]
    # Staff status follows from roles; superuser status only through the CLI.
    readonly_fields = ["is_staff", "is_superuser", "last_login", "date_joined"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoonsgegevens"), {"fields": ("first_name", "last_name")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Belangrijke datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "type", "municipality_code"]
    list_filter = ["type"]
    search_fields = ["name", "municipality_code"]
    inlines = [MembershipInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin[RoleAssignment]):
    """Granting and revoking go through the audited services; an assignment is never edited."""

    form = RoleAssignmentForm
    list_display = ["user", "role", "area_code", "organisation", "granted_by", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "area_code", "organisation__name"]
    raw_id_fields = ["user"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: RoleAssignment, form: Any, change: bool
    ) -> None:
        assert isinstance(request.user, User)
        created = role_assign(
            actor=request.user,
            user=obj.user,
            role=obj.role,
            area_code=obj.area_code,
            organisation=obj.organisation,
        )
        obj.pk = created.pk

    def delete_model(self, request: HttpRequest, obj: RoleAssignment) -> None:
        assert isinstance(request.user, User)
        role_revoke(actor=request.user, assignment=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[RoleAssignment]) -> None:
        assert isinstance(request.user, User)
        for assignment in queryset.select_related("user"):
            try:
                role_revoke(actor=request.user, assignment=assignment)
            except RoleError as exc:
                self.message_user(request, str(exc), messages.ERROR)


# Permissions come from role assignments (accounts.backends.RoleBackend), not from groups.
admin.site.unregister(Group)
admin.site.site_header = "Ruggensteun beheer"
admin.site.site_title = "Ruggensteun beheer"
