"""The admin for accounts. Every write goes through an audited service (issue 12): users are
never given a password or a new e-mail address by someone else, a superuser is only changed by a
superuser, and need-to-know roles are granted by four eyes."""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import views
from .forms import RoleAssignmentForm, UserAddForm, UserEditForm
from .models import (
    FOUR_EYES_ROLES,
    Organisation,
    OrganisationMembership,
    RoleAssignment,
    RoleRequest,
    User,
)
from .services import (
    AccountError,
    RoleError,
    membership_add,
    membership_remove,
    membership_update,
    organisation_create,
    organisation_delete,
    organisation_update,
    role_assign,
    role_request,
    role_request_approve,
    role_request_reject,
    role_revoke,
    two_factor_reset,
    user_create,
    user_delete,
    user_password_reset_send,
    user_update,
)

PASSWORD_BY_EMAIL_ONLY = _(
    "Een wachtwoord stelt u in het beheer niet in. Gebruik de actie 'Stuur "
    "wachtwoord-herstelmail'; de gebruiker kiest zelf een nieuw wachtwoord."
)
REQUEST_SENT = _(
    "Verzoek ingediend: een tweede beheerder moet deze rol goedkeuren voordat hij geldt."
)


def actor_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def changes_of(form: ModelForm[Any]) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in form.changed_data}


