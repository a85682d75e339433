"""Two-factor authentication for the roles that need it (issue 12).

A user holding beheerder, programmateam or need-to-know (or a superuser) who logged in with a
password but has not yet given a TOTP or recovery code reaches nothing but the two-factor pages,
logout, static files, the health checks and the language switch: every other request is sent
to enrolment (no app confirmed yet) or to verification. A session counts as verified when
django-otp's OTPMiddleware found a device in it. Only when settings.TWO_FACTOR_REQUIRED.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .services import two_factor_enrolled, two_factor_required

OPEN_PAGES = (
    "two-factor-verify",
    "two-factor-setup",
    "logout",
    "admin:logout",
    "set-language",
    "healthz",
    "readyz",
)


def _open(path: str) -> bool:
    if settings.STATIC_URL and path.startswith(str(settings.STATIC_URL)):
        return True
    return path in {reverse(name) for name in OPEN_PAGES}


def _verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified()) if callable(is_verified) else False


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.TWO_FACTOR_REQUIRED and self._must_verify(request):
            return self._second_step(request)
        return self.get_response(request)

    @staticmethod
    def _must_verify(request: HttpRequest) -> bool:
        user = request.user
        if not user.is_authenticated or _verified(request) or _open(request.path_info):
            return False
        return two_factor_required(user)

    @staticmethod
    def _second_step(request: HttpRequest) -> HttpResponse:
        name = "two-factor-verify" if two_factor_enrolled(request.user) else "two-factor-setup"  # type: ignore[arg-type]
        query = ""
        if request.method == "GET":
            query = "?" + urlencode({"next": request.get_full_path()}, safe="/")
        return HttpResponseRedirect(reverse(name) + query)
