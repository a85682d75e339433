from django.urls import path

from . import views

urlpatterns = [
    path("inloggen/", views.login, name="login"),
    path("inloggen/verificatie/", views.two_factor_verify_page, name="two-factor-verify"),
    path("uitloggen/", views.logout, name="logout"),
    path("profiel/", views.profile, name="profile"),
    path("profiel/wachtwoord/", views.password_change, name="password-change"),
    path("profiel/tweestapsverificatie/", views.two_factor_setup, name="two-factor-setup"),
    path("wachtwoord-vergeten/", views.password_reset, name="password-reset"),
    path("wachtwoord-vergeten/verzonden/", views.password_reset_sent, name="password-reset-sent"),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        views.password_reset_complete,
        name="password-reset-complete",
    ),
]