def each(
    admin_: admin.ModelAdmin[Any],
    request: HttpRequest,
    objects: Iterable[Any],
    action: Callable[[Any], object],
    done: str,
) -> None:
    """Run `action` per object; refusals are shown, the rest counted in one message."""
    count = 0
    for obj in objects:
        try:
            action(obj)
        except (AccountError, RoleError) as exc:
            admin_.message_user(request, f"{obj}: {exc}", messages.ERROR)
        else:
            count += 1
    if count:
        admin_.message_user(request, done.format(count=count), messages.SUCCESS)


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
    form = UserEditForm
    add_form = UserAddForm
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active"]
    list_filter = ["is_active", "is_staff", "role_assignments__role"]
    search_fields = ["email", "first_name", "last_name"]
    # E-mail is the login name: only the user changes it. Staff status follows from roles;
    # superuser status only through the CLI.
    readonly_fields = ["email", "is_staff", "is_superuser", "last_login", "date_joined"]
    fieldsets = (
        (None, {"fields": ("email",)}),
        (_("Persoonsgegevens"), {"fields": ("first_name", "last_name")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Belangrijke datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "description": _(
                    "De nieuwe gebruiker krijgt een e-mail om een wachtwoord te kiezen."
                ),
                "fields": ("email", "first_name", "last_name"),
            },
        ),
    )
    actions = ["password_reset_send", "two_factor_reset"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return list(self.readonly_fields) if obj is not None else []

    def get_inlines(self, request: HttpRequest, obj: Any) -> list[Any]:
        return [RoleLinesInline] if obj is not None else []

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not actor_of(request).is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not actor_of(request).is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        raise PermissionDenied(PASSWORD_BY_EMAIL_ONLY)

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        actor = actor_of(request)
        if change:
            user_update(actor=actor, user=obj, changes=changes_of(form))
            return
        created = user_create(
            actor=actor, email=obj.email, first_name=obj.first_name, last_name=obj.last_name
        )
        obj.pk, obj.email = created.pk, created.email
        self._send_reset(request, created)

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        user_delete(actor=actor_of(request), user=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        actor = actor_of(request)
        each(
            self,
            request,
            queryset,
            lambda u: user_delete(actor=actor, user=u),
            str(_("{count} verwijderd.")),
        )

    def _send_reset(self, request: HttpRequest, user: User) -> None:
        user_password_reset_send(
            actor=actor_of(request),
            user=user,
            domain=request.get_host(),
            use_https=request.is_secure(),
        )

    @admin.action(description=_("Stuur wachtwoord-herstelmail"), permissions=["change"])
    def password_reset_send(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        send = lambda user: self._send_reset(request, user)  # noqa: E731
        each(self, request, queryset, send, str(_("Herstelmail verstuurd aan {count}.")))

    @admin.action(description=_("Tweestapsverificatie resetten"), permissions=["change"])
    def two_factor_reset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        actor = actor_of(request)
        reset = lambda user: two_factor_reset(actor=actor, user=user)  # noqa: E731
        each(self, request, queryset, reset, str(_("Tweestapsverificatie gereset voor {count}.")))


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "type", "municipality_code"]
    list_filter = ["type"]
    search_fields = ["name", "municipality_code"]
    inlines = [MembershipInline]

    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        actor = actor_of(request)
        if change:
            organisation_update(actor=actor, organisation=obj, changes=changes_of(form))
        else:
            organisation_create(actor=actor, organisation=obj)

    def save_formset(
        self,
        request: HttpRequest,
        form: Any,
        formset: BaseInlineFormSet[Any, Any, Any],
        change: bool,
    ) -> None:
        actor = actor_of(request)
        formset.save(commit=False)
        for membership in formset.deleted_objects:
            membership_remove(actor=actor, membership=membership)
        for membership in formset.new_objects:
            membership_add(actor=actor, membership=membership)
        for membership, fields in formset.changed_objects:
            changes = {name: getattr(membership, name) for name in fields}
            membership_update(actor=actor, membership=membership, changes=changes)

    def delete_model(self, request: HttpRequest, obj: Organisation) -> None:
        organisation_delete(actor=actor_of(request), organisation=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        actor = actor_of(request)
        remove = lambda o: organisation_delete(actor=actor, organisation=o)  # noqa: E731
        each(self, request, queryset, remove, str(_("{count} verwijderd.")))


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin[RoleAssignment]):
    """Granting and revoking go through the audited services; an assignment is never edited.
    A four-eyes role (need-to-know) becomes a request that a second beheerder decides on."""

    form = RoleAssignmentForm
    list_display = ["user", "role", "area_code", "organisation", "granted_by", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "area_code", "organisation__name"]
    raw_id_fields = ["user"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        form.actor = actor_of(request)  # type: ignore[attr-defined]  # the generated subclass
        return form

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: RoleAssignment, form: Any, change: bool
    ) -> None:
        grant = role_request if obj.role in FOUR_EYES_ROLES else role_assign
        created = grant(
            actor=actor_of(request),
            user=obj.user,
            role=obj.role,
            area_code=obj.area_code,
            organisation=obj.organisation,
        )
        if isinstance(created, RoleAssignment):
            obj.pk = created.pk

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        # A four-eyes request made no assignment; the request itself is in the audit trail.
        return super().log_addition(request, obj, message) if obj.pk else None

    def response_add(
        self, request: HttpRequest, obj: RoleAssignment, post_url_continue: str | None = None
    ) -> HttpResponse:
        if obj.pk is None:
            self.message_user(request, str(REQUEST_SENT), messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:accounts_rolerequest_changelist"))
        return super().response_add(request, obj, post_url_continue)

    def delete_model(self, request: HttpRequest, obj: RoleAssignment) -> None:
        role_revoke(actor=actor_of(request), assignment=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[RoleAssignment]) -> None:
        actor = actor_of(request)
        revoke = lambda a: role_revoke(actor=actor, assignment=a)  # noqa: E731
        each(self, request, queryset.select_related("user"), revoke, str(_("{count} ingetrokken.")))


@admin.register(RoleRequest)
class RoleRequestAdmin(admin.ModelAdmin[RoleRequest]):
    """Four eyes: pending need-to-know requests, approved or rejected by a second beheerder."""

    list_display = [
        "user",
        "role",
        "area_code",
        "state",
        "requested_by",
        "requested_at",
        "decided_by",
        "decided_at",
    ]
    list_filter = ["state", "role"]
    search_fields = ["user__email", "area_code"]
    actions = ["approve", "reject"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # requests are made by granting the role under 'Roltoewijzingen'

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The list actions need 'change'; a request itself is never edited.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Goedkeuren (tweede beheerder)"), permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet[RoleRequest]) -> None:
        actor = actor_of(request)
        decide = lambda r: role_request_approve(actor=actor, role_request=r)  # noqa: E731
        each(self, request, queryset, decide, str(_("{count} verzoek(en) goedgekeurd.")))

    @admin.action(description=_("Afwijzen"), permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet[RoleRequest]) -> None:
        actor = actor_of(request)
        decide = lambda r: role_request_reject(actor=actor, role_request=r)  # noqa: E731
        each(self, request, queryset, decide, str(_("{count} verzoek(en) afgewezen.")))


# Permissions come from role assignments (accounts.backends.RoleBackend), not from groups.
admin.site.unregister(Group)
# Authenticator apps are only added by their owner (enrolment) and removed by the audited
# reset action above; django-otp's own device admin would let an admin read a user's secret.
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)
admin.site.site_header = "Ruggensteun beheer"
admin.site.site_title = "Ruggensteun beheer"
# Django's own admin login would skip the login throttle (issue 12 finding 2).
admin.site.login = views.admin_login  # type: ignore[assignment,method-assign]
