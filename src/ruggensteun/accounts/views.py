from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy

from ruggensteun.accounts.permissions import page_requires, public_page

from . import selectors
from .forms import ThrottledLoginForm
from .models import User
from .services import login_success_clear

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
    login_success_clear(email=user.email)


@page_requires("accounts.view_profile")
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    return render(
        request,
        "accounts/profile.html",
        {"memberships": selectors.memberships_of(user), "roles": selectors.roles_of(user)},
    )
