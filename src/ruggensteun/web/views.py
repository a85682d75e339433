"""Liveness and readiness probes for load balancers and orchestration, and /favicon.ico."""

import logging
from pathlib import Path

from django.db import connection
from django.db.utils import Error as DatabaseError
from django.http import FileResponse, HttpRequest, JsonResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from ruggensteun.permissions import public_page

logger = logging.getLogger(__name__)
# Browsers and feed readers ask for /favicon.ico whatever the page head links.
FAVICON = Path(__file__).with_name("static") / "web" / "favicon.ico"


@public_page
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@public_page
@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # The error text (host names, paths, users) is for the log, not for the caller.
        logger.exception("readyz: the database does not answer")
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@public_page
@cache_control(public=True, max_age=86_400)
@require_GET
def favicon(request: HttpRequest) -> FileResponse:
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
