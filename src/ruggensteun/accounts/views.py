from base64 import b32encode
from urllib.parse import urlencode

import django_otp
import segno
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from ruggensteun.permissions import page_requires, public_page

from . import selectors
from .forms import CodeForm, ThrottledLoginForm
from .models import User
from .services import (
    TwoFactorError,
    login_success_clear,
    two_factor_enrol,
    two_factor_enrolled,
    two_factor_pending_device,
    two_factor_required,
    two_factor_verify,
)

login = public_page(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=ThrottledLoginForm,
        redirect_authenticated_user=True,
    )
)
logout = public_page(auth_views.LogoutView.as_view())
password_reset = public_page(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt",
        success_url=reverse_lazy("password-reset-sent"),
    )
)
password_reset_sent = public_page(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html")
)
password_reset_confirm = public_page(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("password-reset-complete"),
    )
)
password_reset_complete = public_page(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)
password_change = page_requires("accounts.view_profile")(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html", success_url=reverse_lazy("profile")
    )
)


@receiver(user_logged_in)
def _clear_failed_attempts(
    sender: object, request: HttpRequest, user: User, **kwargs: object
) -> None:
    login_success_clear(user=user)


@page_requires("accounts.view_profile")
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": selectors.memberships_of(user),
            "roles": selectors.roles_of(user),
            "two_factor_required": two_factor_required(user),
        },
    )


# --- the admin's login and two-factor authentication (issue 12) ------------------------------


def safe_next(request: HttpRequest, default: str) -> str:
    """The `next` of the request if it stays on this site, else `default`."""
    asked = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        asked, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return asked if asked and allowed else default


def with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url}, safe='/')}"


@public_page
def admin_login(request: HttpRequest) -> HttpResponse:
    """Replaces Django's admin login, which would skip the throttle: it never authenticates
    but sends everyone to the one throttled login page."""
    next_url = safe_next(request, reverse("admin:index"))
    if request.user.is_authenticated:
        if not admin.site.has_permission(request):
            raise PermissionDenied
        return HttpResponseRedirect(next_url)
    return HttpResponseRedirect(with_next(reverse("login"), next_url))


def _qr_data_uri(device: object) -> str:
    """The otpauth:// link as an SVG image in a data: URI (the CSP allows data: images only)."""
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2))  # type: ignore[attr-defined]


def _grouped(secret: bytes) -> str:
    text = b32encode(secret).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@never_cache
@page_requires("accounts.view_profile")
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: QR code and secret, confirm with a code, recovery codes."""
    user = request.user
    assert isinstance(user, User)
    next_url = safe_next(request, reverse("home"))
    if not two_factor_required(user):
        return render(request, "accounts/two_factor_status.html", {"needed": False})
    if two_factor_enrolled(user):
        if not user.is_verified():  # type: ignore[attr-defined]  # set by OTPMiddleware
            return redirect(with_next(reverse("two-factor-verify"), next_url))
        return render(request, "accounts/two_factor_status.html", {"needed": True})
    device = two_factor_pending_device(user=user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            codes = two_factor_enrol(user=user, device=device, code=form.cleaned_data["code"])
        except TwoFactorError as exc:
            form.add_error("code", str(exc))
        else:
            django_otp.login(request, device)
            shown = {"codes": codes, "next": next_url}
            return render(request, "accounts/two_factor_codes.html", shown)
    context: dict[str, object] = {
        "form": form,
        "qr": _qr_data_uri(device),
        "secret": _grouped(device.bin_key),
        "next": next_url,
    }
    return render(request, "accounts/two_factor_setup.html", context)


@never_cache
@page_requires("accounts.view_profile")
def two_factor_verify_page(request: HttpRequest) -> HttpResponse:
    """The second step after the password: a code from the app, or a recovery code."""
    user = request.user
    assert isinstance(user, User)
    next_url = safe_next(request, reverse("home"))
    if user.is_verified() or not two_factor_required(user):  # type: ignore[attr-defined]
        return HttpResponseRedirect(next_url)
    if not two_factor_enrolled(user):
        return redirect(with_next(reverse("two-factor-setup"), next_url))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            device = two_factor_verify(user=user, code=form.cleaned_data["code"])
        except TwoFactorError as exc:
            form.add_error("code", str(exc))
        else:
            django_otp.login(request, device)
            return HttpResponseRedirect(next_url)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})
