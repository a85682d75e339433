"""Error answers: Dutch pages in the house style, and JSON under /api/ like every API answer.

The 500 page is rendered without a request context (no context processors, no database): it
must still work when the database is what failed.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

API_PREFIX = "/api/"
API_DETAILS = {
    403: "Geen toegang.",
    404: "Niet gevonden.",
    500: "Er ging iets mis op de server.",
}


def _api_error(status: int) -> JsonResponse:
    return JsonResponse({"detail": API_DETAILS[status]}, status=status)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(403)
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(500)
    return HttpResponse(loader.get_template("500.html").render(), status=500)
