"""Dutch first (the language is Dutch unless the visitor chose English with the switch), and no
caching of personal pages.

Django's LocaleMiddleware would follow the browser's Accept-Language; a Dutch government service
shows Dutch by default and offers English as a choice (stored in the language cookie).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        previous = translation.get_language()
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # The thread serves other requests (and tests) next: leave no English behind.
            if previous:
                translation.activate(previous)
            else:
                translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response


# Pages whose answers hold signals, personal data or administration, for anyone.
NO_STORE_PREFIXES = ("/signalen/", "/profiel/", "/beheer/")


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every answer to a logged-in user and on the signal, profile
    and admin pages, so no browser or proxy cache keeps them (issue 12, finding 16).

    Public pages for anonymous visitors stay cacheable. A view that already said `no-store`
    keeps its own header.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "no-store" in response.get("Cache-Control", ""):
            return response
        user = getattr(request, "user", None)
        if request.path.startswith(NO_STORE_PREFIXES) or (user and user.is_authenticated):
            add_never_cache_headers(response)
        return response


# A form body beside the largest file: field names, boundaries and the CSRF token.
FORM_OVERHEAD_BYTES = 1024 * 1024


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than one upload may be, from its Content-Length, before
    anything reads it (issue 12, finding 3): Django would otherwise spool the whole upload to
    disk before a form or importer could say it is too large. A body without a Content-Length
    (chunked) is still capped by the importers' own byte check after it arrives; a reverse
    proxy should cap it too (SECURITY.md)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        max_file_bytes: int = settings.UPLOAD_MAX_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_file_bytes + FORM_OVERHEAD_BYTES:
            return render(
                request,
                "413.html",
                {"megabytes": max_file_bytes // 2**20},
                status=413,
            )
        return self.get_response(request)
