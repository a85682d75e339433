"""Dutch first (the language is Dutch unless the visitor chose English with the switch), and no
caching of personal pages.

Django's LocaleMiddleware would follow the browser's Accept-Language; a Dutch government service
shows Dutch by default and offers English as a choice (stored in the language cookie).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
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
